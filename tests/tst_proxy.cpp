// A session through real proxies, as the profile's "proxy" sets them: Debian's tinyproxy
// (HTTP CONNECT, RFC 9110 9.3.6, with and without BasicAuth) and tests/peers/
// socks5_proxy.py (SOCKS5, RFC 1928, with and without RFC 1929's user and password), to
// tests/peers/ws_peer.py's servers over ws:// and wss://. Asserts what the server
// received (the message, the Host field), what the proxy saw (tinyproxy's log, the
// SOCKS5 peer's connect events), proxyDescription(), and the error row when a proxy
// refuses, cannot be reached or cannot reach the server.
#include "proxypeers.h"
#include "pythonpeer.h"

#include <QRegularExpression>
#include <QTest>
#include <optional>

namespace {
const QString Data = QStringLiteral(SOCKSCOPE_TEST_DATA);
} // namespace

class TestProxy : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void httpConnectReachesTheServer();
    void httpProxyRefusesAPortItDoesNotAllow();
    void httpBasicAuthWithTheRightPassword();
    void httpBasicAuthWithAWrongPassword();
    void httpProxyAskingForAUserThisProfileLacks();
    void socks5ReachesTheServer_data();
    void socks5ReachesTheServer();
    void socks5RefusedCredentials_data();
    void socks5RefusedCredentials();
    void proxyCannotReachTheServer_data();
    void proxyCannotReachTheServer();
    void unreachableProxyIsNamed_data();
    void unreachableProxyIsNamed();
    void wssThroughTheProxy_data();
    void wssThroughTheProxy();
};

void TestProxy::init()
{
    // No Qt warning: one came when the relay read an aborted socket behind an HTTP proxy.
    QTest::failOnWarning(QRegularExpression(QStringLiteral(".")));
}

void TestProxy::httpConnectReachesTheServer()
{
    PythonServer server;
    QVERIFY(server.waitListening());
    TinyProxy proxy({server.port, {}, {}});
    QString problem;
    QVERIFY2(proxy.start(&problem), qPrintable(problem));

    WebSocketSession session;
    const Profile p =
        through(server.url(QStringLiteral("/via-http")), ProxySettings::Type::Http, proxy.port);
    QVERIFY2(openAndWait(session, p), qPrintable(session.lastError()));
    QCOMPARE(session.proxyDescription(), QStringLiteral("HTTP proxy 127.0.0.1:%1").arg(proxy.port));
    QVERIFY(reachesServer(session, server, QStringLiteral("through tinyproxy")));
    QCOMPARE(server.last(QStringLiteral("open")).value(QStringLiteral("path")).toString(),
             QStringLiteral("/via-http"));
    QCOMPARE(receivedHost(server), QStringLiteral("127.0.0.1:%1").arg(server.port));
    // tinyproxy tunnelled to the server: the CONNECT in its log names it.
    const QString connect = QStringLiteral("CONNECT 127.0.0.1:%1 HTTP/1.1").arg(server.port);
    QVERIFY2(proxy.log().contains(connect), qPrintable(proxy.log()));

    QVERIFY(session.close(1000, QStringLiteral("done")).ok);
    QTRY_COMPARE_WITH_TIMEOUT(session.state(), WebSocketSession::State::Closed, 9000);
    QCOMPARE(session.endCause(), WebSocketSession::EndCause::ClosedByClient);
    QTRY_COMPARE(server.last(QStringLiteral("closed")).value(QStringLiteral("code")).toInt(), 1000);
    QVERIFY(!session.relayReport()->closeTimedOut);
}

