#pragma once
// An in-process QWebSocketServer on 127.0.0.1 for the session tests: what its one client
// sent is what the tests assert.

#include "sessiontesthelpers.h"

#include <QPointer>
#include <QTest>
#include <QWebSocket>
#include <QWebSocketServer>

/// A QWebSocketServer that records what its one client sent, and can close first or
/// drop the TCP connection on request.
class TestServer : public QObject
{
public:
    TestServer()
    {
        connect(&server, &QWebSocketServer::newConnection, this, [this] {
            client = server.nextPendingConnection();
            // Qt 6.4's QWebSocketServer hands the socket over without a parent: the
            // fixture owns it, so it goes with the fixture (LeakSanitizer, dev-asan).
            client->setParent(this);
            ++connections;
            closeFrameSeen = false;
            closeCode = -1;
            closeReason.clear();
            ended = false;
            serverClosing = false;
            request = client->request();
            connect(client, &QWebSocket::textMessageReceived, this, [this](const QString &m) {
                texts.append(m);
                client->sendTextMessage(m);
            });
            connect(client, &QWebSocket::binaryMessageReceived, this,
                    [this](const QByteArray &b) { client->sendBinaryMessage(b); });
            // On the server, aboutToClose without our own close() is the client's close
            // frame being answered (QWebSocketPrivate::processClose).
            connect(client, &QWebSocket::aboutToClose, this, [this] {
                if (serverClosing || closeFrameSeen)
                    return;
                closeFrameSeen = true;
                closeCode = int(client->closeCode());
                closeReason = client->closeReason();
            });
            connect(client, &QWebSocket::disconnected, this, [this] { ended = true; });
        });
        QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    }
    QUrl url(const QString &path = QStringLiteral("/")) const
    {
        return QUrl(QStringLiteral("ws://127.0.0.1:%1%2").arg(server.serverPort()).arg(path));
    }
    void closeFirst(QWebSocketProtocol::CloseCode code, const QString &reason)
    {
        serverClosing = true;
        client->close(code, reason);
    }

    QWebSocketServer server{QStringLiteral("session tests"), QWebSocketServer::NonSecureMode};
    QPointer<QWebSocket> client;
    QNetworkRequest request;
    QStringList texts;
    int connections = 0;
    bool closeFrameSeen = false;
    int closeCode = -1;
    QString closeReason;
    bool ended = false;
    bool serverClosing = false;
};

/// Opens @p session on @p server (with @p profile, if named) and waits for the server's
/// side of the connection.
inline void openAndWaitFor(WebSocketSession &session, const Profile &profile)
{
    QSignalSpy opened(&session, &WebSocketSession::opened);
    QVERIFY(session.open(profile));
    QVERIFY(opened.wait(10000));
    QCOMPARE(session.state(), WebSocketSession::State::Open);
}

inline void openAndWait(WebSocketSession &session, TestServer &server, Profile profile = {})
{
    if (profile.name.isEmpty())
        profile = profileFor(server.url());
    openAndWaitFor(session, profile);
    QTRY_VERIFY(server.client);
}
