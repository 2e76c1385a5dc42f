// A refused or broken opening handshake (RFC 6455 4.1, 4.2.2): the log says what failed
// in plain words, error first and then closed, and never shows a close frame, because
// none crossed the wire.
#include "protocol/handshakefailure.h"
#include "rawserver.h"
#include "session/websocketsession.h"
#include "sessiontesthelpers.h"

#include <QSignalSpy>
#include <QTest>

namespace {

QString rowText(MessageLog *log, EventKind kind)
{
    for (qsizetype row = 0; row < log->rows(); ++row) {
        if (log->kind(row) == kind)
            return QString::fromUtf8(log->payload(row));
    }
    return {};
}

const QByteArray upgradeHeaders =
    "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: %ACCEPT%\r\n";

} // namespace

using State = WebSocketSession::State;

class TestHandshakeFailure : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void failureIsNamedAndNoCloseFrameIsInvented_data();
    void failureIsNamedAndNoCloseFrameIsInvented();
    void refusedPortLogsTheErrorBeforeClosed();
    void timeoutIsNamed();
    void redirectTargetIsAWebSocketUrl_data();
    void redirectTargetIsAWebSocketUrl();
};

void TestHandshakeFailure::redirectTargetIsAWebSocketUrl_data()
{
    QTest::addColumn<QString>("request");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("location");
    QTest::addColumn<QString>("target"); // empty: nothing offered
    const QString ws = QStringLiteral("ws://a.example:8080/old?x=1");
    QTest::newRow("absolute ws") << ws << 302 << QByteArray("ws://b.example/new")
                                 << "ws://b.example/new";
    QTest::newRow("http becomes ws")
        << ws << 301 << QByteArray("http://b.example:81/n") << "ws://b.example:81/n";
    QTest::newRow("https becomes wss")
        << ws << 307 << QByteArray("https://b.example/n") << "wss://b.example/n";
    QTest::newRow("relative path")
        << ws << 302 << QByteArray("/elsewhere") << "ws://a.example:8080/elsewhere";
    QTest::newRow("relative to wss")
        << QStringLiteral("wss://a.example/x/y") << 308 << QByteArray("z") << "wss://a.example/x/z";
    QTest::newRow("fragment dropped")
        << ws << 302 << QByteArray("/n#frag") << "ws://a.example:8080/n";
    QTest::newRow("not 3xx") << ws << 401 << QByteArray("ws://b.example/") << "";
    QTest::newRow("no Location") << ws << 302 << QByteArray() << "";
    QTest::newRow("other scheme") << ws << 302 << QByteArray("ftp://b.example/") << "";
    QTest::newRow("javascript") << ws << 302 << QByteArray("javascript:alert(1)") << "";
    QTest::newRow("user info") << ws << 302 << QByteArray("ws://u:p@b.example/") << "";
    QTest::newRow("spaces") << ws << 302 << QByteArray("ws://b.example/a b") << "";
    QTest::newRow("huge") << ws << 302 << QByteArray("/" + QByteArray(4096, 'a')) << "";
}

void TestHandshakeFailure::redirectTargetIsAWebSocketUrl()
{
    QFETCH(QString, request);
    QFETCH(int, status);
    QFETCH(QByteArray, location);
    QFETCH(QString, target);
    QCOMPARE(HandshakeFailure::redirectTarget(QUrl(request), status, location).toString(), target);
}

