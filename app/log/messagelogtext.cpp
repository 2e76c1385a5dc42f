// MessageLog's words: the names shown and the keys written for its enums, its column
// titles, and the one-line preview of an event. Display text only, built on demand
// (never stored).
#include "log/messagelog.h"

#include "protocol/closecodecatalogue.h"

#include <QString>
#include <iterator>

namespace {

// One table per enum, indexed by its value: the stable key written to files and the
// name shown (translated).
struct Names
{
    const char *key;
    const char *name;
};
constexpr Names directionNames[] = {{"sent", QT_TRANSLATE_NOOP("MessageLog", "sent")},
                                    {"received", QT_TRANSLATE_NOOP("MessageLog", "received")},
                                    {"local", QT_TRANSLATE_NOOP("MessageLog", "local")}};
constexpr Names kindNames[] = {
    {"text", QT_TRANSLATE_NOOP("MessageLog", "text")},
    {"binary", QT_TRANSLATE_NOOP("MessageLog", "binary")},
    {"ping", QT_TRANSLATE_NOOP("MessageLog", "ping")},
    {"pong", QT_TRANSLATE_NOOP("MessageLog", "pong")},
    {"opened", QT_TRANSLATE_NOOP("MessageLog", "opened")},
    {"close-sent", QT_TRANSLATE_NOOP("MessageLog", "close sent")},
    {"close-received", QT_TRANSLATE_NOOP("MessageLog", "close received")},
    {"closed", QT_TRANSLATE_NOOP("MessageLog", "closed")},
    {"stopped", QT_TRANSLATE_NOOP("MessageLog", "stopped")},
    {"error", QT_TRANSLATE_NOOP("MessageLog", "error")}};
static_assert(std::size(directionNames) == std::size_t(Direction::Local) + 1);
static_assert(std::size(kindNames) == std::size_t(EventKindCount));

} // namespace

QString MessageLog::directionName(Direction direction)
{
    return tr(directionNames[int(direction)].name);
}

QString MessageLog::kindName(EventKind kind)
{
    return tr(kindNames[int(kind)].name);
}

QString MessageLog::directionKey(Direction direction)
{
    return QString::fromLatin1(directionNames[int(direction)].key);
}

QString MessageLog::kindKey(EventKind kind)
{
    return QString::fromLatin1(kindNames[int(kind)].key);
}

static QString oneLine(QByteArrayView utf8)
{
    // Decode only what the preview can show; a multi-megabyte message costs no more.
    const QByteArrayView head =
        utf8.first(qMin<qsizetype>(utf8.size(), MessageLog::PreviewChars * 4));
    QString text = QString::fromUtf8(head);
    const bool cut = text.size() > MessageLog::PreviewChars || utf8.size() > head.size();
    text.truncate(MessageLog::PreviewChars);
    text.replace(QLatin1Char('\r'), QStringLiteral("\\r"));
    text.replace(QLatin1Char('\n'), QStringLiteral("\\n"));
    text.replace(QLatin1Char('\t'), QStringLiteral("\\t"));
    if (cut)
        text.append(QChar(0x2026));
    return text;
}

QString MessageLog::preview(const LogEvent &event)
{
    return preview(LogEventView{event, event.payload});
}

QString MessageLog::preview(const LogEventView &event)
{
    if (!event.payloadKept) {
        const QString notKept = tr("payload not kept (over the log's memory budget)");
        return event.closeCode != 0
                   ? CloseCodeCatalogue::label(event.closeCode) + QStringLiteral(": ") + notKept
                   : notKept;
    }
    switch (event.kind) {
    case EventKind::Binary: {
        const int shown = 32;
        QString hex =
            QString::fromLatin1(event.payload.first(qMin<qsizetype>(shown, event.payload.size()))
                                    .toByteArray()
                                    .toHex(' '));
        if (event.payload.size() > shown)
            hex.append(QStringLiteral(" ") + QChar(0x2026));
        return hex;
    }
    case EventKind::Pong: {
        if (event.direction == Direction::Sent) {
            // The wire tap saw it: QtWebSockets answers a server's ping by itself.
            QString text = tr("answer to the server's ping, sent by QtWebSockets");
            if (!event.payload.isEmpty())
                text += tr(", payload '%1'").arg(oneLine(event.payload));
            return text;
        }
        QString text = event.rttUs >= 0
                           ? tr("%1 ms round trip").arg(double(event.rttUs) / 1000.0, 0, 'f', 2)
                           : tr("no ping with this payload is waiting");
        if (!event.payload.isEmpty())
            text += tr(", payload '%1'").arg(oneLine(event.payload));
        return text;
    }
    case EventKind::CloseSent:
    case EventKind::CloseReceived:
    case EventKind::Closed:
        if (event.closeCode != 0) {
            QString text = CloseCodeCatalogue::label(event.closeCode);
            if (event.kind == EventKind::Closed) {
                if (!event.payload.isEmpty())
                    text += QStringLiteral(": ") + oneLine(event.payload);
            } else if (event.closeCode == CloseCodeCatalogue::NoStatusReceived &&
                       event.kind == EventKind::CloseReceived && event.sizeBytes >= 0 &&
                       event.sizeBytes < 2) {
                // 1005 stands for no status code (RFC 6455 7.1.5): an empty payload, or
                // one too short to hold a code, which the server was wrong to send (5.5.1).
                // A server that writes 1005 itself (7.4.1 forbids it) gets the plain row.
                text += event.sizeBytes == 1
                            ? tr(" (a close frame with a 1-byte payload: too short for a status "
                                 "code, RFC 6455 5.5.1)")
                            : tr(" (an empty close frame: no status code, RFC 6455 7.1.5)");
            } else {
                text += QStringLiteral(" '") + oneLine(event.payload) + QLatin1Char('\'');
                if (event.sizeBytes == UnknownSize)
                    text += tr(" (the code as QtWebSockets 6.4 reports it: an empty close frame, "
                               "with no status code, reads the same)");
            }
            // The server's answer to this client's close frame, with its delay (the wire tap).
            if (event.kind == EventKind::CloseReceived && event.rttUs >= 0)
                text += tr(", answered after %1 ms").arg(double(event.rttUs) / 1000.0, 0, 'f', 1);
            return text;
        }
        return oneLine(event.payload);
    case EventKind::Text:
    case EventKind::Ping:
    case EventKind::Opened:
    case EventKind::Stopped:
    case EventKind::Error:
        break;
    }
    return oneLine(event.payload);
}

QVariant MessageLog::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case DirectionColumn:
        return tr("Direction");
    case KindColumn:
        return tr("Kind");
    case SizeColumn:
        return tr("Size (bytes)");
    case PreviewColumn:
        return tr("Preview");
    }
    return {};
}
