#include "logtoolbar.h"

#include "log/logexporter.h"

#include <QDateTime>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLocale>
#include <QMenu>
#include <QProgressBar>
#include <QPushButton>
#include <QToolButton>

namespace {
/// The progress bar's range: tenths of a percent.
constexpr int ProgressSteps = 1000;
} // namespace

LogToolbar::LogToolbar(LogExporter *exporter, QWidget *parent)
    : QWidget(parent), m_exporter(exporter)
{
    m_followButton = new QPushButton(tr("Follow"), this);
    m_followButton->setAccessibleName(tr("Follow"));
    m_followButton->setCheckable(true);
    m_followButton->setChecked(true);
    m_followButton->setToolTip(tr("Keep the newest row in view. Scrolling up stops "
                                  "following; this brings it back."));
    m_pauseButton = new QPushButton(tr("Pause"), this);
    m_pauseButton->setAccessibleName(tr("Pause"));
    m_pauseButton->setCheckable(true);
    m_pauseButton->setToolTip(tr("Freeze the view; messages are still recorded"));
    m_clearButton = new QPushButton(tr("Clear"), this);
    m_clearButton->setAccessibleName(tr("Clear log"));
    m_clearButton->setToolTip(tr("Remove every row of this tab's log"));
    buildExportMenu();
    m_exportProgress = new QProgressBar(this);
    m_exportProgress->setAccessibleName(tr("Export progress"));
    m_exportProgress->setRange(0, ProgressSteps);
    m_exportProgress->setMaximumWidth(160);
    m_exportProgress->setVisible(false);
    m_cancelExport = new QPushButton(tr("Cancel export"), this);
    m_cancelExport->setAccessibleName(tr("Cancel export"));
    m_cancelExport->setVisible(false);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_exportProgress);
    layout->addWidget(m_cancelExport);
    layout->addWidget(m_followButton);
    layout->addWidget(m_pauseButton);
    layout->addWidget(m_clearButton);
    layout->addWidget(m_exportButton);

    connect(m_followButton, &QPushButton::toggled, this, &LogToolbar::followToggled);
    connect(m_pauseButton, &QPushButton::toggled, this, &LogToolbar::pauseToggled);
    connect(m_clearButton, &QPushButton::clicked, this, &LogToolbar::clearRequested);
    connect(m_cancelExport, &QPushButton::clicked, m_exporter, &LogExporter::cancel);
    connect(m_exporter, &LogExporter::progress, this, &LogToolbar::showExportProgress);
    connect(m_exporter, &LogExporter::finished, this, &LogToolbar::onExportFinished);
    connect(m_exporter, &LogExporter::failed, this, &LogToolbar::onExportFailed);
    connect(m_exporter, &LogExporter::cancelled, this, &LogToolbar::onExportCancelled);
}

void LogToolbar::buildExportMenu()
{
    m_exportButton = new QToolButton(this);
    m_exportButton->setText(tr("Export"));
    m_exportButton->setAccessibleName(tr("Export log"));
    m_exportButton->setPopupMode(QToolButton::InstantPopup);
    m_exportButton->setToolButtonStyle(Qt::ToolButtonTextOnly);
    auto *menu = new QMenu(m_exportButton);
    QAction *all = menu->addAction(tr("Export all rows…"));
    QAction *shown = menu->addAction(tr("Export shown rows…"));
    shown->setToolTip(tr("Only the rows the filter lets through"));
    m_exportButton->setMenu(menu);
    m_exportButton->setToolTip(tr("Write the log as JSON Lines (.jsonl) or CSV (.csv)"));
    connect(all, &QAction::triggered, this, &LogToolbar::chooseFileForAllRows);
    connect(shown, &QAction::triggered, this, &LogToolbar::chooseFileForShownRows);
}

void LogToolbar::showFollowing(bool following)
{
    m_followButton->setChecked(following);
}

void LogToolbar::showPaused(bool paused)
{
    m_pauseButton->setChecked(paused);
    m_pauseButton->setText(paused ? tr("Resume") : tr("Pause"));
}

void LogToolbar::showExportStarted()
{
    m_exportProgress->setValue(0);
    m_exportProgress->setVisible(true);
    m_cancelExport->setVisible(true);
    m_exportButton->setEnabled(false);
    m_clearButton->setEnabled(false); // clearing would fail the export
}

void LogToolbar::showExportOnly()
{
    for (QPushButton *b : {m_followButton, m_pauseButton, m_clearButton})
        b->setVisible(false);
}

void LogToolbar::showExportProgress(qsizetype written, qsizetype total)
{
    m_exportProgress->setValue(total > 0 ? int(written * ProgressSteps / total) : ProgressSteps);
}

void LogToolbar::onExportFinished(const QString &path, qsizetype rows, qint64 elapsedMs)
{
    showExportEnded(tr("Exported %1 rows to %2 in %3 ms.")
                        .arg(QLocale().toString(rows), QDir::toNativeSeparators(path))
                        .arg(elapsedMs),
                    false);
}

void LogToolbar::onExportFailed(const QString &error)
{
    showExportEnded(error, true);
}

void LogToolbar::onExportCancelled()
{
    showExportEnded(tr("Export cancelled; no file was written or changed."), false);
}

void LogToolbar::showExportEnded(const QString &text, bool isError)
{
    m_exportProgress->setVisible(false);
    m_cancelExport->setVisible(false);
    m_exportButton->setEnabled(true);
    m_clearButton->setEnabled(true);
    Q_EMIT exportEnded(text, isError);
}

void LogToolbar::chooseExportFile(bool onlyShownRows)
{
    const QString jsonl = tr("JSON Lines (*.jsonl)");
    const QString csv = tr("CSV (*.csv)");
    QString selected = jsonl;
    const QString suggested = QDir::home().filePath(
        QStringLiteral("sockscope-%1-%2.jsonl")
            .arg(m_profileName.simplified().replace(QLatin1Char(' '), QLatin1Char('-')),
                 QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"))));
    QString path = QFileDialog::getSaveFileName(
        this, onlyShownRows ? tr("Export shown rows") : tr("Export all rows"), suggested,
        jsonl + QStringLiteral(";;") + csv, &selected);
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += selected == csv ? QStringLiteral(".csv") : QStringLiteral(".jsonl");
    Q_EMIT exportRequested(path, onlyShownRows);
}
