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

    bool isClose() const { return header.opcode == Opcode::Close; }
    /// The first payload bytes kept (head), as a QByteArray.
    QByteArray preview() const { return QByteArray(head, headBytes); }
    /// For a close frame: its status code (RFC 6455 5.5.1), or 1005 No Status Rcvd when
    /// the payload holds none (7.1.5); 0 for other frames.
    quint16 closeCode() const;
    /// For a close frame: the reason bytes after the code (UTF-8 when valid).
    QByteArray closeReason() const { return payload.size() > 2 ? payload.mid(2) : QByteArray(); }
};

/// Every frame the wire tap saw, in 32 bytes, for the Frames view: its header, when, who
/// sent it and the first HeadBytes of its payload (unmasked).
struct FrameRecord
{
    static constexpr int HeadBytes = 8;

    qint64 timeUs = 0; ///< When its header was read, in µs since the relay took the connection.
    /// Bits 0-52 the payload length in bytes; 53-56 the opcode; 57 FIN; 58-60 RSV1-3
    /// (as FrameHeader::rsv); 61 MASK; 62 sent by the server; 63 breaks a rule.
    quint64 bits = 0;
    quint32 maskingKey = 0; ///< As sent, big-endian; 0 when not masked.
    quint32 spare = 0;
    char head[HeadBytes] = {}; ///< The payload's first bytes, unmasked (fewer if shorter).

    static FrameRecord of(FrameSender sender, const FrameHeader &header, qint64 timeUs,
                          bool violates);
    quint64 payloadLength() const { return bits & ((quint64(1) << 53) - 1); }
    quint8 opcode() const { return quint8((bits >> 53) & 0xF); }
    bool fin() const { return (bits >> 57) & 1; }
    quint8 rsv() const { return quint8((bits >> 58) & 0x7); }
    bool masked() const { return (bits >> 61) & 1; }
    FrameSender sender() const
    {
        return (bits >> 62) & 1 ? FrameSender::Server : FrameSender::Client;
    }
    bool violates() const { return (bits >> 63) & 1; }
    /// How many head bytes hold payload.
    int headBytes() const { return int(qMin<quint64>(HeadBytes, payloadLength())); }
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
