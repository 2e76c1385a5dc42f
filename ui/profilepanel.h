#pragma once

#include <QGroupBox>
#include <QUrl>

class EnvironmentChooser;
class ProfileEditor;
class ProfileListView;
class ProfileModel;
class QMenu;
class QPushButton;
struct Profile;

/// The main window's profiles, managed like a project's settings: the list
/// (ProfileListView on the ProfileModel), New, Duplicate, Rename, Delete and Open, and
/// the selected profile's form (ProfileEditor). An edit in the form is stored in the
/// model at once; a refusal is shown in the form and the fields stay as typed.
class ProfilePanel final : public QGroupBox
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProfilePanel)
public:
    /// @p profiles must outlive the panel; @p echoUrl is shown for the built-in echo
    /// server's profile.
    ProfilePanel(ProfileModel *profiles, const QUrl &echoUrl, QWidget *parent = nullptr);

    /// The selected row, or -1.
    int selectedRow() const;
    /// Selects @p row (if it exists) and shows it in the form.
    void selectRow(int row);
    /// Adds New, Duplicate, Rename, Delete and Open in Tab to @p menu, with shortcuts.
    void addActionsTo(QMenu *menu);
    /// The active-environment chooser, for the window to place (the menu bar's corner:
    /// it costs the panel no height).
    EnvironmentChooser *environmentChooser() const { return m_chooser; }

    /// Below this width, in average characters, the form puts labels above fields.
    static constexpr int CompactBelowWidth = 56;

Q_SIGNALS:
    /// Open, Return or a double click on the profile in @p row.
    void openRequested(int row);

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    QPushButton *makeButton(const QString &text, const QString &toolTip);
    void onNewClicked();
    void onDuplicateClicked();
    void onRenameClicked();
    void onDeleteClicked();
    void onOpenClicked();
    void onSelectionChanged();
    void onProfileChanged(const QModelIndex &topLeft);
    void onProfileEdited(const Profile &profile);
    void editEnvironments();
    void showActiveEnvironment();

    ProfileModel *m_profiles = nullptr;
    QUrl m_echoUrl;
    ProfileListView *m_list = nullptr;
    ProfileEditor *m_editor = nullptr;
    QPushButton *m_newButton = nullptr;
    QPushButton *m_duplicateButton = nullptr;
    QPushButton *m_renameButton = nullptr;
    QPushButton *m_deleteButton = nullptr;
    QPushButton *m_openButton = nullptr;
    QPushButton *m_environmentsButton = nullptr; ///< EnvironmentChooser's Edit…, for the menu
    EnvironmentChooser *m_chooser = nullptr;
    bool m_applyingEdit = false; ///< The form's own edit is being stored: don't reload it.
};
