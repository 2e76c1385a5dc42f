#include "framesview.h"

#include "plaintext.h"
#include "wiretap/frameexporter.h"
#include "wiretap/framefiltermodel.h"
#include "wiretap/framelog.h"
#include "wiretap/messageframes.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelection>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QScrollBar>
#include <QTableView>
#include <QVBoxLayout>

FramesView::FramesView(FrameLog *frames, QWidget *parent)
    : QWidget(parent), m_frames(frames), m_filter(new FrameFilterModel(this)),
      m_exporter(new FrameExporter(this))
{
    connect(m_exporter, &FrameExporter::finished, this, &FramesView::onExportFinished);
    connect(m_exporter, &FrameExporter::failed, this, &FramesView::onExportFailed);
    connect(m_exporter, &FrameExporter::cancelled, this, &FramesView::onExportCancelled);
    m_filter->setSourceModel(frames);
    m_filter->setHeld(true); // until shown: a hidden view pays nothing for a flood's rows
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

void FramesView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    m_filter->setHeld(false); // the frames that came while hidden, in one insert
}

void FramesView::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    m_filter->setHeld(true);
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

    m_export = new QPushButton(tr("Export frames…"), this);
    m_export->setAccessibleName(tr("Export frames"));
    m_export->setToolTip(tr("Every frame, as JSON Lines (the README describes the fields)"));
    connect(m_export, &QPushButton::clicked, this, &FramesView::onExportClicked);

    auto *row = new QHBoxLayout;
    row->addWidget(m_direction);
    row->addWidget(m_violationsOnly);
    row->addWidget(m_text, 1);
    row->addWidget(m_export);
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

void FramesView::onExportClicked()
{
    if (m_exporter->isRunning()) {
        m_exporter->cancel();
        return;
    }
    const QString suggested = QDir::home().filePath(
        QStringLiteral("sockscope-frames-%1.jsonl")
            .arg(QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"))));
    QString path = QFileDialog::getSaveFileName(this, tr("Export frames"), suggested,
                                                tr("JSON Lines (*.jsonl)"));
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".jsonl");
    exportTo(path);
}

bool FramesView::exportTo(const QString &path)
{
    if (!m_exporter->start(m_frames, path)) {
        Q_EMIT exportEnded(m_exporter->error(), true);
        return false;
    }
    showExportRunning(true);
    return true;
}

void FramesView::showExportRunning(bool running)
{
    m_export->setText(running ? tr("Cancel export") : tr("Export frames…"));
    m_export->setAccessibleName(running ? tr("Cancel frames export") : tr("Export frames"));
}

void FramesView::onExportFinished(const QString &path, qint64 frames, qint64 elapsedMs)
{
    showExportRunning(false);
    Q_EMIT exportEnded(tr("Exported %1 frames to %2 in %3 ms.")
                           .arg(QLocale().toString(frames), QDir::toNativeSeparators(path))
                           .arg(elapsedMs),
                       false);
}

void FramesView::onExportFailed(const QString &error)
{
    showExportRunning(false);
    Q_EMIT exportEnded(tr("The frames were not exported: %1").arg(error), true);
}

void FramesView::onExportCancelled()
{
    showExportRunning(false);
    Q_EMIT exportEnded(tr("Frames export cancelled; no file was written or changed."), false);
}

QStringList FramesView::revealRows(const QList<int> &rows)
{
    using Filter = FrameFilterModel::Filter;
    FrameFilterModel::Filters hiding;
    for (const int row : rows)
        hiding |= m_filter->hidingFilters(row);
    QStringList names;
    if (!hiding)
        return names;
    // The controls follow without each re-filtering a million rows on its own.
    const QSignalBlocker direction(m_direction), violations(m_violationsOnly), text(m_text);
    if (hiding & Filter::Direction) {
        m_direction->setCurrentIndex(0);
        names << tr("direction");
    }
    if (hiding & Filter::Violations) {
        m_violationsOnly->setChecked(false);
        names << tr("violations only");
    }
    if (hiding & Filter::Text) {
        m_text->clear();
        names << tr("text");
    }
    if (hiding & Filter::Opcode)
        names << tr("opcode");
    m_filter->clearFilters(hiding);
    return names;
}

QItemSelection FramesView::selectionOf(const QList<int> &rows) const
{
    // One range per run of adjacent rows: the other side's frames in between stay out.
    QItemSelection selection;
    const int lastColumn = m_filter->columnCount() - 1;
    int runStart = -1, runEnd = -1;
    const auto addRun = [&] {
        if (runStart >= 0)
            selection.select(m_filter->index(runStart, 0), m_filter->index(runEnd, lastColumn));
    };
    for (const int row : rows) {
        const int shown = m_filter->mapFromSource(m_frames->index(row, 0)).row();
        if (runStart < 0 || shown != runEnd + 1) {
            addRun();
            runStart = shown;
        }
        runEnd = shown;
    }
    addRun();
    return selection;
}

QString FramesView::showMessage(const MessageFrames &message)
{
    m_filter->setHeld(false); // asked to show frames, even before it is shown
    const QList<int> &rows = message.frames.rows;
    QString text = message.description();
    if (rows.isEmpty())
        return text;
    const QStringList cleared = revealRows(rows);
    const QModelIndex first = m_filter->mapFromSource(m_frames->index(rows.first(), 0));
    const QModelIndex last = m_filter->mapFromSource(m_frames->index(rows.last(), 0));
    m_table->selectionModel()->select(selectionOf(rows), QItemSelectionModel::ClearAndSelect);
    m_table->selectionModel()->setCurrentIndex(first, QItemSelectionModel::NoUpdate);
    // As much of the message as fits, its first frame always.
    m_table->scrollTo(last);
    m_table->scrollTo(first);
    m_table->setFocus(Qt::OtherFocusReason);
    const QString names = QLocale().createSeparatedList(cleared);
    if (cleared.size() == 1)
        text += tr(" The %1 filter was cleared to show them.").arg(names);
    else if (cleared.size() > 1)
        text += tr(" The %1 filters were cleared to show them.").arg(names);
    return text;
}
