#include "benchsupport.h"

#include <QFile>
#include <QLocale>
#include <cstdio>
#include <ctime>

GapMeter::GapMeter()
{
    m_timer.setTimerType(Qt::PreciseTimer);
    m_timer.setInterval(1);
    QObject::connect(&m_timer, &QTimer::timeout, &m_timer, [this] { onTick(); });
}

void GapMeter::start()
{
    m_clock.start();
    m_lastNs = 0;
    m_maxNs = 0;
    m_lastCpuNs = threadCpuNs();
    m_maxCpuNs = 0;
    m_timer.start();
}

void GapMeter::onTick()
{
    const qint64 now = m_clock.nsecsElapsed();
    const qint64 cpu = threadCpuNs();
    if (now - m_lastNs > m_maxNs) {
        m_maxNs = now - m_lastNs;
        m_maxCpuNs = cpu - m_lastCpuNs;
    }
    m_lastNs = now;
    m_lastCpuNs = cpu;
}

double GapMeter::stopMs()
{
    m_timer.stop();
    onTick();
    return double(m_maxNs) / 1e6;
}

namespace {

/// The "<field>: <n> kB" line of /proc/self/status, in bytes; -1 if absent.
qint64 statusBytes(const char *field)
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray prefix = QByteArray(field) + ':';
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith(prefix)) {
            const QByteArray kB = line.mid(prefix.size()).trimmed().split(' ').value(0);
            bool ok = false;
            const qint64 v = kB.toLongLong(&ok);
            return ok ? v * 1024 : -1;
        }
    }
    return -1;
}

QList<BenchRow> g_rows;

} // namespace

qint64 threadCpuNs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return qint64(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

qint64 ResidentMemory::currentBytes()
{
    return statusBytes("VmRSS");
}

qint64 ResidentMemory::peakBytes()
{
    return statusBytes("VmHWM");
}

bool ResidentMemory::resetPeak()
{
    QFile clearRefs(QStringLiteral("/proc/self/clear_refs"));
    return clearRefs.open(QIODevice::WriteOnly | QIODevice::Unbuffered) &&
           clearRefs.write("5") == 1;
}

void report(const QString &figure, const QString &value, const QString &baseline,
            const QString &ratio, const QString &target, bool pass, bool judgedInSmoke)
{
    g_rows.append({figure, value, baseline, ratio, target, pass, judgedInSmoke});
}

bool printRows(bool smoke)
{
    bool allPassed = true;
    std::printf("\n%-40s %22s  %-38s %8s  %-26s %s\n", "figure", "Sockscope", "baseline (same run)",
                "ratio", "target", "");
    for (const BenchRow &r : std::as_const(g_rows)) {
        const bool judged = !smoke || r.judgedInSmoke;
        std::printf("%-40s %22s  %-38s %8s  %-26s %s\n", qPrintable(r.figure), qPrintable(r.value),
                    qPrintable(r.baseline), qPrintable(r.ratio), qPrintable(r.target),
                    !judged  ? "(smoke)"
                    : r.pass ? "ok"
                             : "MISSED");
        if (judged && !r.pass)
            allPassed = false;
    }
    std::fflush(stdout);
    return allPassed;
}

QString num(double v, int decimals)
{
    return QLocale::c().toString(v, 'f', decimals);
}
