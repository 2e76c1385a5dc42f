// A session through the wire tap against tests/peers/hostile_peer.py: for each way a
// server can break or bend RFC 6455, what the log shows, and what the server received
// (the closing handshake it got, the code echoed for 1012).
#include "hostilepeer.h"
#include "rawclient.h"
#include "rawserver.h"
#include "session/handshaketext.h"
#include "session/websocketsession.h"
#include "sessiontesthelpers.h"
#include "wiretap/framelog.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

namespace {

/// @p session's rows as "direction | kind | preview", as the log view reads them.
QStringList rows(WebSocketSession &session)
{
    MessageLog *log = session.log();
    log->flush();
    QStringList out;
    for (int row = 0; row < log->rowCount(); ++row) {
        const LogEvent e = log->event(row);
        const QString direction = e.direction == Direction::Sent       ? QStringLiteral("sent")
                                  : e.direction == Direction::Received ? QStringLiteral("received")
                                                                       : QStringLiteral("local");
        out.append(direction + QStringLiteral(" | ") + MessageLog::kindName(e.kind) +
                   QStringLiteral(" | ") + MessageLog::preview(e));
    }
    return out;
}

/// The index of the first of @p all that starts with @p start, at or after @p from; -1.
qsizetype rowStarting(const QStringList &all, const QString &start, qsizetype from = 0)
{
    for (qsizetype i = from; i < all.size(); ++i) {
        if (all.at(i).startsWith(start))
            return i;
    }
    return -1;
}

/// The close frames the peer received from the client: their codes (-1 for none).
QList<int> closeCodesReceived(const HostilePeer &peer)
{
    QList<int> codes;
    for (const QJsonObject &f : peer.all(QStringLiteral("frame"))) {
        if (f.value(QStringLiteral("opcode")).toInt() == Opcode::Close)
            codes.append(f.value(QStringLiteral("code")).toInt(-1));
    }
    return codes;
}

} // namespace

class TestHostilePeer : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void serverClosesFirst_data();
    void serverClosesFirst();
    void serverBreaksAFrameRule_data();
    void serverBreaksAFrameRule();
    void serverPingsAreShownWithTheirPongs();
    void aPingBetweenFragmentsKeepsItsPlace();
    void aCloseNeverAnsweredTimesOut();
    void theAnswerToACloseShowsItsDelay();
    void aRefusedUpgradeNamesTheHeaderThatMatters_data();
    void aRefusedUpgradeNamesTheHeaderThatMatters();
    void aBadAcceptKeyFailsTheHandshake();
    void framesAfterARefused101AreNoConnection();
    void stopDuringTheClosingHandshakeSaysSo();
    void aDeeplyNestedBodyStaysItsSize();
    void aHostileHeaderIsShortAndEscaped();

private:
    /// Opens @p session on @p peer and waits for the connection to end.
    static void runToEnd(WebSocketSession &session, HostilePeer &peer, int closeTimeoutMs = 2000);
};

void TestHostilePeer::runToEnd(WebSocketSession &session, HostilePeer &peer, int closeTimeoutMs)
{
    QVERIFY(peer.waitListening());
    Profile profile = profileFor(peer.url());
    profile.closeTimeoutMs = closeTimeoutMs;
    QSignalSpy finished(&session, &WebSocketSession::finished);
    QVERIFY(session.open(profile));
    QVERIFY(finished.wait(15000));
}

