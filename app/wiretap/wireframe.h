#pragma once

#include "protocol/frameheaderscanner.h"
#include "protocol/framerules.h"

#include <QByteArray>
#include <QList>
#include <QMetaType>

/// A frame the wire tap saw cross (RFC 6455 5.2) that needs more than a FrameRecord: a
/// control frame (its whole payload) or one that breaks a rule (its violations).
struct WireFrame
{
    qint64 timeUs = 0; ///< When its header was read, in µs since the relay took the connection.
    FrameSender sender = FrameSender::Client;
    FrameHeader header; ///< Offsets count from the first byte after the opening handshake.
    /// A control frame's payload, unmasked (RFC 6455 5.3): all of it, at most
    /// MaxControlPayloadBytes. Empty for data frames, which keep only head.
    QByteArray payload;
    static constexpr int HeadBytes = 16;
    /// The first bytes of any frame's payload, unmasked, headBytes of them: kept in
    /// place, so a flood of data frames costs no allocation each.
    char head[HeadBytes] = {};
    quint8 headBytes = 0;
    QList<FrameViolation> violations; ///< The RFC 6455 rules this frame breaks; empty if none.
    /// The server's data messages (final fragments) and pongs ahead of this frame on the
    /// wire: what QWebSocket must have delivered before this frame's log row is due.
    qint64 deliverableBefore = 0;
    /// A masked frame from the server: the relay gave QWebSocket nothing from it on, and
    /// the session fails the connection with 1002 (RFC 6455 5.1, 7.1.7).
    bool failsConnection = false;

    bool isClose() const { return header.opcode == Opcode::Close; }
    /// The first payload bytes kept (head), as a QByteArray.
    QByteArray preview() const { return QByteArray(head, headBytes); }
    /// For a close frame: its status code (RFC 6455 5.5.1), or 1005 No Status Rcvd when
    /// the payload holds none (7.1.5); 0 for other frames.
    quint16 closeCode() const;
    /// For a close frame: the reason bytes after the code (UTF-8 when valid).
    QByteArray closeReason() const { return payload.size() > 2 ? payload.mid(2) : QByteArray(); }
};

/// Every frame the wire tap saw, in 32 bytes as the wire tap hands it over (FrameLog keeps
/// it in 24): its header, when, who sent it and the first HeadBytes of its payload
/// (unmasked).
struct FrameRecord
{
    static constexpr int HeadBytes = 8;
    static constexpr quint16 OpcodeMask = 0x000F; ///< bits: the opcode in bits 0-3,
    static constexpr int RsvShift = 4;            ///< RSV1-3 in bits 4-6 (as FrameHeader::rsv),
    static constexpr quint16 FinBit = 0x0080;
    static constexpr quint16 MaskBit = 0x0100;
    static constexpr quint16 ServerBit = 0x0200;    ///< sent by the server,
    static constexpr quint16 ViolationBit = 0x0400; ///< breaks a rule.

    qint64 timeUs = 0; ///< When its header was read, in µs since the relay took the connection.
    quint64 payloadLength = 0; ///< As encoded, all 64 bits (a peer may set the high bit).
    quint32 maskingKey = 0;    ///< As sent, big-endian; 0 when not masked.
    quint16 bits = 0;
    quint16 spare = 0;
    char head[HeadBytes] = {}; ///< The payload's first bytes, unmasked (fewer if shorter).

    static FrameRecord of(FrameSender sender, const FrameHeader &header, qint64 timeUs,
                          bool violates);
    quint8 opcode() const { return quint8(bits & OpcodeMask); }
    bool fin() const { return bits & FinBit; }
    quint8 rsv() const { return quint8((bits >> RsvShift) & 0x7); }
    bool masked() const { return bits & MaskBit; }
    FrameSender sender() const
    {
        return bits & ServerBit ? FrameSender::Server : FrameSender::Client;
    }
    bool violates() const { return bits & ViolationBit; }
    /// How many head bytes hold payload.
    int headBytes() const { return int(qMin<quint64>(HeadBytes, payloadLength)); }
};
static_assert(sizeof(FrameRecord) == 32, "a million frames in 32 MB");

/// What the wire tap read in one go: every frame as a record, in stream order, and the
/// frames among them that need more (control frames, violations) in full.
struct WireBatch
{
    QList<FrameRecord> records;
    QList<WireFrame> notable;
};

Q_DECLARE_METATYPE(WireFrame)
Q_DECLARE_METATYPE(WireBatch)
