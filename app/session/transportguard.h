#pragma once

#include "protocol/peerlimits.h"

#include <QObject>
#include <QPointer>

class QTcpSocket;
class QWebSocket;

/// Watches the TCP socket under a client QWebSocket (Qt 6.4) for two things QWebSocket
/// gets wrong against a hostile or merely large peer:
/// - **Frames larger than the read buffer.** The buffer is bounded (ReadBufferBytes) so
///   that QtWebSockets parses a bounded batch of frames per event-loop turn in a flood.
///   But QtWebSockets reads a frame's payload only once all of it is buffered
///   (QWebSocketFrame::readFramePayload), so a larger frame would never complete. The
///   guard doubles the buffer while such a frame is under way, up to the incoming frame
///   limit, and bounds it again once the frame is gone.
/// - **An unbounded write backlog.** QtWebSockets answers every ping with a pong
///   (RFC 6455 5.5.2) into a write buffer with no bound. A server that floods pings and
///   never reads grows it without end. Past Limits::MaxWriteBacklogBytes of unsent bytes
///   the client did not queue itself, writeBacklogOverflow() is emitted.
class TransportGuard final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TransportGuard)
public:
    /// The read buffer's bound between large frames, in bytes.
    static constexpr qint64 ReadBufferBytes = 256 * 1024;

    /// Guards @p socket, which must outlive the guard (make it the guard's parent).
    explicit TransportGuard(QWebSocket *socket, QObject *parent = nullptr);

    /// Call right after QWebSocket::open(): finds the TCP socket open() made and bounds
    /// its read buffer. Without it (a QtWebSockets that works otherwise) the read buffer
    /// is left unbounded: the only setting under which every frame arrives.
    void attach();
    /// Notes that the client queued a message, ping or close frame of @p payloadBytes
    /// bytes itself: its frames are not counted as backlog.
    void noteQueued(qint64 payloadBytes);

Q_SIGNALS:
    /// @p unsentBytes bytes the client did not queue are waiting to be sent.
    void writeBacklogOverflow(qint64 unsentBytes);

private:
    void onReadyRead();
    void onBytesWritten();

    QWebSocket *m_socket = nullptr;
    QPointer<QTcpSocket> m_transport;
    qint64 m_queuedSinceDrain = 0; ///< Bytes the client queued since bytesToWrite() was 0.
    bool m_overflowed = false;
};