void TestHostilePeer::serverClosesFirst_data()
{
    QTest::addColumn<QStringList>("peerCase");
    QTest::addColumn<QString>("received");  // the close received row
    QTest::addColumn<QString>("violation"); // an error row's start, or empty
    QTest::addColumn<int>("answer");        // the code the server got back
    const QString broke = QStringLiteral("local | error | The server broke RFC 6455 ");
    QTest::newRow("1012") << QStringList{"close-code", "1012", "restart"}
                          << "1012 Service Restart 'restart'" << QString() << 1012;
    QTest::newRow("1013") << QStringList{"close-code", "1013", "later"}
                          << "1013 Try Again Later 'later'" << QString() << 1013;
    QTest::newRow("1014") << QStringList{"close-code", "1014", "gateway"}
                          << "1014 Bad Gateway 'gateway'" << QString() << 1014;
    QTest::newRow("999 invalid") << QStringList{"close-code", "999", "x"} << "999 "
                                 << broke + "7.4.2: status code 999" << 1002;
    QTest::newRow("1004 reserved") << QStringList{"close-code", "1004", "x"} << "1004 "
                                   << broke + "7.4.1: status code 1004" << 1002;
    QTest::newRow("5000 invalid") << QStringList{"close-code", "5000", "x"} << "5000 "
                                  << broke + "7.4.2: status code 5000" << 1002;
    QTest::newRow("1005 sent as a code")
        << QStringList{"close-code", "1005", "x"} << "1005 No Status Rcvd 'x'"
        << broke + "7.4.1: status code 1005 must not be sent in a close frame." << 1002;
    QTest::newRow("empty frame") << QStringList{"close-empty"}
                                 << "1005 No Status Rcvd (an empty close frame" << QString()
                                 << 1000;
    QTest::newRow("1-byte payload") << QStringList{"close-1byte"}
                                    << "1005 No Status Rcvd (a close frame with a 1-byte payload: "
                                       "too short for a status code, RFC 6455 5.5.1)"
                                    << broke + "5.5.1: a close frame's payload of 1 byte" << 1002;
    QTest::newRow("bad UTF-8 reason")
        << QStringList{"close-bad-utf8"} << "1000 Normal Closure"
        << broke + "5.5.1: the close reason is not valid UTF-8" << 1007;
}

void TestHostilePeer::serverClosesFirst()
{
    QFETCH(QStringList, peerCase);
    QFETCH(QString, received);
    QFETCH(QString, violation);
    QFETCH(int, answer);
    HostilePeer peer(peerCase);
    WebSocketSession session;
    runToEnd(session, peer);
    const QStringList all = rows(session);
    const qsizetype closeRow =
        rowStarting(all, QStringLiteral("received | close received | ") + received);
    QVERIFY2(closeRow > 0, qPrintable(all.join(QLatin1Char('\n'))));
    if (!violation.isEmpty())
        QVERIFY2(rowStarting(all, violation) > 0, qPrintable(all.join(QLatin1Char('\n'))));
    QCOMPARE(session.endCause(), WebSocketSession::EndCause::ClosedByServer);
    // What the server got back, and the row that says so.
    QTRY_COMPARE(closeCodesReceived(peer), QList<int>{answer});
    QVERIFY2(rowStarting(all, QStringLiteral("sent | close sent | %1 ").arg(answer), closeRow) > 0,
             qPrintable(all.join(QLatin1Char('\n'))));
    // The server closed TCP once it had the answer (RFC 6455 7.1.1), and the row says so.
    QTRY_VERIFY(!peer.last(QStringLiteral("tcp-closed")).isEmpty());
    QCOMPARE(peer.last(QStringLiteral("tcp-closed")).value(QStringLiteral("by")).toString(),
             QStringLiteral("server"));
    QCOMPARE(session.endText(),
             QStringLiteral("closing handshake complete; the server closed TCP first"));
}

void TestHostilePeer::serverBreaksAFrameRule_data()
{
    QTest::addColumn<QStringList>("peerCase");
    QTest::addColumn<QString>("violation");
    QTest::addColumn<int>("answer"); // the close code the server got
    QTest::newRow("masked frame") << QStringList{"masked-text"}
                                  << "5.1: a server must not mask the frames it sends." << 1002;
    QTest::newRow("RSV1") << QStringList{"rsv1-text"} << "5.2: RSV bits set (0x4)" << 1002;
    QTest::newRow("reserved opcode") << QStringList{"reserved-opcode"} << "5.2: opcode 0x3" << 1002;
    QTest::newRow("fragmented ping")
        << QStringList{"fragmented-ping"} << "5.5: a control frame must not be fragmented" << 1002;
    QTest::newRow("oversized ping") << QStringList{"oversized-ping"}
                                    << "5.5: a control frame's payload is over 125 bytes" << 1002;
    // QtWebSockets fails it with 1007 (RFC 6455 8.1, 7.4.1); the wire tap names the byte.
    QTest::newRow("bad UTF-8 text")
        << QStringList{"bad-utf8-text"}
        << "8.1: a text message must be valid UTF-8, and this one stops being UTF-8 at "
           "offset 1 of the message (byte 0x28)."
        << 1007;
}

