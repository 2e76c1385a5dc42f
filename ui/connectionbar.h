#pragma once

#include "profiles/profile.h"
#include "session/websocketsession.h"

#include <QWidget>
#include <optional>

class QLabel;
class QPushButton;

/// The top row of a tab: the connection-state badge, the "TLS not verified" badge,
/// the server URL (secrets shown as •••, UrlRedaction), the accepted subprotocol and
/// the Connect button. It shows what it is told; the tab tells it from the
/// WebSocketSession's signals.
class ConnectionBar final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionBar)
public:
    explicit ConnectionBar(QWidget *parent = nullptr);

    /// The state badge's text and colour; Connect is enabled only while Closed.
    void showState(WebSocketSession::State state);
    /// Shows or hides the "TLS not verified" badge.
    void showTlsNotVerified(bool shown);
    /// The subprotocol the server accepted (RFC 6455 1.9), or empty for none.
    void showSubprotocol(const QString &subprotocol);
    /// The URL label. While a connection lasts (@p live, the settings it was opened
    /// with, URL resolved) it says where that connection is, and adds "the edited profile
    /// applies at the next Connect" when @p profile now points elsewhere; otherwise it
    /// shows @p profile's URL (a URL template as typed). The built-in echo server shows
    /// as @p echoUrl. @p liveUrl is the live connection's URL with its secrets as •••
    /// (WebSocketSession::redactedUrl); @p environment the environment it was opened with,
    /// or that the next Connect uses, shown after the URL when there is one.
    void showTarget(const Profile &profile, const std::optional<Profile> &live, const QUrl &echoUrl,
                    const QString &liveUrl = {}, const QString &environment = {});

    /// Puts the keyboard focus on Connect.
    void focusConnect();

Q_SIGNALS:
    void connectRequested();

private:
    QLabel *m_stateLabel = nullptr;
    QLabel *m_tlsBadge = nullptr;
    QLabel *m_target = nullptr;
    QLabel *m_subprotocol = nullptr;
    QPushButton *m_connectButton = nullptr;
};
