// WebSocketSession against real sockets on 127.0.0.1: an in-process QWebSocketServer
// (what it received is what is asserted), plus raw TCP servers that misbehave.
#include "session/echoserver.h"
#include "session/websocketsession.h"
#include "sessiontesthelpers.h"
#include "testtls.h"

#include <QFile>
#include <QPointer>
#include <QSignalSpy>
#include <QSslConfiguration>
#include <QSslKey>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QWebSocket>
#include <QWebSocketServer>

namespace {

/// A QWebSocketServer that records what its one client sent, and can close first or
/// drop the TCP connection on request.
class TestServer : public QObject
{
public:
    TestServer()
    {
        connect(&server, &QWebSocketServer::newConnection, this, [this] {
            client = server.nextPendingConnection();
            // Qt 6.4's QWebSocketServer hands the socket over without a parent: the
            // fixture owns it, so it goes with the fixture (LeakSanitizer, dev-asan).
            client->setParent(this);
            ++connections;
            closeFrameSeen = false;
            closeCode = -1;
            closeReason.clear();
            ended = false;
            serverClosing = false;
            request = client->request();
            connect(client, &QWebSocket::textMessageReceived, this, [this](const QString &m) {
                texts.append(m);
                client->sendTextMessage(m);
            });
            connect(client, &QWebSocket::binaryMessageReceived, this,
                    [this](const QByteArray &b) { client->sendBinaryMessage(b); });
            // On the server, aboutToClose without our own close() is the client's close
            // frame being answered (QWebSocketPrivate::processClose).
            connect(client, &QWebSocket::aboutToClose, this, [this] {
                if (serverClosing || closeFrameSeen)
                    return;
                closeFrameSeen = true;
                closeCode = int(client->closeCode());
                closeReason = client->closeReason();
            });
            connect(client, &QWebSocket::disconnected, this, [this] { ended = true; });
        });
        QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    }
    QUrl url(const QString &path = QStringLiteral("/")) const
    {
        return QUrl(QStringLiteral("ws://127.0.0.1:%1%2").arg(server.serverPort()).arg(path));
    }
    void closeFirst(QWebSocketProtocol::CloseCode code, const QString &reason)
    {
        serverClosing = true;
        client->close(code, reason);
    }

    QWebSocketServer server{QStringLiteral("tst_session"), QWebSocketServer::NonSecureMode};
    QPointer<QWebSocket> client;
    QNetworkRequest request;
    QStringList texts;
    int connections = 0;
    bool closeFrameSeen = false;
    int closeCode = -1;
    QString closeReason;
    bool ended = false;
    bool serverClosing = false;
};

QList<EventKind> kinds(const MessageLog *log)
{
    QList<EventKind> result;
    for (int row = 0; row < log->rowCount(); ++row)
        result.append(log->event(row).kind);
    return result;
}

std::optional<LogEvent> lastOfKind(const MessageLog *log, EventKind kind)
{
    for (int row = log->rowCount() - 1; row >= 0; --row) {
        if (log->kind(row) == kind)
            return log->event(row);
    }
    return std::nullopt;
}

} // namespace

using State = WebSocketSession::State;

class TestSession : public QObject
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
    void sendsHeadersSubprotocolsAndMessages();
    void invalidUrlsAreRefused_data();
    void invalidUrlsAreRefused();
    void refusedConnectionEndsClosed();
    void silentServerHitsTheConnectTimeout();
    void http404EndsClosedAndCanReconnect();
    void tlsErrorIsReported();
    void emptyPathIsSentAsSlash();
    void selfSignedCertificateIsRefusedUnlessIgnored();
    void pingsToTheEchoServerAreTimed();
    void periodicPingFollowsTheProfile();
    void statisticsCountMessagesAndBytes();
    void oversizedMessageIsRefusedWith1009();

private:
    void openAndWait(WebSocketSession &session, TestServer &server, Profile profile = {});
    void openAndWaitFor(WebSocketSession &session, const Profile &profile);
};

void TestSession::openAndWait(WebSocketSession &session, TestServer &server, Profile profile)
{
    if (profile.name.isEmpty())
        profile = profileFor(server.url());
    openAndWaitFor(session, profile);
    QTRY_VERIFY(server.client);
}

void TestSession::openAndWaitFor(WebSocketSession &session, const Profile &profile)
{
    QSignalSpy opened(&session, &WebSocketSession::opened);
    QVERIFY(session.open(profile));
    QVERIFY(opened.wait(10000));
    QCOMPARE(session.state(), State::Open);
}

void TestSession::closeFramesArriveExactly_data()
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

