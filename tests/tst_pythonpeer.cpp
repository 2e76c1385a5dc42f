// Sockscope against a third-party peer: Debian's python3-websockets, started by the
// test as a separate process. What the peer received is what is asserted.
#include "pythonpeer.h"
#include "session/echoserver.h"
#include "session/websocketsession.h"
#include "sessiontesthelpers.h"
#include "wiretap/framelog.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>

namespace {

/// Runs ws_peer.py as a client of @p url that closes with @p code / @p reason.
QJsonObject runPythonClient(const QUrl &url, int code, const QString &reason)
{
    QProcess client;
    client.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    client.start(QStringLiteral(SOCKSCOPE_PYTHON3),
                 {QStringLiteral(SOCKSCOPE_PEER_SCRIPT), QStringLiteral("client"), url.toString(),
                  QString::number(code), reason});
    // The server under test lives in this thread: keep its event loop turning.
    [&] {
        QTRY_COMPARE_WITH_TIMEOUT(client.state(), QProcess::NotRunning, 20000);
        QCOMPARE(client.exitCode(), 0);
    }();
    return QJsonDocument::fromJson(client.readAllStandardOutput()).object();
}

} // namespace

using State = WebSocketSession::State;

class TestPythonPeer : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void closeFramesArriveExactly_data();
    void closeFramesArriveExactly();
    void stopLeavesThePeerWith1006();
    void aLargeSendBeforeTheCloseReachesThePeerWhole();
    void stopMidSendLeavesThePeerWithoutTheMessage();
    void forbiddenCodeNeverReachesThePeer();
    void serverClosingFirstIsReported();
    void handshakeCarriesHeadersAndSubprotocol();
    void closeFrameQtRejectsIsReportedAsWhatCrossedTheWire();
    void echoServerAnswersAThirdPartyClient();
    void pingsReachThePeerAndPongsAreTimed();
    void pongIsMatchedToItsPingByPayload();
    void echoServerCommandAnswersAThirdPartyClient();
};

void TestPythonPeer::initTestCase()
{
    QProcess check;
    check.start(QStringLiteral(SOCKSCOPE_PYTHON3),
                {QStringLiteral("-c"), QStringLiteral("import websockets")});
    QVERIFY(check.waitForFinished(15000));
    QVERIFY2(check.exitCode() == 0,
             "Debian's python3-websockets is missing: run the README's test command, which "
             "installs it");
}

void TestPythonPeer::closeFramesArriveExactly_data()
{
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("reason");
    QTest::newRow("1000") << 1000 << QStringLiteral("done");
    QTest::newRow("1001") << 1001 << QStringLiteral("going away");
    QTest::newRow("3000") << 3000 << QStringLiteral("registered");
    QTest::newRow("4999") << 4999 << QStringLiteral("private max");
    QTest::newRow("4001 non-ASCII") << 4001 << QString::fromUtf8("adi\xc3\xb3s \xe2\x9c\x93");
    QTest::newRow("123 bytes") << 4000
                               << QString::fromUtf8("\xc3\xa9").repeated(61) + QLatin1Char('a');
}

void TestPythonPeer::closeFramesArriveExactly()
{
    QFETCH(int, code);
    QFETCH(QString, reason);
    PythonServer peer;
    QVERIFY(peer.waitListening());
    WebSocketSession session;
    QVERIFY(openAndWait(session, profileFor(peer.url())));
    QVERIFY(session.sendText(QStringLiteral("hi")));
    QTRY_VERIFY(!peer.last(QStringLiteral("message")).isEmpty());
    QVERIFY(session.close(code, reason).ok);
    QTRY_VERIFY_WITH_TIMEOUT(!peer.last(QStringLiteral("closed")).isEmpty(), 10000);
    const QJsonObject closed = peer.last(QStringLiteral("closed"));
    QVERIFY(closed.value(QStringLiteral("close_frame_received")).toBool());
    QCOMPARE(closed.value(QStringLiteral("code")).toInt(), code);
    QCOMPARE(closed.value(QStringLiteral("reason")).toString(), reason);
    QTRY_COMPARE(session.state(), State::Closed);
}