void TestProxy::httpProxyRefusesAPortItDoesNotAllow()
{
    PythonServer server;
    QVERIFY(server.waitListening());
    TinyProxy proxy({quint16(server.port == 1 ? 2 : 1), {}, {}}); // 403 for the server's port
    QString problem;
    QVERIFY2(proxy.start(&problem), qPrintable(problem));

    WebSocketSession session;
    const QString error =
        failedOpen(session, through(server.url(), ProxySettings::Type::Http, proxy.port));
    QCOMPARE(session.endCause(), WebSocketSession::EndCause::HandshakeFailed);
    QCOMPARE(error, QStringLiteral("The HTTP proxy 127.0.0.1:%1 refused to open a tunnel to "
                                   "127.0.0.1:%2 (Qt: Proxy denied connection).")
                        .arg(proxy.port)
                        .arg(server.port));
    QVERIFY(errorRows(session.log()).contains(error));
    QVERIFY(server.all(QStringLiteral("open")).isEmpty());
}

void TestProxy::httpBasicAuthWithTheRightPassword()
{
    PythonServer server;
    QVERIFY(server.waitListening());
    TinyProxy proxy({server.port, QStringLiteral("alice"), QStringLiteral("s3cret")});
    QString problem;
    QVERIFY2(proxy.start(&problem), qPrintable(problem));

    WebSocketSession session;
    const Profile p =
        through(server.url(), ProxySettings::Type::Http, proxy.port, QStringLiteral("alice"));
    QVERIFY(ConnectOptions::needsProxyPassword(p.proxy));
    session.setSecrets({QString(), QStringLiteral("s3cret")});
    QVERIFY2(openAndWait(session, p), qPrintable(session.lastError()));
    QCOMPARE(session.proxyDescription(),
             QStringLiteral("HTTP proxy 127.0.0.1:%1 (user alice)").arg(proxy.port));
    QVERIFY(reachesServer(session, server, QStringLiteral("authenticated")));
    QCOMPARE(receivedHost(server), QStringLiteral("127.0.0.1:%1").arg(server.port));
    QVERIFY(proxy.log().contains(QStringLiteral("CONNECT 127.0.0.1:%1").arg(server.port)));
    // The password went to the proxy only: never into the server's request or the log.
    const QJsonObject headers =
        server.last(QStringLiteral("open")).value(QStringLiteral("headers")).toObject();
    QVERIFY(!headers.contains(QStringLiteral("proxy-authorization")));
    session.log()->flush();
    for (qsizetype row = 0; row < session.log()->rows(); ++row)
        QVERIFY(!session.log()->event(row).payload.contains("s3cret"));
}

void TestProxy::httpBasicAuthWithAWrongPassword()
{
    PythonServer server;
    QVERIFY(server.waitListening());
    TinyProxy proxy({server.port, QStringLiteral("alice"), QStringLiteral("s3cret")});
    QString problem;
    QVERIFY2(proxy.start(&problem), qPrintable(problem));

    WebSocketSession session;
    session.setSecrets({QString(), QStringLiteral("wrong")});
    const QString error = failedOpen(session, through(server.url(), ProxySettings::Type::Http,
                                                      proxy.port, QStringLiteral("alice")));
    QCOMPARE(session.endCause(), WebSocketSession::EndCause::HandshakeFailed);
    // Qt 6.4 does not tell a refused password from other failures (ProxyFailure).
    QCOMPARE(error, QStringLiteral("The HTTP proxy 127.0.0.1:%1 did not open a tunnel to "
                                   "127.0.0.1:%2: it refused the user alice and this password, "
                                   "or it could not reach the server (Qt: Error communicating "
                                   "with HTTP proxy).")
                        .arg(proxy.port)
                        .arg(server.port));
    QVERIFY(errorRows(session.log()).contains(error));
    QVERIFY(server.all(QStringLiteral("open")).isEmpty());
    // Qt asked once without the password and once with it; tinyproxy tunnelled neither.
    const QString connect = QStringLiteral("CONNECT 127.0.0.1:%1 HTTP/1.1").arg(server.port);
    QCOMPARE(proxy.log().count(connect), 2);
    QVERIFY(!proxy.log().contains(QLatin1String("Established connection")));
}

