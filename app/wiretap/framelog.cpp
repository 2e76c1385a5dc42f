#include "wiretap/framelog.h"

#include <cstring>

FrameLog::FrameLog(QObject *parent) : QAbstractTableModel(parent) {}

FrameLog::~FrameLog() = default;

void FrameLog::store(const FrameRecord &frame, const WireFrame *notable)
{
    const qint64 block = m_end / BlockRecords - m_blockBase;
    if (block == qint64(m_blocks.size())) {
        m_blocks.push_back(PrefaultedBlocks::takeArray<Record>()); // uninitialised: no zeroing
        m_blockTimes.push_back(frame.timeUs);
    }
    Record &r = m_blocks[std::size_t(block)][m_end % BlockRecords];
    const qint64 delta = frame.timeUs - m_blockTimes[std::size_t(block)];
    if (delta >= 0 && delta < qint64(LongValue)) {
        r.timeDeltaUs = quint32(delta);
    } else {
        r.timeDeltaUs = LongValue;
        m_longTimes.add(m_end, frame.timeUs);
    }
    if (frame.payloadLength < LongValue) {
        r.payloadLength = quint32(frame.payloadLength);
    } else {
        r.payloadLength = LongValue;
        m_longLengths.add(m_end, frame.payloadLength);
    }
    r.maskingKey = frame.maskingKey;
    quint16 bits = quint16(frame.bits & ~FrameRecord::ViolationBit);
    std::memcpy(r.preview, frame.head, PreviewBytes); // past the payload's end: zeroes
    // Control frames are rare and short (125 bytes at most, RFC 6455 5.5): keep them whole,
    // copied to their size rather than holding on to the wire tap's buffer.
    if (notable && notable->header.isControl() && notable->payload.size() > PreviewBytes) {
        bits |= SideBit;
        m_controlPayloads.add(m_end,
                              QByteArray(notable->payload.constData(), notable->payload.size()));
    }
    if (!m_redactor.isEmpty())
        bits = redactKept(frame, bits);
    if (notable && !notable->violations.isEmpty()) {
        bits |= ViolationBit;
        m_violations.add(m_end, notable->violations);
    }
    r.bits = bits;
    ++m_end;
}

/// A kept payload that shows a secret, or the start of one, is kept redacted in the side
/// table instead (SecretRedactor); the preview bytes are zeroed.
quint16 FrameLog::redactKept(const FrameRecord &frame, quint16 bits)
{
    Record &r = m_blocks.back()[m_end % BlockRecords];
    QByteArray kept;
    if (bits & SideBit) {
        kept = m_controlPayloads.lastValue();
    } else {
        const auto n = qsizetype(qMin<quint64>(PreviewBytes, frame.payloadLength));
        kept = QByteArray(reinterpret_cast<const char *>(r.preview), n);
    }
    const bool truncated = quint64(kept.size()) < frame.payloadLength;
    const QByteArray shown = m_redactor.redacted(kept, truncated);
    if (shown == kept)
        return bits;
    std::memset(r.preview, 0, PreviewBytes);
    if (bits & SideBit)
        m_controlPayloads.lastValue() = shown; // added for this record just before
    else
        m_controlPayloads.add(m_end, shown);
    return bits | SideBit;
}

qint64 FrameLog::timeUs(int row) const
{
    const qint64 a = m_first + row;
    const quint32 delta = record(row).timeDeltaUs;
    if (delta == LongValue) {
        if (const qint64 *t = m_longTimes.find(a))
            return *t;
    }
    return m_blockTimes[std::size_t(a / BlockRecords - m_blockBase)] + delta;
}

quint64 FrameLog::payloadLength(int row) const
{
    const quint32 length = record(row).payloadLength;
    if (length == LongValue) {
        if (const quint64 *l = m_longLengths.find(m_first + row))
            return *l;
    }
    return length;
}

void FrameLog::stage(const WireBatch &batch)
{
    // The notable frames are the records of control frames and violations, in order.
    qsizetype notable = 0;
    for (const FrameRecord &f : batch.records) {
        const bool hasFull = (f.opcode() & 0x8) || f.violates();
        store(f,
              hasFull && notable < batch.notable.size() ? &batch.notable.at(notable++) : nullptr);
    }
}

