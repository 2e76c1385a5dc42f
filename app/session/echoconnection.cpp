#include "echoconnection.h"

#include <QTcpSocket>
#include <QWebSocket>
#include <algorithm>

namespace {

/// The empty line that ends the request's header block (RFC 6455 4.1, RFC 7230 3):
/// QWebSocketServer reads the request up to its first occurrence.
constexpr char RequestTerminator[] = "\r\n\r\n";
constexpr int RequestTerminatorBytes = 4;
/// Bytes read at a time while looking for frame headers, in bytes.
constexpr qint64 ScanWindowBytes = 4096;

} // namespace

QString EchoConnection::unmaskedFrameReason()
{
    return QStringLiteral("unmasked client frame (RFC 6455 5.1)");
}

EchoConnection::EchoConnection(QTcpSocket *transport, const ClientLimits &limits, QObject *parent)
    : QObject(parent), m_transport(transport), m_limits(limits),
      m_peer(QStringLiteral("%1:%2")
                 .arg(transport->peerAddress().toString())
                 .arg(transport->peerPort()))
{
    transport->setParent(this);
    // Connected before QWebSocketServer::handleConnection() connects QtWebSockets' own
    // handlers, so this one sees each new byte before QtWebSockets reads it.
    connect(transport, &QIODevice::readyRead, this, &EchoConnection::onTransportReadyRead);
    connect(transport, &QAbstractSocket::disconnected, this, &EchoConnection::onDisconnected);
    m_handshakeTimer.setSingleShot(true);
    connect(&m_handshakeTimer, &QTimer::timeout, this, &EchoConnection::onHandshakeTimeout);
    // QWebSocketServer only times the handshake of the sockets its own listen() accepts.
    if (limits.handshakeTimeoutMs >= 0)
        m_handshakeTimer.start(limits.handshakeTimeoutMs);
    m_lingerTimer.setSingleShot(true);
    connect(&m_lingerTimer, &QTimer::timeout, this, &EchoConnection::onCloseLingerTimeout);
}

EchoConnection::~EchoConnection()
{
    // Nothing may call back into a connection being destroyed. The QWebSocket goes first:
    // its destructor sends 1001 Going Away if the connection is still open.
    if (m_webSocket)
        m_webSocket->disconnect(this);
    if (m_transport)
        m_transport->disconnect(this);
    delete m_webSocket.data();
    delete m_transport.data();
}

bool EchoConnection::isTransportOf(const QWebSocket *socket) const
{
    return !m_webSocket && m_transport && socket->peerPort() == m_transport->peerPort() &&
           socket->peerAddress() == m_transport->peerAddress();
}

bool EchoConnection::isUpgraded() const
{
    return !m_webSocket.isNull();
}

void EchoConnection::adopt(QWebSocket *socket)
{
    m_handshakeTimer.stop();
    m_webSocket = socket;
    socket->setParent(this);
    socket->setMaxAllowedIncomingMessageSize(quint64(m_limits.maxIncomingMessageBytes));
    socket->setMaxAllowedIncomingFrameSize(quint64(m_limits.maxIncomingMessageBytes));
    // QWebSocketPrivate::makeConnections has just connected QtWebSockets' readyRead
    // handler (processData); this one runs after it and sees what it left unread.
    connect(m_transport, &QIODevice::readyRead, this, &EchoConnection::onTransportReadDone);
    connect(socket, &QWebSocket::textMessageReceived, this, &EchoConnection::onTextMessage);
    connect(socket, &QWebSocket::binaryMessageReceived, this, &EchoConnection::onBinaryMessage);
    connect(socket, &QWebSocket::aboutToClose, this, &EchoConnection::onAboutToClose);
    // The handshake skipped the request, and QtWebSockets may have read frames that came
    // with it (no message signal was connected then, so none was echoed).
    m_consumed = m_scanned - m_transport->bytesAvailable();
    if (m_unmaskedSeen)
        failUnmasked();
}

