// A refused or broken opening handshake (RFC 6455 4.1, 4.2.2): the log says what failed
// in plain words, error first and then closed, and never shows a close frame, because
// none crossed the wire.
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
};

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
