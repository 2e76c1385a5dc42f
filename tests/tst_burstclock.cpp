// BurstClock: one reading of the wall clock per burst of rows, read anew once the event
// loop has woken and after ReuseLimit rows.
#include "session/burstclock.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QTest>

namespace {

/// Spins (no sleep, no event loop) until the wall clock has moved on by @p ms.
void letTimePass(qint64 ms)
{
    const qint64 until = QDateTime::currentMSecsSinceEpoch() + ms;
    while (QDateTime::currentMSecsSinceEpoch() < until) {
    }
}

} // namespace

class TestBurstClock : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void rowsOfOneBurstShareAReading();
    void readsAnewAfterTheReuseLimit();
    void readsAnewOnceTheEventLoopWoke();
};

void TestBurstClock::rowsOfOneBurstShareAReading()
{
    BurstClock clock;
    const qint64 first = clock.nowMs();
    QVERIFY(qAbs(first - QDateTime::currentMSecsSinceEpoch()) <= 1);
    letTimePass(3);
    for (int i = 1; i < BurstClock::ReuseLimit; ++i)
        QCOMPARE(clock.nowMs(), first);
}

void TestBurstClock::readsAnewAfterTheReuseLimit()
{
    BurstClock clock;
    const qint64 first = clock.nowMs();
    for (int i = 1; i < BurstClock::ReuseLimit; ++i)
        clock.nowMs();
    letTimePass(3);
    QVERIFY(clock.nowMs() >= first + 3); // the ReuseLimit + 1-th row
}

void TestBurstClock::readsAnewOnceTheEventLoopWoke()
{
    BurstClock clock;
    const qint64 first = clock.nowMs();
    QCoreApplication::processEvents(); // the dispatcher wakes: the burst is over
    letTimePass(3);
    QVERIFY(clock.nowMs() >= first + 3); // the very next row
}

QTEST_GUILESS_MAIN(TestBurstClock)
#include "tst_burstclock.moc"
