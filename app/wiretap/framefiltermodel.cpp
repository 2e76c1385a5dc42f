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

bool FrameFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QAbstractItemModel *source = sourceModel();
    // The cheap roles first; the preview text is built only for rows still in.
    const QModelIndex row = source->index(sourceRow, FrameLog::PreviewColumn, sourceParent);
    if (m_directions != Directions::Both) {
        const bool server = row.data(FrameLog::SenderRole).toInt() == int(FrameSender::Server);
        if (server != (m_directions == Directions::Received))
            return false;
    }
    if (m_opcodes != AllOpcodes &&
        !(m_opcodes & opcodeBit(quint8(row.data(FrameLog::OpcodeRole).toInt()))))
        return false;
    if (m_violationsOnly && !row.data(FrameLog::ViolationRole).toBool())
        return false;
    return m_text.isEmpty() || row.data().toString().contains(m_text, Qt::CaseInsensitive);
}
