#pragma once

#include "protocol/frameheaderscanner.h"
#include "protocol/framerules.h"
#include "wiretap/wireframe.h"

#include <QByteArrayView>
#include <QList>

/// The frames of one direction of a WebSocket connection, read from its bytes as they
/// pass (after the opening handshake), fed in pieces of any size. Each frame is judged
/// by FrameRules; a control frame's payload is kept (unmasked) for the record, and of a
/// data frame only its first PreviewBytes. Payload bytes are otherwise never copied.
class WireStream
{
public:
    /// The bytes of a data frame's payload kept for a preview, in bytes.
    static constexpr int PreviewBytes = 16;

    explicit WireStream(FrameSender sender) : m_sender(sender), m_rules(sender) {}

    /// RFC 6455 9: with an extension negotiated, RSV bits are no violation.
    void setExtensionsNegotiated(bool negotiated) { m_rules = FrameRules(m_sender, negotiated); }
    /// Reads the next @p bytes, seen at @p timeUs (µs). Frames whose kept payload is
    /// complete are appended to @p out, in stream order.
    void feed(QByteArrayView bytes, qint64 timeUs, QList<WireFrame> *out);
    /// Stream bytes read so far, in bytes.
    qint64 position() const { return m_scanner.position(); }
    /// Where the first close frame's header starts in the stream, in bytes; -1 until one
    /// has been seen. Its WireFrame may still wait for payload bytes.
    qint64 firstCloseOffset() const { return m_firstClose; }
    /// Where the frame being read ends in the stream, in bytes (the current position
    /// while a header is due).
    qint64 currentFrameEnd() const { return position() + qint64(m_scanner.payloadRemaining()); }

private:
    void startFrame(const FrameHeader &header, qint64 timeUs, QList<WireFrame> *out);
    qsizetype keepPayload(QByteArrayView bytes, QList<WireFrame> *out);
    void completeFrame(QList<WireFrame> *out);

    FrameSender m_sender;
    FrameRules m_rules;
    FrameHeaderScanner m_scanner;
    WireFrame m_pending;     ///< The frame whose payload is being kept.
    qint64 m_keepLeft = 0;   ///< Payload bytes of m_pending still to keep, in bytes.
    quint64 m_payloadAt = 0; ///< Payload bytes of m_pending read so far (for the mask).
    bool m_havePending = false;
    qint64 m_firstClose = -1;
};
