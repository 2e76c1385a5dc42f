#include "logview.h"

#include "log/logrowcopy.h"
#include "palette.h"

#include <QClipboard>
#include <QContextMenuEvent>
#include <QGuiApplication>
#include <QHeaderView>
#include <QKeyEvent>
#include <QMenu>
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
        option->palette.setColor(QPalette::Text,
                                 Palette::logRowText(kind, direction, option->palette));
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

    connect(this, &QAbstractItemView::doubleClicked, this, &LogView::requestFrames);
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
    if (event->matches(QKeySequence::Copy)) { // QTableView would copy one cell
        copySelectedPayloads();
        event->accept();
        return;
    }
    // Return alone: with Ctrl or Shift it belongs to the window's Connect and Close.
    const bool plain = (event->modifiers() & ~Qt::KeypadModifier) == Qt::NoModifier;
    if (plain && (event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter)) {
        requestFrames(currentIndex());
        event->accept();
        return;
    }
    QTableView::keyPressEvent(event);
    followUserScroll();
}

QModelIndexList LogView::selectedRowIndexes() const
{
    QModelIndexList rows = selectionModel() ? selectionModel()->selectedRows() : QModelIndexList();
    if (rows.isEmpty() && currentIndex().isValid())
        rows.append(currentIndex());
    return rows;
}

void LogView::copySelectedPayloads()
{
    const QModelIndexList rows = selectedRowIndexes();
    if (!rows.isEmpty())
        QGuiApplication::clipboard()->setText(LogRowCopy::payloads(rows));
}

void LogView::copySelectedRowsAsJson()
{
    const QModelIndexList rows = selectedRowIndexes();
    if (!rows.isEmpty())
        QGuiApplication::clipboard()->setText(LogRowCopy::jsonLines(rows));
}

void LogView::requestCompose(const QModelIndex &index)
{
    const LogEvent e = LogRowCopy::eventAt(index);
    if (e.kind == EventKind::Binary)
        Q_EMIT composeRequested(LogRowCopy::payloadText(e), PayloadFormat::Hex);
    else
        Q_EMIT composeRequested(QString::fromUtf8(e.payload), PayloadFormat::Text);
}

namespace {

bool isMessage(const QModelIndex &index)
{
    const auto kind = EventKind(index.data(MessageLog::KindRole).toInt());
    return index.isValid() && (kind == EventKind::Text || kind == EventKind::Binary) &&
           Direction(index.data(MessageLog::DirectionRole).toInt()) != Direction::Local;
}

} // namespace

void LogView::requestFrames(const QModelIndex &index)
{
    if (!m_recorded && isMessage(index))
        Q_EMIT framesRequested(index);
}

QMenu *LogView::createContextMenu(const QModelIndex &index)
{
    auto *menu = new QMenu(this);
    const qsizetype selected = selectedRowIndexes().size();
    QAction *copy =
        menu->addAction(selected > 1 ? tr("Copy %1 Payloads").arg(selected) : tr("Copy Payload"),
                        this, &LogView::copySelectedPayloads);
    copy->setShortcut(QKeySequence::Copy);
    menu->addAction(selected > 1 ? tr("Copy %1 Rows as JSON").arg(selected)
                                 : tr("Copy Row as JSON"),
                    this, &LogView::copySelectedRowsAsJson);
    if (!index.isValid())
        return menu;
    const LogEvent e = LogRowCopy::eventAt(index);
    if (!m_recorded)
        addLiveActions(menu, index, e);
    menu->addSeparator();
    const Direction direction = e.direction;
    const EventKind kind = e.kind;
    menu->addAction(tr("Show Only \"%1\" Rows").arg(MessageLog::directionName(direction)), this,
                    [this, direction] { Q_EMIT directionFilterRequested(direction); });
    menu->addAction(tr("Show Only \"%1\" Rows").arg(MessageLog::kindName(kind)), this,
                    [this, kind] { Q_EMIT kindFilterRequested(kind); });
    return menu;
}

void LogView::addLiveActions(QMenu *menu, const QModelIndex &index, const LogEvent &e)
{
    const bool message = e.kind == EventKind::Text || e.kind == EventKind::Binary;
    QAction *compose =
        menu->addAction(tr("Put into Composer"), this, [this, index] { requestCompose(index); });
    compose->setEnabled(message && e.payloadKept);
    compose->setToolTip(tr("Copy this message into the composer, to edit and send again"));
    QAction *frames =
        menu->addAction(tr("Show Frames"), this, [this, index] { requestFrames(index); });
    frames->setShortcut(QKeySequence(Qt::Key_Return));
    frames->setEnabled(isMessage(index));
    frames->setToolTip(tr("Select this message's frames in the Frames view"));
}

void LogView::contextMenuEvent(QContextMenuEvent *event)
{
    QMenu *menu = createContextMenu(indexAt(event->pos()));
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->popup(event->globalPos());
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
