#include "framerules.h"

#include "protocol/closecodecatalogue.h"

namespace {

using namespace Opcode;

bool isKnownOpcode(quint8 opcode)
{
    return opcode == Continuation || opcode == Text || opcode == Binary || opcode == Close ||
           opcode == Ping || opcode == Pong;
}

} // namespace

QList<FrameViolation> FrameRules::check(const FrameHeader &header)
{
    QList<FrameViolation> found;
    const auto add = [&found](const QString &rule, const char *section) {
        found.append({rule, QString::fromLatin1(section)});
    };
    if (m_sender == FrameSender::Server && header.masked)
        add(tr("a server must not mask the frames it sends"), "5.1");
    if (m_sender == FrameSender::Client && !header.masked)
        add(tr("a client must mask every frame it sends"), "5.1");
    if (header.rsv != 0 && !m_extensions)
        add(tr("RSV bits set (0x%1) with no extension negotiated").arg(header.rsv, 0, 16), "5.2");
    if (!isKnownOpcode(header.opcode))
        add(tr("opcode 0x%1 is reserved").arg(header.opcode, 0, 16), "5.2");
    if (!header.minimalLength())
        add(tr("the payload length is not in the minimal number of bytes"), "5.2");
    if (header.lengthHighBitSet())
        add(tr("a 64-bit payload length has its most significant bit set"), "5.2");
    if (header.isControl()) {
        if (!header.fin)
            add(tr("a control frame must not be fragmented"), "5.5");
        if (header.payloadLength > MaxControlPayloadBytes)
            add(tr("a control frame's payload is over 125 bytes"), "5.5");
        if (header.opcode == Close && header.payloadLength == 1)
            add(tr("a close frame's payload of 1 byte holds no status code"), "5.5.1");
        return found; // control frames may sit between fragments (5.4)
    }
    if (header.opcode == Continuation && !m_inMessage)
        add(tr("a continuation frame with no message to continue"), "5.4");
    if ((header.opcode == Text || header.opcode == Binary) && m_inMessage)
        add(tr("a new message began before the fragmented one ended"), "5.4");
    if (header.opcode == Continuation || header.opcode == Text || header.opcode == Binary)
        m_inMessage = !header.fin;
    return found;
}

QList<FrameViolation> FrameRules::checkClosePayload(QByteArrayView payload)
{
    QList<FrameViolation> found;
    if (payload.size() == 1) {
        found.append({tr("a close frame's payload of 1 byte holds no status code"),
                      QStringLiteral("5.5.1")});
        return found;
    }
    if (payload.size() < 2)
        return found; // no status code at all is allowed: reported as 1005 (7.1.5)
    const int code = (quint8(payload.at(0)) << 8) | quint8(payload.at(1));
    if (!CloseCodeCatalogue::maySend(code))
        found.append(
            {tr("status code %1 must not be sent in a close frame").arg(code),
             code >= 1000 && code <= 1015 ? QStringLiteral("7.4.1") : QStringLiteral("7.4.2")});
    if (!Utf8Validator::isValid(payload.sliced(2)))
        found.append({tr("the close reason is not valid UTF-8"), QStringLiteral("5.5.1")});
    return found;
}

FrameViolation FrameRules::invalidText(const Utf8Validator &validator)
{
    const QString rule =
        validator.failed()
            ? tr("a text message must be valid UTF-8, and this one stops being UTF-8 at "
                 "offset %1 of the message (byte 0x%2)")
                  .arg(validator.errorOffset())
                  .arg(validator.errorByte(), 2, 16, QLatin1Char('0'))
            : tr("a text message must be valid UTF-8, and the message ends inside a character");
    return {rule, QStringLiteral("8.1")};
}
