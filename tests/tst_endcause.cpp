// Each way a connection ends, against real sockets on 127.0.0.1: the session's
// endCause() and the last log row that cause writes (kind, close code and its exact
// words). The peers are tests/rawserver.h's RawServer, which writes what a test asks
// byte for byte, a plain QTcpServer that never answers, and a QWebSocketServer with a
// certificate the client does not trust.
#include "rawserver.h"
#include "session/websocketsession.h"
#include "sessiontesthelpers.h"
#include "testtls.h"

#include <QElapsedTimer>
#include <QPointer>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>
#include <QWebSocketServer>

using Cause = WebSocketSession::EndCause;

namespace {

/// Opens @p session on @p server with a close timeout of @p closeTimeoutMs (ms), and
/// queues a binary message of @p bytes bytes.
bool openAndSend(WebSocketSession &session, const RawServer &server, int closeTimeoutMs,
                 qsizetype bytes)
{
    Profile profile = profileFor(server.url());
    profile.closeTimeoutMs = closeTimeoutMs;
    return openAndWait(session, profile) && session.sendBinary(QByteArray(bytes, 'x'));
}

/// The session's last log row, after a flush.
LogEvent lastRow(WebSocketSession &session)
{
    session.log()->flush();
    return session.log()->event(session.log()->rows() - 1);
}

/// A 125-byte ping frame (RFC 6455 5.5), the largest a control frame may be.
QByteArray largestPing()
{
    return serverFrame(0x9, QByteArray(125, 'p'));
}

/// A port on 127.0.0.1 that nothing listens on.
quint16 closedPort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    return probe.serverPort();
}

} // namespace

class TestEndCause : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void noConnectionYetAndStillOpen();
    void stoppedByUser();
    void abandonedWhileConnecting();
    void droppedForBacklog();
    void closedByServer();
    void closedByClient();
    void closeBehindAnUnreadSendTimesOut();
    void answerBehindAnUnreadSendTimesOut();
    void aSlowServerThatReadsIsNotDropped();
    void aSlowServersAnswerIsHeard();
    void aServerThatStopsReadingNeverGotTheClose();
    void qtWebSocketsClosed();
    void droppedWithoutCloseFrame();
    void handshakeFailed_data();
    void handshakeFailed();

private:
    /// Waits for @p session to finish, then checks endCause() and the last row.
    void expectEnd(WebSocketSession &session, Cause cause, EventKind kind, int closeCode,
                   const QByteArray &text);
};

void TestEndCause::expectEnd(WebSocketSession &session, Cause cause, EventKind kind, int closeCode,
                             const QByteArray &text)
{
    QTRY_COMPARE_WITH_TIMEOUT(session.state(), WebSocketSession::State::Closed, 10000);
    QTRY_COMPARE(session.endCause(), cause);
    const LogEvent last = lastRow(session);
    QCOMPARE(last.kind, kind);
    QCOMPARE(last.direction, Direction::Local);
    QCOMPARE(int(last.closeCode), closeCode);
    QCOMPARE(last.payload, text);
    // The tab's status line says it in the same words.
    const QString words = QString::fromUtf8(text);
    QCOMPARE(session.endText(), closeCode == 0 ? words
                                               : CloseCodeCatalogue::label(quint16(closeCode)) +
                                                     QStringLiteral(": ") + words);
}

void TestEndCause::noConnectionYetAndStillOpen()
{
    RawServer server;
    WebSocketSession session;
    QCOMPARE(session.endCause(), Cause::None);
    QVERIFY(openAndWait(session, server.url()));
    QCOMPARE(session.endCause(), Cause::StillOpen);
    session.stop();
    QCOMPARE(session.endCause(), Cause::StoppedByUser);
    // A new connection starts over.
    QVERIFY(openAndWait(session, server.url()));
    QCOMPARE(session.endCause(), Cause::StillOpen);
}

