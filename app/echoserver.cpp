#include "echoserver.h"

#include <QWebSocket>
#include <QWebSocketServer>
#include <memory>

EchoServer::EchoServer(QObject *parent)
    : QObject(parent), m_server(new QWebSocketServer(QStringLiteral("Sockscope echo server"),
                                                     QWebSocketServer::NonSecureMode, this))
{
    connect(m_server, &QWebSocketServer::newConnection, this, &EchoServer::onNewConnection);
}

EchoServer::~EchoServer() = default;

bool EchoServer::listen(quint16 port)
{
    return m_server->listen(QHostAddress::LocalHost, port);
}

bool EchoServer::isListening() const
{
    return m_server->isListening();
}

quint16 EchoServer::port() const
{
    return m_server->serverPort();
}

QUrl EchoServer::url() const
{
    if (!m_server->isListening())
        return {};
    return QUrl(QStringLiteral("ws://127.0.0.1:%1/").arg(m_server->serverPort()));
}

QString EchoServer::errorString() const
{
    return m_server->errorString();
}

void EchoServer::onNewConnection()
{
    while (QWebSocket *socket = m_server->nextPendingConnection()) {
        ++m_connections;
        const QString peer =
            QStringLiteral("%1:%2").arg(socket->peerAddress().toString()).arg(socket->peerPort());
        // Shared by the lambdas below: whether this connection saw a close frame.
        auto closeSeen = std::make_shared<bool>(false);
        connect(socket, &QWebSocket::textMessageReceived, socket,
                [socket](const QString &message) { socket->sendTextMessage(message); });
        connect(socket, &QWebSocket::binaryMessageReceived, socket,
                [socket](const QByteArray &data) { socket->sendBinaryMessage(data); });
        // aboutToClose on the server side only comes from answering the client's close
        // frame (QWebSocketPrivate::processClose), when closeCode() is the client's.
        connect(socket, &QWebSocket::aboutToClose, this, [this, socket, closeSeen] {
            if (*closeSeen)
                return; // 6.4 emits aboutToClose twice
            *closeSeen = true;
            Q_EMIT closeFrameReceived(quint16(socket->closeCode()), socket->closeReason());
        });
        connect(socket, &QWebSocket::disconnected, this, [this, socket, peer, closeSeen] {
            --m_connections;
            Q_EMIT clientDisconnected(peer, *closeSeen);
            socket->deleteLater();
        });
        Q_EMIT clientConnected(peer);
    }
}
