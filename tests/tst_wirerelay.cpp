// WireTap and WireRelay: a QWebSocket through the relay to real servers on 127.0.0.1,
// asserting what the server received (its Host, the close frame it got back), what the
// relay saw of both directions, and how it ends the server side.
#include "rawclient.h"
#include "rawserver.h"
#include "sessiontestserver.h"
#include "wiretap/wiretap.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>
#include <QWebSocket>

namespace {

/// Relay options with the close timeout @p ms (ms), the rest as RelayTarget's defaults.
RelayTarget closeTimeout(int ms)
{
    RelayTarget options;
    options.closeTimeoutMs = ms;
    return options;
}

/// The client frames (masked, RFC 6455 5.3) in @p bytes, unmasked: opcode and payload.
QList<QPair<int, QByteArray>> clientFrames(const QByteArray &bytes)
{
    QList<QPair<int, QByteArray>> frames;
    qsizetype at = 0;
    while (bytes.size() - at >= 6) {
        const int opcode = bytes.at(at) & 0x0F;
        const int n = bytes.at(at + 1) & 0x7F; // the tests' frames are short
        if (n > 125 || bytes.size() - at < 6 + n)
            break;
        const QByteArray key = bytes.mid(at + 2, 4);
        QByteArray payload = bytes.mid(at + 6, n);
        for (int i = 0; i < n; ++i)
            payload[i] = char(payload.at(i) ^ key.at(i % 4));
        frames.append({opcode, payload});
        at += 6 + n;
    }
    return frames;
}

/// The notable frames of every batch @p spy saw, in order.
QList<WireFrame> allFrames(const QSignalSpy &spy)
{
    QList<WireFrame> frames;
    for (const QList<QVariant> &call : spy)
        frames += call.at(0).value<WireBatch>().notable;
    return frames;
}

/// The records of every batch @p spy saw, in order.
QList<FrameRecord> allRecords(const QSignalSpy &spy)
{
    QList<FrameRecord> records;
    for (const QList<QVariant> &call : spy)
        records += call.at(0).value<WireBatch>().records;
    return records;
}

/// A RawServer whose client, once upgraded, gets @p frames; it records what came back.
struct RawPeer
{
    explicit RawPeer(const QByteArray &frames, bool closeAfterAnswer = true)
    {
        server.afterHandshake = [this, frames, closeAfterAnswer](QTcpSocket *s) {
            QObject::connect(s, &QTcpSocket::readyRead, s, [this, s, closeAfterAnswer] {
                received += s->readAll();
                if (closeAfterAnswer && !clientFrames(received).isEmpty() &&
                    clientFrames(received).last().first == Opcode::Close)
                    s->disconnectFromHost();
            });
            QObject::connect(s, &QTcpSocket::disconnected, s, [this] { ended = true; });
            s->write(frames);
        };
    }
    RawServer server;
    QByteArray received;
    bool ended = false;
};

} // namespace

