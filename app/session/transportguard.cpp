#include "transportguard.h"

#include <QTcpSocket>
#include <QWebSocket>

namespace {

/// A frame header's largest size: 2 bytes, an 8-byte length and a 4-byte masking key
/// (RFC 6455 5.2), in bytes.
constexpr qint64 LargestFrameHeaderBytes = 14;

} // namespace

TransportGuard::TransportGuard(QWebSocket *socket, QObject *parent)
    : QObject(parent), m_socket(socket)
{
    connect(m_socket, &QWebSocket::bytesWritten, this, &TransportGuard::onBytesWritten);
}

void TransportGuard::attach()
{
    m_queuedSinceDrain = 0;
    m_overflowed = false;
    // QWebSocket 6.4 has no API for its TCP socket, but open() makes it the newest
    // direct child (QWebSocketPrivate::open: new QTcpSocket(q) or new QSslSocket(q)).
    const auto sockets =
        m_socket->findChildren<QTcpSocket *>(QString(), Qt::FindDirectChildrenOnly);
    m_transport = sockets.isEmpty() ? nullptr : sockets.last();
    if (!m_transport) {
        m_socket->setReadBufferSize(0);
        return;
    }
    m_socket->setReadBufferSize(ReadBufferBytes); // QWebSocket passes it on to its socket
    // Connected after QWebSocket's own readyRead handler, so this runs once the frames
    // that are complete in the buffer have been parsed.
    connect(m_transport, &QIODevice::readyRead, this, &TransportGuard::onReadyRead);
}

void TransportGuard::noteQueued(qint64 payloadBytes)
{
    const qint64 frameBytes = qMax<qint64>(1, qint64(m_socket->outgoingFrameSize()));
    m_queuedSinceDrain += payloadBytes + (payloadBytes / frameBytes + 1) * LargestFrameHeaderBytes;
}

void TransportGuard::onReadyRead()
{
    if (!m_transport)
        return;
    // What is left in the buffer now is the frame QtWebSockets is waiting for.
    const qint64 limit = m_transport->readBufferSize();
    const qint64 waiting = m_transport->bytesAvailable();
    if (limit > 0 && waiting >= limit) {
        const qint64 largest =
            qint64(m_socket->maxAllowedIncomingFrameSize()) + LargestFrameHeaderBytes;
        m_socket->setReadBufferSize(qMin(limit * 2, largest));
    } else if (limit > ReadBufferBytes && waiting < limit / 8) {
        // Halved, not reset: back-to-back large messages keep a buffer that fits them,
        // and a flood after a large message is back to the bound within a few turns.
        m_socket->setReadBufferSize(qMax(ReadBufferBytes, limit / 2));
    }
    // The pongs QtWebSockets wrote for the pings just parsed are in the write buffer.
    const qint64 backlog = m_socket->bytesToWrite() - m_queuedSinceDrain;
    if (!m_overflowed && backlog > Limits::MaxWriteBacklogBytes) {
        m_overflowed = true;
        Q_EMIT writeBacklogOverflow(backlog);
    }
}

void TransportGuard::onBytesWritten()
{
    if (m_socket->bytesToWrite() == 0)
        m_queuedSinceDrain = 0;
}
