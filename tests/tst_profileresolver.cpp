// ProfileResolver: a profile's {{name}} references substituted at Connect from the
// active environment (URL template, header names and values, subprotocols); the secrets
// gathered for the log's redactor; and each refusal, naming the variable or header and
// the place, before anything is sent.
#include "profiles/profileresolver.h"

#include <QTest>

namespace {

Environment staging()
{
    Environment e;
    e.name = QStringLiteral("staging");
    e.variables = {Variable(QStringLiteral("host"), QStringLiteral("staging.example.com")),
                   Variable(QStringLiteral("token"), QStringLiteral("s3cr3t-T0ken"), true,
                            QStringLiteral("ref-1")),
                   Variable(QStringLiteral("proto"), QStringLiteral("v2.feed")),
                   Variable(QStringLiteral("unset"), QString(), true, QStringLiteral("ref-2")),
                   Variable(QStringLiteral("crlf"), QStringLiteral("s3cr3t\r\nX-Injected: 1"), true,
                            QStringLiteral("ref-4"))};
    return e;
}

Profile feed()
{
    Profile p;
    p.name = QStringLiteral("Feed");
    p.setUrlText(QStringLiteral("wss://{{host}}/v1?token={{token}}"));
    p.headers = {HandshakeHeader(QStringLiteral("X-Token"), QStringLiteral("Bearer {{token}}")),
                 HandshakeHeader(QStringLiteral("Authorization"), QStringLiteral("Basic abc"), true,
                                 QStringLiteral("ref-3"))};
    p.subprotocols = {QStringLiteral("{{proto}}"), QStringLiteral("v1.feed")};
    return p;
}

} // namespace

class TestProfileResolver : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void urlTextKeepsATemplateAsTyped();
    void substitutesEveryPlace();
    void gathersEverySecretForTheRedactor();
    void secretHeaderTemplateHidesWhatIsSent();
    void plainProfileIsUntouched();
    void refusals_data();
    void refusals();
};

void TestProfileResolver::urlTextKeepsATemplateAsTyped()
{
    Profile p;
    p.setUrlText(QStringLiteral("  wss://{{host}}/x?q={{ a }}  "));
    QCOMPARE(p.urlTemplate, QStringLiteral("wss://{{host}}/x?q={{ a }}"));
    QVERIFY(p.url.isEmpty());
    QCOMPARE(p.urlText(), p.urlTemplate);
    p.setUrlText(QStringLiteral("ws://127.0.0.1:1/"));
    QVERIFY(p.urlTemplate.isEmpty());
    QCOMPARE(p.url, QUrl(QStringLiteral("ws://127.0.0.1:1/")));
    p.name = QStringLiteral("n");
    p.setUrlText(QStringLiteral("{{base}}/feed"));
    QCOMPARE(p.problem(), QString()); // checked once resolved
    p.setUrlText(QStringLiteral("http://{{host}}/"));
    QVERIFY2(p.problem().contains(QLatin1String("ws://, wss:// or a {{variable}}")),
             qPrintable(p.problem()));
}

void TestProfileResolver::substitutesEveryPlace()
{
    const Environment environment = staging();
    const ResolvedProfile r = ProfileResolver::resolve(feed(), &environment);
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.profile.url,
             QUrl(QStringLiteral("wss://staging.example.com/v1?token=s3cr3t-T0ken")));
    QCOMPARE(r.profile.urlTemplate, feed().urlTemplate); // kept, to tell an edit apart
    QCOMPARE(r.profile.headers.at(0).value, QStringLiteral("Bearer s3cr3t-T0ken"));
    QCOMPARE(r.profile.headers.at(1).value, QStringLiteral("Basic abc"));
    QCOMPARE(r.profile.subprotocols,
             QStringList({QStringLiteral("v2.feed"), QStringLiteral("v1.feed")}));
    QCOMPARE(r.environment, QStringLiteral("staging"));
    QCOMPARE(r.redactedUrl, QStringLiteral("wss://staging.example.com/v1?token=•••"));
}

void TestProfileResolver::gathersEverySecretForTheRedactor()
{
    const Environment environment = staging();
    const ResolvedProfile r = ProfileResolver::resolve(feed(), &environment);
    QVERIFY(r.ok);
    // The auth scheme stays readable, the credentials do not (RFC 9110 11.4).
    QCOMPARE(r.redactor.redacted("Authorization: Basic abc"),
             QByteArray("Authorization: Basic •••"));
    QCOMPARE(ProfileResolver::credentials(QStringLiteral("Bearer x.y.z")), QStringLiteral("x.y.z"));
    QCOMPARE(ProfileResolver::credentials(QStringLiteral("opaque")), QStringLiteral("opaque"));
    QCOMPARE(ProfileResolver::credentials(QStringLiteral("Bearer ")), QStringLiteral("Bearer "));
    QCOMPARE(r.redactor.redacted("X-Token: Bearer s3cr3t-T0ken"),
             QByteArray("X-Token: Bearer •••"));
    QVERIFY(!r.redactor.matches("staging.example.com"));
}

