// WebSocketSession's closing handshake against an in-process QWebSocketServer on
// 127.0.0.1 (RFC 6455 7): each close frame as the server received it, the ones that must
// never reach the wire, Stop, a server that closes first, a TCP drop and a message over
// the limit.
#include "sessiontestserver.h"

#include <QSignalSpy>
#include <QTest>

using State = WebSocketSession::State;

class TestSessionClose : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void closeFramesArriveExactly_data();
    void closeFramesArriveExactly();
    void forbiddenClosesNeverReachTheWire_data();
    void forbiddenClosesNeverReachTheWire();
    void stopSendsNoCloseFrame();
    void serverClosingFirstIsReportedWithItsCode();
    void dropWithoutCloseFrameIs1006EvenAfterAReconnect();
    void oversizedMessageIsRefusedWith1009();
};

void TestSessionClose::closeFramesArriveExactly_data()
{
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("reason");
    QTest::newRow("1000") << 1000 << QStringLiteral("done");
    QTest::newRow("1001") << 1001 << QStringLiteral("going away now");
    QTest::newRow("3000") << 3000 << QStringLiteral("registered");
    QTest::newRow("4999") << 4999 << QStringLiteral("private max");
    QTest::newRow("4001 non-ASCII") << 4001 << QString::fromUtf8("adi\xc3\xb3s \xe2\x9c\x93");
    QTest::newRow("1000 no reason") << 1000 << QString();
    // 61 x "é" + "a": 123 bytes exactly, the most a close frame holds.
    QTest::newRow("123 bytes") << 4000
                               << QString::fromUtf8("\xc3\xa9").repeated(61) + QLatin1Char('a');
}

void TestSessionClose::closeFramesArriveExactly()
{
    QFETCH(int, code);
    QFETCH(QString, reason);
    TestServer server;
    WebSocketSession session;
    openAndWait(session, server);
    QSignalSpy states(&session, &WebSocketSession::stateChanged);

    const CloseCheck check = session.close(code, reason);
    QVERIFY2(check.ok, qPrintable(check.problem));
    QTRY_VERIFY(server.closeFrameSeen);
    QCOMPARE(server.closeCode, code);
    QCOMPARE(server.closeReason, reason);

    QTRY_COMPARE(session.state(), State::Closed);
    QCOMPARE(states.first().first().value<State>(), State::Closing);
    QVERIFY(session.closeFrameSent());
    QCOMPARE(int(session.closeFrameSent()->code), code);
    QCOMPARE(session.closeFrameSent()->reason, reason);
    // The wire tap kept the server side open for the server's answer (RFC 6455 7.1.2):
    // QWebSocketServer echoes the code and reason.
    QVERIFY(session.closeFrameReceived());
    QCOMPARE(int(session.closeFrameReceived()->code), code);
    QCOMPARE(session.closeFrameReceived()->reason, reason);

    session.log()->flush();
    QCOMPARE(kinds(session.log()), (QList<EventKind>{EventKind::Opened, EventKind::CloseSent,
                                                     EventKind::CloseReceived, EventKind::Closed}));
    const std::optional<LogEvent> sent = lastOfKind(session.log(), EventKind::CloseSent);
    QCOMPARE(int(sent->closeCode), code);
    QCOMPARE(sent->sizeBytes, 2 + reason.toUtf8().size());
    QCOMPARE(sent->direction, Direction::Sent);
    const std::optional<LogEvent> answer = lastOfKind(session.log(), EventKind::CloseReceived);
    QVERIFY(answer->rttUs >= 0); // the answer's delay
    QVERIFY2(MessageLog::preview(*answer).contains(QLatin1String("answered after")),
             qPrintable(MessageLog::preview(*answer)));
    QVERIFY2(session.endText().startsWith(QLatin1String("closing handshake complete; ")),
             qPrintable(session.endText()));
}

void TestSessionClose::forbiddenClosesNeverReachTheWire_data()
{
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("reason");
    for (int code : {1005, 1006, 1015, 999, 0, 1004, 1016, 2999, 5000, 65535})
        QTest::addRow("%d", code) << code << QStringLiteral("bye");
    QTest::newRow("reason 124 bytes") << 1000 << QString(124, QLatin1Char('r'));
    QTest::newRow("reason 200 UTF-8 bytes") << 4000 << QString::fromUtf8("\xc3\xa9").repeated(100);
}

void TestSessionClose::forbiddenClosesNeverReachTheWire()
{
    QFETCH(int, code);
    QFETCH(QString, reason);
    TestServer server;
    WebSocketSession session;
    openAndWait(session, server);

    const CloseCheck check = session.close(code, reason);
    QVERIFY(!check.ok);
    QVERIFY(!check.problem.isEmpty());
    QCOMPARE(session.state(), State::Open);
    QVERIFY(!session.closeFrameSent());

    // The connection is untouched: a message still gets through, and it is the only
    // thing the server received.
    QVERIFY(session.sendText(QStringLiteral("still here")));
    QTRY_COMPARE(server.texts, QStringList{QStringLiteral("still here")});
    QVERIFY(!server.closeFrameSeen);
    QVERIFY(!server.ended);
    QVERIFY(session.close(1000, QString()).ok);
    QTRY_VERIFY(server.closeFrameSeen);
    QCOMPARE(server.closeCode, 1000);
}

