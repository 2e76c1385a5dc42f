#include "framesview.h"

#include "plaintext.h"
#include "wiretap/frameexporter.h"
#include "wiretap/framefiltermodel.h"
#include "wiretap/framelog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
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