/// Looks at the bytes that arrived since the last call, before QtWebSockets reads them.
void EchoConnection::onTransportReadyRead()
{
    if (m_unmaskedSeen || m_failing)
        return;
    const qint64 available = m_transport->bytesAvailable();
    qint64 seen = m_scanned - m_consumed; // at the front of the buffer
    if (seen > available) {
        // Bytes were read outside a readyRead. Only QWebSocketServer's handshake does that
        // (handshakeReceived, a queued call, skips the request), and no byte arrives
        // without a readyRead, so all that is left was seen.
        m_consumed = m_scanned - available;
        seen = available;
    }
    if (available > seen)
        scanNewBytes(seen, available - seen);
    if (m_unmaskedSeen) {
        failUnmasked();
        return;
    }
    // Every byte that arrived went either to the request or to the frame scanner.
    Q_ASSERT(m_requestBytes < 0 ? m_requestSeen == m_scanned
                                : m_requestBytes + m_scanner.position() == m_scanned);
}

/// Runs after QtWebSockets' readyRead handler: what is still unread has been seen.
void EchoConnection::onTransportReadDone()
{
    if (!m_transport || m_failing)
        return;
    m_consumed = m_scanned - m_transport->bytesAvailable();
    notePeakBacklog();
    dropIfBacklogged(); // pongs QtWebSockets wrote for pings count too
}

/// Scans @p count new bytes that lie @p offset bytes into the socket's read buffer.
void EchoConnection::scanNewBytes(qint64 offset, qint64 count)
{
    m_scanned += count;
    if (m_requestBytes >= 0) {
        // Payload needs no look: pass over it without reading it.
        const qint64 payload = qint64(std::min(m_scanner.payloadRemaining(), quint64(count)));
        m_scanner.skipPayload(quint64(payload));
        offset += payload;
        count -= payload;
    }
    if (count == 0)
        return;
    // Read the bytes where they lie without consuming them: a transaction rolled back.
    // QIODevice has no peek at an offset.
    m_transport->startTransaction();
    if (m_transport->skip(offset) == offset)
        scanWithinTransaction(count);
    m_transport->rollbackTransaction();
}

/// Scans the next @p count bytes of the open read transaction: the rest of the request,
/// then frame headers. Stops at the first unmasked frame.
void EchoConnection::scanWithinTransaction(qint64 count)
{
    char window[ScanWindowBytes];
    while (count > 0 && !m_unmaskedSeen) {
        const quint64 payload = m_requestBytes >= 0 ? m_scanner.payloadRemaining() : 0;
        if (payload > 0) {
            const qint64 skipped = qint64(std::min(payload, quint64(count)));
            m_scanner.skipPayload(quint64(skipped));
            count -= skipped;
            if (count > 0 && m_transport->skip(skipped) != skipped)
                return;
            continue;
        }
        const qint64 got = m_transport->read(window, std::min(count, ScanWindowBytes));
        if (got <= 0)
            return;
        count -= got;
        QByteArrayView bytes(window, got);
        if (m_requestBytes < 0)
            bytes = bytes.sliced(scanRequest(bytes));
        if (m_requestBytes >= 0 && !noteHeaders(m_scanner.feed(bytes)))
            m_unmaskedSeen = true;
    }
}

/// Looks for the end of the request in @p bytes; returns how many of them belong to it.
qint64 EchoConnection::scanRequest(QByteArrayView bytes)
{
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        const char c = bytes[i];
        if (c == RequestTerminator[m_terminatorMatched])
            ++m_terminatorMatched;
        else
            m_terminatorMatched = c == '\r' ? 1 : 0;
        if (m_terminatorMatched == RequestTerminatorBytes) {
            m_requestBytes = m_requestSeen + i + 1;
            return i + 1;
        }
    }
    m_requestSeen += bytes.size();
    return bytes.size();
}

/// Records what the server needs from @p headers; false at an unmasked frame.
bool EchoConnection::noteHeaders(const std::vector<FrameHeader> &headers)
{
    for (const FrameHeader &h : headers) {
        // RFC 6455 5.1: "The server MUST close the connection upon receiving a frame that
        // is not masked."
        if (!h.masked)
            return false;
        // A valid close frame has at most 125 bytes of payload (RFC 6455 5.5).
        if (h.opcode == Opcode::Close && m_clientCloseEnd < 0 &&
            h.payloadLength <= MaxControlPayloadBytes)
            m_clientCloseEnd = m_requestBytes + h.offset + h.headerBytes + qint64(h.payloadLength);
    }
    return true;
}

