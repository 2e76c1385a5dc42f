// WireRelay: the client's close frame on its way up. It is held until whole, judged
// against the server's close frame, and replaced when QtWebSockets 6.4 answered a
// valid 1012-1014 with its bogus 1002 (RFC 6455 5.5.1). Then the wait for the server's
// answer and its close of TCP, up to the close timeout (RFC 6455 7.1.1).
#include "wiretap/wirerelay.h"

#include "protocol/closecodecatalogue.h"

#include <QRandomGenerator>
#include <QTcpSocket>
#include <algorithm>

#ifdef Q_OS_LINUX
#include <linux/sockios.h>
#include <sys/ioctl.h>
#endif

namespace {

/// QtWebSockets 6.4 rejects every received close code from 1012 to 2999
/// (QWebSocketProtocol::isCloseCodeValid) and answers 1002. Of those, the catalogue
/// says which are valid for a server to send: 1012-1014.
bool qtWebSocketsWronglyRejects(quint16 code)
{
    return code >= 1012 && code <= 2999 && CloseCodeCatalogue::maySend(code);
}

/// A client's close frame (RFC 6455 5.5.1), masked with a fresh key (5.3).
QByteArray maskedCloseFrame(quint16 code, const QByteArray &reason, quint32 key)
{
    QByteArray payload;
    payload.append(char(code >> 8)).append(char(code & 0xFF)).append(reason);
    QByteArray frame;
    frame.append(char(0x80 | Opcode::Close)).append(char(0x80 | payload.size()));
    for (int i = 0; i < 4; ++i)
        frame.append(char(key >> (24 - 8 * i)));
    for (qsizetype i = 0; i < payload.size(); ++i)
        frame.append(char(payload.at(i) ^ char(key >> (24 - 8 * (i % 4)))));
    return frame;
}

} // namespace

void WireRelay::forwardClientFrames(const QByteArray &bytes)
{
    // m_carry holds the start of a header split across reads: it may be a close frame's.
    const qint64 chunkStart = m_clientFrames.position() - m_carry.size();
    WireBatch batch;
    m_clientFrames.feed(bytes, nowUs(), &batch);
    for (WireFrame &frame : batch.notable) // its row waits for the server's frames before it
        frame.deliverableBefore = m_serverFrames.deliverables();
    const QByteArray data = std::exchange(m_carry, {}) + bytes;
    const qint64 closeAt = m_clientFrames.firstCloseOffset();
    if (m_closeForwarded) {
        writeUpstream(data);
    } else if (closeAt < 0) {
        const qsizetype partial = m_clientFrames.partialHeaderBytes();
        writeUpstream(data.left(data.size() - partial));
        m_carry = data.right(partial);
    } else if (!m_holdingClose) {
        // Hold the client's close frame until it is whole, to judge it (5.5.1).
        const qsizetype before = qsizetype(closeAt - chunkStart);
        writeUpstream(data.left(before));
        m_heldClose = data.mid(before);
        m_heldFrom = closeAt;
        m_holdingClose = true;
    } else {
        m_heldClose += data;
    }
    if (m_holdingClose)
        releaseHeldClose(&batch);
    if (!batch.records.isEmpty())
        Q_EMIT framesSeen(batch);
}

void WireRelay::releaseHeldClose(WireBatch *batch)
{
    auto close = std::find_if(batch->notable.begin(), batch->notable.end(),
                              [](const WireFrame &f) { return f.isClose(); });
    if (close == batch->notable.end())
        return; // its payload is still on the way
    const FrameHeader &h = close->header;
    const qsizetype frameBytes = qsizetype(h.headerBytes + qint64(h.payloadLength));
    if (m_heldFrom + m_heldClose.size() < h.offset + frameBytes)
        return;
    WireFrame sent;
    const QByteArray replacement = replacementClose(*close, &sent);
    if (replacement.isEmpty()) {
        writeUpstream(m_heldClose);
    } else {
        writeUpstream(replacement + m_heldClose.mid(frameBytes));
        Q_EMIT closeFrameReplaced(*close, sent);
        *close = sent;
        replaceRecord(batch, sent);
    }
    m_clientCloseUs = close->timeUs;
    m_heldClose.clear();
    m_holdingClose = false;
    m_closeForwarded = true;
}

