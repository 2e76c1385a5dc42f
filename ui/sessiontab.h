#pragma once

#include "log/logexporter.h"
#include "log/payloadcodec.h"
#include "profiles/profile.h"
#include "session/websocketsession.h"

#include <QElapsedTimer>
#include <QUrl>
#include <QWidget>
#include <optional>

class CloseControls;
class DetailPane;
class LogFilterModel;
class LogView;
class ProfileModel;
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QToolButton;

/// One tab: a profile's connection, with its state, statistics, message log (filter,
/// follow, pause, clear, export, detail pane), composer (text, hex, base64, file;
/// history; snippets), ping, and close controls. Everything shown about the connection
/// comes from the WebSocketSession's signals.
class SessionTab final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SessionTab)
public:
    /// @p profileId is the ProfileModel id the tab follows; @p echoUrl is where the
    /// built-in echo server listens (empty if it is not running).
    SessionTab(ProfileModel *profiles, quint64 profileId, const QUrl &echoUrl,
               QWidget *parent = nullptr);

    /// Composer history entries kept per tab.
    static constexpr int MaxHistory = 200;
    /// Largest file "Send file…" sends, in bytes.
    static constexpr qint64 MaxFileBytes = 64 * 1024 * 1024;

    quint64 profileId() const { return m_profileId; }
    /// The profile's name, as last seen (kept if the profile is deleted).
    QString profileName() const { return m_profile.name; }
    WebSocketSession *session() const { return m_session; }
    /// The rows the log view shows: the session's log through the filter and pause.
    LogFilterModel *logFilter() const { return m_filter; }
    LogView *logView() const { return m_log; }
    DetailPane *detailPane() const { return m_detail; }
    LogExporter *exporter() const { return m_exporter; }

public Q_SLOTS:
    void connectToServer();
    /// Sends the composer's text in the chosen format; bad hex or base64 sends nothing
    /// and shows why.
    void sendMessage();
    /// Sends @p path's bytes as one binary message.
    bool sendFile(const QString &path);
    void sendPing();
    /// Starts exporting to @p path (format from the suffix): the shown rows, or all.
    bool exportLog(const QString &path, bool onlyShownRows);

Q_SIGNALS:
    void titleChanged(const QString &title);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void refreshProfile();
    /// The URL label: the live connection's while it lasts, else the profile's.
    void showTarget();
    void onStateChanged(WebSocketSession::State state);
    void showStatus(const QString &text, bool isError);
    /// An edit of the composer (text or format) makes a refusal of its old text stale.
    void onComposerEdited();
    /// Says in the status line how the connection ended, unless an error says it.
    void showHowItEnded();
    /// Shows the "TLS not verified" badge while a connection whose TLS errors were
    /// ignored lasts.
    void updateTlsBadge();
    void applyFilter();
    /// Refreshes the statistics line; @p sampleRate also takes a new msg/s sample.
    void updateStatistics(bool sampleRate);
    void showCurrentRow();
    void recallHistory(int step);
    void refreshSnippets();
    void saveSnippet();
    void deleteSnippet();
    void chooseFileToSend();
    void chooseExportFile(bool onlyShownRows);
    PayloadFormat composerFormat() const;

    ProfileModel *m_profiles = nullptr;
    quint64 m_profileId = 0;
    QUrl m_echoUrl;
    Profile m_profile; ///< Last known settings of the profile.
    /// The settings the current or last connection was opened with (URL resolved).
    std::optional<Profile> m_connected;
    WebSocketSession *m_session = nullptr;
    LogFilterModel *m_filter = nullptr;
    LogExporter *m_exporter = nullptr;

    QLabel *m_target = nullptr;
    QLabel *m_stateLabel = nullptr;
    QLabel *m_tlsBadge = nullptr;
    QLabel *m_subprotocol = nullptr;
    QPushButton *m_connectButton = nullptr;
    QLabel *m_stats = nullptr;

    QComboBox *m_directionFilter = nullptr;
    QComboBox *m_kindFilter = nullptr;
    QLineEdit *m_textFilter = nullptr;
    QCheckBox *m_regexFilter = nullptr;
    QCheckBox *m_caseFilter = nullptr;
    QLabel *m_filterStatus = nullptr;
    QPushButton *m_followButton = nullptr;
    QPushButton *m_pauseButton = nullptr;
    QPushButton *m_clearButton = nullptr;
    QToolButton *m_exportButton = nullptr;
    QProgressBar *m_exportProgress = nullptr;
    QPushButton *m_cancelExport = nullptr;

    LogView *m_log = nullptr;
    DetailPane *m_detail = nullptr;

    QComboBox *m_format = nullptr;
    QLineEdit *m_message = nullptr;
    QPushButton *m_sendButton = nullptr;
    QPushButton *m_fileButton = nullptr;
    QComboBox *m_snippets = nullptr;
    QPushButton *m_saveSnippet = nullptr;
    QPushButton *m_deleteSnippet = nullptr;
    QLineEdit *m_pingPayload = nullptr;
    QPushButton *m_pingButton = nullptr;

    CloseControls *m_closeControls = nullptr;
    QLabel *m_status = nullptr;
    bool m_statusIsError = false;
    bool m_composerRefused = false; ///< The status line says why the composer's text was refused.

    struct HistoryEntry
    {
        QString text;
        PayloadFormat format;
    };
    QList<HistoryEntry> m_history;
    int m_historyPos = 0; ///< == m_history.size() when not browsing.
    QString m_draft;      ///< What was typed before browsing history.

    QElapsedTimer m_rateClock;
    qint64 m_rateMessages = 0;
    double m_rate = 0;
};
