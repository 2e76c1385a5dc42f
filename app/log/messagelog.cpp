#include "messagelog.h"

#include "protocol/closecodecatalogue.h"

#include <QDateTime>
#include <QLocale>
#include <QStringEncoder>
#include <cstring>
#include <iterator>

MessageLog::MessageLog(QObject *parent) : QAbstractTableModel(parent)
{
    m_flushTimer.setSingleShot(true);
    m_flushTimer.setInterval(FlushIntervalMs);
    connect(&m_flushTimer, &QTimer::timeout, this, &MessageLog::flush);
}

MessageLog::~MessageLog() = default;

void MessageLog::newRecord(const LogEventFields &fields, quint32 chunk, quint32 offset,
                           qsizetype payloadBytes, bool kept)
{
    const qsizetype block = (m_end >> BlockShift) - m_blockBase;
    if (block == qsizetype(m_blocks.size()))
        m_blocks.push_back(PrefaultedBlocks::takeArray<Record>()); // uninitialised: no zeroing
    Record &r = m_blocks[std::size_t(block)][m_end & (BlockRecords - 1)];
    r.timestampMs = fields.timestampMs;
    r.chunk = chunk;
    r.offset = offset;
    r.payloadBytes = kept ? quint32(payloadBytes) : NotKeptBit;
    r.sizeBytes = fields.sizeBytes == UnknownSize
                      ? UnknownSizeRecord
                      : quint32(qBound<qint64>(0, fields.sizeBytes, 0xfffffffe));
    if (isDataMessage(fields.kind, fields.direction))
        r.number = quint32(m_messages[fields.direction == Direction::Received]++);
    else
        r.rttUs = fields.rttUs;
    r.closeCode = fields.closeCode;
    r.direction = fields.direction;
    r.kind = fields.kind;
    if (!kept)
        m_droppedPayloadBytes += payloadBytes;
    ++m_end;
    ++m_stored;
    if (m_stored - m_visible == 1)
        m_firstPendingMs = fields.timestampMs;
    // A flooded event loop runs the flush timer late: judged by the rows' own times,
    // rows wait no longer than the flood's interval, so one insert stays bounded.
    if (fields.timestampMs - m_firstPendingMs >= FloodFlushIntervalMs ||
        m_stored - m_visible >= MaxPendingRows)
        flush();
    else if (!m_flushTimer.isActive())
        m_flushTimer.start();
}

LogEventFields MessageLog::fields(const Record &r) const
{
    LogEventFields f;
    f.timestampMs = r.timestampMs;
    f.sizeBytes = r.sizeBytes == UnknownSizeRecord ? UnknownSize : qint64(r.sizeBytes);
    f.closeCode = r.closeCode;
    f.direction = r.direction;
    f.kind = r.kind;
    f.rttUs = isDataMessage(r.kind, r.direction) ? -1 : r.rttUs;
    f.payloadKept = payloadKept(r);
    return f;
}

void MessageLog::closeLastChunk()
{
    if (m_chunks.empty() || !m_chunks.back().data)
        return;
    Chunk &last = m_chunks.back();
    if (last.capacity - last.size > ChunkBytes / 16) {
        PrefaultedBlocks::Ptr<char[]> exact(
            PrefaultedBlocks::allocateBytes(std::size_t(last.size)));
        std::memcpy(exact.get(), last.data.get(), std::size_t(last.size));
        last.data = std::move(exact);
        m_chunkCapacity -= last.capacity - last.size;
        last.capacity = last.size;
    }
}

bool MessageLog::adoptPayload(const QByteArray &payload, quint32 *chunk, quint32 *offset)
{
    closeLastChunk();
    const qsizetype held = qMax(payload.size(), payload.capacity());
    if (!makeRoom(held)) {
        *chunk = lastChunkNumber();
        *offset = 0;
        return false;
    }
    Chunk adopted;
    adopted.adopted = payload;
    adopted.size = payload.size();
    adopted.capacity = held;
    adopted.single = true;
    m_chunkCapacity += held;
    m_chunks.push_back(std::move(adopted));
    *chunk = lastChunkNumber();
    *offset = 0;
    return true;
}

char *MessageLog::reservePayload(qsizetype bytes, quint32 *chunk, quint32 *offset)
{
    // An adopted payload's chunk is never written to.
    if (m_chunks.empty() || !m_chunks.back().data ||
        m_chunks.back().capacity - m_chunks.back().size < bytes) {
        closeLastChunk();
        // A payload too big for a shared chunk gets one of its own, exactly its size.
        const qsizetype capacity = bytes > ChunkBytes / 2 ? bytes : ChunkBytes;
        if (!makeRoom(capacity)) {
            *chunk = lastChunkNumber();
            *offset = 0;
            return nullptr;
        }
        Chunk fresh;
        fresh.capacity = capacity;
        fresh.single = bytes > ChunkBytes / 2;
        fresh.data.reset(capacity == ChunkBytes
                             ? static_cast<char *>(PrefaultedBlocks::take())
                             : PrefaultedBlocks::allocateBytes(std::size_t(capacity)));
        m_chunkCapacity += fresh.capacity;
        m_chunks.push_back(std::move(fresh));
    }
    Chunk &c = m_chunks.back();
    *chunk = quint32(m_chunkBase + qsizetype(m_chunks.size()) - 1);
    *offset = quint32(c.size);
    c.size += bytes;
    return c.data.get() + *offset;
}

