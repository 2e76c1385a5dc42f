#include "import/harmessages.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QtEndian>
#include <cmath>

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(HarImport)
};

/// The kind of a frame of @p opcode (RFC 6455 5.2), or false for one HarImport reads
/// not (0, continuation: Chrome gives whole messages; 3-7 and 11-15 are reserved).
bool kindOf(int opcode, Direction direction, EventKind *kind)
{
    switch (opcode) {
    case 1:
        *kind = EventKind::Text;
        return true;
    case 2:
        *kind = EventKind::Binary;
        return true;
    case 8:
        *kind = direction == Direction::Sent ? EventKind::CloseSent : EventKind::CloseReceived;
        return true;
    case 9:
        *kind = EventKind::Ping;
        return true;
    case 10:
        *kind = EventKind::Pong;
        return true;
    }
    return false;
}

/// The close frame's payload (RFC 6455 5.5.1): a 2-byte code, then the UTF-8 reason.
ImportError splitClose(const QString &where, LogEvent *e)
{
    if (e->payload.isEmpty()) {
        e->closeCode = 1005; // RFC 6455 7.1.5: no status code was present
        return {};
    }
    if (e->payload.size() < 2)
        return {where, Tr::tr("a close frame's payload is empty or at least 2 bytes (RFC 6455 "
                              "5.5.1), not 1")};
    e->closeCode = qFromBigEndian<quint16>(e->payload.constData());
    e->payload.remove(0, 2);
    return {};
}

} // namespace

ImportError HarMessages::read(const QJsonValue &item, const QString &where, LogEvent *out)
{
    const auto member = [&](const char *key) {
        return where + u'.' + QLatin1String(key);
    };
    if (!item.isObject())
        return {where, Tr::tr("must be an object")};
    const QJsonObject o = item.toObject();
    const QJsonValue type = o.value(QLatin1String("type"));
    const QString t = type.toString();
    if (!type.isString() || (t != u"send" && t != u"receive" && t != u"error"))
        return {member("type"), Tr::tr("must be \"send\", \"receive\" or \"error\"")};
    const QJsonValue time = o.value(QLatin1String("time"));
    const double seconds = time.toDouble(-1);
    // Checked on the double before it is converted: no out-of-range conversion (UB).
    if (!time.isDouble() || !(seconds >= 0 && seconds <= MaxSeconds))
        return {member("time"), Tr::tr("must be a number: seconds since 1970-01-01 UTC")};
    const QJsonValue data = o.value(QLatin1String("data"));
    if (!data.isUndefined() && !data.isString())
        return {member("data"), Tr::tr("must be a string")};

    LogEvent e;
    e.timestampMs = std::llround(seconds * 1000.0);
    if (t == u"error") { // Chrome's frame error (Network.webSocketFrameError), opcode -1
        e.direction = Direction::Local;
        e.kind = EventKind::Error;
        e.payload = data.toString().toUtf8();
        *out = std::move(e);
        return {};
    }
    e.direction = t == u"send" ? Direction::Sent : Direction::Received;
    const QJsonValue opcode = o.value(QLatin1String("opcode"));
    if (!opcode.isDouble())
        return {member("opcode"), Tr::tr("must be a number")};
    const double op = opcode.toDouble();
    if (!(op >= 0 && op <= 15) || std::trunc(op) != op || !kindOf(int(op), e.direction, &e.kind))
        return {member("opcode"), Tr::tr("must be 1, 2, 8, 9 or 10 (RFC 6455 5.2)")};
    if (e.kind == EventKind::Text) {
        e.payload = data.toString().toUtf8();
    } else {
        // Chrome gives any frame but a text one as base64 (Network.WebSocketFrame).
        const QString text = data.toString();
        auto decoded = QByteArray::fromBase64Encoding(text.toLatin1(),
                                                      QByteArray::AbortOnBase64DecodingErrors);
        bool latin1 = true;
        for (const QChar c : text)
            latin1 = latin1 && c.unicode() < 0x80;
        if (!decoded || !latin1)
            return {member("data"), Tr::tr("must be base64 (RFC 4648 4) for opcode %1, as "
                                           "Chrome saves it")
                                        .arg(int(op))};
        e.payload = std::move(*decoded);
    }
    e.sizeBytes = e.payload.size();
    if (e.kind == EventKind::CloseSent || e.kind == EventKind::CloseReceived) {
        if (ImportError error = splitClose(member("data"), &e); !error.isEmpty())
            return error;
    }
    *out = std::move(e);
    return {};
}
