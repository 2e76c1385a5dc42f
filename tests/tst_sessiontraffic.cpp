// WebSocketSession's pings and statistics: pings to the built-in echo server, each pong
// timed; the profile's periodic ping; messages and bytes counted per connection.
#include "session/echoserver.h"
#include "sessiontestserver.h"

#include <QSignalSpy>
#include <QTest>

using State = WebSocketSession::State;

class TestSessionTraffic : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void pingsToTheEchoServerAreTimed();
    void periodicPingFollowsTheProfile();
    void statisticsCountMessagesAndBytes();
};

void TestSessionTraffic::pingsToTheEchoServerAreTimed()
{
    EchoServer echo;
    QVERIFY(echo.listen(0));
    WebSocketSession session;
    openAndWaitFor(session, profileFor(echo.url()));
    QVERIFY(session.ping("a"));
    QVERIFY(session.ping("b"));
    QVERIFY(session.ping("a"));
    QCOMPARE(session.pendingPings(), 3);
    QTRY_COMPARE(session.pendingPings(), 0);
    session.log()->flush();
    QList<QByteArray> pongs;
    for (int row = 0; row < session.log()->rowCount(); ++row) {
        const LogEvent e = session.log()->event(row);
        if (e.kind == EventKind::Pong) {
            pongs.append(e.payload);
            QVERIFY(e.rttUs >= 0);
        }
    }
    QCOMPARE(pongs, (QList<QByteArray>{"a", "b", "a"}));
    QVERIFY(!session.ping(QByteArray(126, 'x')));
    session.stop();
    QVERIFY(!session.ping("closed"));
}

void TestSessionTraffic::periodicPingFollowsTheProfile()
{
    EchoServer echo;
    QVERIFY(echo.listen(0));
    WebSocketSession session;
    Profile p = profileFor(echo.url());
    p.pingIntervalMs = 100;
    openAndWaitFor(session, p);
    const auto timedPongs = [&] {
        session.log()->flush();
        int n = 0;
        for (int row = 0; row < session.log()->rowCount(); ++row) {
            const LogEvent e = session.log()->event(row);
            if (e.kind == EventKind::Pong && e.rttUs >= 0 && e.payload.startsWith("sockscope "))
                ++n;
        }
        return n;
    };
    QTRY_VERIFY_WITH_TIMEOUT(timedPongs() >= 3, 5000);
    session.stop();
    session.log()->flush();
    const int afterStop = session.log()->rowCount();
    QTest::qWait(300);
    session.log()->flush();
    QCOMPARE(session.log()->rowCount(), afterStop); // no pings once closed
}

void TestSessionTraffic::statisticsCountMessagesAndBytes()
{
    TestServer server;
    WebSocketSession session;
    QCOMPARE(session.statistics().openedAtMs, 0);
    openAndWait(session, server);
    QVERIFY(session.statistics().openedAtMs > 0);
    QVERIFY(session.sendText(QString::fromUtf8("h\xc3\xa9"))); // 3 bytes
    QVERIFY(session.sendBinary(QByteArray(10, 'b')));
    QTRY_COMPARE(session.statistics().messagesReceived, 2);
    const WebSocketSession::Statistics s = session.statistics();
    QCOMPARE(s.messagesSent, 2);
    QCOMPARE(s.bytesSent, 13);
    QCOMPARE(s.bytesReceived, 13);
    QCOMPARE(s.closedAtMs, 0);
    session.stop();
    QVERIFY(session.statistics().closedAtMs >= s.openedAtMs);
    // A new connection starts from zero.
    openAndWait(session, server);
    QCOMPARE(session.statistics().messagesSent, 0);
    QCOMPARE(session.statistics().closedAtMs, 0);
}

QTEST_GUILESS_MAIN(TestSessionTraffic)
#include "tst_sessiontraffic.moc"
