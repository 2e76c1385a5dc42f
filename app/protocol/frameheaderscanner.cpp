#include "frameheaderscanner.h"

#include <algorithm>
#include <cstring>

bool FrameHeader::minimalLength() const
{
    switch (lengthBytes) {
    case 2:
        return payloadLength >= 126;
    case 8:
        return payloadLength > 0xFFFF;
    default:
        return true;
    }
}

std::vector<FrameHeader> FrameHeaderScanner::feed(QByteArrayView bytes)
{
    std::vector<FrameHeader> found;
    qsizetype at = 0;
    while (at < bytes.size()) {
        const qsizetype left = bytes.size() - at;
        if (m_payloadLeft > 0) {
            const qsizetype payload = qsizetype(std::min(m_payloadLeft, quint64(left)));
            skipPayload(quint64(payload));
            at += payload;
            continue;
        }
        const qsizetype take = std::min(qsizetype(headerBytesNeeded() - m_have), left);
        std::memcpy(m_header + m_have, bytes.data() + at, size_t(take));
        m_have += int(take);
        m_position += take;
        at += take;
        if (m_have == headerBytesNeeded()) {
            found.push_back(decode());
            m_payloadLeft = found.back().payloadLength;
            m_have = 0;
        }
    }
    return found;
}

std::optional<FrameHeader> FrameHeaderScanner::feedHeader(QByteArrayView bytes)
{
    Q_ASSERT(m_payloadLeft == 0 && bytes.size() <= headerBytesNeeded() - m_have);
    std::memcpy(m_header + m_have, bytes.data(), size_t(bytes.size()));
    m_have += int(bytes.size());
    m_position += bytes.size();
    if (m_have < headerBytesNeeded())
        return std::nullopt;
    const FrameHeader header = decode();
    m_payloadLeft = header.payloadLength;
    m_have = 0;
    return header;
}

void FrameHeaderScanner::skipPayload(quint64 bytes)
{
    Q_ASSERT(bytes <= m_payloadLeft);
    bytes = std::min(bytes, m_payloadLeft);
    m_payloadLeft -= bytes;
    m_position += qint64(bytes);
}

/// How long the header being read is, in bytes: 2 until its second byte says more
/// (RFC 6455 5.2: length 126 adds 2 bytes, 127 adds 8, the MASK bit adds 4).
int FrameHeaderScanner::headerBytesNeeded() const
{
    if (m_have < 2)
        return 2;
    const int length7 = m_header[1] & 0x7F;
    const int extended = length7 == 126 ? 2 : length7 == 127 ? 8 : 0;
    const int key = (m_header[1] & 0x80) ? 4 : 0;
    return 2 + extended + key;
}

/// Decodes the complete header held in m_header (RFC 6455 5.2; network byte order).
FrameHeader FrameHeaderScanner::decode() const
{
    FrameHeader h;
    h.headerBytes = m_have;
    h.offset = m_position - m_have;
    h.fin = (m_header[0] & 0x80) != 0;
    h.rsv = quint8((m_header[0] >> 4) & 0x7);
    h.opcode = quint8(m_header[0] & 0x0F);
    h.masked = (m_header[1] & 0x80) != 0;
    const int length7 = m_header[1] & 0x7F;
    h.lengthBytes = length7 == 126 ? 2 : length7 == 127 ? 8 : 0;
    h.payloadLength = h.lengthBytes == 0 ? quint64(length7) : 0;
    for (int i = 0; i < h.lengthBytes; ++i)
        h.payloadLength = (h.payloadLength << 8) | m_header[2 + i];
    if (h.masked) {
        const int at = 2 + h.lengthBytes;
        for (int i = 0; i < 4; ++i)
            h.maskingKey = (h.maskingKey << 8) | m_header[at + i];
    }
    return h;
}
