#pragma once

#include <QByteArrayView>
#include <QtGlobal>
#include <optional>
#include <vector>

/// The opcodes RFC 6455 5.2 defines; the others are reserved.
namespace Opcode {
constexpr quint8 Continuation = 0x0;
constexpr quint8 Text = 0x1;
constexpr quint8 Binary = 0x2;
constexpr quint8 Close = 0x8;
constexpr quint8 Ping = 0x9;
constexpr quint8 Pong = 0xA;
} // namespace Opcode

/// A control frame's payload is at most this long, in bytes (RFC 6455 5.5).
constexpr quint64 MaxControlPayloadBytes = 125;

/// One WebSocket frame header exactly as it crossed the wire (RFC 6455 5.2), valid or not:
/// judging it is the caller's business.
struct FrameHeader
{
    qint64 offset = 0;         ///< Where the frame starts in the scanned stream, in bytes.
    bool fin = false;          ///< FIN: the last fragment of a message (RFC 6455 5.4).
    quint8 rsv = 0;            ///< RSV1, RSV2, RSV3 as bits 2, 1, 0 (RSV1 is 0x4).
    quint8 opcode = 0;         ///< The 4-bit opcode (RFC 6455 5.2, 11.8).
    bool masked = false;       ///< The MASK bit (RFC 6455 5.3).
    quint32 maskingKey = 0;    ///< The masking key, big-endian as sent; 0 when not masked.
    quint64 payloadLength = 0; ///< The payload length as encoded, in bytes.
    int lengthBytes = 0;       ///< Extended length bytes used: 0 (7-bit), 2 (16-bit) or 8.
    int headerBytes = 0;       ///< The whole header, 2 to 14, in bytes.

    /// RFC 6455 5.2: "the minimal number of bytes MUST be used to encode the length".
    bool minimalLength() const;
    /// RFC 6455 5.2: a 64-bit length must have its most significant bit 0.
    bool lengthHighBitSet() const { return lengthBytes == 8 && (payloadLength >> 63) != 0; }
    /// Opcodes 0x8 to 0xF are control frames (RFC 6455 5.5).
    bool isControl() const { return (opcode & 0x8) != 0; }
};

/// Finds the frame headers in a WebSocket byte stream fed in pieces of any size, split
/// anywhere, including inside a header. It keeps at most one partial header (14 bytes);
/// payloads are counted, never copied, and may be passed over without their bytes with
/// skipPayload(), so a caller can look only at the bytes that hold headers.
class FrameHeaderScanner
{
public:
    /// The longest header: 2 bytes, an 8-byte extended length and a 4-byte key (RFC 6455 5.2).
    static constexpr int MaxHeaderBytes = 14;

    /// Scans the next @p bytes of the stream. Returns the headers completed in them, in
    /// stream order.
    std::vector<FrameHeader> feed(QByteArrayView bytes);
    /// Payload bytes of the current frame still to come, in bytes; 0 while a header is due.
    quint64 payloadRemaining() const { return m_payloadLeft; }
    /// Passes over @p bytes of the current payload (at most payloadRemaining()) unseen.
    void skipPayload(quint64 bytes);
    /// Scans @p bytes, at most headerBytesWanted() of them, all part of the header being
    /// read; returns the header once they complete it. Allocates nothing: for callers
    /// that read payloads themselves, frame by frame.
    std::optional<FrameHeader> feedHeader(QByteArrayView bytes);
    /// Bytes the header being read still needs (1 to 13); feeding no more than that
    /// stops the scanner at the header's end, before any payload. 0 while a payload is due.
    int headerBytesWanted() const { return m_payloadLeft > 0 ? 0 : headerBytesNeeded() - m_have; }
    /// Bytes of the header being read that have been scanned already (0 to 13).
    int partialHeaderBytes() const { return m_have; }
    /// Stream bytes scanned or skipped so far, in bytes.
    qint64 position() const { return m_position; }

private:
    int headerBytesNeeded() const;
    FrameHeader decode() const;

    quint8 m_header[MaxHeaderBytes] = {};
    int m_have = 0; ///< Bytes of the current header held in m_header.
    quint64 m_payloadLeft = 0;
    qint64 m_position = 0;
};
