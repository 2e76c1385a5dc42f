// The built-in echo server against hostile clients on 127.0.0.1: a raw TCP client that
// writes the opening handshake and frames by hand (RFC 6455 4.1, 5.2), masked or not, and
// QWebSocket clients. What the client received is what is asserted.
#include "rawclient.h"
#include "session/echoserver.h"
#include "session/websocketsession.h"

#include <QPointer>
#include <QSignalSpy>
#include <QTest>
#include <QWebSocket>

namespace {

constexpr qint64 KiB = 1024;
constexpr qint64 MiB = 1024 * KiB;
/// What the client that never reads keeps in its write buffer, in bytes.
constexpr qint64 InFlightBytes = 4 * MiB;

} // namespace

class TestEchoServer : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void echoesEveryKindOfFrame();
    void headerLikePayloadsAreEchoedExactly();
    void unmaskedClientFrameFailsWith1002_data();
    void unmaskedClientFrameFailsWith1002();
    void messageOverTheLimitGets1009_data();
    void messageOverTheLimitGets1009();
    void clientThatNeverReadsIsDropped_data();
    void clientThatNeverReadsIsDropped();
    void closeThatCannotGoOutIsAborted();
    void ownsItsClientSockets();
    void handshakeHasADeadline();
    void tcpDropIsNoFailure();
};

void TestEchoServer::echoesEveryKindOfFrame()
{
    EchoServer echo;
    QVERIFY(echo.listen(0));
    QSignalSpy closes(&echo, &EchoServer::closeFrameReceived);
    QSignalSpy ended(&echo, &EchoServer::clientDisconnected);
    QSignalSpy failures(&echo, &EchoServer::connectionFailed);
    RawClient client(echo.port());
    QVERIFY(client.waitUpgraded());
    QCOMPARE(echo.connectionCount(), 1);
    const QByteArray binary("\x00\x01\xff\x81\x00", 5);
    client.socket.write(clientFrame(0x81, "hello") + clientFrame(0x82, binary) +
                        clientFrame(0x89, "ping!") + clientFrame(0x01, "frag") +
                        clientFrame(0x80, "mented") +
                        clientFrame(0x88, closePayload(4001, "adi\xc3\xb3s")));
    QVERIFY(client.waitEnded());
    const QList<ServerFrame> frames = client.frames();
    QCOMPARE(opcodes(frames), (QList<int>{0x1, 0x2, 0xA, 0x1, 0x8}));
    QCOMPARE(frames.at(0).payload, QByteArray("hello"));
    QCOMPARE(frames.at(1).payload, binary);
    QCOMPARE(frames.at(2).payload, QByteArray("ping!"));
    QCOMPARE(frames.at(3).payload, QByteArray("fragmented"));
    QCOMPARE(frames.at(4).closeCode(), 4001);
    QCOMPARE(frames.at(4).closeReason(), QByteArray("adi\xc3\xb3s"));
    for (const ServerFrame &f : frames)
        QVERIFY(!f.masked);
    QCOMPARE(closes.count(), 1);
    QCOMPARE(closes.at(0).at(0).toInt(), 4001);
    QTRY_COMPARE(ended.count(), 1);
    QCOMPARE(ended.at(0).at(1).toBool(), true);
    QCOMPARE(failures.count(), 0);
    QCOMPARE(echo.connectionCount(), 0);
}

void TestEchoServer::headerLikePayloadsAreEchoedExactly()
{
    // Masked with a key of 0, the payloads cross the wire as they are: they read as
    // unmasked frame headers to a scanner that lost its place. Many small frames, then
    // frames larger than a socket read, all written at once.
    EchoServer echo;
    QVERIFY(echo.listen(0));
    QSignalSpy failures(&echo, &EchoServer::connectionFailed);
    RawClient client(echo.port());
    QVERIFY(client.waitUpgraded());
    QByteArray stream;
    QList<QByteArray> sent;
    for (int i = 0; i < 2000; ++i)
        sent.append(headerLikeBytes(1 + i % 140));
    sent.append(headerLikeBytes(3 * MiB));
    sent.append(headerLikeBytes(70000));
    sent.append(headerLikeBytes(1 * MiB + 3));
    for (const QByteArray &payload : sent)
        stream += clientFrame(0x82, payload, true, 0);
    client.socket.write(stream);
    QTRY_COMPARE_WITH_TIMEOUT(dataMessages(client.frames()).size(), sent.size(), 30000);
    const QList<QByteArray> echoed = dataMessages(client.frames());
    for (qsizetype i = 0; i < sent.size(); ++i)
        QCOMPARE(echoed.at(i), sent.at(i));
    for (const ServerFrame &f : client.frames())
        QVERIFY(f.opcode() == 0x2 || f.opcode() == 0x0);
    QCOMPARE(failures.count(), 0);
    QCOMPARE(echo.connectionCount(), 1);
}

