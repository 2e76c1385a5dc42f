#include "qtwebsocketsclose.h"

#include <QLatin1StringView>
#include <QStringList>

namespace QtWebSocketsClose {

Reason classify(const QString &reason)
{
    static const QStringList exact = {
        QStringLiteral("Payload of close frame is too small."),
        QStringLiteral("Invalid UTF-8 code encountered."),
        QStringLiteral("Control frame is larger than 125 bytes"),
        QStringLiteral("Control frames cannot be fragmented"),
        QStringLiteral("Rsv field is non-zero"),
        QStringLiteral("Used reserved opcode"),
        QStringLiteral("Received Continuation frame, while there is nothing to continue."),
        QStringLiteral("All data frames after the initial data frame must have opcode 0 "
                       "(continuation)."),
        QStringLiteral("Highest bit of payload length is not 0."),
        QStringLiteral("Lengths smaller than 126 must be expressed as one byte."),
        QStringLiteral("Lengths smaller than 65536 (2^16) must be expressed as 2 bytes."),
        QStringLiteral("Timeout when reading data from socket.")};
    if (reason == QLatin1StringView("Maximum framesize exceeded.") ||
        reason == QLatin1StringView("Received message is too big."))
        return Reason::OverLimit;
    if (reason.startsWith(QLatin1StringView("Invalid close code ")))
        return Reason::InvalidCloseCode;
    if (exact.contains(reason) || reason.startsWith(QLatin1StringView("Invalid opcode detected: ")))
        return Reason::OtherViolation;
    return Reason::NotOwn;
}

} // namespace QtWebSocketsClose
