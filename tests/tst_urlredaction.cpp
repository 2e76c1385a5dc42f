// UrlRedaction: the password of the userinfo is always hidden, secret-looking query
// values unless asked, and everything else of the URL is shown exactly as
// QUrl::toString() shows it (RFC 3986 3.2.1 and 3.4).
#include "profiles/urlredaction.h"

#include <QTest>

using UrlRedaction::redactedUrl;

class TestUrlRedaction : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void redactsPasswordAndSecretQueryValues_data();
    void redactsPasswordAndSecretQueryValues();
    void urlWithoutSecretsIsShownAsToString_data();
    void urlWithoutSecretsIsShownAsToString();
    void secretQueryNames_data();
    void secretQueryNames();
    void redactsUrlTemplates_data();
    void redactsUrlTemplates();
};

void TestUrlRedaction::redactsPasswordAndSecretQueryValues_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("showQuerySecrets");
    QTest::addColumn<QString>("expected");
    const auto row = [](const char *name, const char *url, bool show, const char *expected) {
        QTest::newRow(name) << QString::fromUtf8(url) << show << QString::fromUtf8(expected);
    };
    row("password only", "ws://user:s3cret@host/", false, "ws://user:•••@host/");
    row("password, no user", "wss://:s3cret@host:8443/p", false, "wss://:•••@host:8443/p");
    row("percent-encoded userinfo", "ws://us%3Aer:p%40ss@host/", false, "ws://us%3Aer:•••@host/");
    row("password, query shown", "ws://user:s3cret@host/?token=abc", true,
        "ws://user:•••@host/?token=abc");
    row("query only", "ws://host/?token=abc", false, "ws://host/?token=•••");
    row("both", "ws://user:s3cret@127.0.0.1:9001/?token=abc&x=1", false,
        "ws://user:•••@127.0.0.1:9001/?token=•••&x=1");
    row("none", "ws://host:9001/feed?x=1&y=2", false, "ws://host:9001/feed?x=1&y=2");
    row("names containing a secret word",
        "ws://h/?access_token=a&apiKey=b&X-Amz-Signature=c&client_secret=d&password=e"
        "&Authorization=f&page=2",
        false,
        "ws://h/?access_token=•••&apiKey=•••&X-Amz-Signature=•••&client_secret=•••"
        "&password=•••&Authorization=•••&page=2");
    row("mixed case", "ws://h/?TOKEN=a&ApiKEY=b&sIg=c&Secret=d", false,
        "ws://h/?TOKEN=•••&ApiKEY=•••&sIg=•••&Secret=•••");
    row("repeated params", "ws://h/?token=a&x=1&token=b&x=1", false,
        "ws://h/?token=•••&x=1&token=•••&x=1");
    row("empty values", "ws://h/?token=&key&x=&&sig=s", false, "ws://h/?token=&key&x=&&sig=•••");
    row("empty query", "ws://h/?", false, "ws://h/?");
    row("value holding '='", "ws://h/?sig=a=b=c&x=1", false, "ws://h/?sig=•••&x=1");
    row("percent-encoded names", "ws://h/?api%2Bkey=abc&my%20token=def&%E2%9C%93=1", false,
        "ws://h/?api%2Bkey=•••&my token=•••&✓=1");
    row("other params keep their encoding", "ws://h/?q=%C3%BC&a=%26b&token=x%26y&plus=a+b", false,
        "ws://h/?q=ü&a=%26b&token=•••&plus=a+b");
    row("lookalike names kept", "ws://h/?tok=1&ke=2&sign=3", false, "ws://h/?tok=1&ke=2&sign=•••");
    row("fragment kept", "ws://user:pw@h/?token=abc#token=frag", false,
        "ws://user:•••@h/?token=•••#token=frag");
    row("fragment, query shown", "ws://h/?token=abc#f", true, "ws://h/?token=abc#f");
}

void TestUrlRedaction::redactsPasswordAndSecretQueryValues()
{
    QFETCH(QString, url);
    QFETCH(bool, showQuerySecrets);
    QFETCH(QString, expected);
    const QUrl parsed(url, QUrl::StrictMode);
    QVERIFY2(parsed.isValid(), qPrintable(parsed.errorString()));
    QCOMPARE(redactedUrl(parsed, showQuerySecrets), expected);
    // The URL itself, which is what is sent, is untouched.
    QCOMPARE(parsed, QUrl(url, QUrl::StrictMode));
}

