#include "messagelog.h"

#include "closecodecatalogue.h"

#include <QDateTime>
#include <QLocale>

MessageLog::MessageLog(QObject *parent) : QAbstractTableModel(parent)
{
    m_flushTimer.setSingleShot(true);
    m_flushTimer.setInterval(FlushIntervalMs);
    connect(&m_flushTimer, &QTimer::timeout, this, &MessageLog::flush);
}

void MessageLog::append(LogEvent event)
{
    m_pending.push_back(std::move(event));
    if (!m_flushTimer.isActive())
        m_flushTimer.start();
}

void MessageLog::flush()
{
    m_flushTimer.stop();
    if (m_pending.empty())
        return;
    const int first = int(m_events.size());
    beginInsertRows({}, first, first + int(m_pending.size()) - 1);
    m_events.insert(m_events.end(), std::make_move_iterator(m_pending.begin()),
                    std::make_move_iterator(m_pending.end()));
    m_pending.clear();
    endInsertRows();
}

void MessageLog::clear()
{
    m_flushTimer.stop();
    m_pending.clear();
    if (m_events.empty())
        return;
    beginResetModel();
    m_events.clear();
    m_events.shrink_to_fit();
    endResetModel();
}

QString MessageLog::directionName(Direction direction)
{
    switch (direction) {
    case Direction::Sent:
        return tr("sent");
    case Direction::Received:
        return tr("received");
    case Direction::Local:
        return tr("local");
    }
    return QString();
}

QString MessageLog::kindName(EventKind kind)
{
    switch (kind) {
    case EventKind::Text:
        return tr("text");
    case EventKind::Binary:
        return tr("binary");
    case EventKind::Ping:
        return tr("ping");
    case EventKind::Pong:
        return tr("pong");
    case EventKind::Opened:
        return tr("opened");
    case EventKind::CloseSent:
        return tr("close sent");
    case EventKind::CloseReceived:
        return tr("close received");
    case EventKind::Closed:
        return tr("closed");
    case EventKind::Stopped:
        return tr("stopped");
    case EventKind::Error:
        return tr("error");
    }
    return QString();
}

static QString oneLine(const QByteArray &utf8)
{
    // Decode only what the preview can show; a multi-megabyte message costs no more.
    QString text = QString::fromUtf8(utf8.left(MessageLog::PreviewChars * 4));
    const bool cut = text.size() > MessageLog::PreviewChars || utf8.size() > text.toUtf8().size();
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
    switch (event.kind) {
    case EventKind::Binary: {
        const int shown = 32;
        QString hex = QString::fromLatin1(event.payload.left(shown).toHex(' '));
        if (event.payload.size() > shown)
            hex.append(QStringLiteral(" ") + QChar(0x2026));
        return hex;
    }
    case EventKind::CloseSent:
    case EventKind::CloseReceived:
    case EventKind::Closed:
        if (event.closeCode != 0) {
            QString text = CloseCodeCatalogue::label(event.closeCode);
            if (event.kind == EventKind::Closed) {
                if (!event.payload.isEmpty())
                    text += QStringLiteral(": ") + oneLine(event.payload);
            } else {
                text += QStringLiteral(" '") + oneLine(event.payload) + QLatin1Char('\'');
            }
            return text;
        }
        return oneLine(event.payload);
    case EventKind::Text:
    case EventKind::Ping:
    case EventKind::Pong:
    case EventKind::Opened:
    case EventKind::Stopped:
    case EventKind::Error:
        break;
    }
    return oneLine(event.payload);
}

int MessageLog::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_events.size());
}

int MessageLog::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant MessageLog::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const LogEvent &e = m_events[std::size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case TimeColumn:
            return QDateTime::fromMSecsSinceEpoch(e.timestampMs)
                .toString(QStringLiteral("HH:mm:ss.zzz"));
        case DirectionColumn:
            return directionName(e.direction);
        case KindColumn:
            return kindName(e.kind);
        case SizeColumn:
            return e.direction == Direction::Local ? QString() : QLocale().toString(e.sizeBytes);
        case PreviewColumn:
            return preview(e);
        }
        break;
    case Qt::ToolTipRole:
        if (index.column() == TimeColumn)
            return QDateTime::fromMSecsSinceEpoch(e.timestampMs).toString(Qt::ISODateWithMs);
        if (e.closeCode != 0)
            return CloseCodeCatalogue::description(e.closeCode);
        break;
    case Qt::TextAlignmentRole:
        if (index.column() == SizeColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        break;
    case TimestampRole:
        return e.timestampMs;
    case DirectionRole:
        return int(e.direction);
    case KindRole:
        return int(e.kind);
    case SizeRole:
        return e.sizeBytes;
    case PayloadRole:
        return e.payload;
    case CloseCodeRole:
        return int(e.closeCode);
    }
    return {};
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
