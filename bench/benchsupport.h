#pragma once

// What the benchmark's parts share: the stall meter, a bounded event-loop spin, resident
// memory, and the table of figures printed at the end.

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QList>
#include <QString>
#include <QTimer>

/// The event loop's longest gap: a 1 ms precise timer notes the time between its ticks.
class GapMeter
{
public:
    GapMeter();
    void start();
    /// Longest gap since start(), in ms, including the gap up to now.
    double stopMs();
    /// The UI thread's CPU time during that longest gap, in ms (after stopMs()): near the
    /// gap, the thread was busy; far below it, it was waiting for a core.
    double longestGapCpuMs() const { return double(m_maxCpuNs) / 1e6; }

private:
    void onTick();

    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_lastNs = 0;
    qint64 m_maxNs = 0;
    qint64 m_lastCpuNs = 0;
    qint64 m_maxCpuNs = 0;
};

/// Runs the event loop until @p done() or @p timeoutMs (in ms); false on timeout.
template <typename F> bool spinUntil(F done, int timeoutMs = 300000)
{
    QElapsedTimer t;
    t.start();
    while (!done()) {
        if (t.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    }
    return true;
}

/// CPU time the calling thread has used, in ns (CLOCK_THREAD_CPUTIME_ID): the UI
/// thread's cost of a flood, steadier than its rate on a noisy machine.
qint64 threadCpuNs();

/// The process's resident memory (Linux /proc/self/status), for peak figures.
namespace ResidentMemory {
/// Resident set size now (VmRSS), in bytes; -1 if unknown.
qint64 currentBytes();
/// The peak resident set size since the last resetPeak() (VmHWM), in bytes; -1 if unknown.
qint64 peakBytes();
/// Resets the peak to the current size (writes 5 to /proc/self/clear_refs, Linux 4.0);
/// false if the kernel refused, and then peakBytes() is the peak since the start.
bool resetPeak();
} // namespace ResidentMemory

/// One line of the figures table.
struct BenchRow
{
    QString figure;
    QString value;
    QString baseline;
    QString ratio;
    QString target;
    bool pass = true;
    /// Judged under --smoke too: a correctness check, not a speed.
    bool judgedInSmoke = false;
};

/// Adds a row to the table that printRows() prints.
void report(const QString &figure, const QString &value, const QString &baseline,
            const QString &ratio, const QString &target, bool pass, bool judgedInSmoke = false);
/// Prints the table; returns false if a judged row missed its target (under @p smoke
/// only the rows judged in smoke are judged).
bool printRows(bool smoke);
/// @p v with @p decimals decimals, in the C locale.
QString num(double v, int decimals = 0);