void TestHostilePeer::serverBreaksAFrameRule()
{
    QFETCH(QStringList, peerCase);
    QFETCH(QString, violation);
    QFETCH(int, answer);
    HostilePeer peer(peerCase);
    WebSocketSession session;
    // 6.4 fails the connection itself; for a masked frame, which 6.4 would take as a
    // message, Sockscope does (RFC 6455 5.1).
    runToEnd(session, peer);
    QTRY_COMPARE(closeCodesReceived(peer), QList<int>{answer});
    const QString row = QStringLiteral("local | error | The server broke RFC 6455 ") + violation;
    QVERIFY2(rowStarting(rows(session), row) > 0,
             qPrintable(rows(session).join(QLatin1Char('\n'))));
    // The Frames view marks the frame that broke the rule.
    FrameLog *frames = session.frames();
    int marked = 0;
    for (int i = 0; i < frames->rowCount(); ++i)
        marked += frames->violations(i).isEmpty() ? 0 : 1;
    QVERIFY(marked >= 1);
    if (peerCase.first() == QLatin1String("masked-text")) {
        // Not delivered as a message: the violation, Sockscope failing the connection,
        // its close frame, the server's answer.
        const QStringList all = rows(session);
        QCOMPARE(session.statistics().messagesReceived, 0);
        QCOMPARE(rowStarting(all, QStringLiteral("received | text")), -1);
        const qsizetype fails = rowStarting(
            all, QStringLiteral("local | error | Sockscope fails the connection, as RFC 6455 5.1"));
        QVERIFY2(fails > rowStarting(all, row), qPrintable(all.join(QLatin1Char('\n'))));
        QVERIFY2(rowStarting(all, QStringLiteral("sent | close sent | 1002 "), fails) > fails,
                 qPrintable(all.join(QLatin1Char('\n'))));
        QCOMPARE(session.endCause(), WebSocketSession::EndCause::ClosedByClient);
        const QList<QJsonObject> frames = peer.all(QStringLiteral("frame"));
        QCOMPARE(QByteArray::fromHex(
                     frames.last().value(QStringLiteral("reason_hex")).toString().toLatin1()),
                 QByteArray("masked frame from the server (RFC 6455 5.1)"));
    }
}

void TestHostilePeer::serverPingsAreShownWithTheirPongs()
{
    HostilePeer peer({QStringLiteral("ping")});
    QVERIFY(peer.waitListening());
    WebSocketSession session;
    QVERIFY(openAndWait(session, profileFor(peer.url())));
    QTRY_VERIFY(!peer.all(QStringLiteral("frame")).isEmpty());
    const QJsonObject pong = peer.all(QStringLiteral("frame")).first();
    QCOMPARE(pong.value(QStringLiteral("opcode")).toInt(), int(Opcode::Pong));
    QCOMPARE(pong.value(QStringLiteral("payload_hex")).toString(),
             QString::fromLatin1(QByteArray("are you there").toHex()));
    QTRY_VERIFY(rowStarting(rows(session), QStringLiteral("sent | pong")) > 0);
    const QStringList all = rows(session);
    const qsizetype ping = rowStarting(all, QStringLiteral("received | ping | are you there"));
    QVERIFY2(ping > 0, qPrintable(all.join(QLatin1Char('\n'))));
    QCOMPARE(all.at(ping + 1),
             QStringLiteral("sent | pong | answer to the server's ping, sent by QtWebSockets, "
                            "payload 'are you there'"));
}

void TestHostilePeer::aPingBetweenFragmentsKeepsItsPlace()
{
    HostilePeer peer({QStringLiteral("fragments-with-ping")});
    QVERIFY(peer.waitListening());
    WebSocketSession session;
    QVERIFY(openAndWait(session, profileFor(peer.url())));
    QTRY_COMPARE(session.statistics().messagesReceived, 1);
    QTRY_VERIFY(rowStarting(rows(session), QStringLiteral("sent | pong")) > 0);
    const QStringList all = rows(session);
    const qsizetype ping = rowStarting(all, QStringLiteral("received | ping | mid"));
    const qsizetype text = rowStarting(all, QStringLiteral("received | text | Hello"));
    QVERIFY2(ping > 0 && text > ping, qPrintable(all.join(QLatin1Char('\n'))));
    QVERIFY(rowStarting(all, QStringLiteral("local | error")) < 0);
}