void TestEchoServer::unmaskedClientFrameFailsWith1002_data()
{
    QTest::addColumn<QByteArray>("withRequest"); // sent before the server's response
    QTest::addColumn<QByteArray>("first");       // sent, and its echo awaited, first
    QTest::addColumn<QList<int>>("firstEcho");   // the opcodes echoed for it
    QTest::addColumn<QByteArray>("unmasked");
    const QByteArray text = clientFrame(0x81, "hello", false);
    QTest::newRow("text") << QByteArray() << QByteArray() << QList<int>{} << text;
    QTest::newRow("binary") << QByteArray() << QByteArray() << QList<int>{}
                            << clientFrame(0x82, "\x01\x02", false);
    QTest::newRow("ping, no pong")
        << QByteArray() << QByteArray() << QList<int>{} << clientFrame(0x89, "ping", false);
    QTest::newRow("close, not echoed") << QByteArray() << QByteArray() << QList<int>{}
                                       << clientFrame(0x88, closePayload(1000, "bye"), false);
    QTest::newRow("16-bit length") << QByteArray() << QByteArray() << QList<int>{}
                                   << clientFrame(0x81, QByteArray(300, 'x'), false);
    QTest::newRow("after a masked message")
        << QByteArray() << clientFrame(0x81, "first") << QList<int>{0x1} << text;
    // The ping's pong says the fragment before it was read.
    QTest::newRow("continuation of a masked fragment")
        << QByteArray() << clientFrame(0x01, "frag") + clientFrame(0x89, "sync") << QList<int>{0xA}
        << clientFrame(0x80, "ment", false);
    QTest::newRow("sent with the request") << text << QByteArray() << QList<int>{} << QByteArray();
}

void TestEchoServer::unmaskedClientFrameFailsWith1002()
{
    QFETCH(QByteArray, withRequest);
    QFETCH(QByteArray, first);
    QFETCH(QList<int>, firstEcho);
    QFETCH(QByteArray, unmasked);
    EchoServer echo;
    QVERIFY(echo.listen(0));
    QSignalSpy failures(&echo, &EchoServer::connectionFailed);
    QSignalSpy closes(&echo, &EchoServer::closeFrameReceived);
    QSignalSpy ended(&echo, &EchoServer::clientDisconnected);
    RawClient client(echo.port(), withRequest);
    QVERIFY(client.waitUpgraded());
    if (!first.isEmpty()) {
        client.socket.write(first);
        // The echo server has read the first bytes before the unmasked frame is sent.
        QTRY_COMPARE(opcodes(client.frames()), firstEcho);
    }
    client.socket.write(unmasked);
    QVERIFY(client.waitEnded());
    const QList<ServerFrame> frames = client.frames();
    QList<int> expected = firstEcho;
    expected.append(0x8);
    QCOMPARE(opcodes(frames), expected);
    QCOMPARE(frames.last().closeCode(), 1002);
    QCOMPARE(frames.last().closeReason(), EchoConnection::unmaskedFrameReason().toUtf8());
    QCOMPARE(failures.count(), 1);
    QVERIFY2(failures.at(0).at(1).toString().contains(QLatin1String("1002")),
             qPrintable(failures.at(0).at(1).toString()));
    QCOMPARE(closes.count(), 0);
    QTRY_COMPARE(ended.count(), 1);
    QCOMPARE(ended.at(0).at(1).toBool(), false);
}

void TestEchoServer::messageOverTheLimitGets1009_data()
{
    QTest::addColumn<bool>("text");
    QTest::addColumn<qint64>("frameBytes"); // the client's outgoing frame size
    QTest::newRow("text in one frame") << true << qint64(512 * KiB);
    QTest::newRow("binary in one frame") << false << qint64(512 * KiB);
    QTest::newRow("text in fragments") << true << qint64(300);
    QTest::newRow("binary in fragments") << false << qint64(300);
}

