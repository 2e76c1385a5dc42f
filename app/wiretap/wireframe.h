#pragma once

#include "protocol/frameheaderscanner.h"
#include "protocol/framerules.h"

#include <QByteArray>
#include <QList>
#include <QMetaType>

/// One WebSocket frame as the wire tap saw it cross (RFC 6455 5.2), either way.
struct WireFrame
{
    qint64 timeUs = 0; ///< When its header was read, in µs since the relay took the connection.
    FrameSender sender = FrameSender::Client;
    FrameHeader header; ///< Offsets count from the first byte after the opening handshake.
    /// The payload, unmasked (RFC 6455 5.3): all of it for a control frame (at most
    /// MaxControlPayloadBytes are kept), the first WireStream::PreviewBytes of a data frame.
    QByteArray payload;
    QList<FrameViolation> violations; ///< The RFC 6455 rules this frame breaks; empty if none.

    bool isClose() const { return header.opcode == Opcode::Close; }
    /// For a close frame: its status code (RFC 6455 5.5.1), or 1005 No Status Rcvd when
    /// the payload holds none (7.1.5); 0 for other frames.
    quint16 closeCode() const;
    /// For a close frame: the reason bytes after the code (UTF-8 when valid).
    QByteArray closeReason() const { return payload.size() > 2 ? payload.mid(2) : QByteArray(); }
};

Q_DECLARE_METATYPE(WireFrame)
Q_DECLARE_METATYPE(QList<WireFrame>)
