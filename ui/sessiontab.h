#pragma once

#include "profile.h"
#include "websocketsession.h"

#include <QUrl>
#include <QWidget>

class CloseControls;
class LogFilterModel;
class LogView;
class ProfileModel;
class QLabel;
class QLineEdit;
class QPushButton;

/// One tab: a profile's connection, with its state, message log, composer and close
/// controls. Everything shown comes from the WebSocketSession's signals.
class SessionTab final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SessionTab)
public:
    /// @p profileId is the ProfileModel id the tab follows; @p echoUrl is where the
    /// built-in echo server listens (empty if it is not running).
    SessionTab(ProfileModel *profiles, quint64 profileId, const QUrl &echoUrl,
               QWidget *parent = nullptr);

    quint64 profileId() const { return m_profileId; }
    /// The profile's name, as last seen (kept if the profile is deleted).
    QString profileName() const { return m_profile.name; }
    WebSocketSession *session() const { return m_session; }
    /// The rows the log view shows: the session's log through the filter and pause.
    LogFilterModel *logFilter() const { return m_filter; }
    LogView *logView() const { return m_log; }

public Q_SLOTS:
    void connectToServer();
    void sendMessage();

Q_SIGNALS:
    void titleChanged(const QString &title);

private:
    void refreshProfile();
    void onStateChanged(WebSocketSession::State state);
    void showStatus(const QString &text, bool isError);

    ProfileModel *m_profiles = nullptr;
    quint64 m_profileId = 0;
    QUrl m_echoUrl;
    Profile m_profile; ///< Last known settings of the profile.
    WebSocketSession *m_session = nullptr;
    QLabel *m_target = nullptr;
    QLabel *m_stateLabel = nullptr;
    QLabel *m_subprotocol = nullptr;
    QPushButton *m_connectButton = nullptr;
    LogFilterModel *m_filter = nullptr;
    LogView *m_log = nullptr;
    QLineEdit *m_message = nullptr;
    QPushButton *m_sendButton = nullptr;
    CloseControls *m_closeControls = nullptr;
    QLabel *m_status = nullptr;
};