void TestHostilePeer::aCloseNeverAnsweredTimesOut()
{
    HostilePeer peer({QStringLiteral("never-answer-close")});
    QVERIFY(peer.waitListening());
    WebSocketSession session;
    Profile profile = profileFor(peer.url());
    profile.closeTimeoutMs = 300;
    QVERIFY(openAndWait(session, profile));
    QVERIFY(session.close(1000, QStringLiteral("bye")).ok);
    QTRY_COMPARE(session.state(), WebSocketSession::State::Closed);
    QCOMPARE(rows(session).last(),
             QStringLiteral("local | closed | no answer from the server within 300 ms; "
                            "Sockscope closed the connection"));
    QTRY_COMPARE(closeCodesReceived(peer), QList<int>{1000});
    QTRY_COMPARE(peer.last(QStringLiteral("tcp-closed")).value(QStringLiteral("by")).toString(),
                 QStringLiteral("client"));
}

void TestHostilePeer::theAnswerToACloseShowsItsDelay()
{
    HostilePeer peer({QStringLiteral("answer-close-after"), QStringLiteral("200")});
    QVERIFY(peer.waitListening());
    WebSocketSession session;
    QVERIFY(openAndWait(session, profileFor(peer.url())));
    QVERIFY(session.close(4001, QStringLiteral("done")).ok);
    QTRY_COMPARE(session.state(), WebSocketSession::State::Closed);
    const std::optional<LogEvent> answer = lastOfKind(session.log(), EventKind::CloseReceived);
    QVERIFY2(answer, qPrintable(rows(session).join(QLatin1Char('\n'))));
    QCOMPARE(answer->closeCode, quint16(4001));
    QVERIFY2(answer->rttUs >= 200000, qPrintable(QString::number(answer->rttUs)));
    // Who closed TCP first, as the server saw it on the wire, and as the row says it.
    QCOMPARE(peer.last(QStringLiteral("tcp-closed")).value(QStringLiteral("by")).toString(),
             QStringLiteral("server"));
    QCOMPARE(session.endText(),
             QStringLiteral("closing handshake complete; the server closed TCP first"));
}

void TestHostilePeer::aRefusedUpgradeNamesTheHeaderThatMatters_data()
{
    QTest::addColumn<QString>("peerCase");
    QTest::addColumn<QString>("error");
    QTest::newRow("401") << "refuse-401"
                         << "The server refused the WebSocket upgrade: HTTP 401 Unauthorized: "
                            "WWW-Authenticate: Basic realm=\"sockscope tests\".";
    QTest::newRow("302") << "redirect-302"
                         << "The server refused the WebSocket upgrade: HTTP 302 Found: "
                            "Location: ws://127.0.0.1:%1/elsewhere.";
}

void TestHostilePeer::aRefusedUpgradeNamesTheHeaderThatMatters()
{
    QFETCH(QString, peerCase);
    QFETCH(QString, error);
    HostilePeer peer({peerCase});
    WebSocketSession session;
    runToEnd(session, peer);
    QCOMPARE(session.endCause(), WebSocketSession::EndCause::HandshakeFailed);
    QCOMPARE(session.lastError(),
             error.contains(QLatin1String("%1")) ? error.arg(peer.port) : error);
    QCOMPARE(session.handshakeResponse().statusCode(),
             peerCase == QLatin1String("refuse-401") ? 401 : 302);
    const QString view = handshakeText(session);
    QVERIFY2(view.contains(QStringLiteral("GET / HTTP/1.1\nHost: 127.0.0.1:%1\n").arg(peer.port)),
             qPrintable(view));
    QVERIFY2(view.contains(QLatin1String("Sec-WebSocket-Key: ")), qPrintable(view));
    if (peerCase == QLatin1String("refuse-401")) {
        QVERIFY(session.relayReport()->responseBody.contains("no token"));
        QVERIFY2(view.contains(QLatin1String("HTTP/1.1 401 Unauthorized\n")), qPrintable(view));
        // The JSON body, pretty-printed.
        QVERIFY2(view.contains(QLatin1String("\n    \"error\": \"no token\",\n")),
                 qPrintable(view));
    }
    QCOMPARE(session.handshakeRequest().value("Host"),
             QStringLiteral("127.0.0.1:%1").arg(peer.port).toLatin1());
}

