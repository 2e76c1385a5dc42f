#include "framesview.h"

#include "plaintext.h"
#include "wiretap/framefiltermodel.h"
#include "wiretap/framelog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLineEdit>
#include <QScrollBar>
#include <QTableView>
#include <QVBoxLayout>

FramesView::FramesView(FrameLog *frames, QWidget *parent)
    : QWidget(parent), m_filter(new FrameFilterModel(this))
{
    m_filter->setSourceModel(frames);
    m_table = new QTableView(this);
    m_table->setAccessibleName(tr("Frames"));
    m_table->setModel(m_filter);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    // Uniform rows: a million of them lay out at once (QHeaderView::Fixed).
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->horizontalHeader()->setStretchLastSection(true);
    sizeColumns();
    buildFilterRow();
    connect(m_filter, &QAbstractItemModel::rowsAboutToBeInserted, this, &FramesView::noteBottom);
    connect(m_filter, &QAbstractItemModel::rowsInserted, this, &FramesView::followNewRows);
}

void FramesView::noteBottom()
{
    const QScrollBar *bar = m_table->verticalScrollBar();
    m_atBottom = bar->value() >= bar->maximum();
}

/// Each column as wide as its longest usual text, measured once (a million rows are
/// never measured: QHeaderView::ResizeToContents would).
void FramesView::sizeColumns()
{
    const QFontMetrics metrics = m_table->fontMetrics();
    const auto widthOf = [&metrics](const QString &text) {
        return metrics.horizontalAdvance(text) + 2 * metrics.averageCharWidth();
    };
    const QList<QPair<int, QString>> widest = {
        {FrameLog::TimeColumn, QStringLiteral("999,999,999 µs")},
        {FrameLog::DirectionColumn, QStringLiteral("received")},
        {FrameLog::OpcodeColumn, QStringLiteral("continuation")},
        {FrameLog::FinColumn, QStringLiteral("FIN")},
        {FrameLog::RsvColumn, QStringLiteral("RSV1 RSV2")},
        {FrameLog::MaskColumn, QStringLiteral("00000000")},
        {FrameLog::LengthColumn, QStringLiteral("999,999,999")}};
    QHeaderView *header = m_table->horizontalHeader();
    for (const auto &[column, text] : widest) {
        const QString title = m_filter->headerData(column, Qt::Horizontal).toString();
        header->resizeSection(column, qMax(widthOf(text), widthOf(title)));
    }
    // What a narrow window must show first: the length and preview before the flags.
    header->moveSection(header->visualIndex(FrameLog::LengthColumn), FrameLog::OpcodeColumn + 1);
    header->moveSection(header->visualIndex(FrameLog::PreviewColumn), FrameLog::OpcodeColumn + 2);
    header->resizeSection(FrameLog::PreviewColumn,
                          widthOf(QStringLiteral("00 01 02 03 04 05 06 07 …")));
}

void FramesView::buildFilterRow()
{
    m_direction = new QComboBox(this);
    m_direction->addItems({tr("Both directions"), tr("Sent only"), tr("Received only")});
    Accessibility::nameComboBox(m_direction, tr("Frame direction"));
    connect(m_direction, &QComboBox::currentIndexChanged, this, &FramesView::onDirectionChosen);
    m_violationsOnly = new QCheckBox(tr("Violations only"), this);
    m_violationsOnly->setAccessibleName(tr("Violations only"));
    m_violationsOnly->setToolTip(tr("Only the frames that break a rule of RFC 6455"));
    connect(m_violationsOnly, &QCheckBox::toggled, m_filter, &FrameFilterModel::setViolationsOnly);
    m_text = new QLineEdit(this);
    m_text->setAccessibleName(tr("Frame text filter"));
    m_text->setPlaceholderText(tr("Filter by the preview (a payload's first bytes)"));
    m_text->setClearButtonEnabled(true);
    connect(m_text, &QLineEdit::textChanged, m_filter, &FrameFilterModel::setText);

    auto *row = new QHBoxLayout;
    row->addWidget(m_direction);
    row->addWidget(m_violationsOnly);
    row->addWidget(m_text, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(row);
    layout->addWidget(m_table, 1);
}

void FramesView::onDirectionChosen(int index)
{
    using D = FrameFilterModel::Directions;
    m_filter->setDirections(index == 1 ? D::Sent : index == 2 ? D::Received : D::Both);
}

void FramesView::followNewRows()
{
    // Like the log: stay at the newest frame while the view was at the bottom.
    if (m_atBottom)
        m_table->scrollToBottom();
}