void TestEndCause::stoppedByUser()
{
    RawServer server;
    WebSocketSession session;
    QVERIFY(openAndWait(session, server.url()));
    QSignalSpy finished(&session, &WebSocketSession::finished);
    session.stop();
    QCOMPARE(finished.count(), 1);
    expectEnd(session, Cause::StoppedByUser, EventKind::Stopped, 0, "no closing handshake");
    QVERIFY(!session.closeFrameSent());
}

void TestEndCause::abandonedWhileConnecting()
{
    QTcpServer silent; // accepts TCP, never answers the opening handshake
    QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
    WebSocketSession session;
    QVERIFY(session.open(
        profileFor(QUrl(QStringLiteral("ws://127.0.0.1:%1/").arg(silent.serverPort())))));
    QCOMPARE(session.state(), WebSocketSession::State::Connecting);
    QVERIFY(session.close(1000, QString()).ok);
    expectEnd(session, Cause::AbandonedWhileConnecting, EventKind::Closed, 0,
              "connection attempt abandoned before the opening handshake completed");
    QVERIFY(!session.closeFrameSent());
}

void TestEndCause::droppedForBacklog()
{
    // The server floods the largest pings and never reads: the pongs QtWebSockets
    // answers with pile up in the client's write buffer until the session drops the
    // connection. 48 MiB of pings make far more pongs than the 16 MiB limit, even after
    // the kernel's socket buffers on both sides have taken their share.
    RawServer server;
    const QByteArray flood = largestPing().repeated((48 << 20) / largestPing().size());
    server.afterHandshake = [&flood](QTcpSocket *s) {
        s->setReadBufferSize(1); // never reads: the client's pongs stay unsent
        s->write(flood);
    };
    WebSocketSession session;
    QVERIFY(openAndWait(session, server.url()));
    expectEnd(session, Cause::DroppedForBacklog, EventKind::Closed, 1006,
              "connection dropped by Sockscope: the server was not reading what it was sent");
    QVERIFY2(session.lastError().contains(QStringLiteral("RFC 6455 5.5.2")),
             qPrintable(session.lastError()));
}

void TestEndCause::closeBehindAnUnreadSendTimesOut()
{
    // The server stops reading: a large message fills every buffer on the way, and the
    // close frame queued behind it never leaves QWebSocket. The close timeout still ends
    // the connection, and the log says the close frame never crossed.
    RawServer server;
    server.afterHandshake = [](QTcpSocket *s) {
        s->setReadBufferSize(1);
    };
    WebSocketSession session;
    QVERIFY(openAndSend(session, server, 300, qsizetype(64) << 20));
    QVERIFY(session.close(1000, QStringLiteral("bye")).ok);
    QElapsedTimer clock;
    clock.start();
    QTRY_COMPARE_WITH_TIMEOUT(session.state(), WebSocketSession::State::Closed, 10000);
    QVERIFY2(clock.elapsed() < 300 + 5000, qPrintable(QString::number(clock.elapsed())));
    QVERIFY(!lastOfKind(session.log(), EventKind::CloseSent)); // it never crossed the wire
    QCOMPARE(session.endCause(), Cause::DroppedForBacklog);
    QCOMPARE(lastRow(session).closeCode, quint16(1006));
    QVERIFY2(session.lastError().startsWith(QLatin1String("The close frame did not leave: "
                                                          "nothing was sent for 300 ms, ")),
             qPrintable(session.lastError()));
}

void TestEndCause::answerBehindAnUnreadSendTimesOut()
{
    // The same, when the server sends a close frame and stops reading: QtWebSockets'
    // answer waits behind the large send, and the close timeout ends the connection.
    RawServer server;
    QPointer<QTcpSocket> peer;
    server.afterHandshake = [&peer](QTcpSocket *s) {
        s->setReadBufferSize(1);
        peer = s;
    };
    WebSocketSession session;
    QVERIFY(openAndSend(session, server, 300, qsizetype(64) << 20));
    QTRY_VERIFY(peer);
    peer->write(serverFrame(0x8, QByteArray::fromHex("03e9") + "bye")); // 1001 "bye"
    QTRY_COMPARE_WITH_TIMEOUT(session.state(), WebSocketSession::State::Closed, 10000);
    QCOMPARE(session.endCause(), Cause::DroppedForBacklog);
    QCOMPARE(lastOfKind(session.log(), EventKind::CloseReceived)->closeCode, quint16(1001));
    QVERIFY(!lastOfKind(session.log(), EventKind::CloseSent)); // its answer never crossed
    QCOMPARE(lastRow(session).closeCode, quint16(1006));
    QVERIFY2(session.lastError().contains(QLatin1String(" for 300 ms")),
             qPrintable(session.lastError()));
}