void TestHostilePeer::aBadAcceptKeyFailsTheHandshake()
{
    HostilePeer peer({QStringLiteral("bad-accept")});
    WebSocketSession session;
    runToEnd(session, peer);
    QCOMPARE(session.endCause(), WebSocketSession::EndCause::HandshakeFailed);
    QVERIFY2(session.lastError().contains(QLatin1String("Sec-WebSocket-Accept")),
             qPrintable(session.lastError()));
    QCOMPARE(session.handshakeResponse().value("Sec-WebSocket-Accept"),
             QByteArray("AAAAAAAAAAAAAAAAAAAAAAAAAAA="));
}

void TestHostilePeer::framesAfterARefused101AreNoConnection()
{
    // A 101 with a wrong accept key, then a close frame: QtWebSockets refuses the
    // handshake, so the close frame was never part of a connection.
    RawServer server(
        QByteArrayLiteral("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                          "Connection: Upgrade\r\nSec-WebSocket-Accept: AAAA\r\n\r\n") +
        serverFrame(Opcode::Close, closePayload(1000, "bye")));
    WebSocketSession session;
    QSignalSpy finished(&session, &WebSocketSession::finished);
    QVERIFY(session.open(profileFor(server.url())));
    QVERIFY(finished.wait(10000));
    QCOMPARE(session.endCause(), WebSocketSession::EndCause::HandshakeFailed);
    QVERIFY2(session.lastError().contains(QLatin1String("Sec-WebSocket-Accept")),
             qPrintable(session.lastError()));
    QVERIFY(!lastOfKind(session.log(), EventKind::CloseReceived));
    QCOMPARE(session.frames()->rowCount(), 1); // what crossed the wire, in the Frames view
}

void TestHostilePeer::stopDuringTheClosingHandshakeSaysSo()
{
    HostilePeer peer({QStringLiteral("never-answer-close")});
    QVERIFY(peer.waitListening());
    WebSocketSession session;
    QVERIFY(openAndWait(session, profileFor(peer.url())));
    QVERIFY(session.close(1000, QStringLiteral("bye")).ok);
    QTRY_VERIFY(lastOfKind(session.log(), EventKind::CloseSent));
    session.stop(); // while the wire tap waits for the server's answer
    QTRY_COMPARE(session.state(), WebSocketSession::State::Closed);
    QCOMPARE(rows(session).last(),
             QStringLiteral("local | stopped | stopped during the closing handshake: both sides "
                            "dropped at once"));
    QTRY_COMPARE(peer.last(QStringLiteral("tcp-closed")).value(QStringLiteral("by")).toString(),
                 QStringLiteral("client"));
}

void TestHostilePeer::aDeeplyNestedBodyStaysItsSize()
{
    // 1,000 nested arrays: 2,000 bytes that pretty-print to megabytes of indentation.
    const QByteArray nested = QByteArray(1000, '[') + QByteArray(1000, ']');
    RawServer server("HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\n"
                     "Content-Length: " +
                     QByteArray::number(nested.size()) + "\r\n\r\n" + nested);
    WebSocketSession session;
    QSignalSpy finished(&session, &WebSocketSession::finished);
    QVERIFY(session.open(profileFor(server.url())));
    QVERIFY(finished.wait(10000));
    QTRY_VERIFY(session.relayReport() && session.relayReport()->responseBody == nested);
    const QString view = handshakeText(session);
    QVERIFY2(view.size() < 10 * nested.size(), qPrintable(QString::number(view.size())));
    QVERIFY(view.contains(QString::fromLatin1(nested)));
}

void TestHostilePeer::aHostileHeaderIsShortAndEscaped()
{
    // 5,000 bytes of WWW-Authenticate with a control character: the error row names it,
    // bounded and escaped.
    RawServer server("HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic \x01" +
                     QByteArray(5000, 'A') + "\r\nContent-Length: 0\r\n\r\n");
    WebSocketSession session;
    QSignalSpy finished(&session, &WebSocketSession::finished);
    QVERIFY(session.open(profileFor(server.url())));
    QVERIFY(finished.wait(10000));
    const QString error = session.lastError();
    QVERIFY2(error.startsWith(QLatin1String("The server refused the WebSocket upgrade: HTTP 401 "
                                            "Unauthorized: WWW-Authenticate: Basic \\x01AAA")),
             qPrintable(error.left(200)));
    QVERIFY2(error.size() < 400, qPrintable(QString::number(error.size())));
    QVERIFY(error.contains(QChar(0x2026)));
}

QTEST_GUILESS_MAIN(TestHostilePeer)
#include "tst_hostilepeer.moc"
