#include "wiretap/wirestream.h"

#include "protocol/closecodecatalogue.h"

#include <algorithm>

quint16 WireFrame::closeCode() const
{
    if (!isClose())
        return 0;
    if (payload.size() < 2)
        return CloseCodeCatalogue::NoStatusReceived; // RFC 6455 7.1.5
    return quint16((quint8(payload.at(0)) << 8) | quint8(payload.at(1)));
}

FrameRecord FrameRecord::of(FrameSender sender, const FrameHeader &header, qint64 timeUs,
                            bool violates)
{
    FrameRecord r;
    r.timeUs = timeUs;
    r.payloadLength = header.payloadLength;
    r.maskingKey = header.masked ? header.maskingKey : 0;
    r.bits =
        quint16((header.opcode & OpcodeMask) | (header.rsv & 0x7) << RsvShift |
                (header.fin ? FinBit : 0) | (header.masked ? MaskBit : 0) |
                (sender == FrameSender::Server ? ServerBit : 0) | (violates ? ViolationBit : 0));
    return r;
}

void WireStream::feed(QByteArrayView bytes, qint64 timeUs, WireBatch *out)
{
    qsizetype at = 0;
    while (at < bytes.size()) {
        if (m_scanner.payloadRemaining() > 0) {
            at += readPayload(bytes.sliced(at), out);
            continue;
        }
        const qsizetype take =
            std::min<qsizetype>(m_scanner.headerBytesWanted(), bytes.size() - at);
        const std::optional<FrameHeader> found = m_scanner.feedHeader(bytes.sliced(at, take));
        at += take;
        if (found)
            startFrame(*found, timeUs, out);
    }
}

void WireStream::startFrame(const FrameHeader &header, qint64 timeUs, WireBatch *out)
{
    QList<FrameViolation> violations = m_rules.check(header);
    m_isNotable = header.isControl() || !violations.isEmpty();
    m_record = FrameRecord::of(m_sender, header, timeUs, !violations.isEmpty());
    // Filled for every frame (no allocation), so a text frame found bad at its end can
    // become notable then.
    m_notable.timeUs = timeUs;
    m_notable.sender = m_sender;
    m_notable.header = header;
    m_notable.headBytes = 0;
    m_notable.violations = std::move(violations);
    m_notable.deliverableBefore = m_deliverables;
    if (m_isNotable)
        m_notable.payload = QByteArray();
    m_checkText = checksText(header);
    const bool data = !header.isControl();
    if ((data && header.fin) || header.opcode == Opcode::Pong)
        ++m_deliverables;
    if (header.opcode == Opcode::Close && m_firstClose < 0)
        m_firstClose = header.offset;
    const quint64 keep = header.isControl()           ? MaxControlPayloadBytes
                         : m_isNotable || m_checkText ? quint64(WireFrame::HeadBytes)
                                                      : quint64(FrameRecord::HeadBytes);
    m_keepLeft = qint64(std::min(keep, header.payloadLength));
    m_payloadAt = 0;
    m_recordDue = true;
    if (header.payloadLength == 0)
        completeFrame(out);
}

/// Whether @p header's payload is checked as UTF-8: it is part of a text message from
/// the server (its first frame or a continuation, RFC 6455 5.4), unmasked, with no RSV
/// bit set and no extension negotiated (either may mean a compressed payload).
bool WireStream::checksText(const FrameHeader &header)
{
    if (m_sender != FrameSender::Server || m_extensions || header.isControl())
        return false;
    if (header.opcode == Opcode::Text) {
        m_inText = true;
        m_textReported = false;
        m_utf8.reset();
    } else if (header.opcode != Opcode::Continuation) {
        m_inText = false;
    }
    return m_inText && !header.masked && header.rsv == 0;
}

/// Reads what is due of the current frame's payload from the front of @p bytes: its head
/// kept, a text payload checked. Returns the bytes used.
qsizetype WireStream::readPayload(QByteArrayView bytes, WireBatch *out)
{
    const auto take =
        qsizetype(std::min<quint64>(m_scanner.payloadRemaining(), quint64(bytes.size())));
    const QByteArrayView part = bytes.first(take);
    if (m_keepLeft > 0)
        keepHead(part.first(qsizetype(std::min<qint64>(m_keepLeft, take))));
    if (m_checkText)
        m_utf8.feed(part);
    m_scanner.skipPayload(quint64(take));
    const bool ended = m_scanner.payloadRemaining() == 0;
    // A data frame's record goes out once its head is kept, a checked one at its end.
    if (m_recordDue && (ended || (m_keepLeft == 0 && !m_checkText)))
        completeFrame(out);
    return take;
}

/// Keeps @p bytes, the next of the payload's head, unmasked (RFC 6455 5.3: byte i is
/// XORed with byte i mod 4 of the key).
void WireStream::keepHead(QByteArrayView bytes)
{
    const quint32 key = m_record.maskingKey;
    const bool masked = m_record.masked();
    const bool control = m_isNotable && m_notable.header.isControl();
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        const quint64 at = m_payloadAt + quint64(i);
        const auto mask = masked ? quint8(key >> (24 - 8 * int(at % 4))) : quint8(0);
        const char c = char(quint8(bytes.at(i)) ^ mask);
        if (at < quint64(FrameRecord::HeadBytes))
            m_record.head[at] = c;
        if (at < quint64(WireFrame::HeadBytes))
            m_notable.head[m_notable.headBytes++] = c;
        if (control)
            m_notable.payload.append(c);
    }
    m_payloadAt += quint64(bytes.size());
    m_keepLeft -= bytes.size();
}

/// At the end of a checked text frame (@p whole: all of it was read): the message's
/// first UTF-8 fault, once, makes this frame break RFC 6455 8.1, as does a final
/// fragment that ends inside a character.
void WireStream::checkTextEnd(bool whole)
{
    const bool fin = whole && m_notable.header.fin;
    if (m_textReported || (!m_utf8.failed() && (!fin || m_utf8.finish())))
        return;
    m_textReported = true;
    m_notable.violations.append(FrameRules::invalidText(m_utf8));
    m_record.bits |= FrameRecord::ViolationBit;
    if (!m_isNotable) {
        m_isNotable = true;
        m_notable.payload = QByteArray();
    }
}

void WireStream::finish(WireBatch *out)
{
    if (m_recordDue)
        completeFrame(out, false);
}

void WireStream::completeFrame(WireBatch *out, bool whole)
{
    m_recordDue = false;
    if (m_checkText)
        checkTextEnd(whole);
    if (!m_notable.header.isControl() && m_notable.header.fin)
        m_inText = false; // the message ended, checked or not
    if (m_isNotable && m_notable.isClose()) {
        // A close payload cut at 125 bytes is judged on what was kept; the header's length
        // already broke 5.5 then.
        for (const FrameViolation &v : FrameRules::checkClosePayload(m_notable.payload)) {
            if (!m_notable.violations.contains(v)) { // the header check may have seen it
                m_notable.violations.append(v);
                m_record.bits |= FrameRecord::ViolationBit;
            }
        }
    }
    out->records.append(m_record);
    if (m_isNotable)
        out->notable.append(std::move(m_notable));
}
