// Messages and frames larger than the session's read buffer (256 KiB), both ways, against
// an in-process QWebSocketServer and Debian's python3-websockets; and a server that
// floods pings without reading the pongs. What the peer received is what is asserted.
#include "pythonpeer.h"
#include "rawserver.h"
#include "session/websocketsession.h"
#include "sessiontesthelpers.h"

#include <QCryptographicHash>
#include <QPointer>
#include <QSignalSpy>
#include <QTest>
#include <QWebSocket>
#include <QWebSocketServer>
#include <memory>

namespace {

constexpr qint64 KiB = 1024;
constexpr qint64 MiB = 1024 * KiB;

QString sha256(QByteArrayView data)
{
    return QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex());
}

/// @p bytes of a pattern that is valid UTF-8 (ASCII with a two-byte "é" now and then),
/// so the same bytes serve as a text and a binary message.
QByteArray patternBytes(qint64 bytes)
{
    QByteArray out;
    out.reserve(bytes);
    static const QByteArray unit = QByteArrayLiteral("sockscope-\xc3\xa9-0123456789-");
    while (out.size() + unit.size() <= bytes)
        out.append(unit);
    out.append(QByteArray(bytes - out.size(), 'x'));
    return out;
}

/// An echoing QWebSocketServer that records, per message it received, the size and hash,
/// and how many frames it came in.
class EchoRecorder : public QObject
{
public:
    explicit EchoRecorder(qint64 outgoingFrameBytes = 0)
    {
        connect(&server, &QWebSocketServer::newConnection, this, [this, outgoingFrameBytes] {
            client = server.nextPendingConnection();
            client->setParent(this);
            client->setMaxAllowedIncomingMessageSize(quint64(256 * MiB));
            client->setMaxAllowedIncomingFrameSize(quint64(256 * MiB));
            if (outgoingFrameBytes > 0)
                client->setOutgoingFrameSize(quint64(outgoingFrameBytes));
            connect(client, &QWebSocket::binaryFrameReceived, this, [this] { ++frames; });
            connect(client, &QWebSocket::textFrameReceived, this, [this] { ++frames; });
            connect(client, &QWebSocket::binaryMessageReceived, this,
                    [this](const QByteArray &m) { onMessage(m, false); });
            connect(client, &QWebSocket::textMessageReceived, this,
                    [this](const QString &m) { onMessage(m.toUtf8(), true); });
        });
        QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    }
    void onMessage(const QByteArray &data, bool text)
    {
        lastSize = data.size();
        lastHash = sha256(data);
        ++messages;
        if (text)
            client->sendTextMessage(QString::fromUtf8(data));
        else
            client->sendBinaryMessage(data);
    }
    QUrl url() const { return QUrl(QStringLiteral("ws://127.0.0.1:%1/").arg(server.serverPort())); }

    QWebSocketServer server{QStringLiteral("tst_largemessages"), QWebSocketServer::NonSecureMode};
    QPointer<QWebSocket> client;
    int messages = 0;
    int frames = 0;
    qint64 lastSize = -1;
    QString lastHash;
};

/// The payload of the last received text or binary message in @p session's log.
QByteArray lastReceivedPayload(WebSocketSession &session)
{
    MessageLog *log = session.log();
    log->flush();
    for (qsizetype row = log->rows() - 1; row >= 0; --row) {
        const LogEventView v = log->view(row);
        if (v.direction == Direction::Received &&
            (v.kind == EventKind::Text || v.kind == EventKind::Binary))
            return v.payload.toByteArray();
    }
    return {};
}

bool sendMessage(WebSocketSession &session, const QByteArray &data, bool text)
{
    return text ? session.sendText(QString::fromUtf8(data)) : session.sendBinary(data);
}

} // namespace

using State = WebSocketSession::State;

class TestLargeMessages : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void echoedThroughQtServer_data();
    void echoedThroughQtServer();
    void echoedThroughPythonServer_data();
    void echoedThroughPythonServer();
    void fragmentedBothWaysWithQtServer();
    void fragmentedFromPythonServer_data();
    void fragmentedFromPythonServer();
    void largeFrameThenCloseFrameEndsTheConnection();
    void pingFloodThatNeverReadsIsDropped();
    void logStaysInTheProfilesMemoryBudget();

private:
    void sizes();
};

