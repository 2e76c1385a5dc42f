#include "logfiltermodel.h"

#include <QLatin1StringView>

LogFilterModel::LogFilterModel(QObject *parent) : QAbstractProxyModel(parent)
{
    m_scanTimer.setSingleShot(true);
    m_scanTimer.setInterval(0);
    connect(&m_scanTimer, &QTimer::timeout, this, &LogFilterModel::scanStep);
}

void LogFilterModel::setSourceModel(QAbstractItemModel *sourceModel)
{
    if (sourceModel == m_log)
        return;
    qWarning("LogFilterModel: a source model is set with setLog(), from a MessageLog");
    setLog(nullptr);
}

void LogFilterModel::setLog(MessageLog *log)
{
    beginResetModel();
    if (m_log)
        disconnect(m_log, nullptr, this, nullptr);
    m_log = log;
    QAbstractProxyModel::setSourceModel(m_log);
    m_rows.clear();
    m_shown = m_scanned = 0;
    if (m_log) {
        connect(m_log, &QAbstractItemModel::rowsInserted, this, &LogFilterModel::onRowsInserted);
        connect(m_log, &QAbstractItemModel::rowsAboutToBeRemoved, this,
                &LogFilterModel::onRowsAboutToBeRemoved);
        connect(m_log, &QAbstractItemModel::rowsRemoved, this, &LogFilterModel::onRowsRemoved);
        connect(m_log, &QAbstractItemModel::modelAboutToBeReset, this,
                [this] { beginResetModel(); });
        connect(m_log, &QAbstractItemModel::modelReset, this, [this] {
            m_rows.clear();
            m_shown = m_scanned = 0;
            m_pauseLimit = 0;
            endResetModel();
            Q_EMIT heldBackChanged(0);
        });
        connect(m_log, &QAbstractItemModel::dataChanged, this,
                [this](const QModelIndex &tl, const QModelIndex &br, const QList<int> &roles) {
                    const QModelIndex a = mapFromSource(tl), b = mapFromSource(br);
                    if (a.isValid() && b.isValid())
                        Q_EMIT dataChanged(a, b, roles);
                });
    }
    endResetModel();
    if (m_log)
        scanStep();
}

QString LogFilterModel::patternProblem(const QString &pattern)
{
    const QRegularExpression re(pattern);
    if (re.isValid())
        return QString();
    return tr("Bad regular expression at offset %1: %2")
        .arg(re.patternErrorOffset())
        .arg(re.errorString());
}

QString LogFilterModel::setFilter(const LogFilter &filter)
{
    if (filter.regularExpression && !filter.text.isEmpty()) {
        if (QString problem = patternProblem(filter.text); !problem.isEmpty())
            return problem;
    }
    m_filter = filter;
    m_passThrough = filter.letsEverythingThrough();
    m_regex = QRegularExpression();
    if (filter.regularExpression && !filter.text.isEmpty()) {
        m_regex.setPattern(filter.text);
        m_regex.setPatternOptions(filter.caseSensitive ? QRegularExpression::NoPatternOption
                                                       : QRegularExpression::CaseInsensitiveOption);
        m_regex.optimize();
    }
    m_needleUtf8 = filter.text.toUtf8();
    m_needleAscii = std::all_of(m_needleUtf8.cbegin(), m_needleUtf8.cend(),
                                [](char c) { return quint8(c) < 0x80; });
    restart();
    return QString();
}

void LogFilterModel::restart()
{
    beginResetModel();
    m_rows.clear();
    m_rows.shrink_to_fit();
    m_shown = m_scanned = 0;
    endResetModel();
    m_scanClock.start();
    m_reporting = true;
    scanStep();
}

bool LogFilterModel::accepts(qsizetype row) const
{
    if (!(m_filter.directions & (1u << int(m_log->direction(row)))))
        return false;
    const EventKind kind = m_log->kind(row);
    if (!(m_filter.kinds & (1u << int(kind))))
        return false;
    if (m_filter.text.isEmpty())
        return true;
    const QByteArrayView payload = m_log->payload(row);
    if (kind == EventKind::Text && !m_filter.regularExpression) {
        // The hot path: plain search on the stored UTF-8, with no decoding.
        if (m_filter.caseSensitive)
            return payload.contains(m_needleUtf8);
        if (m_needleAscii) // ASCII folding never matches a byte of a multi-byte sequence
            return QLatin1StringView(payload.data(), payload.size())
                .contains(QLatin1StringView(m_needleUtf8), Qt::CaseInsensitive);
    }
    QString haystack;
    if (kind == EventKind::Text)
        haystack = QString::fromUtf8(payload);
    else if (kind == EventKind::Binary)
        haystack = QString::fromLatin1(payload.toByteArray().toHex());
    else
        haystack = MessageLog::preview(m_log->view(row));
    if (m_filter.regularExpression)
        return m_regex.match(haystack).hasMatch();
    return haystack.contains(m_filter.text,
                             m_filter.caseSensitive ? Qt::CaseSensitive : Qt::CaseInsensitive);
}

qsizetype LogFilterModel::scanGoal() const
{
    if (!m_log)
        return 0;
    const qsizetype rows = m_log->rows();
    return m_paused ? qMin(rows, m_pauseLimit) : rows;
}

