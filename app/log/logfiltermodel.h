#pragma once

#include "log/messagelog.h"

#include <QAbstractProxyModel>
#include <QElapsedTimer>
#include <QRegularExpression>
#include <QTimer>
#include <vector>

/// What LogFilterModel lets through. The default lets everything through.
struct LogFilter
{
    static constexpr quint8 AllDirections = 0x7;
    static constexpr quint16 AllKinds = (1u << EventKindCount) - 1;

    quint8 directions = AllDirections; ///< Bit (1 << Direction) set = shown.
    quint16 kinds = AllKinds;          ///< Bit (1 << EventKind) set = shown.
    QString text;                      ///< Substring or pattern; empty = any text.
    bool regularExpression = false;    ///< text is a QRegularExpression (PCRE2) pattern.
    bool caseSensitive = false;

    bool letsEverythingThrough() const
    {
        return directions == AllDirections && kinds == AllKinds && text.isEmpty();
    }
    friend bool operator==(const LogFilter &a, const LogFilter &b)
    {
        return a.directions == b.directions && a.kinds == b.kinds && a.text == b.text &&
               a.regularExpression == b.regularExpression && a.caseSensitive == b.caseSensitive;
    }
};

/// The rows of a MessageLog that pass a LogFilter, and the log's "pause" switch.
///
/// QSortFilterProxyModel filters all rows in one call on the UI thread; over a million
/// rows with a pattern that is a stall of a second or more (bench/ measures both). This
/// proxy scans in slices of at most SliceMs on the UI thread, inserting matches as it
/// goes, so the view stays responsive and fills in while filtering. It relies on the
/// log's shape: rows are only appended at the end or dropped from the front.
///
/// Text matches a text message's whole payload (not just the preview), a binary
/// message's payload as lowercase hex digits, and other rows' preview text.
///
/// While paused the proxy shows the rows it had; the log keeps recording, and resume
/// shows what arrived meanwhile.
class LogFilterModel final : public QAbstractProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LogFilterModel)
public:
    /// Longest one filtering slice runs before yielding to the event loop, in ms.
    static constexpr int SliceMs = 8;

    explicit LogFilterModel(QObject *parent = nullptr);

    /// Filters @p log's rows (and makes it the source model); null for none. The proxy
    /// reads records straight from the log, so only a MessageLog can be its source.
    void setLog(MessageLog *log);
    /// The same as setLog(), under QAbstractProxyModel's name.
    void setSourceModel(MessageLog *log) { setLog(log); }
    MessageLog *log() const { return m_log; }

    /// Applies @p filter and starts rescanning. Returns an error, and keeps the current
    /// filter, when the pattern does not compile.
    QString setFilter(const LogFilter &filter);
    const LogFilter &filter() const { return m_filter; }
    /// Why @p pattern is not a usable QRegularExpression, with the offset; empty if fine.
    static QString patternProblem(const QString &pattern);

    void setPaused(bool paused);
    bool isPaused() const { return m_paused; }
    /// Log rows recorded since the pause that the proxy is not showing.
    qsizetype rowsHeldBack() const;
    /// True while a scan has rows left to examine.
    bool isFiltering() const { return m_scanned < scanGoal(); }
    /// Whether the log row @p sourceRow passes the current filter.
    bool accepts(qsizetype sourceRow) const;

    /// The log rows this proxy shows, in order.
    std::vector<quint32> sourceRows() const;

    QModelIndex mapToSource(const QModelIndex &proxyIndex) const override;
    QModelIndex mapFromSource(const QModelIndex &sourceIndex) const override;
    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    /// Scanning progress: @p scanned of @p total log rows examined.
    void filterProgress(qsizetype scanned, qsizetype total);
    /// A scan started by setFilter() (or resume) reached the end of the log.
    void filterFinished(qint64 elapsedMs, qsizetype matches);
    void pausedChanged(bool paused);
    /// Rows held back while paused changed.
    void heldBackChanged(qsizetype rows);

private:
    /// Reached only through a QAbstractProxyModel pointer: a model that is not log() is
    /// refused (no source), because the proxy cannot read its records. Use setLog().
    void setSourceModel(QAbstractItemModel *sourceModel) override;
    qsizetype scanGoal() const;
    void scanStep();
    void restart();
    void onRowsInserted();
    void onRowsAboutToBeRemoved(const QModelIndex &, int first, int last);
    void onRowsRemoved(const QModelIndex &, int first, int last);

    MessageLog *m_log = nullptr;
    LogFilter m_filter;
    bool m_passThrough = true;
    QRegularExpression m_regex;
    QByteArray m_needleUtf8;
    bool m_needleAscii = true;
    std::vector<quint32> m_rows; ///< Matching log rows, when filtering.
    qsizetype m_shown = 0;       ///< Rows shown, when passing everything through.
    qsizetype m_scanned = 0;     ///< Log rows examined so far.
    bool m_paused = false;
    qsizetype m_pauseLimit = 0;  ///< Log rows the proxy may show while paused.
    bool m_removalBegun = false; ///< Between the log's rowsAboutToBeRemoved and rowsRemoved.
    bool m_reporting = false;    ///< A scan whose end is reported by filterFinished.
    QElapsedTimer m_scanClock;
    QTimer m_scanTimer;
};