void TestPythonPeer::stopLeavesThePeerWith1006()
{
    PythonServer peer;
    QVERIFY(peer.waitListening());
    WebSocketSession session;
    QVERIFY(openAndWait(session, profileFor(peer.url())));
    QTRY_VERIFY(!peer.last(QStringLiteral("open")).isEmpty());
    session.stop();
    QCOMPARE(session.state(), State::Closed);
    QTRY_VERIFY_WITH_TIMEOUT(!peer.last(QStringLiteral("closed")).isEmpty(), 10000);
    const QJsonObject closed = peer.last(QStringLiteral("closed"));
    QCOMPARE(closed.value(QStringLiteral("code")).toInt(), 1006);
    QVERIFY(!closed.value(QStringLiteral("close_frame_received")).toBool());
}

namespace {

/// A binary message of @p bytes bytes that no shifted copy of itself matches.
QByteArray patterned(qsizetype bytes)
{
    QByteArray data(bytes, Qt::Uninitialized);
    for (qsizetype i = 0; i < bytes; ++i)
        data[i] = char((i * 131 + (i >> 16)) & 0xff);
    return data;
}

} // namespace

void TestPythonPeer::aLargeSendBeforeTheCloseReachesThePeerWhole()
{
    // The peer reads nothing for 1500 ms: the 24 MiB message and the close frame behind it
    // wait in the buffers on the way, and QWebSocket may drop its side of the wire tap
    // before the peer has read them. The relay still delivers every byte, then the close
    // frame, and waits for the peer's answer.
    PythonServer peer;
    QVERIFY(peer.waitListening());
    WebSocketSession session;
    Profile profile = profileFor(peer.url(QStringLiteral("/read-after/1500")));
    profile.closeTimeoutMs = 20000;
    QVERIFY(openAndWait(session, profile));
    const QByteArray message = patterned(qsizetype(24) << 20);
    QVERIFY(session.sendBinary(message));
    const QString reason = QStringLiteral("after the big one");
    QVERIFY(session.close(4001, reason).ok);
    QTRY_VERIFY_WITH_TIMEOUT(!peer.last(QStringLiteral("closed")).isEmpty(), 30000);
    const QJsonObject got = peer.last(QStringLiteral("message"));
    QCOMPARE(got.value(QStringLiteral("size")).toInteger(), message.size());
    QCOMPARE(
        got.value(QStringLiteral("sha256")).toString(),
        QString::fromLatin1(QCryptographicHash::hash(message, QCryptographicHash::Sha256).toHex()));
    const QJsonObject closed = peer.last(QStringLiteral("closed"));
    QVERIFY(closed.value(QStringLiteral("close_frame_received")).toBool());
    QCOMPARE(closed.value(QStringLiteral("code")).toInt(), 4001);
    QCOMPARE(closed.value(QStringLiteral("reason")).toString(), reason);
    QTRY_COMPARE_WITH_TIMEOUT(session.state(), State::Closed, 30000);
    QCOMPARE(session.endCause(), WebSocketSession::EndCause::ClosedByClient);
    QVERIFY(session.closeFrameReceived());
    QCOMPARE(int(session.closeFrameReceived()->code), 4001); // the peer echoed it
    session.log()->flush();
    const QByteArray end = session.log()->event(session.log()->rows() - 1).payload;
    // python3-websockets closes TCP once the close frames have crossed (RFC 6455 7.1.1).
    QCOMPARE(end, QByteArray("closing handshake complete; the server closed TCP first"));
}