void TestEndCause::aSlowServerThatReadsIsNotDropped()
{
    // The server reads 128 KiB every 20 ms: the close frame behind a 32 MiB send takes
    // far longer than the close timeout to leave, but it keeps moving, so the closing
    // handshake goes on (and then ends as this server never answers).
    RawServer server;
    QTimer reader;
    server.afterHandshake = [&reader](QTcpSocket *s) {
        s->setReadBufferSize(128 * 1024);
        QObject::connect(&reader, &QTimer::timeout, s, [s] { s->read(128 * 1024); });
        reader.start(20);
    };
    WebSocketSession session;
    QVERIFY(openAndSend(session, server, 600, qsizetype(32) << 20));
    QVERIFY(session.close(4000, QStringLiteral("slowly")).ok);
    QElapsedTimer clock;
    clock.start();
    QTRY_COMPARE_WITH_TIMEOUT(session.state(), WebSocketSession::State::Closed, 30000);
    QVERIFY2(clock.elapsed() > 2 * 600, qPrintable(QString::number(clock.elapsed())));
    QCOMPARE(session.endCause(), Cause::ClosedByClient);
    QCOMPARE(lastOfKind(session.log(), EventKind::CloseSent)->closeCode, quint16(4000));
}

void TestEndCause::aSlowServersAnswerIsHeard()
{
    // The server reads 128 KiB every 20 ms, and answers the close frame once it has read
    // it (the last bytes of the stream), then closes TCP. The close timeout counts from
    // the server's TCP stack acknowledging the close frame, not from QWebSocket dropping
    // its side, so the answer is heard and the end row says the handshake completed.
    RawServer server;
    QTimer reader;
    QByteArray tail; // the last bytes read: the masked close frame 4000 "slowly" ends them
    server.afterHandshake = [&reader, &tail](QTcpSocket *s) {
        // A small receive buffer: its TCP stack acknowledges bytes only as it reads them.
        s->setSocketOption(QAbstractSocket::ReceiveBufferSizeSocketOption, 128 * 1024);
        s->setReadBufferSize(128 * 1024);
        QObject::connect(&reader, &QTimer::timeout, s, [s, &tail] {
            tail = (tail + s->read(128 * 1024)).right(14);
            const auto byte = [&tail](int i) {
                return quint8(tail.at(i));
            };
            const bool close = tail.size() == 14 && byte(0) == 0x88 && byte(1) == 0x88 &&
                               (byte(6) ^ byte(2)) == 0x0f && (byte(7) ^ byte(3)) == 0xa0;
            if (close) {
                s->write(serverFrame(0x8, QByteArray::fromHex("0fa0") + "slowly"));
                s->disconnectFromHost();
            }
        });
        reader.start(20);
    };
    WebSocketSession session;
    QVERIFY(openAndSend(session, server, 600, qsizetype(32) << 20));
    QVERIFY(session.close(4000, QStringLiteral("slowly")).ok);
    QTRY_COMPARE_WITH_TIMEOUT(session.state(), WebSocketSession::State::Closed, 30000);
    QCOMPARE(session.endCause(), Cause::ClosedByClient);
    QVERIFY2(session.closeFrameReceived(), lastRow(session).payload.constData());
    QCOMPARE(int(session.closeFrameReceived()->code), 4000);
    QVERIFY(!session.relayReport()->closeTimedOut);
    QCOMPARE(lastRow(session).kind, EventKind::Closed);
    QVERIFY2(lastRow(session).payload.startsWith("closing handshake complete; "),
             lastRow(session).payload.constData());
}

