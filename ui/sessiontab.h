#pragma once

#include "composer.h"
#include "log/logexporter.h"
#include "profiles/profile.h"
#include "session/websocketsession.h"

#include <QUrl>
#include <QWidget>

class CloseControls;
class ConnectionBar;
class DetailPane;
class FramesView;
class HandshakeView;
class QPushButton;
class QTabWidget;
class FilterBar;
class LogFilterModel;
class LogToolbar;
class LogView;
class SecretPrompt;
class PingBar;
class ProfileModel;
class SnippetBar;
class StatisticsLine;
class StatusLine;

/// One tab: a profile's connection. It composes the small widgets (connection bar,
/// statistics line, log toolbar, filter bar, log view and detail pane, composer,
/// snippet bar, ping bar, close controls, status line) and wires them to one
/// WebSocketSession. Everything shown about the connection comes from the session's
/// signals.
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
    static constexpr int MaxHistory = Composer::MaxHistory;
    /// Largest file "Send file…" sends, in bytes.
    static constexpr qint64 MaxFileBytes = Composer::MaxFileBytes;

    quint64 profileId() const { return m_profileId; }
    /// The profile's name, as last seen (kept if the profile is deleted).
    QString profileName() const { return m_profile.name; }
    WebSocketSession *session() const { return m_session; }
    /// The rows the log view shows: the session's log through the filter and pause.
    LogFilterModel *logFilter() const { return m_filter; }
    LogView *logView() const { return m_log; }
    DetailPane *detailPane() const { return m_detail; }
    LogExporter *exporter() const { return m_exporter; }
    Composer *composer() const { return m_composer; }
    FilterBar *filterBar() const { return m_filterBar; }

public Q_SLOTS:
    void connectToServer();
    void openConnection(const Profile &profile);
    void offerRedirect();
    void followRedirect();
    /// Close, as its button: the closing handshake with the chosen code and reason.
    void closeConnection();
    /// Stop, as its button.
    void stopConnection();
    /// Puts the cursor in the log's filter field.
    void focusFilter();
    /// Sends the composer's text in the chosen format; bad hex or base64 sends nothing
    /// and shows why.
    void sendMessage();
    /// Sends @p path's bytes as one binary message (at most MaxFileBytes).
    bool sendFile(const QString &path);
    void sendPing();
    /// Starts exporting to @p path (format from the suffix): the shown rows, or all.
    bool exportLog(const QString &path, bool onlyShownRows);

Q_SIGNALS:
    void titleChanged(const QString &title);

private:
    void buildWidgets();
    void buildLayout();
    void wireSession();
    void wireLog();
    void wireComposer();

    void refreshProfile();
    /// The URL label: the live connection's while it lasts, else the profile's.
    void showTarget();
    void onSecretsReady(const ConnectSecrets &secrets);
    void onSecretsCancelled();
    void onStateChanged(WebSocketSession::State state);
    void onOpened();
    void onErrorOccurred(const QString &message);
    /// Says in the status line how the connection ended, unless an error says it.
    void showHowItEnded();
    /// Shows the "TLS not verified" badge while a connection whose TLS errors were
    /// ignored lasts.
    void updateTlsBadge();
    /// CloseControls asked for the closing handshake with @p code and @p reason.
    void onCloseRequested(int code, const QString &reason);
    void onStopRequested();
    void focusConnectAfterEnd();

    void onPausedChanged(bool paused);
    void onClearRequested();
    void onFilterApplied();
    void showCurrentRow();
    /// Switches to the Frames view with the frames of the message at @p index (of the
    /// log view) selected, or says in the status line why it has none.
    void showFramesOf(const QModelIndex &index);

    /// A send was refused because the connection is not open.
    void showNotOpen();
    void onSnippetChosen(const Snippet &snippet);
    void onComposeRequested(const QString &text, PayloadFormat format);
    void saveSnippet();
    void deleteSnippet(int index);

    ProfileModel *m_profiles = nullptr;
    quint64 m_profileId = 0;
    QUrl m_echoUrl;
    Profile m_profile; ///< Last known settings of the profile.
    WebSocketSession *m_session = nullptr;
    LogFilterModel *m_filter = nullptr;
    LogExporter *m_exporter = nullptr;
    SecretPrompt *m_secretPrompt = nullptr; ///< Asks for a key passphrase or proxy password.
    Profile m_connecting; ///< What openConnection() connects to once the secrets are there.

    ConnectionBar *m_connectionBar = nullptr;
    StatisticsLine *m_statistics = nullptr;
    LogToolbar *m_logToolbar = nullptr;
    FilterBar *m_filterBar = nullptr;
    LogView *m_log = nullptr;
    DetailPane *m_detail = nullptr;
    FramesView *m_frames = nullptr;
    HandshakeView *m_handshake = nullptr;
    QTabWidget *m_views = nullptr;
    Composer *m_composer = nullptr;
    SnippetBar *m_snippetBar = nullptr;
    PingBar *m_pingBar = nullptr;
    CloseControls *m_closeControls = nullptr;
    StatusLine *m_status = nullptr;
    QPushButton *m_followRedirect = nullptr; ///< "Connect to <Location>" after a 3xx answer.
    /// The user's Close or Stop is ending the connection: Connect gets the focus once it
    /// has ended, rather than whatever follows the disabled Close in the focus chain.
    bool m_focusConnectAtEnd = false;
};
