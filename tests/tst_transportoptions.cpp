// A profile's transport options without sockets: the profiles file's "tls" and "proxy"
// objects (TransportJson) written and read back, and refused when malformed; and the
// QNetworkProxy each proxy setting becomes for a connection (ConnectOptions::proxy).
#include "profiles/profilekeys.h"
#include "profiles/transportoptions.h"
#include "session/connectoptions.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QScopeGuard>
#include <QTest>

namespace {

const QString Where = QStringLiteral("profiles[2]");

QJsonValue json(const char *text)
{
    return QJsonDocument::fromJson(QByteArray("[") + text + "]").array().at(0);
}

} // namespace

class TestTransportOptions : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void proxyRoundTrip_data();
    void proxyRoundTrip();
    void proxyMissingIsNone();
    void proxyRefused_data();
    void proxyRefused();
    void tlsRoundTrip_data();
    void tlsRoundTrip();
    void tlsRefused_data();
    void tlsRefused();
    void proxyForEachType_data();
    void proxyForEachType();
    void systemProxyIsUsable();
    void systemProxyFollowsTheEnvironment();
    void proxyPasswordIsAskedForAUserOnly();
};

void TestTransportOptions::proxyRoundTrip_data()
{
    QTest::addColumn<int>("type");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("typeName");
    using Type = ProxySettings::Type;
    QTest::newRow("none") << int(Type::None) << QString() << 0 << QString() << "none";
    QTest::newRow("system") << int(Type::System) << QString() << 0 << QString() << "system";
    QTest::newRow("http") << int(Type::Http) << "proxy.example" << 3128 << QString() << "http";
    QTest::newRow("socks5 with a user, port 1")
        << int(Type::Socks5) << "127.0.0.1" << 1 << QStringLiteral("bøb") << "socks5";
    QTest::newRow("http, port 65535") << int(Type::Http) << "::1" << 65535 << "u"
                                      << "http";
}

void TestTransportOptions::proxyRoundTrip()
{
    QFETCH(int, type);
    QFETCH(QString, host);
    QFETCH(int, port);
    QFETCH(QString, user);
    QFETCH(QString, typeName);
    const ProxySettings written{ProxySettings::Type(type), host, port, user};
    const QJsonObject o = TransportJson::proxyObject(written);
    QCOMPARE(o.value(Key::Type).toString(), typeName);
    QCOMPARE(o.value(Key::Port).toInt(), port);
    // Through the file's bytes, as ProfileStore writes and reads them.
    const QJsonValue reread = QJsonDocument::fromJson(QJsonDocument(o).toJson()).object();
    ProxySettings read;
    read.user = QStringLiteral("stale"); // every field is set by the read
    QCOMPARE(TransportJson::readProxy(reread, Where, &read), QString());
    QCOMPARE(read, written);
    QVERIFY(!o.contains(QStringLiteral("password"))); // never part of a profile
}

void TestTransportOptions::proxyMissingIsNone()
{
    ProxySettings read{ProxySettings::Type::Http, QStringLiteral("h"), 1, QStringLiteral("u")};
    QCOMPARE(TransportJson::readProxy(QJsonValue(QJsonValue::Undefined), Where, &read), QString());
    QCOMPARE(read, ProxySettings());
    QCOMPARE(TransportJson::readProxy(json("{}"), Where, &read), QString());
    QCOMPARE(read.type, ProxySettings::Type::None);
}

void TestTransportOptions::proxyRefused_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<QString>("problem");
    const auto row = [](const char *name, const char *value, const char *problem) {
        QTest::newRow(name) << QByteArray(value) << QString::fromUtf8(problem);
    };
    row("not an object", "\"http\"", "profiles[2].proxy must be an object.");
    row("an array", "[]", "profiles[2].proxy must be an object.");
    row("type a number", "{\"type\": 1}", "profiles[2].proxy.type must be a string.");
    row("unknown type", "{\"type\": \"socks4\"}",
        "profiles[2].proxy.type must be \"none\", \"system\", \"http\" or \"socks5\".");
    row("type in capitals", "{\"type\": \"HTTP\", \"host\": \"h\", \"port\": 1}",
        "profiles[2].proxy.type must be \"none\", \"system\", \"http\" or \"socks5\".");
    row("host a number", "{\"type\": \"http\", \"host\": 5, \"port\": 1}",
        "profiles[2].proxy.host must be a string.");
    row("user null", "{\"type\": \"http\", \"host\": \"h\", \"port\": 1, \"user\": null}",
        "profiles[2].proxy.user must be a string.");
    row("port a string", "{\"type\": \"http\", \"host\": \"h\", \"port\": \"80\"}",
        "profiles[2].proxy.port must be a whole number 0-65535.");
    row("port 65536", "{\"type\": \"http\", \"host\": \"h\", \"port\": 65536}",
        "profiles[2].proxy.port must be a whole number 0-65535.");
    row("port -1", "{\"type\": \"socks5\", \"host\": \"h\", \"port\": -1}",
        "profiles[2].proxy.port must be a whole number 0-65535.");
    row("port 1.5", "{\"type\": \"socks5\", \"host\": \"h\", \"port\": 1.5}",
        "profiles[2].proxy.port must be a whole number 0-65535.");
    row("port 1e300", "{\"type\": \"socks5\", \"host\": \"h\", \"port\": 1e300}",
        "profiles[2].proxy.port must be a whole number 0-65535.");
    row("http without a port", "{\"type\": \"http\", \"host\": \"h\"}",
        "profiles[2].proxy: The proxy port must be 1-65535.");
    row("socks5 port 0", "{\"type\": \"socks5\", \"host\": \"h\", \"port\": 0}",
        "profiles[2].proxy: The proxy port must be 1-65535.");
    row("http without a host", "{\"type\": \"http\", \"port\": 3128}",
        "profiles[2].proxy: The proxy needs a host.");
    row("socks5 with a blank host", "{\"type\": \"socks5\", \"host\": \"  \", \"port\": 1080}",
        "profiles[2].proxy: The proxy needs a host.");
}

