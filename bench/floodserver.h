#pragma once

#include <QByteArray>
#include <QObject>
#include <QThread>

class QTcpServer;

/// A WebSocket server on 127.0.0.1 that answers the opening handshake (RFC 6455 4.2.2)
/// by hand and then writes a flood of pre-built text frames (opcode 0x1, unmasked, as
/// a server sends them) to each client, as fast as TCP takes them. It runs on a thread
/// of its own so that producing the flood costs the client's thread nothing.
class FloodServer final : public QObject
{
    Q_OBJECT
public:
    /// Builds @p messages frames of @p payloadBytes each: "%09d" message number, then
    /// filler. Starts listening on its own thread.
    /// @p port 0 picks a free port.
    FloodServer(int messages, int payloadBytes, quint16 port = 0);
    ~FloodServer() override;

    quint16 port() const { return m_port; }
    /// The payload of message @p n (0-based), as the client must log it.
    static QByteArray payload(int n, int payloadBytes);

private:
    void listen();
    void onNewConnection();

    QThread m_thread;
    QTcpServer *m_server = nullptr;
    QByteArray m_frames;
    quint16 m_port = 0;
    quint16 m_wantedPort = 0;
};
