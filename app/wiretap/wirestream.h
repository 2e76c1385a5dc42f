#pragma once

#include "protocol/frameheaderscanner.h"
#include "protocol/framerules.h"
#include "wiretap/wireframe.h"

#include <QByteArrayView>

/// The frames of one direction of a WebSocket connection, read from its bytes as they
/// pass (after the opening handshake), fed in pieces of any size. Each frame is judged
/// by FrameRules and becomes a FrameRecord; a control frame or one that breaks a rule
/// also becomes a WireFrame, with a control frame's payload kept (unmasked). Payload
/// bytes are otherwise never copied, and a data frame costs no allocation.
class WireStream
{
public:
    /// The bytes of a notable frame's payload kept for a preview, in bytes.
    static constexpr int PreviewBytes = WireFrame::HeadBytes;

    explicit WireStream(FrameSender sender) : m_sender(sender), m_rules(sender) {}

    /// RFC 6455 9: with an extension negotiated, RSV bits are no violation.
    void setExtensionsNegotiated(bool negotiated) { m_rules = FrameRules(m_sender, negotiated); }
    /// Reads the next @p bytes, seen at @p timeUs (µs). Frames whose kept payload is
    /// complete are appended to @p out, in stream order.
    void feed(QByteArrayView bytes, qint64 timeUs, WireBatch *out);
    /// Stream bytes read so far, in bytes.
    qint64 position() const { return m_scanner.position(); }
    /// Where the first close frame's header starts in the stream, in bytes; -1 until one
    /// has been seen. Its WireFrame may still wait for payload bytes.
    qint64 firstCloseOffset() const { return m_firstClose; }
    /// Where the frame being read ends in the stream, in bytes (the current position
    /// while a header is due).
    qint64 currentFrameEnd() const { return position() + qint64(m_scanner.payloadRemaining()); }
    /// Bytes of a header split across feeds that were read already (0 to 13).
    int partialHeaderBytes() const { return m_scanner.partialHeaderBytes(); }
    /// Data messages (final fragments) and pongs read so far: what a client delivers
    /// one by one (WireFrame::deliverableBefore).
    qint64 deliverables() const { return m_deliverables; }

private:
    void startFrame(const FrameHeader &header, qint64 timeUs, WireBatch *out);
    qsizetype keepPayload(QByteArrayView bytes, WireBatch *out);
    void completeFrame(WireBatch *out);

    FrameSender m_sender;
    FrameRules m_rules;
    FrameHeaderScanner m_scanner;
    FrameRecord m_record; ///< The frame whose payload head is being kept.
    WireFrame m_notable;  ///< The same frame in full, when m_isNotable.
    bool m_isNotable = false;
    qint64 m_keepLeft = 0;   ///< Payload bytes still to keep, in bytes.
    quint64 m_payloadAt = 0; ///< Payload bytes of the frame read so far (for the mask).
    bool m_havePending = false;
    qint64 m_firstClose = -1;
    qint64 m_deliverables = 0;
};