void TestProxy::httpProxyAskingForAUserThisProfileLacks()
{
    PythonServer server;
    QVERIFY(server.waitListening());
    TinyProxy proxy({server.port, QStringLiteral("alice"), QStringLiteral("s3cret")});
    QString problem;
    QVERIFY2(proxy.start(&problem), qPrintable(problem));

    WebSocketSession session;
    const QString error =
        failedOpen(session, through(server.url(), ProxySettings::Type::Http, proxy.port));
    QCOMPARE(error, QStringLiteral("The HTTP proxy 127.0.0.1:%1 asks for a user and password; "
                                   "this profile sets no proxy user (Qt: Authentication "
                                   "required).")
                        .arg(proxy.port));
    QVERIFY(server.all(QStringLiteral("open")).isEmpty());
}

void TestProxy::socks5ReachesTheServer_data()
{
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("host");
    QTest::newRow("no auth, IPv4 address") << QString() << Loopback;
    QTest::newRow("user and password, IPv4 address") << QStringLiteral("bob") << Loopback;
    QTest::newRow("no auth, domain name") << QString() << QStringLiteral("localhost");
    QTest::newRow("user and password, domain name")
        << QStringLiteral("bob") << QStringLiteral("localhost");
}

void TestProxy::socks5ReachesTheServer()
{
    QFETCH(QString, user);
    QFETCH(QString, host);
    PythonServer server;
    QVERIFY(server.waitListening());
    Socks5Peer proxy(user, QStringLiteral("pass word"));
    QVERIFY(proxy.waitListening());

    WebSocketSession session;
    const QUrl url(QStringLiteral("ws://%1:%2/via-socks").arg(host).arg(server.port));
    // Without a user, the password (left from before, say) is not sent: a proxy without
    // auth would refuse the method that carries it.
    session.setSecrets({QString(), QStringLiteral("pass word")});
    QVERIFY2(openAndWait(session, through(url, ProxySettings::Type::Socks5, proxy.port, user)),
             qPrintable(session.lastError()));
    const QString described = QStringLiteral("SOCKS5 proxy 127.0.0.1:%1").arg(proxy.port);
    QCOMPARE(session.proxyDescription(),
             user.isEmpty() ? described : described + QStringLiteral(" (user bob)"));
    QVERIFY(reachesServer(session, server, QStringLiteral("through socks")));
    QCOMPARE(receivedHost(server), QStringLiteral("%1:%2").arg(host).arg(server.port));

    // The proxy was asked for the server, by the name the URL gives it (RFC 1928 5:
    // an IPv4 address, or a domain name the proxy resolves), as the profile's user.
    const QList<QJsonObject> connects = proxy.all(QStringLiteral("connect"));
    QCOMPARE(connects.size(), 1);
    QCOMPARE(connects[0].value(QStringLiteral("host")).toString(), host);
    QCOMPARE(connects[0].value(QStringLiteral("port")).toInt(), int(server.port));
    QCOMPARE(connects[0].value(QStringLiteral("user")).toString(), user);
    QCOMPARE(connects[0].value(QStringLiteral("user")).isNull(), user.isEmpty());

    QVERIFY(session.close(1000, QStringLiteral("done")).ok);
    QTRY_COMPARE_WITH_TIMEOUT(session.state(), WebSocketSession::State::Closed, 9000);
    QTRY_COMPARE(server.last(QStringLiteral("closed")).value(QStringLiteral("code")).toInt(), 1000);
}

void TestProxy::socks5RefusedCredentials_data()
{
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("expected");
    QTest::newRow("wrong password")
        << QStringLiteral("bob")
        << QStringLiteral("The SOCKS5 proxy 127.0.0.1:%1 refused the user bob and this password "
                          "(Qt: Proxy authentication failed).");
    QTest::newRow("no user")
        << QString()
        << QStringLiteral("The SOCKS5 proxy 127.0.0.1:%1 asks for a user and password; this "
                          "profile sets no proxy user (Qt: Proxy authentication failed).");
}