class TestWireRelay : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void theServerSeesTheProfilesHost()
    {
        TestServer server;
        WireTap tap;
        QSignalSpy request(&tap, &WireTap::requestForwarded);
        QString problem;
        const QUrl local =
            tap.start(server.url(QStringLiteral("/chat?room=1")), closeTimeout(5000), &problem);
        QVERIFY2(local.isValid(), qPrintable(problem));
        QCOMPARE(local.host(), QStringLiteral("127.0.0.1"));
        QVERIFY(local.port() != server.url().port());
        QWebSocket socket;
        socket.open(local);
        QTRY_VERIFY(server.client);
        QCOMPARE(server.request.rawHeader("Host"),
                 QStringLiteral("127.0.0.1:%1").arg(server.url().port()).toLatin1());
        QCOMPARE(server.request.url().path(), QStringLiteral("/chat"));
        QCOMPARE(server.request.url().query(), QStringLiteral("room=1"));
        QTRY_COMPARE(request.size(), 1);
        QVERIFY(request.at(0).at(0).value<HttpHead>().raw.startsWith("GET /chat?room=1 "));
    }
    void theHandshakeTimeIsTheServersDelay()
    {
        // Request to response head, timed at the relay: the server waits 150 ms.
        RawServer server;
        server.answerDelayMs = 150;
        WireTap tap;
        QSignalSpy connected(&tap, &WireTap::upstreamConnected);
        QSignalSpy response(&tap, &WireTap::responseReceived);
        QString problem;
        QWebSocket socket;
        QElapsedTimer clock;
        clock.start();
        socket.open(tap.start(server.url(), closeTimeout(5000), &problem));
        QTRY_COMPARE(response.size(), 1);
        const qint64 elapsedUs = clock.nsecsElapsed() / 1000;
        const qint64 handshakeUs = response.at(0).at(1).toLongLong();
        QVERIFY2(handshakeUs >= 150000 && handshakeUs <= elapsedUs,
                 qPrintable(QString::number(handshakeUs)));
        QCOMPARE(connected.size(), 1);
        const qint64 lookupUs = connected.at(0).at(0).toLongLong();
        const qint64 connectUs = connected.at(0).at(1).toLongLong();
        QVERIFY(lookupUs >= 0 && connectUs >= 0);
        QVERIFY2(lookupUs + connectUs < 150000, qPrintable(QString::number(connectUs)));
    }
    void aMaskedServerFrameAndWhatFollowsAreWithheld()
    {
        // RFC 6455 5.1: a client must not take a masked frame from the server.
        const QByteArray key("\x12\x34\x56\x78", 4);
        QByteArray masked = QByteArray("\x81\x86", 2) + key;
        for (int i = 0; i < 6; ++i)
            masked.append(char(QByteArray("masked").at(i) ^ key.at(i % 4)));
        RawPeer peer(serverFrame(Opcode::Text, "before") + masked +
                         serverFrame(Opcode::Text, "after"),
                     false);
        WireTap tap;
        QSignalSpy seen(&tap, &WireTap::framesSeen);
        QString problem;
        const QUrl local = tap.start(peer.server.url(), closeTimeout(5000), &problem);
        RawClient client(quint16(local.port()));
        QVERIFY(client.waitUpgraded());
        QTRY_COMPARE(client.frames().size(), 1);
        const auto recordCount = [&seen] {
            qsizetype n = 0;
            for (const QList<QVariant> &call : seen)
                n += call.at(0).value<WireBatch>().records.size();
            return n;
        };
        QTRY_COMPARE(recordCount(), 3); // all three recorded
        QList<WireFrame> failing;
        for (const WireFrame &f : allFrames(seen)) {
            if (f.failsConnection)
                failing.append(f);
        }
        QCOMPARE(failing.size(), 1);
        QVERIFY(failing.at(0).header.masked);
        QTest::qWait(100); // nothing more reaches the client
        QCOMPARE(client.frames().size(), 1);
        QCOMPARE(client.frames().at(0).payload, QByteArray("before"));
    }
    void recordsFramesBothWays()
    {
        TestServer server;
        WireTap tap;
        QSignalSpy frames(&tap, &WireTap::framesSeen);
        QSignalSpy response(&tap, &WireTap::responseReceived);
        QString problem;
        QWebSocket socket;
        socket.open(tap.start(server.url(), closeTimeout(5000), &problem));
        QTRY_COMPARE(socket.state(), QAbstractSocket::ConnectedState);
        QCOMPARE(response.value(0).value(0).value<HttpHead>().statusCode(), 101);
        QSignalSpy echoed(&socket, &QWebSocket::textMessageReceived);
        socket.sendTextMessage(QStringLiteral("hello through the tap"));
        QTRY_COMPARE(echoed.size(), 1);
        QVERIFY(allFrames(frames).isEmpty()); // data frames, no violations: records only
        const QList<FrameRecord> seen = allRecords(frames);
        QCOMPARE(seen.size(), 2);
        QCOMPARE(seen.at(0).sender(), FrameSender::Client);
        QVERIFY(seen.at(0).masked());
        QCOMPARE(QByteArray(seen.at(0).head, seen.at(0).headBytes()), QByteArray("hello th"));
        QCOMPARE(seen.at(1).sender(), FrameSender::Server);
        QCOMPARE(seen.at(1).payloadLength, quint64(21));
        QVERIFY(!seen.at(1).violates());
        QVERIFY(seen.at(1).timeUs >= seen.at(0).timeUs);
    }
    void theServerGetsTheClosingHandshake()
    {
        TestServer server;
        WireTap tap;
        QSignalSpy frames(&tap, &WireTap::framesSeen);
        QSignalSpy finished(&tap, &WireTap::finished);
        QString problem;
        QWebSocket socket;
        socket.open(tap.start(server.url(), closeTimeout(5000), &problem));
        QTRY_VERIFY(server.client);
        QTRY_COMPARE(socket.state(), QAbstractSocket::ConnectedState);
        socket.close(QWebSocketProtocol::CloseCodeNormal, QStringLiteral("bye"));
        QTRY_VERIFY(finished.size() == 1);
        QVERIFY(server.closeFrameSeen);
        QCOMPARE(server.closeCode, 1000);
        const auto report = finished.at(0).at(0).value<RelayReport>();
        QVERIFY(!report.closeTimedOut);
        QVERIFY(report.closeAnswerUs >= 0);
        const QList<WireFrame> seen = allFrames(frames);
        QCOMPARE(seen.size(), 2);
        QCOMPARE(seen.at(0).closeCode(), quint16(1000));
        QCOMPARE(seen.at(1).sender, FrameSender::Server);
        QCOMPARE(seen.at(1).closeReason(), QByteArray("bye"));
    }
    void aServerThatNeverAnswersTimesOut()
    {
        RawPeer peer({}, false);
        WireTap tap;
        QSignalSpy finished(&tap, &WireTap::finished);
        QString problem;
        QWebSocket socket;
        socket.open(tap.start(peer.server.url(), closeTimeout(300), &problem));
        QTRY_COMPARE(socket.state(), QAbstractSocket::ConnectedState);
        socket.close(QWebSocketProtocol::CloseCodeNormal, QStringLiteral("anyone?"));
        QCOMPARE(socket.state(), QAbstractSocket::UnconnectedState); // 6.4 drops at once
        QVERIFY(!peer.ended);
        QTRY_COMPARE(finished.size(), 1);
        const auto report = finished.at(0).at(0).value<RelayReport>();
        QVERIFY(report.closeTimedOut);
        QCOMPARE(report.firstToClose, RelayReport::TcpCloser::Relay);
        QCOMPARE(report.closeAnswerUs, qint64(-1));
        QTRY_VERIFY(peer.ended);
        QCOMPARE(clientFrames(peer.received).value(0).second, closePayload(1000, "anyone?"));
    }
    void aValidCodeQtWebSocketsRejectsIsEchoed_data()
    {
        QTest::addColumn<int>("code");
        QTest::newRow("1012 Service Restart") << 1012;
        QTest::newRow("1013 Try Again Later") << 1013;
        QTest::newRow("1014 Bad Gateway") << 1014;
    }
    void aValidCodeQtWebSocketsRejectsIsEchoed()
    {
        QFETCH(int, code);
        RawPeer peer(serverFrame(Opcode::Close, closePayload(quint16(code), "restart")));
        WireTap tap;
        QSignalSpy replaced(&tap, &WireTap::closeFrameReplaced);
        QSignalSpy finished(&tap, &WireTap::finished);
        QString problem;
        QWebSocket socket;
        socket.open(tap.start(peer.server.url(), closeTimeout(5000), &problem));
        QTRY_COMPARE(finished.size(), 1);
        QCOMPARE(clientFrames(peer.received).size(), 1);
        QCOMPARE(clientFrames(peer.received).at(0).first, int(Opcode::Close));
        QCOMPARE(clientFrames(peer.received).at(0).second, closePayload(quint16(code), "restart"));
        QCOMPARE(replaced.size(), 1);
        QCOMPARE(replaced.at(0).at(0).value<WireFrame>().closeCode(), quint16(1002));
        QCOMPARE(replaced.at(0).at(1).value<WireFrame>().closeCode(), quint16(code));
        // QWebSocket dropped its side at once; on the wire, the server closed TCP first.
        QCOMPARE(finished.at(0).at(0).value<RelayReport>().firstToClose,
                 RelayReport::TcpCloser::Server);
    }
    void aBrokenCloseIsAnsweredAsQtWebSocketsWrote_data()
    {
        QTest::addColumn<QByteArray>("close");
        QByteArray rsv1 = serverFrame(Opcode::Close, closePayload(1012, "restart"));
        rsv1[0] = char(quint8(rsv1[0]) | 0x40);
        QTest::newRow("RSV1 set") << rsv1;
        // 6.4 judges the code first and says "Invalid close code"; the reason is broken too.
        QTest::newRow("reason not UTF-8")
            << serverFrame(Opcode::Close, closePayload(1012, QByteArray("\xff\xfe", 2)));
    }
    void aBrokenCloseIsAnsweredAsQtWebSocketsWrote()
    {
        // 1002 for a close frame that breaks a rule besides its code is right: nothing to
        // replace, and its broken reason is never echoed.
        QFETCH(QByteArray, close);
        RawPeer peer(close);
        WireTap tap;
        QSignalSpy replaced(&tap, &WireTap::closeFrameReplaced);
        QSignalSpy finished(&tap, &WireTap::finished);
        QString problem;
        QWebSocket socket;
        socket.open(tap.start(peer.server.url(), closeTimeout(5000), &problem));
        QTRY_COMPARE(finished.size(), 1);
        QCOMPARE(clientFrames(peer.received).value(0).second.left(2), closePayload(1002, ""));
        QCOMPARE(replaced.size(), 0);
    }
    void aCloseSplitAcrossReadsIsStillReplacedWhole()
    {
        RawPeer peer(serverFrame(Opcode::Close, closePayload(1012, "restart")));
        WireTap tap;
        QSignalSpy finished(&tap, &WireTap::finished);
        QString problem;
        const QUrl local = tap.start(peer.server.url(), closeTimeout(5000), &problem);
        RawClient client(quint16(local.port()));
        QVERIFY(client.waitUpgraded());
        QTRY_COMPARE(client.frames().size(), 1); // the server's close frame
        // QtWebSockets' answer, one byte per write: its header reaches the relay in pieces.
        const QByteArray answer =
            clientFrame(0x88, closePayload(1002, "Invalid close code 1002 detected."));
        for (const char byte : answer) {
            client.socket.write(&byte, 1);
            QVERIFY(client.socket.waitForBytesWritten(1000));
            QTest::qWait(2); // a read of its own at the relay, not a wait for a result
        }
        client.socket.disconnectFromHost();
        QTRY_COMPARE(finished.size(), 1);
        QCOMPARE(clientFrames(peer.received).size(), 1);
        QCOMPARE(clientFrames(peer.received).at(0).second, closePayload(1012, "restart"));
    }
    void anInvalidCodeIsAnsweredAsQtWebSocketsWrote()
    {
        RawPeer peer(serverFrame(Opcode::Close, closePayload(999, "")));
        WireTap tap;
        QSignalSpy replaced(&tap, &WireTap::closeFrameReplaced);
        QSignalSpy finished(&tap, &WireTap::finished);
        QString problem;
        QWebSocket socket;
        socket.open(tap.start(peer.server.url(), closeTimeout(5000), &problem));
        QTRY_COMPARE(finished.size(), 1);
        QCOMPARE(clientFrames(peer.received).value(0).second.left(2), closePayload(1002, ""));
        QCOMPARE(replaced.size(), 0);
    }
    void anUnreachableServerIsReported()
    {
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
        const quint16 port = closed.serverPort();
        closed.close();
        WireTap tap;
        QSignalSpy finished(&tap, &WireTap::finished);
        QString problem;
        QWebSocket socket;
        socket.open(tap.start(QUrl(QStringLiteral("ws://127.0.0.1:%1/").arg(port)),
                              closeTimeout(5000), &problem));
        QTRY_COMPARE(finished.size(), 1);
        const auto report = finished.at(0).at(0).value<RelayReport>();
        QVERIFY(!report.upstreamConnected);
        QVERIFY2(report.upstreamError.contains(QLatin1String("refused")),
                 qPrintable(report.upstreamError));
        QTRY_COMPARE(socket.state(), QAbstractSocket::UnconnectedState);
    }
    void abortDropsTheServerSideAtOnce()
    {
        TestServer server;
        WireTap tap;
        QSignalSpy finished(&tap, &WireTap::finished);
        QString problem;
        QWebSocket socket;
        socket.open(tap.start(server.url(), closeTimeout(5000), &problem));
        QTRY_VERIFY(server.client);
        QTRY_COMPARE(socket.state(), QAbstractSocket::ConnectedState);
        socket.abort();
        QTRY_VERIFY(server.ended);
        QVERIFY(!server.closeFrameSeen);
        QTRY_COMPARE(finished.size(), 1);
        QCOMPARE(finished.at(0).at(0).value<RelayReport>().firstToClose,
                 RelayReport::TcpCloser::Client);
    }
};

QTEST_GUILESS_MAIN(TestWireRelay)
#include "tst_wirerelay.moc"
