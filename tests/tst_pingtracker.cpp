// PingTracker on its own, without sockets: pongs matched to pings by payload
// (RFC 6455 5.5.3), an unsolicited pong, a peer that answers only the latest of several
// pings, and the bound on pings kept waiting.
#include "session/pingtracker.h"

#include <QTest>

class TestPingTracker : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void pongIsMatchedByPayload();
    void unsolicitedPongMatchesNothing();
    void answeringALaterPingEndsTheEarlierOnes();
    void samePayloadTwiceIsAnsweredOldestFirst();
    void waitingPingsAreBounded();
};

void TestPingTracker::pongIsMatchedByPayload()
{
    PingTracker pings;
    pings.sent("a");
    pings.sent("b");
    QCOMPARE(pings.pending(), 2);
    const qint32 rtt = pings.answered("b");
    QVERIFY(rtt >= 0);
    // "a" came before "b": a peer that answered "b" will not answer "a" (5.5.3).
    QCOMPARE(pings.pending(), 0);
}

void TestPingTracker::unsolicitedPongMatchesNothing()
{
    PingTracker pings;
    pings.sent("a");
    QCOMPARE(pings.answered("nobody sent this"), -1);
    QCOMPARE(pings.pending(), 1); // the real ping still waits
    QVERIFY(pings.answered("a") >= 0);
    QCOMPARE(pings.answered("a"), -1); // answered once only
}

void TestPingTracker::answeringALaterPingEndsTheEarlierOnes()
{
    PingTracker pings;
    for (const char *p : {"1", "2", "3", "4"})
        pings.sent(p);
    QVERIFY(pings.answered("3") >= 0);
    QCOMPARE(pings.pending(), 1); // "4" still waits
    QCOMPARE(pings.answered("1"), -1);
    QVERIFY(pings.answered("4") >= 0);
}

void TestPingTracker::samePayloadTwiceIsAnsweredOldestFirst()
{
    PingTracker pings;
    pings.sent(QByteArray());
    pings.sent(QByteArray());
    QVERIFY(pings.answered(QByteArray()) >= 0);
    QCOMPARE(pings.pending(), 1);
    QVERIFY(pings.answered(QByteArray()) >= 0);
    QCOMPARE(pings.pending(), 0);
}

void TestPingTracker::waitingPingsAreBounded()
{
    PingTracker pings;
    for (int i = 0; i < PingTracker::MaxPending + 10; ++i)
        pings.sent(QByteArray::number(i));
    QCOMPARE(pings.pending(), PingTracker::MaxPending);
    QCOMPARE(pings.answered("0"), -1); // the oldest went to keep the bound
    QVERIFY(pings.answered(QByteArray::number(PingTracker::MaxPending + 9)) >= 0);
    pings.clear();
    QCOMPARE(pings.pending(), 0);
}

QTEST_GUILESS_MAIN(TestPingTracker)
#include "tst_pingtracker.moc"