void TestProxy::socks5RefusedCredentials()
{
    QFETCH(QString, user);
    QFETCH(QString, expected);
    PythonServer server;
    QVERIFY(server.waitListening());
    Socks5Peer proxy(QStringLiteral("bob"), QStringLiteral("right"));
    QVERIFY(proxy.waitListening());

    WebSocketSession session;
    session.setSecrets({QString(), QStringLiteral("wrong")});
    const QString error =
        failedOpen(session, through(server.url(), ProxySettings::Type::Socks5, proxy.port, user));
    QCOMPARE(session.endCause(), WebSocketSession::EndCause::HandshakeFailed);
    QCOMPARE(error, expected.arg(proxy.port));
    QVERIFY(errorRows(session.log()).contains(error));
    if (!user.isEmpty()) {
        // RFC 1929: the proxy got the user and a password, and said no (status 1).
        QTRY_COMPARE(proxy.all(QStringLiteral("auth-failed")).size(), 1);
        QCOMPARE(proxy.last(QStringLiteral("auth-failed")).value(QStringLiteral("user")).toString(),
                 user);
    } else {
        // RFC 1928 3: "no authentication" was all this client offered (0xFF back).
        QTRY_COMPARE(proxy.all(QStringLiteral("refused")).size(), 1);
    }
    QVERIFY(proxy.all(QStringLiteral("connect")).isEmpty());
    QVERIFY(server.all(QStringLiteral("open")).isEmpty());
}

void TestProxy::proxyCannotReachTheServer_data()
{
    QTest::addColumn<ProxySettings::Type>("type");
    QTest::addColumn<QString>("expected");
    // Qt 6.4 reads tinyproxy's 500 as a protocol error (ProxyFailure).
    QTest::newRow("http")
        << ProxySettings::Type::Http
        << QStringLiteral("The HTTP proxy 127.0.0.1:%1 did not open a tunnel to 127.0.0.1:%2: it "
                          "could not reach the server, or it refused the request (Qt: Error "
                          "communicating with HTTP proxy).");
    QTest::newRow("socks5") << ProxySettings::Type::Socks5
                            << QStringLiteral("The SOCKS5 proxy 127.0.0.1:%1 could not connect to "
                                              "127.0.0.1:%2 (Qt: Connection refused).");
}

void TestProxy::proxyCannotReachTheServer()
{
    QFETCH(ProxySettings::Type, type);
    QFETCH(QString, expected);
    TinyProxy tinyproxy({}); // any port
    std::optional<Socks5Peer> socks;
    if (type == ProxySettings::Type::Http) {
        QString problem;
        QVERIFY2(tinyproxy.start(&problem), qPrintable(problem));
    } else {
        QVERIFY(socks.emplace().waitListening());
    }
    const quint16 port = socks ? socks->port : tinyproxy.port;
    const quint16 closed = freeLocalPort();
    WebSocketSession session;
    const QUrl url(QStringLiteral("ws://127.0.0.1:%1/").arg(closed));
    QCOMPARE(failedOpen(session, through(url, type, port)), expected.arg(port).arg(closed));
    if (socks) {
        // The proxy tried the server, and said so (reply 0x05, RFC 1928 6).
        QTRY_VERIFY(!socks->all(QStringLiteral("connect-failed")).isEmpty());
        QCOMPARE(
            socks->last(QStringLiteral("connect-failed")).value(QStringLiteral("port")).toInt(),
            int(closed));
    } else {
        const QString tried =
            QStringLiteral("Could not establish a connection to 127.0.0.1:%1").arg(closed);
        QVERIFY2(tinyproxy.log().contains(tried), qPrintable(tinyproxy.log()));
    }
}

void TestProxy::unreachableProxyIsNamed_data()
{
    QTest::addColumn<ProxySettings::Type>("type");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("qtText");
    QTest::newRow("http") << ProxySettings::Type::Http << QStringLiteral("HTTP")
                          << QStringLiteral("Proxy connection refused");
    QTest::newRow("socks5") << ProxySettings::Type::Socks5 << QStringLiteral("SOCKS5")
                            << QStringLiteral("Connection to proxy refused");
}