void TestPythonPeer::stopMidSendLeavesThePeerWithoutTheMessage()
{
    // Stop while a 24 MiB message waits on the way: both sides drop at once, so the peer
    // gets part of it, never the whole message, and no close frame. The peer reads
    // nothing for 3 s, so a loaded machine still stops well before it starts reading
    // (with 500 ms, a slow first frame let it read the whole message first, in CI).
    PythonServer peer;
    QVERIFY(peer.waitListening());
    WebSocketSession session;
    QVERIFY(openAndWait(session, profileFor(peer.url(QStringLiteral("/read-after/3000")))));
    QVERIFY(session.sendBinary(patterned(qsizetype(24) << 20)));
    // Mid-send: the wire tap has seen the message's first fragment go toward the peer.
    QTRY_VERIFY(session.frames()->rowCount() > 0);
    session.stop();
    QCOMPARE(session.state(), State::Closed);
    QCOMPARE(session.endCause(), WebSocketSession::EndCause::StoppedByUser);
    QTRY_VERIFY_WITH_TIMEOUT(!peer.last(QStringLiteral("closed")).isEmpty(), 10000);
    const QJsonObject closed = peer.last(QStringLiteral("closed"));
    QCOMPARE(closed.value(QStringLiteral("code")).toInt(), 1006);
    QVERIFY(!closed.value(QStringLiteral("close_frame_received")).toBool());
    QVERIFY(peer.last(QStringLiteral("message")).isEmpty());
}

void TestPythonPeer::forbiddenCodeNeverReachesThePeer()
{
    PythonServer peer;
    QVERIFY(peer.waitListening());
    WebSocketSession session;
    QVERIFY(openAndWait(session, profileFor(peer.url())));
    for (int code : {1005, 1006, 1015, 1004, 999, 5000})
        QVERIFY(!session.close(code, QStringLiteral("x")).ok);
    QVERIFY(!session.close(1000, QString::fromUtf8("\xc3\xa9").repeated(100)).ok);
    QVERIFY(session.sendText(QStringLiteral("alive")));
    QTRY_COMPARE(peer.last(QStringLiteral("message")).value(QStringLiteral("text")).toString(),
                 QStringLiteral("alive"));
    QVERIFY(peer.last(QStringLiteral("closed")).isEmpty());
    QVERIFY(session.close(1000, QStringLiteral("ok")).ok);
    QTRY_VERIFY_WITH_TIMEOUT(!peer.last(QStringLiteral("closed")).isEmpty(), 10000);
    QCOMPARE(peer.last(QStringLiteral("closed")).value(QStringLiteral("code")).toInt(), 1000);
}

void TestPythonPeer::serverClosingFirstIsReported()
{
    PythonServer peer;
    QVERIFY(peer.waitListening());
    WebSocketSession session;
    QSignalSpy finished(&session, &WebSocketSession::finished);
    QVERIFY(session.open(profileFor(peer.url(QStringLiteral("/server-closes/4002/srv%20reason")))));
    QVERIFY(finished.wait(10000));
    QVERIFY(session.closeFrameReceived());
    QCOMPARE(int(session.closeFrameReceived()->code), 4002);
    QCOMPARE(session.closeFrameReceived()->reason, QStringLiteral("srv reason"));
    session.log()->flush();
    bool found = false;
    for (int row = 0; row < session.log()->rowCount(); ++row) {
        if (session.log()->event(row).kind == EventKind::CloseReceived) {
            QCOMPARE(MessageLog::preview(session.log()->event(row)),
                     QStringLiteral("4002 Private Use 'srv reason'"));
            found = true;
        }
    }
    QVERIFY(found);
}

void TestPythonPeer::handshakeCarriesHeadersAndSubprotocol()
{
    PythonServer peer;
    QVERIFY(peer.waitListening());
    WebSocketSession session;
    Profile p = profileFor(peer.url(QStringLiteral("/path?x=1")));
    p.headers = {{QStringLiteral("X-Sockscope-Test"), QStringLiteral("value 1")}};
    p.subprotocols = {QStringLiteral("unknown.proto"), QStringLiteral("chat")};
    QVERIFY(openAndWait(session, p));
    QCOMPARE(session.acceptedSubprotocol(), QStringLiteral("chat"));
    QTRY_VERIFY(!peer.last(QStringLiteral("open")).isEmpty());
    const QJsonObject open = peer.last(QStringLiteral("open"));
    QCOMPARE(open.value(QStringLiteral("path")).toString(), QStringLiteral("/path?x=1"));
    QCOMPARE(open.value(QStringLiteral("subprotocol")).toString(), QStringLiteral("chat"));
    const QJsonObject headers = open.value(QStringLiteral("headers")).toObject();
    QCOMPARE(headers.value(QStringLiteral("x-sockscope-test")).toString(),
             QStringLiteral("value 1"));
    session.stop();
}

