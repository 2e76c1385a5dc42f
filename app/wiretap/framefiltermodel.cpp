#include "wiretap/framefiltermodel.h"

#include "wiretap/framelog.h"

#include <algorithm>
#include <utility>

FrameFilterModel::FrameFilterModel(QObject *parent) : QAbstractProxyModel(parent) {}

void FrameFilterModel::setSourceModel(QAbstractItemModel *sourceModel)
{
    if (sourceModel == m_frames)
        return;
    qWarning("FrameFilterModel: a source model is set with setSourceModel(FrameLog *)");
    setSourceModel(static_cast<FrameLog *>(nullptr));
}

void FrameFilterModel::setSourceModel(FrameLog *frames)
{
    beginResetModel();
    if (m_frames)
        disconnect(m_frames, nullptr, this, nullptr);
    m_frames = frames;
    // Connected before QAbstractProxyModel's own slots (which announce the vertical
    // header's change), so those see this proxy's rows already updated.
    if (m_frames) {
        connect(m_frames, &QAbstractItemModel::rowsInserted, this,
                &FrameFilterModel::onRowsInserted);
        connect(m_frames, &QAbstractItemModel::rowsAboutToBeRemoved, this,
                &FrameFilterModel::onRowsAboutToBeRemoved);
        connect(m_frames, &QAbstractItemModel::rowsRemoved, this, &FrameFilterModel::onRowsRemoved);
        connect(m_frames, &QAbstractItemModel::modelAboutToBeReset, this,
                &FrameFilterModel::beginResetModel);
        connect(m_frames, &QAbstractItemModel::modelReset, this, &FrameFilterModel::onModelReset);
    }
    QAbstractProxyModel::setSourceModel(frames);
    onModelReset(); // counts or filters the rows, and ends the reset
}

bool FrameFilterModel::showsEverything() const
{
    return m_directions == Directions::Both && m_opcodes == AllOpcodes && !m_violationsOnly &&
           m_text.isEmpty();
}

void FrameFilterModel::refilter()
{
    beginResetModel();
    onModelReset();
}

/// Ends a reset begun by the source or by refilter(): takes the rows as they now are.
void FrameFilterModel::onModelReset()
{
    m_passThrough = showsEverything();
    m_rows.clear();
    m_rows.shrink_to_fit();
    m_shown = 0;
    m_removing = 0;
    const int rows = m_frames ? m_frames->rowCount() : 0;
    m_taken = rows;
    if (m_passThrough) {
        m_shown = rows;
    } else {
        for (int row = 0; row < rows; ++row) {
            if (accepts(row))
                m_rows.push_back(quint32(row));
        }
    }
    endResetModel();
}

void FrameFilterModel::setHeld(bool held)
{
    if (held == m_held)
        return;
    m_held = held;
    if (!m_held)
        takeNewRows();
}

qsizetype FrameFilterModel::heldRows() const
{
    return m_frames ? m_frames->rowCount() - m_taken : 0;
}

void FrameFilterModel::onRowsInserted()
{
    // FrameLog appends only: the new rows are those from m_taken on.
    if (!m_held)
        takeNewRows();
}

void FrameFilterModel::takeNewRows()
{
    const int first = m_taken, last = m_frames ? m_frames->rowCount() - 1 : -1;
    if (last < first)
        return;
    m_taken = last + 1;
    if (m_passThrough) {
        beginInsertRows({}, m_shown, m_shown + (last - first));
        m_shown += last - first + 1;
        endInsertRows();
        return;
    }
    const auto before = qsizetype(m_rows.size());
    std::vector<quint32> matches;
    for (int row = first; row <= last; ++row) {
        if (accepts(row))
            matches.push_back(quint32(row));
    }
    if (matches.empty())
        return;
    beginInsertRows({}, int(before), int(before + qsizetype(matches.size())) - 1);
    m_rows.insert(m_rows.end(), matches.cbegin(), matches.cend());
    endInsertRows();
}

void FrameFilterModel::onRowsAboutToBeRemoved(const QModelIndex &, int first, int last)
{
    // FrameLog drops from the front only: first is 0.
    Q_ASSERT(first == 0);
    if (m_passThrough) {
        // Held, some of the rows dropped may never have been shown.
        m_removing = qMin(last - first + 1, m_shown);
        if (m_removing > 0)
            beginRemoveRows({}, 0, int(m_removing) - 1);
        return;
    }
    m_removing =
        std::lower_bound(m_rows.cbegin(), m_rows.cend(), quint32(last) + 1) - m_rows.cbegin();
    if (m_removing > 0)
        beginRemoveRows({}, 0, int(m_removing) - 1);
}