void FrameLog::flush()
{
    qint64 staged = m_end - m_shownEnd;
    if (staged == 0)
        return;
    if (m_maxRows > 0) {
        // Make room first, so rows are never inserted only to be removed at once; staged
        // rows past the cap go without ever being shown.
        const qint64 shown = m_shownEnd - m_first;
        const qint64 over = shown + staged - m_maxRows;
        if (over > 0)
            dropOldest(qMin(over, shown));
        const qint64 skip = qMax<qint64>(0, staged - m_maxRows);
        if (skip > 0) {
            m_shownEnd += skip;
            forget(skip);
            staged -= skip;
        }
    }
    const int first = int(m_shownEnd - m_first);
    beginInsertRows({}, first, first + int(staged) - 1);
    m_shownEnd = m_end;
    endInsertRows();
}

void FrameLog::dropOldest(qint64 rows)
{
    if (rows <= 0)
        return;
    beginRemoveRows({}, 0, int(rows) - 1);
    forget(rows);
    endRemoveRows();
}

/// Lets go of the oldest @p rows records (shown or not), counting them as dropped.
void FrameLog::forget(qint64 rows)
{
    for (qint64 row = 0; row < rows; ++row)
        noteDropped(record(int(row)).bits);
    m_first += rows;
    m_dropped += rows;
    while (m_first / BlockRecords > m_blockBase) {
        m_blocks.pop_front();
        m_blockTimes.pop_front();
        ++m_blockBase;
    }
    m_controlPayloads.dropBefore(m_first);
    m_violations.dropBefore(m_first);
    m_longTimes.dropBefore(m_first);
    m_longLengths.dropBefore(m_first);
}

void FrameLog::setMaxRows(qint64 rows)
{
    m_maxRows = qMax<qint64>(0, rows);
    if (m_maxRows > 0)
        dropOldest(m_shownEnd - m_first - m_maxRows);
}

void FrameLog::clear()
{
    beginResetModel();
    m_blocks.clear();
    m_blockTimes.clear();
    m_blockBase = m_first = m_end = m_shownEnd = m_dropped = 0;
    m_droppedMessages[0] = m_droppedMessages[1] = DroppedMessages();
    m_controlPayloads.clear();
    m_violations.clear();
    m_longTimes.clear();
    m_longLengths.clear();
    endResetModel();
}

namespace {

/// A frame that begins a data message (RFC 6455 5.6), from its Record::bits.
bool beginsMessage(quint16 bits)
{
    const quint8 opcode = quint8(bits & FrameRecord::OpcodeMask);
    return opcode == Opcode::Text || opcode == Opcode::Binary;
}

} // namespace

void FrameLog::noteDropped(quint16 bits)
{
    DroppedMessages &d = m_droppedMessages[(bits & ServerBit) ? 1 : 0];
    if (beginsMessage(bits)) {
        ++d.begun;
        d.open = !(bits & FinBit);
    } else if ((bits & OpcodeMask) == Opcode::Continuation && (bits & FinBit)) {
        d.open = false;
    }
}

FrameLog::MessageRows FrameLog::findMessage(FrameSender sender, qint64 number) const
{
    MessageRows found;
    const quint16 senderBit = sender == FrameSender::Server ? ServerBit : 0;
    const DroppedMessages &dropped = m_droppedMessages[senderBit ? 1 : 0];
    qint64 ahead = number - dropped.begun; // its sender's messages before it still held
    if (ahead < 0) {
        // Its first frame is gone; if it was the last one begun, the rest may be here.
        found.firstDropped = ahead == -1 && dropped.open;
        if (found.firstDropped)
            collectFragments(senderBit, 0, &found);
        if (found.dataFrames == 0) { // not even its last fragment is left
            found = MessageRows();
            found.dropped = true;
        }
        return found;
    }
    const int rows = rowCount();
    for (int row = 0; row < rows; ++row) {
        const quint16 bits = record(row).bits;
        if ((bits & ServerBit) != senderBit || !beginsMessage(bits))
            continue;
        if (ahead > 0) {
            --ahead;
            continue;
        }
        found.rows.append(row);
        found.dataFrames = 1;
        found.complete = bits & FinBit;
        if (!found.complete)
            collectFragments(senderBit, row + 1, &found);
        break;
    }
    return found;
}