void TestPythonPeer::closeFrameQtRejectsIsReportedAsWhatCrossedTheWire()
{
    // The server closes with 1012 Service Restart. QtWebSockets 6.4 wrongly rejects it
    // and answers with its own 1002; the wire tap sends the server its 1012 back instead
    // (RFC 6455 5.5.1), and the log shows the server's frame, 6.4's answer and the wire's.
    PythonServer peer;
    QVERIFY(peer.waitListening());
    WebSocketSession session;
    QSignalSpy finished(&session, &WebSocketSession::finished);
    QVERIFY(session.open(profileFor(peer.url(QStringLiteral("/server-closes/1012/restarting")))));
    QVERIFY(finished.wait(10000));
    QTRY_VERIFY_WITH_TIMEOUT(!peer.last(QStringLiteral("closed")).isEmpty(), 10000);
    const QJsonObject closed = peer.last(QStringLiteral("closed"));
    QCOMPARE(closed.value(QStringLiteral("code")).toInt(), 1012);
    QCOMPARE(closed.value(QStringLiteral("reason")).toString(), QStringLiteral("restarting"));

    QCOMPARE(int(session.closeFrameReceived()->code), 1012);
    QCOMPARE(session.closeFrameReceived()->reason, QStringLiteral("restarting"));
    QCOMPARE(int(session.closeFrameSent()->code), 1012);
    QCOMPARE(session.endCause(), WebSocketSession::EndCause::ClosedByServer);
    session.log()->flush();
    QStringList rows;
    for (int row = 0; row < session.log()->rowCount(); ++row) {
        const LogEvent &e = session.log()->event(row);
        rows.append(MessageLog::kindName(e.kind) + QStringLiteral(": ") + MessageLog::preview(e));
    }
    const QString all = rows.join(QLatin1Char('\n'));
    QVERIFY2(
        rows.filter(QStringLiteral("close received: 1012 Service Restart 'restarting'")).size() ==
            1,
        qPrintable(all));
    QVERIFY2(rows.filter(QStringLiteral("close sent: 1012 Service Restart 'restarting'")).size() ==
                 1,
             qPrintable(all));
    QVERIFY2(rows.filter(QStringLiteral("answered the server's 1012 Service Restart with 1002"))
                     .size() == 1,
             qPrintable(all));
    QVERIFY2(rows.filter(QStringLiteral("close sent: 1002")).isEmpty(), qPrintable(all));
}

void TestPythonPeer::pingsReachThePeerAndPongsAreTimed()
{
    PythonServer peer;
    QVERIFY(peer.waitListening());
    WebSocketSession session;
    QVERIFY(openAndWait(session, profileFor(peer.url())));
    const QList<QByteArray> payloads = {"one", "", QByteArray("\x00\xff", 2), QByteArray(125, 'x')};
    for (const QByteArray &p : payloads)
        QVERIFY(session.ping(p));
    QVERIFY(!session.ping(QByteArray(126, 'x'))); // RFC 6455 5.5: refused, not cut
    QTRY_COMPARE(session.pendingPings(), 0);
    QStringList received;
    for (const QJsonObject &o : std::as_const(peer.events)) {
        if (o.value(QStringLiteral("event")) == QLatin1String("ping"))
            received.append(o.value(QStringLiteral("hex")).toString());
    }
    QStringList sent;
    for (const QByteArray &p : payloads)
        sent.append(QString::fromLatin1(p.toHex()));
    QCOMPARE(received, sent);
    session.log()->flush();
    QList<QByteArray> pongs;
    for (int row = 0; row < session.log()->rowCount(); ++row) {
        const LogEvent e = session.log()->event(row);
        if (e.kind != EventKind::Pong)
            continue;
        pongs.append(e.payload);
        QVERIFY2(e.rttUs >= 0, "every pong answered a ping and has a round trip");
        QVERIFY(e.rttUs < 10000000);
    }
    QCOMPARE(pongs, payloads);
}

