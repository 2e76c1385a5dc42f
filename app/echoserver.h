#pragma once

#include <QHostAddress>
#include <QObject>
#include <QUrl>

class QWebSocketServer;

/// The built-in echo server: a QWebSocketServer that echoes every text and binary
/// message back as it came. QWebSocket answers pings with pongs itself (RFC 6455 5.5.2),
/// and completes the closing handshake by echoing the client's status code and reason
/// (RFC 6455 5.5.1). Listens on loopback only.
class EchoServer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EchoServer)
public:
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
    /// Connections currently open.
    int connectionCount() const { return m_connections; }

Q_SIGNALS:
    void clientConnected(const QString &peer);
    /// A client's close frame arrived with @p code and @p reason; the same frame is
    /// echoed back.
    void closeFrameReceived(quint16 code, const QString &reason);
    /// A client's connection ended; @p closeFrameSeen is false when it ended without a
    /// close frame (the server's side of a 1006 Abnormal Closure).
    void clientDisconnected(const QString &peer, bool closeFrameSeen);

private:
    void onNewConnection();

    QWebSocketServer *m_server = nullptr;
    int m_connections = 0;
};