void FrameLog::collectFragments(quint16 senderBit, int row, MessageRows *found) const
{
    for (const int rows = rowCount(); row < rows; ++row) {
        const quint16 bits = record(row).bits;
        if ((bits & ServerBit) != senderBit)
            continue; // the other side's frames cross in between
        const quint8 opcode = quint8(bits & OpcodeMask);
        if (opcode & 0x8) { // a control frame (RFC 6455 5.5), allowed between fragments
            found->rows.append(row);
            ++found->controlFrames;
            continue;
        }
        if (opcode != Opcode::Continuation)
            return; // another message began before this one's FIN (RFC 6455 5.4)
        found->rows.append(row);
        ++found->dataFrames;
        if (bits & FinBit) {
            found->complete = true;
            return;
        }
    }
}

namespace {

/// Heap bytes of @p bytes' data, with Qt's array header (QArrayData, 16 bytes on 64-bit).
qint64 heapBytes(const QByteArray &bytes)
{
    return bytes.capacity() > 0 ? bytes.capacity() + 16 : 0;
}

qint64 heapBytes(const QString &text)
{
    return text.capacity() > 0 ? 2 * text.capacity() + 16 : 0;
}

} // namespace

qint64 FrameLog::bytesUsed() const
{
    // The record blocks, the deques' maps of block pointers and the blocks' times.
    qint64 bytes = qint64(m_blocks.size()) * (PrefaultedBlocks::Bytes + 8 + 8);
    bytes += qint64(m_longTimes.entries().size() + m_longLengths.entries().size()) * 16;
    for (const auto &[row, payload] : m_controlPayloads.entries())
        bytes += qint64(sizeof(std::pair<qint64, QByteArray>)) + heapBytes(payload);
    for (const auto &[row, list] : m_violations.entries()) {
        bytes += qint64(sizeof(std::pair<qint64, QList<FrameViolation>>)) + 16 +
                 list.capacity() * qint64(sizeof(FrameViolation));
        for (const FrameViolation &v : list)
            bytes += heapBytes(v.rule) + heapBytes(v.section);
    }
    return bytes;
}

QByteArray FrameLog::keptPayload(int row) const
{
    const Record &r = record(row);
    if (r.bits & SideBit) {
        if (const QByteArray *payload = m_controlPayloads.find(m_first + row))
            return *payload;
    }
    const auto kept = qsizetype(qMin<quint64>(PreviewBytes, payloadLength(row)));
    return QByteArray(reinterpret_cast<const char *>(r.preview), kept);
}

QList<FrameViolation> FrameLog::violations(int row) const
{
    if (!(record(row).bits & ViolationBit))
        return {};
    const QList<FrameViolation> *list = m_violations.find(m_first + row);
    return list ? *list : QList<FrameViolation>();
}

int FrameLog::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_shownEnd - m_first);
}

int FrameLog::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant FrameLog::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int row = index.row();
    const Record &r = record(row);
    switch (role) {
    case Qt::DisplayRole:
        return displayText(r, row, index.column());
    case Qt::ToolTipRole:
        if (r.bits & ViolationBit)
            return toolTip(row);
        break;
    case Qt::TextAlignmentRole:
        if (index.column() == TimeColumn || index.column() == LengthColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        break;
    case SenderRole:
        return int((r.bits & ServerBit) ? FrameSender::Server : FrameSender::Client);
    case OpcodeRole:
        return int(r.bits & OpcodeMask);
    case PayloadLengthRole:
        return qulonglong(payloadLength(row));
    case TimeUsRole:
        return qlonglong(timeUs(row));
    case ViolationRole:
        return bool(r.bits & ViolationBit);
    case MaskingKeyRole:
        return uint(r.maskingKey);
    case FinRole:
        return bool(r.bits & FinBit);
    case RsvRole:
        return int((r.bits >> RsvShift) & 0x7);
    case MaskedRole:
        return bool(r.bits & MaskBit);
    }
    return {};
}
