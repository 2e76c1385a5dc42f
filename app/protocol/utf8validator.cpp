#include "protocol/utf8validator.h"

#include <cstring>

bool Utf8Validator::feed(QByteArrayView bytes)
{
    if (failed())
        return false;
    const char *p = bytes.data();
    const qsizetype size = bytes.size();
    qsizetype i = 0;
    while (i < size) {
        if (m_needed == 0) {
            // Between characters: skip whole words of ASCII.
            constexpr quint64 HighBits = 0x8080808080808080ULL;
            quint64 word;
            while (i + 8 <= size && (std::memcpy(&word, p + i, 8), (word & HighBits) == 0))
                i += 8;
            if (i == size)
                break;
        }
        if (!readByte(quint8(p[i]))) {
            m_errorAt = m_read + i;
            m_errorByte = quint8(p[i]);
            m_read += i;
            return false;
        }
        ++i;
    }
    m_read += size;
    return true;
}

/// One byte of RFC 3629 4's UTF8-char grammar: a lead byte sets how many continuation
/// bytes follow and the range of the first (which rules out overlong forms, surrogates
/// and code points over U+10FFFF); the others are 80-BF.
bool Utf8Validator::readByte(quint8 byte)
{
    if (m_needed > 0) {
        if (byte < m_low || byte > m_high)
            return false;
        --m_needed;
        m_low = 0x80;
        m_high = 0xBF;
        return true;
    }
    if (byte < 0x80)
        return true;
    if (byte >= 0xC2 && byte <= 0xDF) {
        m_needed = 1;
    } else if (byte >= 0xE0 && byte <= 0xEF) {
        m_needed = 2;
        if (byte == 0xE0)
            m_low = 0xA0; // E0 80-9F would be overlong
        else if (byte == 0xED)
            m_high = 0x9F; // ED A0-BF would be a surrogate
    } else if (byte >= 0xF0 && byte <= 0xF4) {
        m_needed = 3;
        if (byte == 0xF0)
            m_low = 0x90; // overlong
        else if (byte == 0xF4)
            m_high = 0x8F; // over U+10FFFF
    } else {
        return false; // a continuation byte with no lead, C0, C1 (overlong) or F5-FF
    }
    return true;
}
