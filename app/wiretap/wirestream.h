#pragma once

#include "protocol/frameheaderscanner.h"
#include "protocol/framerules.h"
#include "protocol/utf8validator.h"
#include "wiretap/wireframe.h"

#include <QByteArrayView>

/// The frames of one direction of a WebSocket connection, read from its bytes as they
/// pass (after the opening handshake), fed in pieces of any size. Each frame is judged
/// by FrameRules and becomes a FrameRecord; a control frame or one that breaks a rule
/// also becomes a WireFrame, with a control frame's payload kept (unmasked). Payload
/// bytes are otherwise never copied, and a data frame costs no allocation.
///
/// The server's text messages are checked as UTF-8 (RFC 6455 8.1) as their bytes pass,
/// across fragments; a text frame's record is therefore complete, and appended, only
/// once its whole payload has been read. The client's text comes from QWebSocket,
/// which sends only valid UTF-8, and is not checked. With an extension negotiated the
/// payload may be compressed, and no text is checked.
class WireStream
{
public:
    /// The bytes of a notable frame's payload kept for a preview, in bytes.
    static constexpr int PreviewBytes = WireFrame::HeadBytes;

    explicit WireStream(FrameSender sender) : m_sender(sender), m_rules(sender) {}

    /// RFC 6455 9: with an extension negotiated, RSV bits are no violation.
    void setExtensionsNegotiated(bool negotiated)
    {
        m_rules = FrameRules(m_sender, negotiated);
        m_extensions = negotiated;
    }
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
    /// The stream has ended (the connection closed): a frame whose record still waits
    /// for its payload (a text frame being checked) is appended to @p out as it stands,
    /// with the UTF-8 fault found so far, if any.
    void finish(WireBatch *out);

private:
    void startFrame(const FrameHeader &header, qint64 timeUs, WireBatch *out);
    bool checksText(const FrameHeader &header);
    qsizetype readPayload(QByteArrayView bytes, WireBatch *out);
    void keepHead(QByteArrayView bytes);
    void checkTextEnd(bool whole);
    void completeFrame(WireBatch *out, bool whole = true);

    FrameSender m_sender;
    FrameRules m_rules;
    FrameHeaderScanner m_scanner;
    FrameRecord m_record; ///< The frame whose payload head is being kept.
    WireFrame m_notable;  ///< The same frame in full, when m_isNotable.
    bool m_isNotable = false;
    qint64 m_keepLeft = 0;    ///< Payload bytes still to keep, in bytes.
    quint64 m_payloadAt = 0;  ///< Payload bytes of the frame read so far (for the mask).
    bool m_recordDue = false; ///< The frame's record is not yet appended.
    bool m_extensions = false;
    bool m_inText = false;       ///< A text message from the server is under way.
    bool m_checkText = false;    ///< The frame being read is part of it, checked as UTF-8.
    bool m_textReported = false; ///< Its UTF-8 violation has been reported.
    Utf8Validator m_utf8;
    qint64 m_firstClose = -1;
    qint64 m_deliverables = 0;
};