void TestEchoServer::messageOverTheLimitGets1009()
{
    QFETCH(bool, text);
    QFETCH(qint64, frameBytes);
    QCOMPARE(EchoServer().maxIncomingMessageBytes(),
             WebSocketSession::DefaultMaxIncomingMessageBytes);
    EchoServer echo;
    echo.setMaxIncomingMessageBytes(1024);
    QVERIFY(echo.listen(0));
    QSignalSpy failures(&echo, &EchoServer::connectionFailed);
    QWebSocket client;
    client.setOutgoingFrameSize(quint64(frameBytes));
    QSignalSpy texts(&client, &QWebSocket::textMessageReceived);
    QSignalSpy binaries(&client, &QWebSocket::binaryMessageReceived);
    QSignalSpy connected(&client, &QWebSocket::connected);
    QSignalSpy disconnected(&client, &QWebSocket::disconnected);
    client.open(echo.url());
    QVERIFY(connected.wait(10000));
    const auto send = [&](qsizetype bytes) {
        const QByteArray data(bytes, 'a');
        text ? client.sendTextMessage(QString::fromLatin1(data)) : client.sendBinaryMessage(data);
    };
    send(1024); // at the limit: echoed
    QTRY_COMPARE(texts.count() + binaries.count(), 1);
    send(1025);
    QVERIFY(disconnected.wait(10000));
    QCOMPARE(int(client.closeCode()), 1009);
    QCOMPARE(texts.count() + binaries.count(), 1); // the message over the limit: no echo
    QCOMPARE(failures.count(), 1);
    QVERIFY2(failures.at(0).at(1).toString().contains(QLatin1String("1009")),
             qPrintable(failures.at(0).at(1).toString()));
}

void TestEchoServer::clientThatNeverReadsIsDropped_data()
{
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<qint64>("slack"); // how far past the limit the backlog may go
    // A message is echoed only while the backlog is within the limit: one echo past it.
    const QByteArray message = clientFrame(0x82, QByteArray(60000, 'm'));
    QTest::newRow("messages") << message << qint64(60000 + 4);
    // QtWebSockets writes a pong for every ping of a read before the server can look: the
    // backlog may pass the limit by one read's worth of pongs. Client and server share this
    // thread, so a read holds at most what the client wrote since the last: its in-flight cap.
    QTest::newRow("pings") << clientFrame(0x89, QByteArray(125, 'p')).repeated(480)
                           << InFlightBytes;
}

void TestEchoServer::clientThatNeverReadsIsDropped()
{
    QFETCH(QByteArray, frame);
    QFETCH(qint64, slack);
    const qint64 limit = 1 * MiB;
    EchoServer echo;
    echo.setMaxWriteBacklogBytes(limit);
    QVERIFY(echo.listen(0));
    QSignalSpy failures(&echo, &EchoServer::connectionFailed);
    QSignalSpy ended(&echo, &EchoServer::clientDisconnected);
    RawClient client(echo.port());
    QVERIFY(client.waitUpgraded());
    client.stopReading();
    qint64 written = 0;
    const auto more = [&] {
        // Keep InFlightBytes in flight, up to 256 MiB: far more than the kernel buffers.
        while (failures.isEmpty() && client.socket.state() == QAbstractSocket::ConnectedState &&
               client.socket.bytesToWrite() < InFlightBytes && written < 256 * MiB) {
            client.socket.write(frame);
            written += frame.size();
        }
    };
    connect(&client.socket, &QTcpSocket::bytesWritten, &client, more);
    more();
    QTRY_COMPARE_WITH_TIMEOUT(failures.count(), 1, 120000);
    const QString why = failures.at(0).at(1).toString();
    QVERIFY2(why.contains(QLatin1String("unsent")), qPrintable(why));
    QTRY_COMPARE(ended.count(), 1);
    QCOMPARE(ended.at(0).at(1).toBool(), false);
    QCOMPARE(echo.connectionCount(), 0);
    QVERIFY2(echo.peakWriteBacklogBytes() > limit,
             qPrintable(QString::number(echo.peakWriteBacklogBytes())));
    QVERIFY2(echo.peakWriteBacklogBytes() <= limit + slack,
             qPrintable(QString::number(echo.peakWriteBacklogBytes())));
    QVERIFY(written < 256 * MiB);
}