void TestUrlRedaction::urlWithoutSecretsIsShownAsToString_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("showQuerySecrets");
    QTest::newRow("plain") << QStringLiteral("ws://127.0.0.1:8765/") << false;
    QTest::newRow("user, no password") << QStringLiteral("ws://user@host/") << false;
    QTest::newRow("empty password") << QStringLiteral("ws://user:@host/") << false;
    QTest::newRow("encoded path and query")
        << QStringLiteral("wss://h/p%C3%BC%20x?q=%C3%BC&a=%26b&sp=%20x&plus=a+b&semi=a;b=c")
        << false;
    QTest::newRow("query secrets, shown") << QStringLiteral("ws://h/?token=abc&x=1") << true;
    QTest::newRow("IPv6 host") << QStringLiteral("ws://[::1]:9001/?x") << false;
    QTest::newRow("IDN host") << QString::fromUtf8("ws://\xc3\xbc.example/?x=1") << false;
}

void TestUrlRedaction::urlWithoutSecretsIsShownAsToString()
{
    QFETCH(QString, url);
    QFETCH(bool, showQuerySecrets);
    const QUrl parsed(url, QUrl::StrictMode);
    QVERIFY2(parsed.isValid(), qPrintable(parsed.errorString()));
    QCOMPARE(redactedUrl(parsed, showQuerySecrets), parsed.toString());
}

void TestUrlRedaction::secretQueryNames_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("secret");
    for (const char *name : {"token", "access_token", "apiKey", "API_KEY", "X-Amz-Signature", "sig",
                             "client_secret", "Password", "auth", "oauth_nonce"})
        QTest::newRow(name) << QString::fromLatin1(name) << true;
    for (const char *name : {"", "x", "page", "tok", "pass", "ke", "si-g", "session"})
        QTest::newRow(name[0] ? name : "empty") << QString::fromLatin1(name) << false;
}

void TestUrlRedaction::secretQueryNames()
{
    QFETCH(QString, name);
    QFETCH(bool, secret);
    QCOMPARE(UrlRedaction::isSecretQueryName(name), secret);
}

void TestUrlRedaction::redactsUrlTemplates_data()
{
    QTest::addColumn<QString>("urlTemplate");
    QTest::addColumn<bool>("showQuerySecrets");
    QTest::addColumn<QString>("expected");
    const auto row = [](const char *name, const char *url, bool show, const char *expected) {
        QTest::newRow(name) << QString::fromUtf8(url) << show << QString::fromUtf8(expected);
    };
    row("literal password", "ws://user:s3cret@{{host}}/", false, "ws://user:•••@{{host}}/");
    row("password with @ and :", "ws://u:p@ss:w@{{host}}:81/x", false, "ws://u:•••@{{host}}:81/x");
    row("referenced password kept", "ws://user:{{pw}}@h/", false, "ws://user:{{pw}}@h/");
    row("partly referenced password", "ws://user:ab{{pw}}@h/", false, "ws://user:•••@h/");
    row("no password", "ws://user@{{host}}:9/", false, "ws://user@{{host}}:9/");
    row("empty password", "ws://user:@h/", false, "ws://user:@h/");
    row("@ in the path only", "ws://{{host}}/a:b@c", false, "ws://{{host}}/a:b@c");
    row("literal token", "wss://{{host}}/?access_token=abc&x={{x}}#f", false,
        "wss://{{host}}/?access_token=•••&x={{x}}#f");
    row("referenced token kept", "ws://h/?token={{token}}&apiKey={{a}}{{b}}", false,
        "ws://h/?token={{token}}&apiKey={{a}}{{b}}");
    row("query shown", "ws://u:p@h/?token=abc", true, "ws://u:•••@h/?token=abc");
    row("no scheme", "u:p@{{host}}/?key=1", false, "u:•••@{{host}}/?key=•••");
    row("nothing to hide", "ws://{{host}}/{{path}}?page=2", false, "ws://{{host}}/{{path}}?page=2");
    // Review findings: a password holding '/', a scheme later in the text, references
    // that are not references.
    row("password with /", "ws://bob:pa/ss@{{h}}/", false, "ws://bob:•••@{{h}}/");
    row("@ in the path after a port", "ws://h:8080/users/@me", false, "ws://h:8080/users/@me");
    row("@ in the path after a port reference", "ws://h:{{port}}/@me", false,
        "ws://h:{{port}}/@me");
    row("scheme-less, :// later", "{{user}}:hunter2@{{host}}/cb?next=https://x", false,
        "{{user}}:•••@{{host}}/cb?next=https://x");
    row("not a reference", "ws://bob:{{hunter 2}}@h/", false, "ws://bob:•••@h/");
    row("not a reference either", "ws://bob:{{p@ss!}}@h/", false, "ws://bob:•••@h/");
    row("built-in reference kept", "ws://h/?sig={{ $uuid }}", false, "ws://h/?sig={{ $uuid }}");
}

void TestUrlRedaction::redactsUrlTemplates()
{
    QFETCH(QString, urlTemplate);
    QFETCH(bool, showQuerySecrets);
    QFETCH(QString, expected);
    QCOMPARE(UrlRedaction::redactedUrlTemplate(urlTemplate, showQuerySecrets), expected);
}

QTEST_APPLESS_MAIN(TestUrlRedaction)
#include "tst_urlredaction.moc"