void TestProxy::unreachableProxyIsNamed()
{
    QFETCH(ProxySettings::Type, type);
    QFETCH(QString, kind);
    QFETCH(QString, qtText);
    PythonServer server;
    QVERIFY(server.waitListening());
    const quint16 closed = freeLocalPort();

    WebSocketSession session;
    const QString error = failedOpen(session, through(server.url(), type, closed));
    QCOMPARE(session.endCause(), WebSocketSession::EndCause::HandshakeFailed);
    QCOMPARE(error, QStringLiteral("The %1 proxy 127.0.0.1:%2 refused the connection, or is "
                                   "not running there (Qt: %3).")
                        .arg(kind)
                        .arg(closed)
                        .arg(qtText));
    QVERIFY(errorRows(session.log()).contains(error));
    QVERIFY(server.all(QStringLiteral("open")).isEmpty());
}

void TestProxy::wssThroughTheProxy_data()
{
    QTest::addColumn<ProxySettings::Type>("type");
    QTest::newRow("socks5 with a user") << ProxySettings::Type::Socks5;
    QTest::newRow("http") << ProxySettings::Type::Http;
}

void TestProxy::wssThroughTheProxy()
{
    QFETCH(ProxySettings::Type, type);
    PythonTlsServer server;
    QVERIFY(server.waitListening());
    TinyProxy tinyproxy({server.port, {}, {}});
    std::optional<Socks5Peer> socks;
    if (type == ProxySettings::Type::Http) {
        QString problem;
        QVERIFY2(tinyproxy.start(&problem), qPrintable(problem));
    } else {
        QVERIFY(socks.emplace(QStringLiteral("carol"), QStringLiteral("pw")).waitListening());
    }
    const quint16 port = socks ? socks->port : tinyproxy.port;
    Profile p = through(server.wssUrl(QStringLiteral("/tls")), type, port,
                        socks ? QStringLiteral("carol") : QString());
    p.tls.caBundleFile = Data + QStringLiteral("/test-ca.crt");
    p.tls.caBundleReplacesSystemRoots = true;
    WebSocketSession session;
    session.setSecrets({QString(), QStringLiteral("pw")});
    QVERIFY2(openAndWait(session, p), qPrintable(session.lastError()));
    QVERIFY(reachesServer(session, server, QStringLiteral("tls through the proxy")));
    QCOMPARE(receivedHost(server), QStringLiteral("127.0.0.1:%1").arg(server.port));
    // The certificate was verified for the server's name through the tunnel.
    QVERIFY(session.tlsReport() && session.tlsReport()->established);
    QVERIFY(session.tlsReport()->errors.isEmpty());
    QVERIFY(!session.tlsErrorsIgnored());
    if (socks) {
        const QJsonObject connect = socks->last(QStringLiteral("connect"));
        QCOMPARE(connect.value(QStringLiteral("host")).toString(), Loopback);
        QCOMPARE(connect.value(QStringLiteral("port")).toInt(), int(server.port));
        QCOMPARE(connect.value(QStringLiteral("user")).toString(), QStringLiteral("carol"));
        QCOMPARE(session.proxyDescription(),
                 QStringLiteral("SOCKS5 proxy 127.0.0.1:%1 (user carol)").arg(port));
    } else {
        QVERIFY(tinyproxy.log().contains(QStringLiteral("CONNECT 127.0.0.1:%1").arg(server.port)));
        QCOMPARE(session.proxyDescription(), QStringLiteral("HTTP proxy 127.0.0.1:%1").arg(port));
    }

    QVERIFY(session.close(1000, QStringLiteral("done")).ok);
    QTRY_COMPARE_WITH_TIMEOUT(session.state(), WebSocketSession::State::Closed, 9000);
    QTRY_COMPARE(server.last(QStringLiteral("closed")).value(QStringLiteral("code")).toInt(), 1000);
}

QTEST_GUILESS_MAIN(TestProxy)
#include "tst_proxy.moc"