void TestLargeMessages::sizes()
{
    QTest::addColumn<qint64>("bytes");
    QTest::addColumn<bool>("text");
    const std::pair<const char *, qint64> sizes[] = {{"256 KiB - 1", 256 * KiB - 1},
                                                     {"256 KiB + 1", 256 * KiB + 1},
                                                     {"1 MiB", MiB},
                                                     {"16 MiB", 16 * MiB}};
    for (const auto &[name, bytes] : sizes) {
        QTest::addRow("%s binary", name) << bytes << false;
        QTest::addRow("%s text", name) << bytes << true;
    }
}

void TestLargeMessages::echoedThroughQtServer_data()
{
    sizes();
}

void TestLargeMessages::echoedThroughQtServer()
{
    QFETCH(qint64, bytes);
    QFETCH(bool, text);
    EchoRecorder server;
    WebSocketSession session;
    QVERIFY(openAndWait(session, server.url()));
    const QByteArray data = patternBytes(bytes);
    QVERIFY(sendMessage(session, data, text));
    QTRY_COMPARE_WITH_TIMEOUT(server.messages, 1, 30000);
    QCOMPARE(server.lastSize, bytes);
    QCOMPARE(server.lastHash, sha256(data));
    QTRY_COMPARE_WITH_TIMEOUT(session.statistics().messagesReceived, 1, 30000);
    QCOMPARE(session.statistics().bytesReceived, bytes);
    QCOMPARE(sha256(lastReceivedPayload(session)), sha256(data));
    QCOMPARE(session.state(), State::Open);
}

void TestLargeMessages::echoedThroughPythonServer_data()
{
    sizes();
}

void TestLargeMessages::echoedThroughPythonServer()
{
    QFETCH(qint64, bytes);
    QFETCH(bool, text);
    PythonServer peer;
    QVERIFY(peer.waitListening());
    WebSocketSession session;
    QVERIFY(openAndWait(session, peer.url()));
    const QByteArray data = patternBytes(bytes);
    QVERIFY(sendMessage(session, data, text));
    QTRY_VERIFY_WITH_TIMEOUT(!peer.last(QStringLiteral("message")).isEmpty(), 30000);
    const QJsonObject got = peer.last(QStringLiteral("message"));
    QCOMPARE(got.value(QStringLiteral("type")).toString(),
             text ? QStringLiteral("text") : QStringLiteral("binary"));
    QCOMPARE(qint64(got.value(QStringLiteral("size")).toDouble()), bytes);
    QCOMPARE(got.value(QStringLiteral("sha256")).toString(), sha256(data));
    QTRY_COMPARE_WITH_TIMEOUT(session.statistics().messagesReceived, 1, 30000);
    QCOMPARE(sha256(lastReceivedPayload(session)), sha256(data));
}

void TestLargeMessages::fragmentedBothWaysWithQtServer()
{
    // 3 x 300 KiB: every fragment is larger than the read buffer.
    EchoRecorder server(300 * KiB);
    WebSocketSession session;
    session.setOutgoingFrameBytes(300 * KiB);
    QVERIFY(openAndWait(session, server.url()));
    const QByteArray data = patternBytes(900 * KiB);
    QVERIFY(session.sendBinary(data));
    QTRY_COMPARE_WITH_TIMEOUT(server.messages, 1, 30000);
    QCOMPARE(server.frames, 3);
    QCOMPARE(server.lastHash, sha256(data));
    QTRY_COMPARE_WITH_TIMEOUT(session.statistics().messagesReceived, 1, 30000);
    QCOMPARE(sha256(lastReceivedPayload(session)), sha256(data));
}

void TestLargeMessages::fragmentedFromPythonServer_data()
{
    QTest::addColumn<QString>("kind");
    QTest::newRow("binary") << QStringLiteral("binary");
    QTest::newRow("text") << QStringLiteral("text");
}

void TestLargeMessages::fragmentedFromPythonServer()
{
    QFETCH(QString, kind);
    PythonServer peer;
    QVERIFY(peer.waitListening());
    WebSocketSession session;
    session.setOutgoingFrameBytes(300 * KiB);
    QVERIFY(openAndWait(session, peer.url(QStringLiteral("/send-fragmented/3/307200/") + kind)));
    QTRY_COMPARE_WITH_TIMEOUT(session.statistics().messagesReceived, 1, 30000);
    // The peer says what it sent once send() returns, which can be after it arrived.
    QTRY_VERIFY_WITH_TIMEOUT(!peer.last(QStringLiteral("sent-fragmented")).isEmpty(), 10000);
    const QJsonObject sent = peer.last(QStringLiteral("sent-fragmented"));
    QCOMPARE(qint64(sent.value(QStringLiteral("size")).toDouble()), 900 * KiB);
    const QByteArray received = lastReceivedPayload(session);
    QCOMPARE(received.size(), 900 * KiB);
    QCOMPARE(sha256(received), sent.value(QStringLiteral("sha256")).toString());
    // And back, as three fragments of 300 KiB.
    QVERIFY(kind == QLatin1String("text") ? session.sendText(QString::fromUtf8(received))
                                          : session.sendBinary(received));
    QTRY_VERIFY_WITH_TIMEOUT(!peer.last(QStringLiteral("message")).isEmpty(), 30000);
    QCOMPARE(peer.last(QStringLiteral("message")).value(QStringLiteral("sha256")).toString(),
             sha256(received));
}

