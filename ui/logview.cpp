#include "logview.h"

#include "messagelog.h"

#include <QHeaderView>
#include <QScrollBar>
#include <QStyledItemDelegate>

namespace {

/// Colours rows by MessageLog's semantic roles; the model carries no colours.
class LogDelegate final : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        const auto kind = EventKind(index.data(MessageLog::KindRole).toInt());
        const auto direction = Direction(index.data(MessageLog::DirectionRole).toInt());
        QColor colour;
        if (kind == EventKind::Error)
            colour = QColor(0xb0, 0x00, 0x20);
        else if (direction == Direction::Sent)
            colour = QColor(0x1a, 0x4f, 0xa0);
        else if (direction == Direction::Received)
            colour = QColor(0x1b, 0x6e, 0x20);
        else
            colour = QColor(0x5f, 0x5f, 0x5f);
        option->palette.setColor(QPalette::Text, colour);
        if (index.column() == MessageLog::PreviewColumn &&
            (kind == EventKind::Text || kind == EventKind::Binary))
            option->font.setFamily(QStringLiteral("monospace"));
    }
};

} // namespace

LogView::LogView(QWidget *parent) : QTableView(parent)
{
    setAccessibleName(tr("Message log"));
    setItemDelegate(new LogDelegate(this));
    setSelectionBehavior(SelectRows);
    setSelectionMode(ExtendedSelection);
    setWordWrap(false);
    setShowGrid(false);
    setAlternatingRowColors(true);
    setEditTriggers(NoEditTriggers);
    setHorizontalScrollMode(ScrollPerPixel);
    verticalHeader()->setVisible(false);
    verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    horizontalHeader()->setHighlightSections(false);
    horizontalHeader()->setStretchLastSection(true);

    connect(verticalScrollBar(), &QScrollBar::valueChanged, this,
            [this](int value) { m_following = value >= verticalScrollBar()->maximum(); });
    // New rows grow the range; while following, stay on the newest row.
    connect(verticalScrollBar(), &QScrollBar::rangeChanged, this, [this](int, int maximum) {
        if (m_following)
            verticalScrollBar()->setValue(maximum);
    });
}

void LogView::setModel(QAbstractItemModel *model)
{
    QTableView::setModel(model);
    if (!model)
        return;
    const int charWidth = fontMetrics().horizontalAdvance(QLatin1Char('0'));
    horizontalHeader()->resizeSection(MessageLog::TimeColumn, charWidth * 15);
    horizontalHeader()->resizeSection(MessageLog::DirectionColumn, charWidth * 11);
    horizontalHeader()->resizeSection(MessageLog::KindColumn, charWidth * 16);
    horizontalHeader()->resizeSection(MessageLog::SizeColumn, charWidth * 13);
}
