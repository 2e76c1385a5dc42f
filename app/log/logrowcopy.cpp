#include "logrowcopy.h"

#include "log/logexporter.h"

#include <QCoreApplication>
#include <QStringDecoder>
#include <algorithm>

namespace {

/// One index per row, in row order.
QModelIndexList oneIndexPerRow(QModelIndexList indexes)
{
    std::sort(indexes.begin(), indexes.end(),
              [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
    indexes.erase(
        std::unique(indexes.begin(), indexes.end(),
                    [](const QModelIndex &a, const QModelIndex &b) { return a.row() == b.row(); }),
        indexes.end());
    return indexes;
}

} // namespace

namespace LogRowCopy {

LogEvent eventAt(const QModelIndex &index)
{
    LogEvent e;
    if (!index.isValid())
        return e;
    e.timestampMs = index.data(MessageLog::TimestampRole).toLongLong();
    e.direction = Direction(index.data(MessageLog::DirectionRole).toInt());
    e.kind = EventKind(index.data(MessageLog::KindRole).toInt());
    e.sizeBytes = index.data(MessageLog::SizeRole).toLongLong();
    e.payload = index.data(MessageLog::PayloadRole).toByteArray();
    e.closeCode = quint16(index.data(MessageLog::CloseCodeRole).toInt());
    e.rttUs = index.data(MessageLog::RoundTripRole).toInt();
    e.payloadKept = index.data(MessageLog::PayloadKeptRole).toBool();
    return e;
}

QString payloadText(const LogEvent &event)
{
    if (!event.payloadKept)
        return QCoreApplication::translate("LogRowCopy", "(payload not kept)");
    if (event.kind == EventKind::CloseSent || event.kind == EventKind::CloseReceived)
        return MessageLog::preview(event); // the code with the reason: "4001 Private Use 'bye'"
    if (event.kind != EventKind::Binary) {
        QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
        const QString text = utf8.decode(event.payload);
        if (!utf8.hasError())
            return text;
    }
    return QString::fromLatin1(event.payload.toHex(' '));
}

QString payloads(const QModelIndexList &indexes)
{
    QStringList lines;
    for (const QModelIndex &index : oneIndexPerRow(indexes))
        lines.append(payloadText(eventAt(index)));
    return lines.join(QLatin1Char('\n'));
}

QString jsonLines(const QModelIndexList &indexes)
{
    QByteArray lines;
    for (const QModelIndex &index : oneIndexPerRow(indexes)) {
        const LogEvent e = eventAt(index);
        lines.append(LogExporter::jsonLine(LogEventView{e, e.payload}));
    }
    return QString::fromUtf8(lines);
}

} // namespace LogRowCopy