void TestEndCause::aServerThatStopsReadingNeverGotTheClose()
{
    // The server reads 1 MiB of a 7 MiB send and stops, with a 64 KiB receive buffer: its
    // TCP stack can never acknowledge the close frame at the end. Whether the close frame
    // is stuck in QWebSocket or in the wire tap, the end must not say the server did not
    // answer: it never got the close frame.
    RawServer server;
    QTimer reader;
    qint64 read = 0;
    server.afterHandshake = [&reader, &read](QTcpSocket *s) {
        s->setSocketOption(QAbstractSocket::ReceiveBufferSizeSocketOption, 64 * 1024);
        s->setReadBufferSize(64 * 1024);
        QObject::connect(&reader, &QTimer::timeout, s, [s, &read] {
            if (read < (1 << 20))
                read += s->read(64 * 1024).size();
        });
        reader.start(5);
    };
    WebSocketSession session;
    QVERIFY(openAndSend(session, server, 300, qsizetype(7) << 20));
    QVERIFY(session.close(4000, QStringLiteral("never read")).ok);
    QTRY_COMPARE_WITH_TIMEOUT(session.state(), WebSocketSession::State::Closed, 20000);
    QVERIFY(read >= (1 << 20));
    QVERIFY(!session.closeFrameReceived());
    const QByteArray end = lastRow(session).payload;
    QVERIFY2(!end.contains("no answer"), end.constData());
    if (session.relayReport()->closeTimedOut) { // the wire tap held it
        QVERIFY(session.relayReport()->closeStuckBytes > 0);
        QVERIFY2(end.startsWith("the close frame did not reach the server: nothing moved "
                                "toward it for 300 ms, with "),
                 end.constData());
    } else { // QWebSocket held it
        QCOMPARE(session.endCause(), Cause::DroppedForBacklog);
        QVERIFY2(session.lastError().startsWith(QLatin1String("The close frame did not leave")),
                 qPrintable(session.lastError()));
    }
}

void TestEndCause::closedByServer()
{
    RawServer server;
    server.afterHandshake = [](QTcpSocket *s) {
        s->write(serverFrame(0x8, QByteArray::fromHex("03e9") + "bye")); // 1001 "bye"
        // Once the client's answer is in, the server closes TCP (RFC 6455 7.1.1).
        connect(s, &QTcpSocket::readyRead, s, [s] { s->disconnectFromHost(); });
    };
    WebSocketSession session;
    // The frame follows the 101 in the same read: the connection may end before the
    // test sees it Open, so the Opened row is what shows it was.
    QVERIFY(session.open(profileFor(server.url())));
    QTRY_COMPARE(session.state(), WebSocketSession::State::Closed);
    // QtWebSockets drops its side at once, but on the wire the server closed TCP first.
    expectEnd(session, Cause::ClosedByServer, EventKind::Closed, 0,
              "closing handshake complete; the server closed TCP first");
    QVERIFY(kinds(session.log()).contains(EventKind::Opened));
    QVERIFY(session.closeFrameReceived());
    QCOMPARE(int(session.closeFrameReceived()->code), 1001);
    QCOMPARE(session.closeFrameReceived()->reason, QStringLiteral("bye"));
}

void TestEndCause::closedByClient()
{
    RawServer server; // reads the close frame and never answers it
    WebSocketSession session;
    Profile profile = profileFor(server.url());
    profile.closeTimeoutMs = 300;
    QVERIFY(openAndWait(session, profile));
    QVERIFY(session.close(4001, QStringLiteral("done")).ok);
    expectEnd(session, Cause::ClosedByClient, EventKind::Closed, 0,
              "no answer from the server within 300 ms; Sockscope closed the connection");
    QVERIFY(session.relayReport()->closeTimedOut);
    QVERIFY(!session.closeFrameReceived());
    QCOMPARE(int(session.closeFrameSent()->code), 4001);
}