void TestProfileResolver::secretHeaderTemplateHidesWhatIsSent()
{
    Environment environment = staging();
    environment.variables.append(Variable(QStringLiteral("apiKey"), QStringLiteral("k-plain-1")));
    environment.variables.append(
        Variable(QStringLiteral("spaced"), QStringLiteral("a b|c"), true, QStringLiteral("r5")));
    Profile p = feed();
    p.headers[1].value = QStringLiteral("Bearer {{apiKey}}"); // a secret header, templated
    const ResolvedProfile r = ProfileResolver::resolve(p, &environment);
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.profile.headers.at(1).value, QStringLiteral("Bearer k-plain-1"));
    QCOMPARE(r.redactor.redacted("Authorization: Bearer k-plain-1"),
             QByteArray("Authorization: Bearer •••"));
    // In a URL a secret may be percent-encoded: that form is hidden too.
    QCOMPARE(r.redactor.redacted("GET /?q=a%20b%7Cc HTTP/1.1"), QByteArray("GET /?q=••• HTTP/1.1"));
}

void TestProfileResolver::plainProfileIsUntouched()
{
    Profile p;
    p.name = QStringLiteral("Plain");
    p.setUrlText(QStringLiteral("ws://127.0.0.1:9/"));
    p.headers = {HandshakeHeader(QStringLiteral("X-A"), QStringLiteral("{not a reference}"))};
    const ResolvedProfile r = ProfileResolver::resolve(p, nullptr);
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.profile, p);
    QVERIFY(r.redactor.isEmpty());
    QCOMPARE(r.environment, QString());
}

void TestProfileResolver::refusals_data()
{
    QTest::addColumn<Profile>("profile");
    QTest::addColumn<bool>("withEnvironment");
    QTest::addColumn<QString>("error");
    Profile p = feed();
    QTest::newRow("no environment") << p << false << "host";
    p.setUrlText(QStringLiteral("wss://{{nohost}}/"));
    QTest::newRow("unknown in the URL") << p << true << "nohost";
    p = feed();
    p.headers[0].value = QStringLiteral("{{missing}}");
    QTest::newRow("unknown in a header") << p << true << "header X-Token";
    p = feed();
    p.subprotocols = {QStringLiteral("{{nope}}")};
    QTest::newRow("unknown subprotocol") << p << true << "subprotocols";
    p = feed();
    p.headers[0].value = QStringLiteral("{{unset}}");
    QTest::newRow("secret variable without value") << p << true << "unset";
    p = feed();
    p.headers[1].value.clear();
    QTest::newRow("secret header without value") << p << true << "The secret header Authorization";
    p = feed();
    p.setUrlText(QStringLiteral("{{host}}/feed"));
    QTest::newRow("URL without a scheme") << p << true << "staging.example.com/feed";
    p = feed();
    p.headers[0].value = QStringLiteral("{{crlf}}");
    QTest::newRow("header injection") << p << true << "X-Token";
    p = feed();
    p.headers[0].name = QStringLiteral("X-{{crlf}}");
    QTest::newRow("a secret in a bad header name, shown as •••") << p << true << "X-•••";
    p = feed();
    p.setUrlText(QStringLiteral("wss://bob:s3cr3t@{{host}}:70000/?token=s3cr3t"));
    QTest::newRow("a literal password in a bad URL, shown as •••")
        << p << true << "wss://bob:•••@staging.example.com:70000/?token=•••";
}

void TestProfileResolver::refusals()
{
    QFETCH(Profile, profile);
    QFETCH(bool, withEnvironment);
    QFETCH(QString, error);
    const Environment environment = staging();
    const ResolvedProfile r =
        ProfileResolver::resolve(profile, withEnvironment ? &environment : nullptr);
    QVERIFY(!r.ok);
    QVERIFY2(r.error.contains(error), qPrintable(r.error));
    QVERIFY2(!r.error.contains(QLatin1String("s3cr3t")), qPrintable(r.error));
}

QTEST_GUILESS_MAIN(TestProfileResolver)
#include "tst_profileresolver.moc"
