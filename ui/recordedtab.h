#pragma once

#include "import/recordedlog.h"

#include <QWidget>

class DetailPane;
class FilterBar;
class LogExporter;
class LogFilterModel;
class LogToolbar;
class LogView;
class MessageLog;
class QLabel;
class StatusLine;

/// A read-only tab: the events of a connection read from a file (a HAR, a JSON Lines
/// export), in a MessageLog of its own. It shows them as a live tab does, with the same
/// filter bar, log view, detail pane and export; it has no connection, no composer and
/// no close controls. A line says where the events came from.
class RecordedTab final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RecordedTab)
public:
    /// @p source is the file the events were read from, as the user chose it.
    RecordedTab(const RecordedConnection &recorded, const QString &source,
                QWidget *parent = nullptr);

    /// "Recorded: <profile name>".
    QString title() const;
    QString name() const { return m_name; }
    QString source() const { return m_source; }
    MessageLog *log() const { return m_messages; }
    /// The rows the log view shows: the log through the filter.
    LogFilterModel *logFilter() const { return m_filter; }
    LogView *logView() const { return m_log; }
    FilterBar *filterBar() const { return m_filterBar; }
    DetailPane *detailPane() const { return m_detail; }
    LogExporter *exporter() const { return m_exporter; }

public Q_SLOTS:
    /// Starts exporting to @p path (format from the suffix): the shown rows, or all.
    bool exportLog(const QString &path, bool onlyShownRows);
    /// Puts the cursor in the log's filter field.
    void focusFilter();

private:
    void buildWidgets(qsizetype events);
    void buildLayout();
    void wireLog();
    void showCurrentRow();

    QString m_name;
    QString m_source;
    MessageLog *m_messages = nullptr;
    LogFilterModel *m_filter = nullptr;
    LogExporter *m_exporter = nullptr;
    QLabel *m_origin = nullptr;
    LogToolbar *m_logToolbar = nullptr;
    FilterBar *m_filterBar = nullptr;
    LogView *m_log = nullptr;
    DetailPane *m_detail = nullptr;
    StatusLine *m_status = nullptr;
};