bool MessageLog::makeRoom(qsizetype newChunkBytes)
{
    const qint64 recordBytes = qint64(m_blocks.size()) * BlockRecords * qint64(sizeof(Record));
    if (recordBytes + newChunkBytes > m_budget)
        return false; // dropping every older payload would not make it fit
    for (const bool largeOnly : {true, false}) {
        for (Chunk &c : m_chunks) {
            if (memoryBytes() + newChunkBytes <= m_budget)
                break;
            if (c.dropped || (largeOnly && !c.single))
                continue;
            m_droppedPayloadBytes += c.size;
            m_chunkCapacity -= c.capacity;
            c = Chunk();
            c.dropped = true;
            m_payloadsDropped = true;
        }
    }
    while (!m_chunks.empty() && m_chunks.front().dropped) { // slots nobody numbers from
        m_chunks.pop_front();
        ++m_chunkBase;
    }
    return true;
}

void MessageLog::append(const LogEvent &event)
{
    if (!m_redactor.isEmpty() && m_redactor.matches(event.payload)) {
        LogEvent hidden = event;
        hidden.payload = m_redactor.redacted(event.payload);
        return appendUnredacted(hidden);
    }
    appendUnredacted(event);
}

void MessageLog::appendUnredacted(const LogEvent &event)
{
    quint32 chunk = 0, offset = 0;
    const QByteArray &payload = event.payload;
    bool kept = true;
    // A large payload is kept as it is: copying 200 MiB into fresh memory costs more than
    // the rest of its way through the log. Its array's capacity counts against the
    // budget; QByteArray's growth (qCalculateGrowingBlockSize) rounds a 200 MiB read up
    // to 256 MiB, of which the untouched tail is not even resident. An array with more
    // slack than that (grown by many appends) is copied to its size.
    if (payload.size() > ChunkBytes / 2 && payload.capacity() <= 2 * payload.size()) {
        kept = adoptPayload(payload, &chunk, &offset);
    } else {
        char *out = reservePayload(payload.size(), &chunk, &offset);
        kept = out != nullptr;
        if (out && !payload.isEmpty())
            std::memcpy(out, payload.constData(), std::size_t(payload.size()));
    }
    newRecord(event, chunk, offset, payload.size(), kept);
}

namespace {

/// The UTF-8 length of @p text, in bytes, as QStringEncoder would write it (a lone
/// surrogate becomes U+FFFD, 3 bytes).
qsizetype utf8Length(QStringView text)
{
    qsizetype bytes = 0;
    const qsizetype n = text.size();
    for (qsizetype i = 0; i < n; ++i) {
        const char16_t u = text[i].unicode();
        if (u < 0x80) {
            bytes += 1;
        } else if (u < 0x800) {
            bytes += 2;
        } else if (QChar::isHighSurrogate(u) && i + 1 < n &&
                   QChar::isLowSurrogate(text[i + 1].unicode())) {
            bytes += 4;
            ++i;
        } else {
            bytes += 3;
        }
    }
    return bytes;
}

} // namespace

qsizetype MessageLog::appendText(qint64 timestampMs, Direction direction, QStringView text)
{
    if (!m_redactor.isEmpty()) { // rare: the encoding in place below would show the secret
        LogEvent event;
        event.timestampMs = timestampMs;
        event.direction = direction;
        event.kind = EventKind::Text;
        event.payload = text.toUtf8();
        event.sizeBytes = event.payload.size();
        append(event);
        return event.sizeBytes;
    }
    QStringEncoder encoder(QStringEncoder::Utf8);
    qsizetype room = encoder.requiredSpace(text.size());
    // A big message gets a chunk of its own: size it exactly rather than reserve the
    // worst case of 3 bytes per UTF-16 unit, and encode it straight in (no copy).
    if (room > ChunkBytes / 2)
        room = utf8Length(text);
    LogEventFields fields;
    fields.timestampMs = timestampMs;
    fields.direction = direction;
    fields.kind = EventKind::Text;
    quint32 chunk = 0, offset = 0;
    char *out = reservePayload(room, &chunk, &offset);
    if (!out) {
        fields.sizeBytes = utf8Length(text);
        newRecord(fields, chunk, offset, fields.sizeBytes, false);
        return fields.sizeBytes;
    }
    fields.sizeBytes = encoder.appendToBuffer(out, text) - out;
    m_chunks.back().size -= room - fields.sizeBytes; // hand back what the encoding did not use
    newRecord(fields, chunk, offset, fields.sizeBytes, true);
    return fields.sizeBytes;
}