void TestLargeMessages::largeFrameThenCloseFrameEndsTheConnection()
{
    RawServer server;
    const QByteArray data = patternBytes(300 * KiB);
    server.afterHandshake = [&data](QTcpSocket *s) {
        s->write(serverFrame(0x2, data));
        s->write(serverFrame(0x8, QByteArrayLiteral("\x03\xe8") + "done"));
    };
    WebSocketSession session;
    QVERIFY(openAndWait(session, server.url()));
    QTRY_COMPARE_WITH_TIMEOUT(session.state(), State::Closed, 20000);
    QCOMPARE(session.statistics().messagesReceived, 1);
    QCOMPARE(sha256(lastReceivedPayload(session)), sha256(data));
    QVERIFY(session.closeFrameReceived());
    QCOMPARE(session.closeFrameReceived()->code, quint16(1000));
    QCOMPARE(session.closeFrameReceived()->reason, QStringLiteral("done"));
}

void TestLargeMessages::pingFloodThatNeverReadsIsDropped()
{
    // The server floods 125-byte pings and never reads: every pong QtWebSockets writes
    // stays in the client's write buffer.
    RawServer server;
    const QByteArray ping = serverFrame(0x9, QByteArray(125, 'p')).repeated(8192); // 1 MiB
    qint64 written = 0;
    server.afterHandshake = [&](QTcpSocket *s) {
        disconnect(s, &QTcpSocket::readyRead, nullptr, nullptr);
        s->setReadBufferSize(1);
        auto more = [&, s] {
            // Keep about 4 MiB in flight until 96 MiB of pings have gone.
            while (s->bytesToWrite() < 4 * MiB && written < 96 * MiB) {
                s->write(ping);
                written += ping.size();
            }
        };
        connect(s, &QTcpSocket::bytesWritten, s, more);
        more();
    };
    WebSocketSession session;
    QVERIFY(openAndWait(session, server.url()));
    QTRY_COMPARE_WITH_TIMEOUT(session.state(), State::Closed, 60000);
    QVERIFY2(session.lastError().contains(QLatin1String("faster than it reads")),
             qPrintable(session.lastError()));
    session.log()->flush();
    const LogEventView last = session.log()->view(session.log()->rows() - 1);
    QCOMPARE(last.kind, EventKind::Closed);
    QCOMPARE(last.closeCode, quint16(1006));
}

void TestLargeMessages::logStaysInTheProfilesMemoryBudget()
{
    EchoRecorder server;
    WebSocketSession session;
    Profile profile = profileFor(server.url());
    profile.logMemoryBudgetMiB = 16;
    QSignalSpy opened(&session, &WebSocketSession::opened);
    QVERIFY(session.open(profile));
    QVERIFY(opened.wait(10000));
    QCOMPARE(session.log()->memoryBudget(), 16 * MiB);
    // 20 x 2 MiB sent and echoed: 80 MiB of payloads through a 16 MiB log.
    for (int i = 0; i < 20; ++i) {
        QVERIFY(session.sendBinary(QByteArray(2 * MiB, char('a' + i))));
        QTRY_COMPARE_WITH_TIMEOUT(session.statistics().messagesReceived, i + 1, 30000);
        QVERIFY(session.log()->memoryBytes() <= 16 * MiB);
    }
    MessageLog *log = session.log();
    log->flush();
    QVERIFY(!log->view(1).payloadKept); // the first message sent
    QVERIFY(log->view(1).payload.isEmpty());
    QCOMPARE(log->view(1).sizeBytes, 2 * MiB);
    QCOMPARE(lastReceivedPayload(session), QByteArray(2 * MiB, char('a' + 19)));
    QCOMPARE(session.statistics().bytesReceived, 40 * MiB); // counted, if not kept
}

QTEST_GUILESS_MAIN(TestLargeMessages)
#include "tst_largemessages.moc"
