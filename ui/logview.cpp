#include "logview.h"

#include "log/messagelog.h"

#include <QHeaderView>
#include <QKeyEvent>
#include <QScrollBar>
#include <QStyledItemDelegate>
#include <QTimer>

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

    // Only the user's own scrolling (drag, wheel, clicks on the bar, keys) changes
    // following; resets, filtering and the row cap move the bar too and must not.
    // actionTriggered comes before the move is applied, so look once it has been.
    connect(verticalScrollBar(), &QScrollBar::actionTriggered, this, [this] {
        m_userScrollPending = true;
        QTimer::singleShot(0, this, &LogView::followUserScroll);
    });
    connect(verticalScrollBar(), &QScrollBar::sliderReleased, this, &LogView::followUserScroll);
    // New rows grow the range; while following, stay on the newest row.
    connect(verticalScrollBar(), &QScrollBar::rangeChanged, this, [this](int, int maximum) {
        if (m_following && !m_userScrollPending)
            verticalScrollBar()->setValue(maximum);
    });
}

void LogView::followUserScroll()
{
    m_userScrollPending = false;
    const QScrollBar *bar = verticalScrollBar();
    const bool atBottom = bar->value() >= bar->maximum();
    if (atBottom != m_following) {
        m_following = atBottom;
        Q_EMIT followingChanged(m_following);
    }
}

void LogView::setFollowing(bool following)
{
    if (following)
        verticalScrollBar()->setValue(verticalScrollBar()->maximum());
    if (following == m_following)
        return;
    m_following = following;
    Q_EMIT followingChanged(following);
}

void LogView::keyPressEvent(QKeyEvent *event)
{
    QTableView::keyPressEvent(event);
    followUserScroll();
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