void TestSessionClose::stopSendsNoCloseFrame()
{
    TestServer server;
    WebSocketSession session;
    openAndWait(session, server);
    QSignalSpy finished(&session, &WebSocketSession::finished);

    session.stop();
    // abort() reports synchronously; the row comes from disconnected().
    QCOMPARE(finished.count(), 1);
    QCOMPARE(session.state(), State::Closed);
    QTRY_VERIFY(server.ended);
    QVERIFY(!server.closeFrameSeen);
    QVERIFY(!session.closeFrameSent());

    session.log()->flush();
    const LogEvent &last = session.log()->event(session.log()->rowCount() - 1);
    QCOMPARE(last.kind, EventKind::Stopped);
    QCOMPARE(MessageLog::preview(last), QStringLiteral("no closing handshake"));
    QVERIFY(!lastOfKind(session.log(), EventKind::CloseSent));
}

void TestSessionClose::serverClosingFirstIsReportedWithItsCode()
{
    TestServer server;
    WebSocketSession session;
    openAndWait(session, server);
    server.closeFirst(QWebSocketProtocol::CloseCodeGoingAway, QStringLiteral("srv-reason"));
    QTRY_COMPARE(session.state(), State::Closed);
    QVERIFY(session.closeFrameReceived());
    QCOMPARE(int(session.closeFrameReceived()->code), 1001);
    QCOMPARE(session.closeFrameReceived()->reason, QStringLiteral("srv-reason"));
    QCOMPARE(session.endCause(), WebSocketSession::EndCause::ClosedByServer);
    // QWebSocketServer 6.4 drops TCP right after its close frame, so QWebSocket's answer
    // (RFC 6455 5.5.1) may never reach it; a close sent row is there only if it did.
    session.log()->flush();
    const QList<EventKind> rows = kinds(session.log());
    QCOMPARE(rows.at(1), EventKind::CloseReceived);
    QCOMPARE(rows.last(), EventKind::Closed);
    QCOMPARE(rows.contains(EventKind::CloseSent), session.closeFrameSent().has_value());
    const std::optional<LogEvent> received = lastOfKind(session.log(), EventKind::CloseReceived);
    QVERIFY(received);
    QCOMPARE(received->direction, Direction::Received);
    QCOMPARE(MessageLog::preview(*received), QStringLiteral("1001 Going Away 'srv-reason'"));
    QCOMPARE(session.log()->event(session.log()->rowCount() - 1).kind, EventKind::Closed);
}

void TestSessionClose::dropWithoutCloseFrameIs1006EvenAfterAReconnect()
{
    TestServer server;
    WebSocketSession session;
    // First connection ends with a clean 4001 close, which QWebSocket keeps in closeCode().
    openAndWait(session, server);
    QVERIFY(session.close(4001, QStringLiteral("first")).ok);
    QTRY_COMPARE(session.state(), State::Closed);

    openAndWait(session, server);
    QTRY_COMPARE(server.connections, 2);
    QVERIFY(!session.closeFrameSent());
    server.client->abort(); // TCP drop, no close frame
    QTRY_COMPARE(session.state(), State::Closed);
    QVERIFY(!session.closeFrameReceived());
    session.log()->flush();
    const LogEvent &last = session.log()->event(session.log()->rowCount() - 1);
    QCOMPARE(last.kind, EventKind::Closed);
    QCOMPARE(int(last.closeCode), 1006);
    QVERIFY2(MessageLog::preview(last).startsWith(QStringLiteral("1006 Abnormal Closure")),
             qPrintable(MessageLog::preview(last)));
}

void TestSessionClose::oversizedMessageIsRefusedWith1009()
{
    TestServer server;
    WebSocketSession session;
    Profile profile = profileFor(server.url());
    profile.maxIncomingMessageMiB = 1; // the profile's limit, applied by open()
    openAndWait(session, server, profile);
    QCOMPARE(session.maxIncomingMessageBytes(), 1 << 20);
    QVERIFY(session.sendText(QStringLiteral("small")));
    QTRY_COMPARE(session.statistics().messagesReceived, 1);
    // The server echoes; 1 MiB + 1 byte is over the limit.
    QVERIFY(session.sendText(QString((1 << 20) + 1, QLatin1Char('x'))));
    QTRY_COMPARE(session.state(), State::Closed);
    QCOMPARE(session.statistics().messagesReceived, 1);
    // QtWebSockets itself sent that close frame: it is logged as sent; the server's
    // answer, which the wire tap waited for, as received.
    session.log()->flush();
    const std::optional<LogEvent> sent = lastOfKind(session.log(), EventKind::CloseSent);
    QVERIFY(sent);
    QCOMPARE(sent->closeCode, quint16(1009));
    const std::optional<LogEvent> answer = lastOfKind(session.log(), EventKind::CloseReceived);
    QVERIFY(answer);
    QCOMPARE(answer->closeCode, quint16(1009));
    QVERIFY(answer->rttUs >= 0);
    QCOMPARE(session.endCause(), WebSocketSession::EndCause::QtWebSocketsClosed);
    // The server's 512 KiB frames each fit; the message does not.
    QVERIFY2(session.lastError().contains(QStringLiteral("over the limit of 1048576 bytes")),
             qPrintable(session.lastError()));
    QTRY_VERIFY(server.closeFrameSeen);
    QCOMPARE(server.closeCode, 1009);
}

QTEST_GUILESS_MAIN(TestSessionClose)
#include "tst_sessionclose.moc"
