// WebSocketSession's opening handshake against real sockets on 127.0.0.1 (RFC 6455 4):
// the headers, subprotocols and path the server received; URLs refused before any
// socket; a refused connection, a silent server, HTTP 404 and TLS failures, each ending
// Closed; TLS errors ignored when the profile says so; the built-in echo server's URL.
#include "session/echoserver.h"
#include "sessiontestserver.h"
#include "testtls.h"

#include <QSignalSpy>
#include <QSslConfiguration>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

using State = WebSocketSession::State;

class TestSessionConnect : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void sendsHeadersSubprotocolsAndMessages();
    void invalidUrlsAreRefused_data();
    void invalidUrlsAreRefused();
    void refusedConnectionEndsClosed();
    void silentServerHitsTheConnectTimeout();
    void http404EndsClosedAndCanReconnect();
    void tlsErrorIsReported();
    void emptyPathIsSentAsSlash();
    void selfSignedCertificateIsRefusedUnlessIgnored();
    void builtInEchoServerIsResolvedBySession();
    void builtInEchoProfileResolvedByTheCaller();
};

void TestSessionConnect::sendsHeadersSubprotocolsAndMessages()
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

void TestSessionConnect::invalidUrlsAreRefused_data()
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

void TestSessionConnect::invalidUrlsAreRefused()
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

void TestSessionConnect::refusedConnectionEndsClosed()
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

void TestSessionConnect::silentServerHitsTheConnectTimeout()
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

void TestSessionConnect::http404EndsClosedAndCanReconnect()
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

void TestSessionConnect::tlsErrorIsReported()
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

void TestSessionConnect::emptyPathIsSentAsSlash()
{
    TestServer server;
    WebSocketSession session;
    openAndWait(
        session, server,
        profileFor(QUrl(QStringLiteral("ws://127.0.0.1:%1?q=1").arg(server.server.serverPort()))));
    QCOMPARE(server.request.url().path(), QStringLiteral("/"));
    QCOMPARE(server.request.url().query(), QStringLiteral("q=1"));
}

void TestSessionConnect::selfSignedCertificateIsRefusedUnlessIgnored()
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

void TestSessionConnect::builtInEchoServerIsResolvedBySession()
{
    EchoServer echo;
    QVERIFY(echo.listen(0));
    WebSocketSession session;
    const Profile local = Profile::localEcho();
    QSignalSpy states(&session, &WebSocketSession::stateChanged);
    QVERIFY(!session.open(local)); // the echo server's URL is not known yet
    QCOMPARE(session.lastError(), QStringLiteral("The built-in echo server is not running."));
    QCOMPARE(states.count(), 0);
    QCOMPARE(kinds(session.log()), QList<EventKind>{EventKind::Error});
    QVERIFY(!session.connectedProfile());

    session.setBuiltInEchoUrl(echo.url());
    openAndWaitFor(session, local);
    QCOMPARE(session.connectedProfile()->url, echo.url());
    QVERIFY(session.connectedProfile()->builtInEchoServer);
    QCOMPARE(session.connectedProfile()->name, local.name);
    QVERIFY(session.sendText(QStringLiteral("echo?")));
    QTRY_COMPARE(session.statistics().messagesReceived, 1);
    session.stop();
    QCOMPARE(session.connectedProfile()->url, echo.url()); // still says where it was
}

void TestSessionConnect::builtInEchoProfileResolvedByTheCaller()
{
    EchoServer echo;
    QVERIFY(echo.listen(0));
    WebSocketSession session; // no setBuiltInEchoUrl(): the caller put the URL in
    Profile local = Profile::localEcho();
    local.url = echo.url();
    openAndWaitFor(session, local);
    QCOMPARE(session.connectedProfile()->url, echo.url());
    session.stop();
}

QTEST_GUILESS_MAIN(TestSessionConnect)
#include "tst_sessionconnect.moc"