/// The stream position QtWebSockets has read up to. Valid while every byte that arrived
/// has been scanned, which is so from this class's first readyRead handler on.
qint64 EchoConnection::consumedPosition() const
{
    return m_scanned - m_transport->bytesAvailable();
}

void EchoConnection::failUnmasked()
{
    if (m_failing || !m_webSocket)
        return; // before the upgrade, adopt() does it
    m_failing = true;
    Q_EMIT failed(tr("closed with 1002: %1").arg(unmaskedFrameReason()));
    m_lingerTimer.start(CloseLingerMs);
    m_webSocket->close(QWebSocketProtocol::CloseCodeProtocolError, unmaskedFrameReason());
}

/// Drops the client when more than the limit is unsent; true when it is (or was) dropped.
bool EchoConnection::dropIfBacklogged()
{
    if (m_failing || !m_webSocket)
        return m_failing;
    const qint64 unsent = m_webSocket->bytesToWrite();
    if (unsent <= m_limits.maxWriteBacklogBytes)
        return false;
    m_failing = true;
    Q_EMIT failed(tr("dropped without a close frame: %1 bytes unsent, over the limit of %2 "
                     "bytes (the client reads slower than it sends)")
                      .arg(unsent)
                      .arg(m_limits.maxWriteBacklogBytes));
    // A close frame would wait behind the backlog the client is not reading.
    m_webSocket->abort();
    return true;
}

void EchoConnection::notePeakBacklog()
{
    if (m_webSocket)
        m_peakBacklog = std::max(m_peakBacklog, m_webSocket->bytesToWrite());
}

void EchoConnection::onTextMessage(const QString &message)
{
    if (dropIfBacklogged())
        return;
    m_webSocket->sendTextMessage(message);
    notePeakBacklog();
}

void EchoConnection::onBinaryMessage(const QByteArray &data)
{
    if (dropIfBacklogged())
        return;
    m_webSocket->sendBinaryMessage(data);
    notePeakBacklog();
}

/// The server's close frame is going out (QWebSocketPrivate::close); this says why.
void EchoConnection::onAboutToClose()
{
    if (m_closeNoted)
        return; // 6.4 emits it twice on close()
    m_closeNoted = true;
    if (m_failing)
        return; // this class's own close or abort, already reported
    m_lingerTimer.start(CloseLingerMs);
    if (m_clientCloseEnd >= 0 && consumedPosition() >= m_clientCloseEnd) {
        // QWebSocketPrivate::processClose answers the close frame QtWebSockets has just
        // read, with the client's code and reason (RFC 6455 5.5.1).
        m_closeFrameSeen = true;
        Q_EMIT closeFrameReceived(quint16(m_webSocket->closeCode()), m_webSocket->closeReason());
        return;
    }
    // QtWebSockets failed the connection itself: a limit (1009), an invalid frame (1002),
    // invalid UTF-8 (1007), a frame that stalled (1001).
    Q_EMIT failed(tr("closed with %1: %2")
                      .arg(int(m_webSocket->closeCode()))
                      .arg(m_webSocket->closeReason()));
}

void EchoConnection::onDisconnected()
{
    if (m_finished)
        return;
    m_finished = true;
    m_handshakeTimer.stop();
    m_lingerTimer.stop();
    Q_EMIT finished(m_closeFrameSeen);
}

void EchoConnection::onHandshakeTimeout()
{
    Q_EMIT failed(
        tr("dropped: no opening handshake within %1 ms").arg(m_limits.handshakeTimeoutMs));
    m_transport->abort();
}

void EchoConnection::onCloseLingerTimeout()
{
    Q_EMIT failed(tr("aborted: the close frame could not go out within %1 ms").arg(CloseLingerMs));
    m_webSocket->abort();
}
