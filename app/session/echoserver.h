#pragma once

#include "protocol/peerlimits.h"
#include "session/echoconnection.h"

#include <QHostAddress>
#include <QObject>
#include <QUrl>
#include <vector>

class QTcpServer;
class QWebSocketServer;

/// The built-in echo server: echoes every text and binary message back as it came.
/// QWebSocket answers pings with pongs itself (RFC 6455 5.5.2), and completes the closing
/// handshake by echoing the client's status code and reason (RFC 6455 5.5.1). Listens on
/// loopback only.
///
/// It runs its own QTcpServer and hands each accepted socket to
/// QWebSocketServer::handleConnection(), so that each EchoConnection sees the bytes before
/// QtWebSockets does; that is how an unmasked client frame is failed with 1002, which
/// 6.4 does not check. Its limits: messages and frames up to maxIncomingMessageBytes()
/// (1009 beyond), and at most maxWriteBacklogBytes() unsent to a client that does not read
/// (dropped beyond).
class EchoServer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EchoServer)
public:
    /// The largest message and frame accepted from a client by default, in bytes: the
    /// client session's default (RFC 6455 7.4.1: 1009 beyond it).
    static constexpr qint64 DefaultMaxIncomingMessageBytes =
        Limits::DefaultMaxIncomingMessageMiB * Limits::MiB;
    /// Unsent bytes a client may have before it is dropped, by default, in bytes. All of
    /// them count, echoes and pongs: the client made the server queue them all.
    static constexpr qint64 DefaultMaxWriteBacklogBytes = Limits::MaxWriteBacklogBytes;
    /// The opening handshake's deadline by default, in ms (QWebSocketServer's own default).
    static constexpr int DefaultHandshakeTimeoutMs = 10000;

    explicit EchoServer(QObject *parent = nullptr);
    ~EchoServer() override;

    /// Listens on 127.0.0.1:@p port (0 picks a free port). Returns false and sets
    /// errorString() when the port cannot be bound.
    bool listen(quint16 port = 0);
    bool isListening() const;
    quint16 port() const;
    /// ws://127.0.0.1:PORT/ while listening, else empty.
    QUrl url() const;
    QString errorString() const;
    /// Connections currently open (past the opening handshake).
    int connectionCount() const { return m_openConnections; }

    /// The largest message and frame accepted from a client, in bytes
    /// (DefaultMaxIncomingMessageBytes unless set). Applies to connections accepted after
    /// the call.
    void setMaxIncomingMessageBytes(qint64 bytes) { m_limits.maxIncomingMessageBytes = bytes; }
    qint64 maxIncomingMessageBytes() const { return m_limits.maxIncomingMessageBytes; }
    /// The unsent bytes past which a client is dropped, in bytes; applies to connections
    /// accepted after the call.
    void setMaxWriteBacklogBytes(qint64 bytes) { m_limits.maxWriteBacklogBytes = bytes; }
    qint64 maxWriteBacklogBytes() const { return m_limits.maxWriteBacklogBytes; }
    /// The opening handshake's deadline, in ms (negative: none); for later connections.
    void setHandshakeTimeoutMs(int ms) { m_limits.handshakeTimeoutMs = ms; }
    /// The most bytes any client has had unsent, in bytes.
    qint64 peakWriteBacklogBytes() const;

Q_SIGNALS:
    void clientConnected(const QString &peer);
    /// A client's close frame arrived with @p code and @p reason; the same frame is
    /// echoed back.
    void closeFrameReceived(quint16 code, const QString &reason);
    /// The server ended a connection on its own: a protocol error, a limit, a client that
    /// does not read (RFC 6455 7.1.7). @p why says which, and whether a close frame went.
    void connectionFailed(const QString &peer, const QString &why);
    /// A client's connection ended; @p closeFrameSeen is false when it ended without a
    /// close frame (the server's side of a 1006 Abnormal Closure).
    void clientDisconnected(const QString &peer, bool closeFrameSeen);

private:
    void onTcpConnection();
    void onUpgraded();
    void onConnectionFinished(EchoConnection *client, bool closeFrameSeen);

    QTcpServer *m_tcpServer = nullptr;
    QWebSocketServer *m_wsServer = nullptr;
    std::vector<EchoConnection *> m_clients; ///< Children, until their connection ends.
    EchoConnection::ClientLimits m_limits;
    int m_openConnections = 0;
    qint64 m_peakBacklogOfEnded = 0;
};
