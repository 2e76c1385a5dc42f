#pragma once

#include "profiles/profile.h"
#include "profiles/variables.h"

#include <QUrl>
#include <QWidget>
#include <optional>

class QCheckBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class NameValueTable;
class TransportEditor;

/// The settings form of one profile: name, URL (or the built-in echo server),
/// handshake headers, subprotocols, timeouts, TLS and proxy options, and limits.
///
/// Each committed edit (editing finished, a toggle, a header change) emits
/// profileEdited() with the whole profile; the owner decides whether to accept it and
/// reports a refusal back with showProblem(). Fields are never reverted behind the
/// user's back.
class ProfileEditor final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProfileEditor)
public:
    explicit ProfileEditor(QWidget *parent = nullptr);
    ~ProfileEditor() override;

    /// Shows @p profile; @p echoUrl is displayed for a built-in echo profile.
    void setProfile(const Profile &profile, const QUrl &echoUrl);
    /// Empties and disables the form (no profile selected).
    void clearProfile();
    /// The environment a URL template is shown resolved against, under the URL (the
    /// active one; nullopt: none).
    void setEnvironment(const std::optional<Environment> &environment);
    /// The profile as the fields currently describe it.
    Profile profile() const;
    void showProblem(const QString &problem);
    /// Compact puts each label above its field, for a narrow panel.
    void setCompact(bool compact);
    /// Puts the cursor in the name field with the name selected, for renaming.
    void focusName();

Q_SIGNALS:
    void profileEdited(const Profile &profile);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void updateResolvedUrl();
    void buildConnectionFields();
    void buildLimitFields();
    void buildProblemRow();
    void buildLayout();
    void wireEdits();
    void onBuiltInEchoToggled();
    /// Adds an empty header row and starts editing its name.
    void addHeaderRow();
    void removeHeaderRow();
    /// A spin box of MiB from @p min to @p max, named @p name for accessibility.
    QSpinBox *mibBox(const QString &name, int min, int max, const QString &toolTip);
    /// A check box reading @p text, short so that it does not set the narrow panel's
    /// width; @p name, what it does in full, is what a screen reader says, and
    /// @p toolTip (its accessible description too) says it in full as well.
    QCheckBox *checkBox(const QString &text, const QString &name, const QString &toolTip);
    void commit();
    void updateHeaderWarning();
    void updateUrlField();
    /// Puts Profile::suggestedUrl() of the URL field in it, and commits.
    void useSuggestedUrl();

    QFormLayout *m_form = nullptr;
    QLineEdit *m_name = nullptr;
    QCheckBox *m_builtInEcho = nullptr;
    QLineEdit *m_url = nullptr;
    NameValueTable *m_headers = nullptr;
    QPushButton *m_addHeader = nullptr;
    QPushButton *m_removeHeader = nullptr;
    QLineEdit *m_subprotocols = nullptr;
    QSpinBox *m_timeout = nullptr;
    QSpinBox *m_closeTimeout = nullptr;
    QCheckBox *m_ignoreTls = nullptr;
    TransportEditor *m_transport = nullptr; ///< CA bundle, client certificate, proxy.
    QSpinBox *m_pingInterval = nullptr;
    QSpinBox *m_maxLogRows = nullptr;
    QSpinBox *m_maxMessage = nullptr;
    QSpinBox *m_logBudget = nullptr;
    QCheckBox *m_showSecrets = nullptr;
    QList<Snippet> m_snippets; ///< Kept as loaded; the tab edits them, not this form.
    QLabel *m_problem = nullptr;
    QLabel *m_headerWarning = nullptr;        ///< Profile::headerWarning() for the headers typed.
    QPushButton *m_useSuggestedUrl = nullptr; ///< Offers ws:// for "127.0.0.1:8765".
    QUrl m_echoUrl;
    std::optional<Environment> m_environment;
    QLabel *m_resolvedUrl = nullptr; ///< A URL template, resolved (secrets as •••).
    QString m_savedUrlText;          ///< The URL text while the echo server box hides it.
    bool m_loading = false;
};
