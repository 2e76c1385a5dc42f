#include "wiretap/framefiltermodel.h"

#include "wiretap/framelog.h"

FrameFilterModel::FrameFilterModel(QObject *parent) : QSortFilterProxyModel(parent) {}

void FrameFilterModel::setDirections(Directions directions)
{
    if (directions == m_directions)
        return;
    m_directions = directions;
    invalidateFilter();
}

void FrameFilterModel::setOpcodes(quint16 opcodes)
{
    if (opcodes == m_opcodes)
        return;
    m_opcodes = opcodes;
    invalidateFilter();
}

void FrameFilterModel::setViolationsOnly(bool only)
{
    if (only == m_violationsOnly)
        return;
    m_violationsOnly = only;
    invalidateFilter();
}

void FrameFilterModel::setText(const QString &text)
{
    if (text == m_text)
        return;
    m_text = text;
    invalidateFilter();
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
        invalidateFilter();
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
    const QModelIndex row = sourceModel()->index(sourceRow, FrameLog::PreviewColumn);
    Filters hiding;
    hiding.setFlag(Filter::Direction, directionHides(row));
    hiding.setFlag(Filter::Opcode, opcodeHides(row));
    hiding.setFlag(Filter::Violations, violationsHide(row));
    hiding.setFlag(Filter::Text, textHides(row));
    return hiding;
}

bool FrameFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    // The cheap roles first; the preview text is built only for rows still in.
    const QModelIndex row = sourceModel()->index(sourceRow, FrameLog::PreviewColumn, sourceParent);
    return !directionHides(row) && !opcodeHides(row) && !violationsHide(row) && !textHides(row);
}