/// Makes @p batch's record of the client's close frame say what @p sent says.
void WireRelay::replaceRecord(WireBatch *batch, const WireFrame &sent)
{
    for (auto it = batch->records.rbegin(); it != batch->records.rend(); ++it) {
        if (it->opcode() == Opcode::Close && it->sender() == FrameSender::Client) {
            *it = FrameRecord::of(FrameSender::Client, sent.header, it->timeUs, false);
            std::copy_n(sent.head, std::min<int>(sent.headBytes, FrameRecord::HeadBytes), it->head);
            return;
        }
    }
}

/// The frame to send instead of QtWebSockets' close frame @p written, or empty to send
/// it as written: only 6.4's 1002 answer to a valid 1012-1014 is replaced, by the
/// server's code and reason (RFC 6455 5.5.1: the answer echoes the code it received).
QByteArray WireRelay::replacementClose(const WireFrame &written, WireFrame *sent) const
{
    // Only 6.4's answer to the code itself ("Invalid close code …"), to a frame that is
    // otherwise sound: 1002 for a fragmented or RSV-flagged close is right.
    if (!m_serverClose || written.closeCode() != 1002 || !m_serverClose->violations.isEmpty() ||
        !written.closeReason().startsWith("Invalid close code") ||
        !qtWebSocketsWronglyRejects(m_serverClose->closeCode()))
        return {};
    const quint16 code = m_serverClose->closeCode();
    const QByteArray reason = m_serverClose->closeReason();
    const quint32 key = QRandomGenerator::system()->generate();
    const QByteArray frame = maskedCloseFrame(code, reason, key);
    *sent = written;
    sent->header.maskingKey = key;
    sent->header.payloadLength = quint64(2 + reason.size());
    sent->payload = m_serverClose->payload;
    sent->headBytes = quint8(qMin(sent->payload.size(), qsizetype(WireFrame::HeadBytes)));
    std::copy_n(sent->payload.constData(), sent->headBytes, sent->head);
    sent->violations.clear();
    return frame;
}

/// Bytes toward the server that its TCP stack has not acknowledged, in bytes: Qt's write
/// buffer (for wss://, with what waits to be encrypted) and the kernel's send queue
/// (Linux: the SIOCOUTQ ioctl, tcp(7); 0 where it cannot be read). On loopback, the
/// kernel's part shrinks only as the server reads.
qint64 WireRelay::unacknowledgedUpstream() const
{
    if (!m_upstream)
        return 0;
    qint64 queued = upstreamBacklog();
#ifdef Q_OS_LINUX
    int unsent = 0;
    const qintptr fd = m_upstream->socketDescriptor();
    if (fd >= 0 && ::ioctl(int(fd), SIOCOUTQ, &unsent) == 0)
        queued += qMax(0, unsent);
#endif
    return queued;
}

void WireRelay::onCloseTimeout()
{
    // The wait counts from the close frame reaching the server's TCP stack: while what
    // is queued ahead of it still goes, however slowly, the wait starts again.
    const qint64 queued = unacknowledgedUpstream();
    if (queued > 0 && queued < m_closeWaitQueued) {
        m_closeWaitQueued = queued;
        m_closeTimer->start(m_target.closeTimeoutMs);
        Q_EMIT serverTookBytes(); // and the session's own deadline waits on too
        return;
    }
    m_report.closeTimedOut = true;
    m_report.closeStuckBytes = queued;
    if (m_upstream && m_upstream->bytesAvailable() > 0)
        readUpstream(m_upstream->readAll()); // the last of what the server sent

    noteFirstToClose(RelayReport::TcpCloser::Relay);
    if (m_upstream)
        m_upstream->abort();
    finishIfDone();
}