void TestPythonPeer::pongIsMatchedToItsPingByPayload()
{
    // The peer sends an unsolicited pong "hi" before answering the ping "x". QWebSocket
    // 6.4's own elapsedTime would give both a round trip; only the second has one.
    PythonServer peer;
    QVERIFY(peer.waitListening());
    WebSocketSession session;
    QVERIFY(openAndWait(session, profileFor(peer.url(QStringLiteral("/pong-first/6869")))));
    QVERIFY(session.ping("x"));
    QTRY_COMPARE(session.pendingPings(), 0);
    session.log()->flush();
    QList<LogEvent> pongs;
    for (int row = 0; row < session.log()->rowCount(); ++row) {
        if (session.log()->kind(row) == EventKind::Pong)
            pongs.append(session.log()->event(row));
    }
    QCOMPARE(pongs.size(), 2);
    QCOMPARE(pongs.at(0).payload, QByteArray("hi"));
    QCOMPARE(pongs.at(0).rttUs, -1);
    QVERIFY(MessageLog::preview(pongs.at(0)).contains(QStringLiteral("no ping")));
    QCOMPARE(pongs.at(1).payload, QByteArray("x"));
    QVERIFY(pongs.at(1).rttUs >= 0);
    QVERIFY(MessageLog::preview(pongs.at(1)).contains(QStringLiteral("ms round trip")));
}

void TestPythonPeer::echoServerAnswersAThirdPartyClient()
{
    EchoServer echo;
    QVERIFY(echo.listen(0));
    QSignalSpy closes(&echo, &EchoServer::closeFrameReceived);
    const QString reason = QString::fromUtf8("adi\xc3\xb3s");
    const QJsonObject result = runPythonClient(echo.url(), 4001, reason);
    QCOMPARE(result.value(QStringLiteral("text_echo")).toString(), QStringLiteral("hello"));
    QCOMPARE(result.value(QStringLiteral("binary_echo")).toString(), QStringLiteral("0001ff"));
    QVERIFY(result.value(QStringLiteral("pong")).toBool());
    // The closing handshake echoes the client's code and reason.
    QCOMPARE(result.value(QStringLiteral("close_rcvd_code")).toInt(), 4001);
    QCOMPARE(result.value(QStringLiteral("close_rcvd_reason")).toString(), reason);
    QCOMPARE(closes.count(), 1);
    QCOMPARE(closes.at(0).at(0).toInt(), 4001);
    QCOMPARE(closes.at(0).at(1).toString(), reason);
}

void TestPythonPeer::echoServerCommandAnswersAThirdPartyClient()
{
    QProcess server;
    server.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    server.start(QStringLiteral(SOCKSCOPE_EXE),
                 {QStringLiteral("--echo-server"), QStringLiteral("0")});
    QVERIFY(server.waitForStarted(5000));
    QVERIFY(server.waitForReadyRead(10000));
    const QString banner = QString::fromUtf8(server.readLine());
    const QRegularExpressionMatch m =
        QRegularExpression(QStringLiteral("listening on (ws://127\\.0\\.0\\.1:\\d+/)"))
            .match(banner);
    QVERIFY2(m.hasMatch(), qPrintable(banner));
    const QJsonObject result = runPythonClient(QUrl(m.captured(1)), 3001, QStringLiteral("cli"));
    QCOMPARE(result.value(QStringLiteral("text_echo")).toString(), QStringLiteral("hello"));
    QCOMPARE(result.value(QStringLiteral("binary_echo")).toString(), QStringLiteral("0001ff"));
    QCOMPARE(result.value(QStringLiteral("close_rcvd_code")).toInt(), 3001);
    QCOMPARE(result.value(QStringLiteral("close_rcvd_reason")).toString(), QStringLiteral("cli"));
    server.terminate();
    QVERIFY(server.waitForFinished(5000));
}

QTEST_GUILESS_MAIN(TestPythonPeer)
#include "tst_pythonpeer.moc"
