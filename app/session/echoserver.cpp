#include "echoserver.h"

#include <QTcpServer>
#include <QTcpSocket>
#include <QWebSocket>
#include <QWebSocketServer>
#include <algorithm>

EchoServer::EchoServer(QObject *parent)
    : QObject(parent), m_tcpServer(new QTcpServer(this)),
      m_wsServer(new QWebSocketServer(QStringLiteral("Sockscope echo server"),
                                      QWebSocketServer::NonSecureMode, this))
{
    m_limits.maxIncomingMessageBytes = DefaultMaxIncomingMessageBytes;
    m_limits.maxWriteBacklogBytes = DefaultMaxWriteBacklogBytes;
    m_limits.handshakeTimeoutMs = DefaultHandshakeTimeoutMs;
    connect(m_tcpServer, &QTcpServer::newConnection, this, &EchoServer::onTcpConnection);
    connect(m_wsServer, &QWebSocketServer::newConnection, this, &EchoServer::onUpgraded);
}

EchoServer::~EchoServer()
{
    // Quietly: no signal about a client may come from a server being destroyed. Each
    // QWebSocket still open closes with 1001 Going Away as it goes.
    for (EchoConnection *client : m_clients) {
        client->disconnect(this);
        delete client;
    }
}

bool EchoServer::listen(quint16 port)
{
    return m_tcpServer->listen(QHostAddress::LocalHost, port);
}

bool EchoServer::isListening() const
{
    return m_tcpServer->isListening();
}

quint16 EchoServer::port() const
{
    return m_tcpServer->serverPort();
}

QUrl EchoServer::url() const
{
    if (!m_tcpServer->isListening())
        return {};
    return QUrl(QStringLiteral("ws://127.0.0.1:%1/").arg(m_tcpServer->serverPort()));
}

QString EchoServer::errorString() const
{
    return m_tcpServer->errorString();
}

qint64 EchoServer::peakWriteBacklogBytes() const
{
    qint64 peak = m_peakBacklogOfEnded;
    for (const EchoConnection *client : m_clients)
        peak = std::max(peak, client->peakWriteBacklogBytes());
    return peak;
}

void EchoServer::onTcpConnection()
{
    while (QTcpSocket *socket = m_tcpServer->nextPendingConnection()) {
        auto *client = new EchoConnection(socket, m_limits, this);
        m_clients.push_back(client);
        connect(client, &EchoConnection::closeFrameReceived, this, &EchoServer::closeFrameReceived);
        connect(client, &EchoConnection::failed, this, [this, client](const QString &why) {
            Q_EMIT connectionFailed(client->peer(), why);
        });
        connect(client, &EchoConnection::finished, this,
                [this, client](bool closeSeen) { onConnectionFinished(client, closeSeen); });
        // After EchoConnection connected its readyRead handler: that one must run first.
        m_wsServer->handleConnection(socket);
    }
}

/// QWebSocketServer finished an opening handshake (emitted from its handshakeReceived).
void EchoServer::onUpgraded()
{
    while (QWebSocket *socket = m_wsServer->nextPendingConnection()) {
        const auto it = std::find_if(m_clients.begin(), m_clients.end(),
                                     [socket](auto *c) { return c->isTransportOf(socket); });
        if (it == m_clients.end()) { // cannot happen: every socket came from onTcpConnection()
            socket->setParent(this);
            socket->abort();
            socket->deleteLater();
            continue;
        }
        ++m_openConnections;
        Q_EMIT clientConnected((*it)->peer());
        (*it)->adopt(socket); // may fail the connection at once (an unmasked frame came early)
    }
}

void EchoServer::onConnectionFinished(EchoConnection *client, bool closeFrameSeen)
{
    m_peakBacklogOfEnded = std::max(m_peakBacklogOfEnded, client->peakWriteBacklogBytes());
    m_clients.erase(std::remove(m_clients.begin(), m_clients.end(), client), m_clients.end());
    if (client->isUpgraded()) {
        --m_openConnections;
        Q_EMIT clientDisconnected(client->peer(), closeFrameSeen);
    }
    client->deleteLater(); // it is in the middle of emitting finished()
}
