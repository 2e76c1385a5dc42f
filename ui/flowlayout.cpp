#include "flowlayout.h"

#include <QWidget>

namespace {

bool expands(const QLayoutItem *item)
{
    return item->expandingDirections() & Qt::Horizontal;
}

/// The narrowest an item may be in a row: expanding items their minimum, others their
/// hint.
int narrowest(const QLayoutItem *item)
{
    return expands(item) ? qMax(item->minimumSize().width(), 1)
                         : qMax(item->sizeHint().width(), item->minimumSize().width());
}

} // namespace

FlowLayout::FlowLayout(QWidget *parent) : QLayout(parent)
{
    setContentsMargins(0, 0, 0, 0);
}

FlowLayout::~FlowLayout()
{
    while (QLayoutItem *item = takeAt(0))
        delete item;
}

void FlowLayout::addItem(QLayoutItem *item)
{
    m_items.append(item);
    invalidate();
}

QLayoutItem *FlowLayout::takeAt(int index)
{
    if (index < 0 || index >= m_items.size())
        return nullptr;
    QLayoutItem *item = m_items.takeAt(index);
    invalidate();
    return item;
}

int FlowLayout::heightForWidth(int width) const
{
    return arrange(QRect(0, 0, width, 0), false);
}

QSize FlowLayout::minimumSize() const
{
    // As narrow as the widest single item and as low as the highest: the height a given
    // width needs comes from heightForWidth(), which the parent layout asks.
    QSize size;
    for (const QLayoutItem *item : m_items) {
        if (!item->isEmpty())
            size = size.expandedTo(QSize(narrowest(item), item->minimumSize().height()));
    }
    const QMargins m = contentsMargins();
    return size + QSize(m.left() + m.right(), m.top() + m.bottom());
}

QSize FlowLayout::sizeHint() const
{
    int width = 0;
    int height = 0;
    for (const QLayoutItem *item : m_items) {
        if (item->isEmpty())
            continue;
        width += item->sizeHint().width() + (width > 0 ? spacing() : 0);
        height = qMax(height, item->sizeHint().height());
    }
    const QMargins m = contentsMargins();
    return QSize(width + m.left() + m.right(), height + m.top() + m.bottom());
}

void FlowLayout::setGeometry(const QRect &rect)
{
    QLayout::setGeometry(rect);
    arrange(rect, true);
}

int FlowLayout::arrange(const QRect &rect, bool apply) const
{
    const QRect area = rect.marginsRemoved(contentsMargins());
    const int gap = qMax(spacing(), 0);
    int y = area.y();
    qsizetype first = 0;
    while (first < m_items.size()) {
        // Fill one row with as many items as fit at their narrowest.
        int used = 0;
        int expanding = 0;
        int height = 0;
        qsizetype end = first;
        for (; end < m_items.size(); ++end) {
            const QLayoutItem *item = m_items.at(end);
            if (item->isEmpty())
                continue;
            const int w = narrowest(item) + (used > 0 ? gap : 0);
            if (used > 0 && used + w > area.width())
                break;
            used += w;
            expanding += expands(item) ? 1 : 0;
            height = qMax(height, item->sizeHint().height());
        }
        if (apply) {
            // Spare width goes to the expanding items, shared evenly; with none, it
            // stays at the right.
            int spare = qMax(0, area.width() - used);
            int x = area.x();
            for (qsizetype i = first; i < end; ++i) {
                QLayoutItem *item = m_items.at(i);
                if (item->isEmpty())
                    continue;
                int w = narrowest(item);
                if (expands(item) && expanding > 0) {
                    const int extra = spare / expanding;
                    w += extra;
                    spare -= extra;
                    --expanding;
                }
                const int h =
                    qMin(height, qMax(item->sizeHint().height(), item->minimumSize().height()));
                item->setGeometry(QRect(x, y + (height - h) / 2, w, h));
                x += w + gap;
            }
        }
        y += height + gap;
        first = end;
    }
    return y - area.y() - (y > area.y() ? gap : 0) + contentsMargins().top() +
           contentsMargins().bottom();
}