void TestHandshakeFailure::failureIsNamedAndNoCloseFrameIsInvented_data()
{
    QTest::addColumn<QByteArray>("response");
    QTest::addColumn<QString>("expected"); // in the error row, literally
    QTest::newRow("404") << QByteArray("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n")
                         << QStringLiteral("HTTP 404 Not Found");
    QTest::newRow("401") << QByteArray("HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\n\r\n")
                         << QStringLiteral("HTTP 401 Unauthorized");
    QTest::newRow("302") << QByteArray("HTTP/1.1 302 Found\r\nLocation: ws://elsewhere/\r\n"
                                       "Content-Length: 0\r\n\r\n")
                         << QStringLiteral("HTTP 302 Found");
    QTest::newRow("400") << QByteArray("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")
                         << QStringLiteral("HTTP 400");
    QTest::newRow("wrong accept key")
        << QByteArray("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                      "Connection: Upgrade\r\nSec-WebSocket-Accept: bm90IHRoZSBrZXk=\r\n\r\n")
        << QStringLiteral("Sec-WebSocket-Accept bm90IHRoZSBrZXk= is wrong");
    QTest::newRow("no Upgrade") << QByteArray("HTTP/1.1 101 Switching Protocols\r\n"
                                              "Connection: Upgrade\r\n"
                                              "Sec-WebSocket-Accept: %ACCEPT%\r\n\r\n")
                                << QStringLiteral("Upgrade");
    QTest::newRow("no accept key")
        << QByteArray("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                      "Connection: Upgrade\r\n\r\n")
        << QStringLiteral("no Sec-WebSocket-Accept");
    QTest::newRow("subprotocol never offered")
        << QByteArray("HTTP/1.1 101 Switching Protocols\r\n" + upgradeHeaders +
                      "Sec-WebSocket-Protocol: chat\r\n\r\n")
        << QStringLiteral("chose the subprotocol chat, which this client did not offer");
}

void TestHandshakeFailure::failureIsNamedAndNoCloseFrameIsInvented()
{
    QFETCH(QByteArray, response);
    QFETCH(QString, expected);
    RawServer server(response);
    WebSocketSession session;
    QSignalSpy finished(&session, &WebSocketSession::finished);
    QVERIFY(session.open(profileFor(server.url())));
    QVERIFY(finished.wait(10000));
    QCOMPARE(session.state(), State::Closed);
    QCOMPARE(kinds(session.log()), (QList<EventKind>{EventKind::Error, EventKind::Closed}));
    const QString error = rowText(session.log(), EventKind::Error);
    QVERIFY2(error.contains(expected), qPrintable(error));
    QVERIFY2(!error.contains(QLatin1String("QWebSocketPrivate")), qPrintable(error));
    QVERIFY(!session.closeFrameReceived());
    QCOMPARE(session.lastError(), error);
}

void TestHandshakeFailure::refusedPortLogsTheErrorBeforeClosed()
{
    QTcpServer probe; // a port that was free a moment ago
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    const quint16 port = probe.serverPort();
    probe.close();
    WebSocketSession session;
    QSignalSpy finished(&session, &WebSocketSession::finished);
    QVERIFY(session.open(profileFor(QUrl(QStringLiteral("ws://127.0.0.1:%1/").arg(port)))));
    QVERIFY(finished.wait(10000));
    QCOMPARE(kinds(session.log()), (QList<EventKind>{EventKind::Error, EventKind::Closed}));
    const QString error = rowText(session.log(), EventKind::Error);
    QVERIFY2(error.contains(QLatin1String("refused")), qPrintable(error));
}

void TestHandshakeFailure::timeoutIsNamed()
{
    QTcpServer silent; // accepts, then says nothing
    QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
    Profile profile =
        profileFor(QUrl(QStringLiteral("ws://127.0.0.1:%1/").arg(silent.serverPort())));
    profile.connectTimeoutMs = Profile::MinConnectTimeoutMs;
    WebSocketSession session;
    QSignalSpy finished(&session, &WebSocketSession::finished);
    QVERIFY(session.open(profile));
    QVERIFY(finished.wait(10000));
    QCOMPARE(kinds(session.log()), (QList<EventKind>{EventKind::Error, EventKind::Closed}));
    QVERIFY(rowText(session.log(), EventKind::Error).contains(QLatin1String("100 ms")));
}

QTEST_GUILESS_MAIN(TestHandshakeFailure)
#include "tst_handshakefailure.moc"