void TestSession::closeFramesArriveExactly()
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
    QVERIFY(!session.closeFrameReceived());

    session.log()->flush();
    QCOMPARE(kinds(session.log()),
             (QList<EventKind>{EventKind::Opened, EventKind::CloseSent, EventKind::Closed}));
    const std::optional<LogEvent> sent = lastOfKind(session.log(), EventKind::CloseSent);
    QCOMPARE(int(sent->closeCode), code);
    QCOMPARE(sent->sizeBytes, 2 + reason.toUtf8().size());
    QCOMPARE(sent->direction, Direction::Sent);
}

void TestSession::forbiddenClosesNeverReachTheWire_data()
{
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("reason");
    for (int code : {1005, 1006, 1015, 999, 0, 1004, 1016, 2999, 5000, 65535})
        QTest::addRow("%d", code) << code << QStringLiteral("bye");
    QTest::newRow("reason 124 bytes") << 1000 << QString(124, QLatin1Char('r'));
    QTest::newRow("reason 200 UTF-8 bytes") << 4000 << QString::fromUtf8("\xc3\xa9").repeated(100);
}

void TestSession::forbiddenClosesNeverReachTheWire()
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

void TestSession::stopSendsNoCloseFrame()
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

void TestSession::serverClosingFirstIsReportedWithItsCode()
{
    TestServer server;
    WebSocketSession session;
    openAndWait(session, server);
    server.closeFirst(QWebSocketProtocol::CloseCodeGoingAway, QStringLiteral("srv-reason"));
    QTRY_COMPARE(session.state(), State::Closed);
    QVERIFY(session.closeFrameReceived());
    QCOMPARE(int(session.closeFrameReceived()->code), 1001);
    QCOMPARE(session.closeFrameReceived()->reason, QStringLiteral("srv-reason"));
    // QWebSocket answered with the same code and reason (RFC 6455 5.5.1), and says so.
    QVERIFY(session.closeFrameSent());
    QCOMPARE(int(session.closeFrameSent()->code), 1001);
    session.log()->flush();
    QCOMPARE(kinds(session.log()).mid(1),
             (QList<EventKind>{EventKind::CloseReceived, EventKind::CloseSent, EventKind::Closed}));
    const std::optional<LogEvent> received = lastOfKind(session.log(), EventKind::CloseReceived);
    QVERIFY(received);
    QCOMPARE(received->direction, Direction::Received);
    QCOMPARE(MessageLog::preview(*received), QStringLiteral("1001 Going Away 'srv-reason'"));
    QCOMPARE(session.log()->event(session.log()->rowCount() - 1).kind, EventKind::Closed);
}

void TestSession::dropWithoutCloseFrameIs1006EvenAfterAReconnect()
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

void TestSession::sendsHeadersSubprotocolsAndMessages()
{
    TestServer server;
    server.server.setSupportedSubprotocols({QStringLiteral("chat")});
    WebSocketSession session;
    Profile p = profileFor(server.url(QStringLiteral("/feed?x=1")));
    p.headers = {{QStringLiteral("X-Sockscope-Test"), QStringLiteral("yes")},
                 {QStringLiteral("Authorization"), QStringLiteral("Bearer t0k3n")}};
    p.subprotocols = {QStringLiteral("superchat"), QStringLiteral("chat")};
    openAndWait(session, server, p);

    QCOMPARE(server.request.rawHeader("X-Sockscope-Test"), QByteArray("yes"));
    QCOMPARE(server.request.rawHeader("Authorization"), QByteArray("Bearer t0k3n"));
    QCOMPARE(server.request.url().path(), QStringLiteral("/feed"));
    QCOMPARE(server.request.url().query(), QStringLiteral("x=1"));
    QCOMPARE(session.acceptedSubprotocol(), QStringLiteral("chat"));

    const QString text = QString::fromUtf8("h\xc3\xa9llo \xf0\x9f\x98\x80");
    QVERIFY(session.sendText(text));
    QVERIFY(session.sendBinary(QByteArray::fromHex("00ff10")));
    QVERIFY(session.ping("p1"));
    QTRY_COMPARE(server.texts, QStringList{text});
    QTRY_VERIFY(lastOfKind(session.log(), EventKind::Pong) &&
                lastOfKind(session.log(), EventKind::Binary) && session.log()->rowCount() >= 7);
    session.log()->flush();
    QCOMPARE(
        kinds(session.log()),
        (QList<EventKind>{EventKind::Opened, EventKind::Text, EventKind::Binary, EventKind::Ping,
                          EventKind::Text, EventKind::Binary, EventKind::Pong}));
    const LogEvent &echo = session.log()->event(4);
    QCOMPARE(echo.direction, Direction::Received);
    QCOMPARE(QString::fromUtf8(echo.payload), text);
    QCOMPARE(echo.sizeBytes, text.toUtf8().size());
    QCOMPARE(session.log()->event(5).payload, QByteArray::fromHex("00ff10"));
    QVERIFY(
        MessageLog::preview(session.log()->event(0)).contains(QStringLiteral("subprotocol chat")));
}