void FrameFilterModel::onRowsRemoved(const QModelIndex &, int first, int last)
{
    const auto removed = quint32(last - first + 1);
    m_taken = qMax(0, m_taken - int(removed));
    if (m_passThrough) {
        m_shown -= int(m_removing);
    } else {
        m_rows.erase(m_rows.begin(), m_rows.begin() + m_removing);
        for (quint32 &row : m_rows)
            row -= removed;
    }
    if (std::exchange(m_removing, 0) > 0)
        endRemoveRows();
}

QModelIndex FrameFilterModel::mapToSource(const QModelIndex &proxyIndex) const
{
    if (!m_frames || !proxyIndex.isValid() || proxyIndex.model() != this)
        return {};
    const int row =
        m_passThrough ? proxyIndex.row() : int(m_rows.at(std::size_t(proxyIndex.row())));
    return m_frames->index(row, proxyIndex.column());
}

QModelIndex FrameFilterModel::mapFromSource(const QModelIndex &sourceIndex) const
{
    if (!m_frames || !sourceIndex.isValid() || sourceIndex.model() != m_frames)
        return {};
    const int row = sourceIndex.row();
    if (m_passThrough)
        return row < m_shown ? index(row, sourceIndex.column()) : QModelIndex();
    const auto it = std::lower_bound(m_rows.cbegin(), m_rows.cend(), quint32(row));
    if (it == m_rows.cend() || *it != quint32(row))
        return {};
    return index(int(it - m_rows.cbegin()), sourceIndex.column());
}

QModelIndex FrameFilterModel::index(int row, int column, const QModelIndex &parent) const
{
    return hasIndex(row, column, parent) ? createIndex(row, column) : QModelIndex();
}

QModelIndex FrameFilterModel::parent(const QModelIndex &) const
{
    return {};
}

int FrameFilterModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid())
        return 0;
    return m_passThrough ? m_shown : int(m_rows.size());
}

bool FrameFilterModel::hasChildren(const QModelIndex &parent) const
{
    return !parent.isValid() && rowCount() > 0;
}

int FrameFilterModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() || !m_frames ? 0 : m_frames->columnCount();
}

void FrameFilterModel::setDirections(Directions directions)
{
    if (directions == m_directions)
        return;
    m_directions = directions;
    refilter();
}

void FrameFilterModel::setOpcodes(quint16 opcodes)
{
    if (opcodes == m_opcodes)
        return;
    m_opcodes = opcodes;
    refilter();
}

void FrameFilterModel::setViolationsOnly(bool only)
{
    if (only == m_violationsOnly)
        return;
    m_violationsOnly = only;
    refilter();
}

void FrameFilterModel::setText(const QString &text)
{
    if (text == m_text)
        return;
    m_text = text;
    refilter();
}

void FrameFilterModel::clearFilters(Filters filters)
{
    bool changed = false;
    const auto reset = [&changed](auto &setting, auto value) {
        changed = changed || setting != value;
        setting = value;
    };
    if (filters & Filter::Direction)
        reset(m_directions, Directions::Both);
    if (filters & Filter::Opcode)
        reset(m_opcodes, AllOpcodes);
    if (filters & Filter::Violations)
        reset(m_violationsOnly, false);
    if (filters & Filter::Text)
        reset(m_text, QString());
    if (changed)
        refilter();
}

bool FrameFilterModel::directionHides(const QModelIndex &row) const
{
    if (m_directions == Directions::Both)
        return false;
    const bool server = row.data(FrameLog::SenderRole).toInt() == int(FrameSender::Server);
    return server != (m_directions == Directions::Received);
}

bool FrameFilterModel::opcodeHides(const QModelIndex &row) const
{
    return m_opcodes != AllOpcodes &&
           !(m_opcodes & opcodeBit(quint8(row.data(FrameLog::OpcodeRole).toInt())));
}

bool FrameFilterModel::violationsHide(const QModelIndex &row) const
{
    return m_violationsOnly && !row.data(FrameLog::ViolationRole).toBool();
}

bool FrameFilterModel::textHides(const QModelIndex &row) const
{
    return !m_text.isEmpty() && !row.data().toString().contains(m_text, Qt::CaseInsensitive);
}

FrameFilterModel::Filters FrameFilterModel::hidingFilters(int sourceRow) const
{
    const QModelIndex row = m_frames->index(sourceRow, FrameLog::PreviewColumn);
    Filters hiding;
    hiding.setFlag(Filter::Direction, directionHides(row));
    hiding.setFlag(Filter::Opcode, opcodeHides(row));
    hiding.setFlag(Filter::Violations, violationsHide(row));
    hiding.setFlag(Filter::Text, textHides(row));
    return hiding;
}

bool FrameFilterModel::accepts(int sourceRow) const
{
    // The cheap roles first; the preview text is built only for rows still in.
    const QModelIndex row = m_frames->index(sourceRow, FrameLog::PreviewColumn);
    return !directionHides(row) && !opcodeHides(row) && !violationsHide(row) && !textHides(row);
}
