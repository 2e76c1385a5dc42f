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

void WireStream::feed(QByteArrayView bytes, qint64 timeUs, QList<WireFrame> *out)
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
        const std::vector<FrameHeader> found = m_scanner.feed(bytes.sliced(at, take));
        at += take;
        if (!found.empty())
            startFrame(found.front(), timeUs, out);
    }
}

void WireStream::startFrame(const FrameHeader &header, qint64 timeUs, QList<WireFrame> *out)
{
    m_pending = WireFrame();
    m_pending.timeUs = timeUs;
    m_pending.sender = m_sender;
    m_pending.header = header;
    m_pending.violations = m_rules.check(header);
    if (header.opcode == Opcode::Close && m_firstClose < 0)
        m_firstClose = header.offset;
    const quint64 keep = header.isControl() ? MaxControlPayloadBytes : quint64(PreviewBytes);
    m_keepLeft = qint64(std::min(keep, header.payloadLength));
    m_payloadAt = 0;
    m_havePending = true;
    if (m_keepLeft == 0)
        completeFrame(out);
}

/// Keeps what is due of the pending frame's payload from the front of @p bytes, unmasked
/// (RFC 6455 5.3: byte i is XORed with byte i mod 4 of the key). Returns the bytes used.
qsizetype WireStream::keepPayload(QByteArrayView bytes, QList<WireFrame> *out)
{
    const qsizetype take = std::min<qsizetype>(m_keepLeft, bytes.size());
    const quint32 key = m_pending.header.maskingKey;
    for (qsizetype i = 0; i < take; ++i) {
        const int keyByte = int((m_payloadAt + quint64(i)) % 4);
        const auto mask = m_pending.header.masked ? quint8(key >> (24 - 8 * keyByte)) : quint8(0);
        m_pending.payload.append(char(quint8(bytes.at(i)) ^ mask));
    }
    m_payloadAt += quint64(take);
    m_keepLeft -= take;
    m_scanner.skipPayload(quint64(take));
    if (m_keepLeft == 0)
        completeFrame(out);
    return take;
}

void WireStream::completeFrame(QList<WireFrame> *out)
{
    m_havePending = false;
    // A close payload cut at 125 bytes is judged on what was kept; the header's length
    // already broke 5.5 then.
    if (m_pending.isClose()) {
        for (const FrameViolation &v : FrameRules::checkClosePayload(m_pending.payload)) {
            if (!m_pending.violations.contains(v)) // the header check may have seen it
                m_pending.violations.append(v);
        }
    }
    out->append(std::move(m_pending));
}