void MessageLog::flush()
{
    m_flushTimer.stop();
    if (m_stored > m_visible) {
        m_flushTimer.setInterval(m_stored - m_visible >= FloodRows ? FloodFlushIntervalMs
                                                                   : FlushIntervalMs);
        beginInsertRows({}, int(m_visible), int(m_stored) - 1);
        m_visible = m_stored;
        endInsertRows();
    }
    if (m_payloadsDropped && m_visible > 0)
        Q_EMIT dataChanged(index(0, 0), index(int(m_visible) - 1, ColumnCount - 1));
    m_payloadsDropped = false;
    trimToCap();
}

void MessageLog::setMemoryBudget(qint64 bytes)
{
    m_budget = qMax(MinMemoryBudgetBytes, bytes);
    makeRoom(0);
    trimToCap();
}

qsizetype MessageLog::rowsOverBudget() const
{
    const qint64 over = memoryBytes() - m_budget;
    if (over <= 0 || m_visible == 0)
        return 0;
    constexpr qint64 blockBytes = BlockRecords * qint64(sizeof(Record));
    const qsizetype blocks = qsizetype((over + blockBytes - 1) / blockBytes);
    return qMin(blocks * BlockRecords - (m_first & (BlockRecords - 1)), m_visible);
}

void MessageLog::setMaxRows(qsizetype rows)
{
    m_maxRows = qMax<qsizetype>(0, rows);
    trimToCap();
}

void MessageLog::releaseRows()
{
    if (m_holds > 0 && --m_holds == 0)
        trimToCap();
}

void MessageLog::trimToCap()
{
    if (m_holds > 0)
        return;
    qsizetype n = rowsOverBudget();
    if (m_maxRows > 0 && m_visible > m_maxRows)
        n = qMax(n, m_visible - m_maxRows);
    if (n <= 0)
        return;
    beginRemoveRows({}, 0, int(n) - 1);
    m_first += n;
    m_visible -= n;
    m_stored -= n;
    m_dropped += n;
    while ((m_first >> BlockShift) > m_blockBase) {
        m_blocks.pop_front();
        ++m_blockBase;
    }
    // Chunks are filled in record order, so every chunk before row 0's is unused.
    const qsizetype firstChunk = m_stored > 0 ? qsizetype(record(0).chunk) : m_chunkBase;
    while (m_chunkBase < firstChunk && m_chunks.size() > 1) {
        m_chunkCapacity -= m_chunks.front().capacity;
        m_chunks.pop_front();
        ++m_chunkBase;
    }
    endRemoveRows();
}

void MessageLog::clear()
{
    m_flushTimer.stop();
    const bool hadRows = m_visible > 0;
    if (hadRows)
        beginResetModel();
    m_blocks.clear();
    m_chunks.clear();
    m_blockBase = m_chunkBase = m_first = m_end = m_stored = m_visible = 0;
    m_chunkCapacity = 0;
    m_dropped = m_droppedPayloadBytes = 0;
    m_payloadsDropped = false;
    m_connectionStart = 0; // what comes next is still the current connection's
    if (hadRows)
        endResetModel();
}

void MessageLog::beginConnection()
{
    m_connectionStart = m_end;
    m_messages[0] = m_messages[1] = 0;
}

qint64 MessageLog::messageNumber(qsizetype row) const
{
    const Record &r = record(row);
    if (!isDataMessage(r.kind, r.direction) || m_first + row < m_connectionStart)
        return -1;
    // The count goes past the row's number by less than 2^32 (the rows between them),
    // so the difference of the low 32 bits is the whole difference.
    const qint64 count = m_messages[r.direction == Direction::Received];
    return count - qint64(quint32(quint32(count) - r.number));
}

qint64 MessageLog::memoryBytes() const
{
    return qint64(m_blocks.size()) * BlockRecords * qint64(sizeof(Record)) + m_chunkCapacity;
}

QByteArrayView MessageLog::payload(qsizetype row) const
{
    const Record &r = record(row);
    if (r.payloadBytes == 0 || !payloadKept(r))
        return {};
    return QByteArrayView(m_chunks[std::size_t(qsizetype(r.chunk) - m_chunkBase)].bytes() +
                              r.offset,
                          qsizetype(r.payloadBytes));
}

LogEventView MessageLog::view(qsizetype row) const
{
    return LogEventView{fields(record(row)), payload(row)};
}

LogEvent MessageLog::event(qsizetype row) const
{
    const LogEventView v = view(row);
    return LogEvent{v, v.payload.toByteArray()};
}

int MessageLog::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_visible);
}

int MessageLog::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant MessageLog::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const LogEventFields e = fields(record(index.row()));
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
            if (e.direction == Direction::Local)
                return QString();
            return e.sizeBytes == UnknownSize ? tr("?") : QLocale().toString(e.sizeBytes);
        case PreviewColumn:
            return preview(view(index.row()));
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
        return payload(index.row()).toByteArray();
    case CloseCodeRole:
        return int(e.closeCode);
    case RoundTripRole:
        return e.rttUs;
    case PayloadKeptRole:
        return e.payloadKept;
    }
    return {};
}
