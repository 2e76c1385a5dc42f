#include "recordedtab.h"

#include "detailpane.h"
#include "filterbar.h"
#include "log/logexporter.h"
#include "log/logfiltermodel.h"
#include "log/messagelog.h"
#include "logtoolbar.h"
#include "logview.h"
#include "plaintext.h"
#include "statusline.h"

#include <QDir>
#include <QFileInfo>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLocale>
#include <QSplitter>
#include <QVBoxLayout>

RecordedTab::RecordedTab(const RecordedConnection &recorded, const QString &source, QWidget *parent)
    : QWidget(parent), m_name(recorded.profile.name), m_source(source),
      m_messages(new MessageLog(this)), m_filter(new LogFilterModel(this)),
      m_exporter(new LogExporter(this))
{
    setAccessibleName(title());
    for (const LogEvent &event : recorded.events)
        m_messages->append(event);
    m_messages->flush(); // one insert, now: nothing more will come
    m_filter->setLog(m_messages);
    buildWidgets(recorded.events.size());
    buildLayout();
    wireLog();
}

QString RecordedTab::title() const
{
    return tr("Recorded: %1").arg(m_name);
}

void RecordedTab::buildWidgets(qsizetype events)
{
    const QString file = QDir::toNativeSeparators(QFileInfo(m_source).fileName());
    const QString count = events == 1
                              ? tr("1 message")
                              : tr("%1 messages").arg(QLocale().toString(qlonglong(events)));
    m_origin = PlainText::label(this, tr("Recorded in %1, %2, read-only").arg(file, count));
    m_origin->setAccessibleName(tr("Recorded log origin"));
    m_origin->setToolTip(PlainText::toolTip(QDir::toNativeSeparators(m_source)));
    m_origin->setWordWrap(true);
    m_logToolbar = new LogToolbar(m_exporter, this);
    m_logToolbar->setProfileName(m_name);
    m_logToolbar->showExportOnly();
    m_filterBar = new FilterBar(m_filter, this);
    m_log = new LogView(this);
    m_log->setModel(m_filter);
    m_log->setRecorded(true);
    m_log->setFollowing(false); // a recorded log is read from its start
    m_detail = new DetailPane(this);
    m_detail->hideFramesButton();
    m_status = new StatusLine(this);
}

void RecordedTab::buildLayout()
{
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_log);
    splitter->addWidget(m_detail);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    splitter->setChildrenCollapsible(false);
    m_filterBar->addToRow(m_logToolbar);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_origin);
    layout->addWidget(m_filterBar);
    layout->addWidget(splitter, 1);
    layout->addWidget(m_status);
}

void RecordedTab::wireLog()
{
    connect(m_logToolbar, &LogToolbar::exportRequested, this, &RecordedTab::exportLog);
    connect(m_logToolbar, &LogToolbar::exportEnded, m_status, &StatusLine::showStatus);
    connect(m_log->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &RecordedTab::showCurrentRow);
    connect(m_log, &LogView::directionFilterRequested, m_filterBar, &FilterBar::showOnlyDirection);
    connect(m_log, &LogView::kindFilterRequested, m_filterBar, &FilterBar::showOnlyKind);
}

void RecordedTab::showCurrentRow()
{
    const QModelIndex source = m_filter->mapToSource(m_log->selectionModel()->currentIndex());
    if (!source.isValid())
        return; // keep what is shown: the row went away under a filter change
    m_detail->setEvent(m_messages->event(source.row()));
}

void RecordedTab::focusFilter()
{
    m_filterBar->focusText();
}

bool RecordedTab::exportLog(const QString &path, bool onlyShownRows)
{
    const LogExporter::Format format = LogExporter::formatForPath(path);
    const bool started = onlyShownRows
                             ? m_exporter->start(m_messages, m_filter->sourceRows(), format, path)
                             : m_exporter->startAll(m_messages, format, path);
    if (!started) {
        m_status->showStatus(m_exporter->error(), true);
        return false;
    }
    m_logToolbar->showExportStarted();
    m_status->showStatus(tr("Exporting to %1…").arg(QDir::toNativeSeparators(path)), false);
    return true;
}
