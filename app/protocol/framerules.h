#pragma once

#include "protocol/frameheaderscanner.h"
#include "protocol/utf8validator.h"

#include <QByteArrayView>
#include <QCoreApplication>
#include <QList>
#include <QString>

/// Who sent a frame: the masking rule depends on it (RFC 6455 5.1).
enum class FrameSender : quint8 { Client, Server };

/// One way a frame breaks RFC 6455: the rule, in words, and the section that states it.
struct FrameViolation
{
    QString rule;    ///< e.g. "a server must not mask the frames it sends".
    QString section; ///< e.g. "5.1".

    bool operator==(const FrameViolation &other) const
    {
        return rule == other.rule && section == other.section;
    }
};

/// The rules of RFC 6455 section 5 for the frames of one direction of a connection,
/// checked one frame header at a time, in stream order, as FrameHeaderScanner finds
/// them. It remembers whether a fragmented message is under way (5.4), so a
/// continuation with nothing to continue, or a new data frame in the middle of a
/// message, is caught. A frame with several faults gets each of them. Close frame
/// payloads are checked by checkClosePayload() once their bytes are there.
class FrameRules
{
    Q_DECLARE_TR_FUNCTIONS(FrameRules)

public:
    /// Rules for the frames @p sender sends. With @p extensionsNegotiated (an extension
    /// accepted in the opening handshake, RFC 6455 9), RSV bits may be set.
    explicit FrameRules(FrameSender sender, bool extensionsNegotiated = false)
        : m_sender(sender), m_extensions(extensionsNegotiated)
    {}

    /// The ways @p header, the next frame of the stream, breaks RFC 6455 5; empty when it
    /// breaks none. A violating frame still moves the fragmentation state on as it says.
    QList<FrameViolation> check(const FrameHeader &header);
    /// True while a fragmented data message is under way (a data frame without FIN has
    /// been seen, and no final fragment yet).
    bool inMessage() const { return m_inMessage; }

    /// The ways a close frame's (unmasked) @p payload breaks RFC 6455: one byte only
    /// (5.5.1), a status code no endpoint may send (7.4.1, 7.4.2), a reason that is not
    /// UTF-8 (5.5.1).
    static QList<FrameViolation> checkClosePayload(QByteArrayView payload);
    /// RFC 6455 8.1's rule, broken by a text message that @p validator rejected: it names
    /// the first bad byte and its offset in the message, or says the message ended
    /// inside a character.
    static FrameViolation invalidText(const Utf8Validator &validator);

private:
    FrameSender m_sender;
    bool m_extensions = false;
    bool m_inMessage = false;
};