void TestSession::invalidUrlsAreRefused_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("problem");
    QTest::newRow("http") << "http://127.0.0.1/"
                          << "ws:// or wss://";
    QTest::newRow("no scheme") << "127.0.0.1:80"
                               << "ws:// or wss://";
    QTest::newRow("no host") << "ws:///path"
                             << "no host";
    QTest::newRow("empty") << ""
                           << "empty";
    QTest::newRow("bad port") << "ws://127.0.0.1:99999/"
                              << "not valid";
}

void TestSession::invalidUrlsAreRefused()
{
    QFETCH(QString, url);
    QFETCH(QString, problem);
    WebSocketSession session;
    QSignalSpy errors(&session, &WebSocketSession::errorOccurred);
    QSignalSpy states(&session, &WebSocketSession::stateChanged);
    QVERIFY(!session.open(profileFor(Profile::urlFromText(url))));
    QCOMPARE(errors.count(), 1);
    QVERIFY2(session.lastError().contains(problem), qPrintable(session.lastError()));
    QCOMPARE(session.state(), State::Closed);
    QCOMPARE(states.count(), 0);
    session.log()->flush();
    QCOMPARE(kinds(session.log()), QList<EventKind>{EventKind::Error});
}

void TestSession::refusedConnectionEndsClosed()
{
    quint16 port = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        port = probe.serverPort();
    } // closed again: nothing listens on port now
    WebSocketSession session;
    QSignalSpy finished(&session, &WebSocketSession::finished);
    QVERIFY(session.open(profileFor(QUrl(QStringLiteral("ws://127.0.0.1:%1/").arg(port)))));
    QVERIFY(finished.wait(5000));
    QCOMPARE(session.state(), State::Closed);
    QVERIFY2(session.lastError().contains(QStringLiteral("refused"), Qt::CaseInsensitive),
             qPrintable(session.lastError()));
    session.log()->flush();
    QVERIFY(lastOfKind(session.log(), EventKind::Error));
    // The tab stays usable: a second attempt starts.
    QVERIFY(session.open(profileFor(QUrl(QStringLiteral("ws://127.0.0.1:%1/").arg(port)))));
    QVERIFY(finished.wait(5000));
}

void TestSession::silentServerHitsTheConnectTimeout()
{
    QTcpServer silent; // accepts TCP, never answers the opening handshake
    QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
    WebSocketSession session;
    Profile p = profileFor(QUrl(QStringLiteral("ws://127.0.0.1:%1/").arg(silent.serverPort())));
    p.connectTimeoutMs = 300;
    QSignalSpy finished(&session, &WebSocketSession::finished);
    QVERIFY(session.open(p));
    QCOMPARE(session.state(), State::Connecting);
    QVERIFY(finished.wait(10000));
    QCOMPARE(session.state(), State::Closed);
    QVERIFY2(session.lastError().contains(QStringLiteral("within 300 ms")),
             qPrintable(session.lastError()));
}

void TestSession::http404EndsClosedAndCanReconnect()
{
    QTcpServer http;
    QVERIFY(http.listen(QHostAddress::LocalHost, 0));
    connect(&http, &QTcpServer::newConnection, this, [&http] {
        QTcpSocket *s = http.nextPendingConnection();
        connect(s, &QTcpSocket::readyRead, s, [s] {
            if (!s->readAll().contains("\r\n\r\n"))
                return;
            s->write("HTTP/1.1 404 Not Found\r\nContent-Length: 9\r\n\r\nnot found");
        });
    });
    WebSocketSession session;
    QSignalSpy finished(&session, &WebSocketSession::finished);
    QVERIFY(session.open(
        profileFor(QUrl(QStringLiteral("ws://127.0.0.1:%1/x").arg(http.serverPort())))));
    QVERIFY(finished.wait(5000));
    QCOMPARE(session.state(), State::Closed);
    QVERIFY2(session.lastError().contains(QStringLiteral("404")), qPrintable(session.lastError()));

    TestServer server;
    openAndWait(session, server);
    QVERIFY(session.close(1000, QString()).ok);
    QTRY_COMPARE(session.state(), State::Closed);
}

