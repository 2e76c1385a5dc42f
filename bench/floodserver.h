#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QObject>
#include <QThread>
#include <memory>

class QTcpServer;
class QTcpSocket;

/// A WebSocket server on 127.0.0.1 that answers the opening handshake (RFC 6455 4.2.2)
/// by hand and then writes a flood of frames (unmasked, as a server sends them) to each
/// client, as fast as TCP takes them. It runs on a thread of its own so that producing
/// the flood costs the client's thread nothing.
///
/// Two kinds of flood: many small pre-built text frames (opcode 0x1), or a few large
/// binary ones (opcode 0x2, see Binary) built while they are sent, so the server holds
/// about 2 MiB however large they are.
class FloodServer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FloodServer)
public:
    /// A flood of large binary messages: @p messages of @p messageBytes bytes each.
    struct Binary
    {
        int messages = 0;
        qint64 messageBytes = 0; ///< At least 16, in bytes.
    };

    /// Builds @p messages text frames of @p payloadBytes each: "%09d" message number,
    /// then filler. Starts listening on its own thread.
    /// @p port 0 picks a free port.
    FloodServer(int messages, int payloadBytes, quint16 port = 0);
    /// Sends @p binary's messages, each one frame, with payloads as payload() builds them.
    explicit FloodServer(Binary binary, quint16 port = 0);
    ~FloodServer() override;

    quint16 port() const { return m_port; }
    /// The payload of message @p n (0-based), as the client must log it.
    static QByteArray payload(int n, int payloadBytes);
    /// True when @p data is the payload of message @p n of @p bytes bytes, as payload()
    /// builds it (compared a chunk at a time, fast enough for hundreds of MiB).
    static bool isPayload(int n, QByteArrayView data, qint64 bytes);

private:
    /// Where a client's binary flood has got to.
    struct Stream
    {
        int message = 0;
        qint64 offset = 0; ///< Payload bytes of @c message already queued.
    };

    void start();
    void listen();
    void onNewConnection();
    /// Reads the opening handshake; once it is complete, answers it and starts the flood.
    void onHandshakeRead(QTcpSocket *socket, QByteArray *request,
                         const std::shared_ptr<Stream> &stream);
    /// Queues the binary flood's next bytes while less than ChunkBytes wait to be sent.
    void pump(QTcpSocket *socket, Stream *stream);

    /// Bytes of binary payload queued at a time, in bytes.
    static constexpr qint64 ChunkBytes = 1 << 20;

    QThread m_thread;
    QTcpServer *m_server = nullptr;
    QByteArray m_frames;
    QByteArray m_filler; ///< ChunkBytes + 26 bytes of the filler's 26-letter cycle.
    Binary m_binary;
    quint16 m_port = 0;
    quint16 m_wantedPort = 0;
};