void TestTransportOptions::proxyRefused()
{
    QFETCH(QByteArray, value);
    QFETCH(QString, problem);
    ProxySettings read;
    QCOMPARE(TransportJson::readProxy(json(value.constData()), Where, &read), problem);
}

void TestTransportOptions::tlsRoundTrip_data()
{
    QTest::addColumn<TlsFiles>("tls");
    QTest::addColumn<QString>("mode");
    QTest::newRow("empty") << TlsFiles() << "add";
    QTest::newRow("CA bundle added to the system's roots")
        << TlsFiles{QStringLiteral("/etc/ca.pem"), false, {}, {}} << "add";
    QTest::newRow("CA bundle alone, PEM client certificate and key")
        << TlsFiles{QStringLiteral("/etc/ca.pem"), true, QStringLiteral("/home/u/c.crt"),
                    QStringLiteral("/home/u/c.key")}
        << "replace";
    QTest::newRow("PKCS#12") << TlsFiles{{}, false, QStringLiteral("C:/certs/me.p12"), {}} << "add";
}

void TestTransportOptions::tlsRoundTrip()
{
    QFETCH(TlsFiles, tls);
    QFETCH(QString, mode);
    const QJsonObject o = TransportJson::tlsObject(tls);
    QCOMPARE(o.value(Key::CaBundleMode).toString(), mode);
    const QJsonValue reread = QJsonDocument::fromJson(QJsonDocument(o).toJson()).object();
    TlsFiles read;
    read.caBundleFile = QStringLiteral("stale");
    QCOMPARE(TransportJson::readTls(reread, Where, &read), QString());
    QCOMPARE(read, tls);
}

void TestTransportOptions::tlsRefused_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<QString>("problem");
    const auto row = [](const char *name, const char *value, const char *problem) {
        QTest::newRow(name) << QByteArray(value) << QString::fromUtf8(problem);
    };
    row("not an object", "true", "profiles[2].tls must be an object.");
    row("CA bundle a number", "{\"caBundleFile\": 3}",
        "profiles[2].tls.caBundleFile must be a string.");
    row("client key an array", "{\"clientKeyFile\": []}",
        "profiles[2].tls.clientKeyFile must be a string.");
    row("bad mode", "{\"caBundleFile\": \"a.pem\", \"caBundleMode\": \"only\"}",
        "profiles[2].tls.caBundleMode must be \"add\" or \"replace\".");
    row("mode a bool", "{\"caBundleMode\": true}",
        "profiles[2].tls.caBundleMode must be a string.");
    row("key without certificate", "{\"clientKeyFile\": \"k.pem\"}",
        "profiles[2].tls: A client key is set without its client certificate.");
    row("replace without a bundle", "{\"caBundleMode\": \"replace\"}",
        "profiles[2].tls: Trusting only the CA bundle needs a CA bundle file.");
}

void TestTransportOptions::tlsRefused()
{
    QFETCH(QByteArray, value);
    QFETCH(QString, problem);
    TlsFiles read;
    QCOMPARE(TransportJson::readTls(json(value.constData()), Where, &read), problem);
}

void TestTransportOptions::proxyForEachType_data()
{
    QTest::addColumn<int>("type");
    QTest::addColumn<int>("expected");
    QTest::addColumn<QString>("described");
    using Type = ProxySettings::Type;
    QTest::newRow("none") << int(Type::None) << int(QNetworkProxy::NoProxy) << "none";
    QTest::newRow("http") << int(Type::Http) << int(QNetworkProxy::HttpProxy)
                          << "HTTP proxy proxy.example:3128 (user bob)";
    QTest::newRow("socks5") << int(Type::Socks5) << int(QNetworkProxy::Socks5Proxy)
                            << "SOCKS5 proxy proxy.example:3128 (user bob)";
}