void LogFilterModel::scanStep()
{
    if (!m_log)
        return;
    const qsizetype goal = scanGoal();
    if (m_passThrough) {
        if (goal > m_shown) {
            beginInsertRows({}, int(m_shown), int(goal) - 1);
            m_shown = m_scanned = goal;
            endInsertRows();
        }
    } else if (m_scanned < goal) {
        QElapsedTimer slice;
        slice.start();
        std::vector<quint32> found;
        while (m_scanned < goal) {
            const qsizetype end = qMin(goal, m_scanned + 2048);
            for (qsizetype row = m_scanned; row < end; ++row) {
                if (accepts(row))
                    found.push_back(quint32(row));
            }
            m_scanned = end;
            if (slice.elapsed() >= SliceMs)
                break;
        }
        if (!found.empty()) {
            const int first = int(m_rows.size());
            beginInsertRows({}, first, first + int(found.size()) - 1);
            m_rows.insert(m_rows.end(), found.begin(), found.end());
            endInsertRows();
        }
        if (m_scanned < goal)
            m_scanTimer.start();
    }
    if (m_reporting) {
        Q_EMIT filterProgress(m_scanned, goal);
        if (m_scanned >= goal) {
            m_reporting = false;
            Q_EMIT filterFinished(m_scanClock.elapsed(), rowCount());
        }
    }
}

void LogFilterModel::onRowsInserted()
{
    if (m_paused) {
        Q_EMIT heldBackChanged(rowsHeldBack());
        return;
    }
    if (!m_scanTimer.isActive())
        scanStep();
}

void LogFilterModel::onRowsAboutToBeRemoved(const QModelIndex &, int first, int last)
{
    // The log only drops rows from the front (its row cap).
    Q_ASSERT(first == 0);
    Q_UNUSED(first);
    const qsizetype n = last + 1;
    qsizetype shownGone = 0;
    if (m_passThrough)
        shownGone = qMin(n, m_shown);
    else
        shownGone = std::lower_bound(m_rows.begin(), m_rows.end(), quint32(n)) - m_rows.begin();
    m_removalBegun = shownGone > 0;
    if (m_removalBegun)
        beginRemoveRows({}, 0, int(shownGone) - 1);
}

void LogFilterModel::onRowsRemoved(const QModelIndex &, int, int last)
{
    const qsizetype n = last + 1;
    if (m_passThrough) {
        m_shown = qMax<qsizetype>(0, m_shown - n);
    } else {
        const auto gone = std::lower_bound(m_rows.begin(), m_rows.end(), quint32(n));
        m_rows.erase(m_rows.begin(), gone);
        for (quint32 &r : m_rows)
            r -= quint32(n);
    }
    m_scanned = qMax<qsizetype>(0, m_scanned - n);
    m_pauseLimit = qMax<qsizetype>(0, m_pauseLimit - n);
    if (m_removalBegun)
        endRemoveRows();
    m_removalBegun = false;
}

void LogFilterModel::setPaused(bool paused)
{
    if (m_paused == paused)
        return;
    m_paused = paused;
    m_pauseLimit = m_log ? m_log->rows() : 0;
    Q_EMIT pausedChanged(paused);
    if (!paused) {
        scanStep();
        Q_EMIT heldBackChanged(0);
    }
}

qsizetype LogFilterModel::rowsHeldBack() const
{
    if (!m_paused || !m_log)
        return 0;
    return qMax<qsizetype>(0, m_log->rows() - m_pauseLimit);
}

std::vector<quint32> LogFilterModel::sourceRows() const
{
    if (!m_passThrough)
        return m_rows;
    std::vector<quint32> rows(static_cast<std::size_t>(m_shown));
    for (std::size_t i = 0; i < rows.size(); ++i)
        rows[i] = quint32(i);
    return rows;
}

QModelIndex LogFilterModel::mapToSource(const QModelIndex &proxyIndex) const
{
    if (!m_log || !proxyIndex.isValid())
        return {};
    const int row = m_passThrough ? proxyIndex.row() : int(m_rows[std::size_t(proxyIndex.row())]);
    return m_log->index(row, proxyIndex.column());
}

QModelIndex LogFilterModel::mapFromSource(const QModelIndex &sourceIndex) const
{
    if (!m_log || !sourceIndex.isValid())
        return {};
    const int row = sourceIndex.row();
    if (m_passThrough)
        return row < m_shown ? index(row, sourceIndex.column()) : QModelIndex();
    const auto it = std::lower_bound(m_rows.begin(), m_rows.end(), quint32(row));
    if (it == m_rows.end() || *it != quint32(row))
        return {};
    return index(int(it - m_rows.begin()), sourceIndex.column());
}

QModelIndex LogFilterModel::index(int row, int column, const QModelIndex &parent) const
{
    if (parent.isValid() || row < 0 || column < 0 || row >= rowCount() || column >= columnCount())
        return {};
    return createIndex(row, column);
}

QModelIndex LogFilterModel::parent(const QModelIndex &) const
{
    return {};
}

int LogFilterModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid())
        return 0;
    return m_passThrough ? int(m_shown) : int(m_rows.size());
}

int LogFilterModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() || !m_log ? 0 : m_log->columnCount();
}

QVariant LogFilterModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    // QAbstractProxyModel maps a header through row 0, which an empty filter result lacks.
    if (!m_log || orientation != Qt::Horizontal)
        return QAbstractProxyModel::headerData(section, orientation, role);
    return m_log->headerData(section, orientation, role);
}