void TestEndCause::qtWebSocketsClosed()
{
    // RSV1 set with no extension negotiated (RFC 6455 5.2): QtWebSockets fails the
    // connection with a close frame of its own.
    RawServer server;
    server.afterHandshake = [](QTcpSocket *s) {
        QByteArray frame = serverFrame(0x1, "x");
        frame[0] = char(quint8(frame[0]) | 0x40);
        s->write(frame);
    };
    WebSocketSession session;
    Profile profile = profileFor(server.url());
    profile.closeTimeoutMs = 300;
    // The frame follows the 101 in the same read: the connection may end before the
    // test sees it Open, so the Opened row is what shows it was.
    QVERIFY(session.open(profile));
    expectEnd(session, Cause::QtWebSocketsClosed, EventKind::Closed, 0,
              "no answer from the server within 300 ms; Sockscope closed the connection");
    QVERIFY(kinds(session.log()).contains(EventKind::Opened));
    QVERIFY(!session.closeFrameReceived());
    QCOMPARE(session.closeFrameSent()->reason, QStringLiteral("Rsv field is non-zero"));
    QCOMPARE(session.lastError(),
             QStringLiteral("QtWebSockets closed the connection: Rsv field is non-zero"));
    // 6.4 emits aboutToClose twice: the row comes once.
    int rows = 0;
    for (int row = 0; row < session.log()->rowCount(); ++row)
        rows += session.log()->event(row).payload.startsWith("QtWebSockets closed") ? 1 : 0;
    QCOMPARE(rows, 1);
}

void TestEndCause::droppedWithoutCloseFrame()
{
    RawServer server;
    WebSocketSession session;
    QVERIFY(openAndWait(session, server.url()));
    QTRY_VERIFY(server.socket);
    server.socket->abort(); // TCP ends, no close frame
    expectEnd(session, Cause::DroppedWithoutCloseFrame, EventKind::Closed, 1006,
              "connection dropped without a close frame");
    QVERIFY(!session.closeFrameReceived());
    QVERIFY(!session.closeFrameSent());
}

void TestEndCause::handshakeFailed_data()
{
    QTest::addColumn<QString>("peer");
    QTest::addColumn<QString>("error"); // in lastError(), which comes before the end row
    QTest::newRow("refused") << "refused"
                             << "refused";
    QTest::newRow("HTTP 404") << "404"
                              << "404";
    QTest::newRow("deadline") << "silent"
                              << "within 300 ms";
    QTest::newRow("TLS") << "tls"
                         << "certificate";
}

void TestEndCause::handshakeFailed()
{
    QFETCH(QString, peer);
    QFETCH(QString, error);
    RawServer http(QByteArrayLiteral("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"));
    QTcpServer silent; // accepts TCP and never answers the opening handshake
    QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
    QWebSocketServer tls(QStringLiteral("self-signed"), QWebSocketServer::SecureMode);
    tls.setSslConfiguration(testServerTls()); // a certificate the client does not trust
    QVERIFY(tls.listen(QHostAddress::LocalHost, 0));
    const QHash<QString, QString> urls = {
        {QStringLiteral("refused"), QStringLiteral("ws://127.0.0.1:%1/").arg(closedPort())},
        {QStringLiteral("404"), http.url().toString()},
        {QStringLiteral("silent"), QStringLiteral("ws://127.0.0.1:%1/").arg(silent.serverPort())},
        {QStringLiteral("tls"), QStringLiteral("wss://127.0.0.1:%1/").arg(tls.serverPort())}};
    Profile profile = profileFor(QUrl(urls.value(peer)));
    profile.connectTimeoutMs = 300;
    WebSocketSession session;
    QVERIFY(session.open(profile));
    expectEnd(session, Cause::HandshakeFailed, EventKind::Closed, 0,
              "the opening handshake did not complete");
    QVERIFY2(session.lastError().contains(error, Qt::CaseInsensitive),
             qPrintable(session.lastError()));
    QCOMPARE(kinds(session.log()).constLast(), EventKind::Closed);
    QVERIFY(kinds(session.log()).contains(EventKind::Error));
    QVERIFY(!kinds(session.log()).contains(EventKind::Opened));
}

QTEST_GUILESS_MAIN(TestEndCause)
#include "tst_endcause.moc"