void TestTransportOptions::proxyForEachType()
{
    QFETCH(int, type);
    QFETCH(int, expected);
    QFETCH(QString, described);
    const ProxySettings settings{ProxySettings::Type(type), QStringLiteral(" proxy.example "), 3128,
                                 QStringLiteral("bob")};
    const QUrl url(QStringLiteral("wss://server.example/feed"));
    const QNetworkProxy proxy = ConnectOptions::proxy(settings, url, QStringLiteral("pw"));
    QCOMPARE(int(proxy.type()), expected);
    QCOMPARE(ConnectOptions::describe(proxy), described);
    if (proxy.type() == QNetworkProxy::NoProxy)
        return;
    QCOMPARE(proxy.hostName(), QStringLiteral("proxy.example")); // trimmed
    QCOMPARE(proxy.port(), quint16(3128));
    QCOMPARE(proxy.user(), QStringLiteral("bob"));
    QCOMPARE(proxy.password(), QStringLiteral("pw"));
    // Without a user, no password either, whatever the secrets hold.
    ProxySettings anonymous = settings;
    anonymous.user.clear();
    const QNetworkProxy without = ConnectOptions::proxy(anonymous, url, QStringLiteral("pw"));
    QCOMPARE(without.user(), QString());
    QCOMPARE(without.password(), QString());
    // A tunnel to the server, the name resolved by the proxy (RFC 1928 5's domain name).
    QVERIFY(proxy.capabilities() & QNetworkProxy::TunnelingCapability);
    QVERIFY(proxy.capabilities() & QNetworkProxy::HostNameLookupCapability);
}

void TestTransportOptions::systemProxyIsUsable()
{
    // What the system says depends on the machine: here, that it is something a
    // QSslSocket can use for a TCP tunnel, whatever the URL.
    const ProxySettings settings{ProxySettings::Type::System, {}, 0, {}};
    for (const char *url : {"ws://127.0.0.1:8080/", "wss://server.example/", "ws://[::1]/"}) {
        const QNetworkProxy proxy =
            ConnectOptions::proxy(settings, QUrl(QString::fromLatin1(url)), QString());
        const QList<QNetworkProxy::ProxyType> usable{
            QNetworkProxy::NoProxy, QNetworkProxy::HttpProxy, QNetworkProxy::Socks5Proxy};
        QVERIFY2(usable.contains(proxy.type()), url);
        QVERIFY(!ConnectOptions::describe(proxy).isEmpty());
    }
}

void TestTransportOptions::systemProxyFollowsTheEnvironment()
{
    // Without a desktop session (CI), Qt's libproxy reads http_proxy; in one, the
    // desktop's settings win and may say no proxy. Either way, never another proxy.
    const QByteArray names[] = {"http_proxy", "https_proxy", "all_proxy", "no_proxy"};
    QList<QByteArray> saved;
    for (const QByteArray &name : names)
        saved.append(qgetenv(name.constData()));
    const auto restore = qScopeGuard([&] {
        for (int i = 0; i < int(std::size(names)); ++i)
            qputenv(names[i].constData(), saved[i]);
    });
    for (const QByteArray &name : names)
        qunsetenv(name.constData());
    qputenv("http_proxy", "http://127.0.0.9:3129");
    const ProxySettings settings{ProxySettings::Type::System, {}, 0, {}};
    const QNetworkProxy proxy =
        ConnectOptions::proxy(settings, QUrl(QStringLiteral("ws://server.example:81/")), {});
    bool desktop = false;
    for (const char *name :
         {"XDG_CURRENT_DESKTOP", "DESKTOP_SESSION", "GNOME_DESKTOP_SESSION_ID", "KDE_FULL_SESSION"})
        desktop = desktop || qEnvironmentVariableIsSet(name);
    if (desktop && proxy.type() == QNetworkProxy::NoProxy) {
        qInfo("The desktop's proxy settings override http_proxy here.");
        return;
    }
    QCOMPARE(proxy.type(), QNetworkProxy::HttpProxy);
    QCOMPARE(proxy.hostName(), QStringLiteral("127.0.0.9"));
    QCOMPARE(proxy.port(), quint16(3129));
    QCOMPARE(ConnectOptions::describe(proxy), QStringLiteral("HTTP proxy 127.0.0.9:3129"));
}

void TestTransportOptions::proxyPasswordIsAskedForAUserOnly()
{
    using Type = ProxySettings::Type;
    const QString bob = QStringLiteral("bob");
    QVERIFY(ConnectOptions::needsProxyPassword({Type::Http, QStringLiteral("h"), 1, bob}));
    QVERIFY(ConnectOptions::needsProxyPassword({Type::Socks5, QStringLiteral("h"), 1, bob}));
    QVERIFY(!ConnectOptions::needsProxyPassword({Type::Http, QStringLiteral("h"), 1, {}}));
    // A system proxy brings its own credentials, if any; a user left from before is unused.
    QVERIFY(!ConnectOptions::needsProxyPassword({Type::System, {}, 0, bob}));
    QVERIFY(!ConnectOptions::needsProxyPassword({Type::None, {}, 0, bob}));
}

QTEST_GUILESS_MAIN(TestTransportOptions)
#include "tst_transportoptions.moc"