void TestEchoServer::closeThatCannotGoOutIsAborted()
{
    // The client stops reading with echoes still unsent, then sends an unmasked frame:
    // the 1002 close frame waits behind the backlog, and the connection must not stay in
    // ClosingState for ever.
    EchoServer echo;
    QVERIFY(echo.listen(0));
    QSignalSpy failures(&echo, &EchoServer::connectionFailed);
    QSignalSpy ended(&echo, &EchoServer::clientDisconnected);
    RawClient client(echo.port());
    QVERIFY(client.waitUpgraded());
    client.stopReading();
    const QByteArray message = clientFrame(0x82, QByteArray(60000, 'm'));
    const auto more = [&] {
        while (echo.peakWriteBacklogBytes() < 2 * MiB &&
               client.socket.bytesToWrite() < InFlightBytes)
            client.socket.write(message);
    };
    connect(&client.socket, &QTcpSocket::bytesWritten, &client, more);
    more();
    QTRY_VERIFY_WITH_TIMEOUT(echo.peakWriteBacklogBytes() >= 2 * MiB, 60000);
    disconnect(&client.socket, &QTcpSocket::bytesWritten, &client, nullptr);
    client.socket.write(clientFrame(0x81, "unmasked", false));
    QTRY_COMPARE_WITH_TIMEOUT(ended.count(), 1, 4 * EchoConnection::CloseLingerMs);
    QCOMPARE(failures.count(), 2);
    QVERIFY(failures.at(0).at(1).toString().contains(QLatin1String("1002")));
    QVERIFY2(failures.at(1).at(1).toString().contains(QLatin1String("could not go out")),
             qPrintable(failures.at(1).at(1).toString()));
}

void TestEchoServer::ownsItsClientSockets()
{
    auto *echo = new EchoServer;
    QVERIFY(echo->listen(0));
    QWebSocket first;
    QSignalSpy firstUp(&first, &QWebSocket::connected);
    first.open(echo->url());
    QVERIFY(firstUp.wait(10000));
    QTRY_COMPARE(echo->findChildren<QWebSocket *>().size(), 1);
    QPointer<QWebSocket> firstOnServer = echo->findChildren<QWebSocket *>().at(0);
    first.close(QWebSocketProtocol::CloseCodeNormal, QStringLiteral("bye"));
    QTRY_VERIFY(firstOnServer.isNull()); // deleted once its connection ended

    QWebSocket second;
    QSignalSpy secondUp(&second, &QWebSocket::connected);
    second.open(echo->url());
    QVERIFY(secondUp.wait(10000));
    QTRY_COMPARE(echo->findChildren<QWebSocket *>().size(), 1);
    QPointer<QWebSocket> secondOnServer = echo->findChildren<QWebSocket *>().at(0);
    QSignalSpy secondDown(&second, &QWebSocket::disconnected);
    delete echo; // with the connection still open
    QVERIFY(secondOnServer.isNull());
    QVERIFY(secondDown.wait(10000));
    QCOMPARE(int(second.closeCode()), 1001); // QWebSocket's destructor: Going Away
}

void TestEchoServer::handshakeHasADeadline()
{
    EchoServer echo;
    echo.setHandshakeTimeoutMs(200);
    QVERIFY(echo.listen(0));
    QSignalSpy failures(&echo, &EchoServer::connectionFailed);
    QTcpSocket silent;
    QSignalSpy dropped(&silent, &QTcpSocket::disconnected);
    silent.connectToHost(QHostAddress::LocalHost, echo.port());
    QVERIFY(dropped.wait(10000));
    QCOMPARE(failures.count(), 1);
    QVERIFY(failures.at(0).at(1).toString().contains(QLatin1String("handshake")));
}

void TestEchoServer::tcpDropIsNoFailure()
{
    EchoServer echo;
    QVERIFY(echo.listen(0));
    QSignalSpy failures(&echo, &EchoServer::connectionFailed);
    QSignalSpy closes(&echo, &EchoServer::closeFrameReceived);
    QSignalSpy ended(&echo, &EchoServer::clientDisconnected);
    RawClient client(echo.port());
    QVERIFY(client.waitUpgraded());
    client.socket.write(clientFrame(0x81, "last words"));
    QTRY_COMPARE(client.frames().size(), 1);
    client.socket.disconnectFromHost();
    QTRY_COMPARE(ended.count(), 1);
    QCOMPARE(ended.at(0).at(1).toBool(), false);
    QCOMPARE(failures.count(), 0);
    QCOMPARE(closes.count(), 0);
}

QTEST_GUILESS_MAIN(TestEchoServer)
#include "tst_echoserver.moc"
