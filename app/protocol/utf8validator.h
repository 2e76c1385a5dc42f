#pragma once

#include <QByteArrayView>
#include <QtGlobal>

/// Checks that a text message is UTF-8 (RFC 3629 section 4's syntax: no overlong forms,
/// no surrogates, nothing above U+10FFFF), as RFC 6455 8.1 asks of every text message and
/// 5.5.1 of a close reason. The message is fed in pieces of any size: a character may be
/// split across fragments (5.4) and across reads. ASCII runs are read 8 bytes at a time.
class Utf8Validator
{
public:
    /// Reads the next @p bytes of the message. Returns false once the message read so
    /// far cannot be UTF-8; from then on, feeding does nothing.
    bool feed(QByteArrayView bytes);
    /// At the message's end: true when every character is whole and valid.
    bool finish() const { return m_errorAt < 0 && m_needed == 0; }
    /// True once a byte that cannot be UTF-8 here was read.
    bool failed() const { return m_errorAt >= 0; }
    /// Where the first bad byte is, in bytes from the message's start; -1 while none.
    qint64 errorOffset() const { return m_errorAt; }
    /// That byte's value (0 while none).
    quint8 errorByte() const { return m_errorByte; }
    /// Bytes read so far (up to the first bad one, when failed), in bytes.
    qint64 bytesRead() const { return m_read; }
    /// Starts a new message.
    void reset() { *this = Utf8Validator(); }

    /// True when all of @p bytes is UTF-8.
    static bool isValid(QByteArrayView bytes)
    {
        Utf8Validator v;
        return v.feed(bytes) && v.finish();
    }

private:
    bool readByte(quint8 byte);

    qint64 m_read = 0;
    qint64 m_errorAt = -1;
    quint8 m_errorByte = 0;
    quint8 m_needed = 0; ///< Continuation bytes still due for the current character.
    quint8 m_low = 0x80; ///< The range the next continuation byte must be in.
    quint8 m_high = 0xBF;
};