void TestSession::tlsErrorIsReported()
{
    // wss:// to a server that answers the TLS ClientHello with plain HTTP: the TLS
    // handshake fails at once.
    QTcpServer plain;
    QVERIFY(plain.listen(QHostAddress::LocalHost, 0));
    connect(&plain, &QTcpServer::newConnection, this, [&plain] {
        QTcpSocket *s = plain.nextPendingConnection();
        connect(s, &QTcpSocket::readyRead, s, [s] {
            s->readAll();
            s->write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n");
            s->disconnectFromHost();
        });
    });
    WebSocketSession session;
    QSignalSpy finished(&session, &WebSocketSession::finished);
    QVERIFY(session.open(
        profileFor(QUrl(QStringLiteral("wss://127.0.0.1:%1/").arg(plain.serverPort())))));
    QVERIFY(finished.wait(5000));
    QCOMPARE(session.state(), State::Closed);
    QVERIFY2(session.lastError().contains(QStringLiteral("SSL"), Qt::CaseInsensitive) ||
                 session.lastError().contains(QStringLiteral("TLS"), Qt::CaseInsensitive),
             qPrintable(session.lastError()));
    session.log()->flush();
    QVERIFY(lastOfKind(session.log(), EventKind::Error));
    QVERIFY(!lastOfKind(session.log(), EventKind::Opened));
}

void TestSession::emptyPathIsSentAsSlash()
{
    TestServer server;
    WebSocketSession session;
    openAndWait(
        session, server,
        profileFor(QUrl(QStringLiteral("ws://127.0.0.1:%1?q=1").arg(server.server.serverPort()))));
    QCOMPARE(server.request.url().path(), QStringLiteral("/"));
    QCOMPARE(server.request.url().query(), QStringLiteral("q=1"));
}

void TestSession::selfSignedCertificateIsRefusedUnlessIgnored()
{
    const QSslConfiguration tls = testServerTls();
    QVERIFY(!tls.localCertificate().isNull());
    QWebSocketServer server(QStringLiteral("tls"), QWebSocketServer::SecureMode);
    server.setSslConfiguration(tls);
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    connect(&server, &QWebSocketServer::newConnection, this, [&server] {
        QWebSocket *c = server.nextPendingConnection();
        c->setParent(&server); // unowned in Qt 6.4: it goes with the server
        connect(c, &QWebSocket::textMessageReceived, c,
                [c](const QString &m) { c->sendTextMessage(m); });
    });
    Profile p = profileFor(QUrl(QStringLiteral("wss://127.0.0.1:%1/").arg(server.serverPort())));

    // Refused: the certificate is self-signed.
    WebSocketSession refused;
    QSignalSpy finished(&refused, &WebSocketSession::finished);
    QVERIFY(refused.open(p));
    QVERIFY(finished.wait(10000));
    QCOMPARE(refused.state(), State::Closed);
    refused.log()->flush();
    QVERIFY(!lastOfKind(refused.log(), EventKind::Opened));
    bool sawCertificateError = false;
    for (int row = 0; row < refused.log()->rowCount(); ++row)
        sawCertificateError |=
            MessageLog::preview(refused.log()->event(row)).startsWith(QStringLiteral("TLS: "));
    QVERIFY(sawCertificateError);

    // Accepted when the profile says so; the errors are still in the log.
    p.ignoreTlsErrors = true;
    WebSocketSession accepted;
    openAndWaitFor(accepted, p);
    QVERIFY(accepted.sendText(QStringLiteral("over tls")));
    QTRY_VERIFY(lastOfKind(accepted.log(), EventKind::Text) &&
                lastOfKind(accepted.log(), EventKind::Text)->direction == Direction::Received);
    QCOMPARE(lastOfKind(accepted.log(), EventKind::Text)->payload, QByteArray("over tls"));
    bool sawIgnored = false;
    for (int row = 0; row < accepted.log()->rowCount(); ++row)
        sawIgnored |=
            MessageLog::preview(accepted.log()->event(row)).contains(QStringLiteral("ignored"));
    QVERIFY(sawIgnored);
    QVERIFY(accepted.close(1000, QStringLiteral("tls done")).ok);
    QTRY_COMPARE(accepted.state(), State::Closed);
}

void TestSession::pingsToTheEchoServerAreTimed()
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

void TestSession::periodicPingFollowsTheProfile()
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

void TestSession::statisticsCountMessagesAndBytes()
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

void TestSession::oversizedMessageIsRefusedWith1009()
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
    // QtWebSockets itself sent that close frame: it is logged as sent, not received.
    session.log()->flush();
    QVERIFY(!lastOfKind(session.log(), EventKind::CloseReceived));
    const std::optional<LogEvent> sent = lastOfKind(session.log(), EventKind::CloseSent);
    QVERIFY(sent);
    QCOMPARE(sent->closeCode, quint16(1009));
    // The server's 512 KiB frames each fit; the message does not.
    QVERIFY2(session.lastError().contains(QStringLiteral("over the limit of 1048576 bytes")),
             qPrintable(session.lastError()));
    QTRY_VERIFY(server.closeFrameSeen);
    QCOMPARE(server.closeCode, 1009);
}

QTEST_GUILESS_MAIN(TestSession)
#include "tst_session.moc"
