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
        if (m_havePending) {
            at += keepPayload(bytes.sliced(at), out);
            continue;
        }
        if (const quint64 payload = m_scanner.payloadRemaining(); payload > 0) {
            const auto skip = qsizetype(std::min<quint64>(payload, quint64(bytes.size() - at)));
            m_scanner.skipPayload(quint64(skip));
            at += skip;
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
    if (m_isNotable) {
        m_notable = WireFrame();
        m_notable.timeUs = timeUs;
        m_notable.sender = m_sender;
        m_notable.header = header;
        m_notable.violations = std::move(violations);
        m_notable.deliverableBefore = m_deliverables;
    }
    const bool data = !header.isControl();
    if ((data && header.fin) || header.opcode == Opcode::Pong)
        ++m_deliverables;
    if (header.opcode == Opcode::Close && m_firstClose < 0)
        m_firstClose = header.offset;
    const quint64 keep = header.isControl() ? MaxControlPayloadBytes
                         : m_isNotable      ? quint64(WireFrame::HeadBytes)
                                            : quint64(FrameRecord::HeadBytes);
    m_keepLeft = qint64(std::min(keep, header.payloadLength));
    m_payloadAt = 0;
    m_havePending = true;
    if (m_keepLeft == 0)
        completeFrame(out);
}

/// Keeps what is due of the pending frame's payload from the front of @p bytes, unmasked
/// (RFC 6455 5.3: byte i is XORed with byte i mod 4 of the key). Returns the bytes used.
qsizetype WireStream::keepPayload(QByteArrayView bytes, WireBatch *out)
{
    const qsizetype take = std::min<qsizetype>(m_keepLeft, bytes.size());
    const quint32 key = m_record.maskingKey;
    const bool masked = m_record.masked();
    const bool control = m_isNotable && m_notable.header.isControl();
    for (qsizetype i = 0; i < take; ++i) {
        const quint64 at = m_payloadAt + quint64(i);
        const auto mask = masked ? quint8(key >> (24 - 8 * int(at % 4))) : quint8(0);
        const char c = char(quint8(bytes.at(i)) ^ mask);
        if (at < quint64(FrameRecord::HeadBytes))
            m_record.head[at] = c;
        if (m_isNotable && at < quint64(WireFrame::HeadBytes))
            m_notable.head[m_notable.headBytes++] = c;
        if (control)
            m_notable.payload.append(c);
    }
    m_payloadAt += quint64(take);
    m_keepLeft -= take;
    m_scanner.skipPayload(quint64(take));
    if (m_keepLeft == 0)
        completeFrame(out);
    return take;
}

void WireStream::completeFrame(WireBatch *out)
{
    m_havePending = false;
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
