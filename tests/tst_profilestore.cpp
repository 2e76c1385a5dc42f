// The profiles file (ProfileStore): a round trip, malformed and hostile files refused
// with the file left as it was, and how files are written.
#include "profiles/profilemodel.h"
#include "profiles/profilestore.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>

#ifdef Q_OS_UNIX
#include <sys/stat.h>
#endif

class TestProfileStore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void roundTrip();
    void environmentsRoundTripWithoutSecretValues();
    void secretHeadersKeepOnlyTheirReference();
    void aVersion1FileIsMigratedOnlyAtTheNextSave();
    void rejectsMalformedFiles_data();
    void rejectsMalformedFiles();
    void rejectsNumbersOutOfRange_data();
    void rejectsNumbersOutOfRange();
    void rejectsAFileOverTenMiB();
    void jsonErrorsSayWhereInTheFile();
    void saveReportsAnUnwritablePath();
    void invalidUrlProblemHoldsNoSecret_data();
    void invalidUrlProblemHoldsNoSecret();
    void savesForTheOwnerOnly_data();
    void savesForTheOwnerOnly();

private:
    static QByteArray readAll(const QString &path);
    static void write(const QString &path, const QByteArray &bytes);
    void verifyRejected(const QByteArray &content, const QString &problem);
    QTemporaryDir m_dir;
};

QByteArray TestProfileStore::readAll(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

void TestProfileStore::write(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    QCOMPARE(f.write(bytes), bytes.size());
}

static QList<Profile> sampleProfiles()
{
    Profile a = Profile::localEcho();
    Profile b;
    b.name = QString::fromUtf8("Prod feed \xe2\x9c\x93");
    b.url = QUrl(QStringLiteral("wss://feed.example.com:8443/v1/stream?token=a%20b"));
    b.headers = {{QStringLiteral("Authorization"), QStringLiteral("Bearer x.y.z")},
                 {QStringLiteral("X-Trace"), QStringLiteral("1")}};
    b.subprotocols = {QStringLiteral("v2.feed"), QStringLiteral("v1.feed")};
    b.connectTimeoutMs = 2500;
    b.ignoreTlsErrors = true;
    b.pingIntervalMs = 15000;
    b.maxLogRows = 500000;
    b.showSecretsInLog = true;
    b.maxIncomingMessageMiB = 4;
    b.logMemoryBudgetMiB = 64;
    b.snippets = {
        {QStringLiteral("subscribe"), QStringLiteral("{\"op\":\"sub\"}"), PayloadFormat::Text},
        {QStringLiteral("heartbeat"), QStringLiteral("de ad be ef"), PayloadFormat::Hex},
        {QString::fromUtf8("b64 \xe2\x9c\x93"), QStringLiteral("SGk="), PayloadFormat::Base64}};
    Profile c;
    c.name = QStringLiteral("Plain");
    c.url = QUrl(QStringLiteral("ws://127.0.0.1:9001"));
    return {a, b, c};
}

void TestProfileStore::roundTrip()
{
    const QString path = m_dir.filePath(QStringLiteral("roundtrip.json"));
    const QList<Profile> profiles = sampleProfiles();
    QCOMPARE(ProfileStore::save(path, profiles), QString());
    const ProfileStore::LoadResult loaded = ProfileStore::load(path);
    QVERIFY2(loaded.ok, qPrintable(loaded.error));
    QCOMPARE(loaded.profiles.size(), profiles.size());
    for (int i = 0; i < profiles.size(); ++i)
        QVERIFY2(loaded.profiles.at(i) == profiles.at(i), qPrintable(profiles.at(i).name));
    // Saving what was loaded gives the same bytes: the format is stable.
    const QByteArray first = readAll(path);
    QCOMPARE(ProfileStore::save(path, loaded.profiles), QString());
    QCOMPARE(readAll(path), first);
    QVERIFY(first.contains("\"version\": 2"));
    QVERIFY(!first.contains("\"environments\"")); // none: no key
    QVERIFY(first.contains("\"format\": \"sockscope-profiles\""));
}

void TestProfileStore::environmentsRoundTripWithoutSecretValues()
{
    EnvironmentSet set;
    set.environments = {{QStringLiteral("local"),
                         {{QStringLiteral("host"), QStringLiteral("127.0.0.1:8765"), false}}},
                        {QStringLiteral("prod"),
                         {{QStringLiteral("host"), QStringLiteral("example.com"), false},
                          {QStringLiteral("api_token"), QStringLiteral("pr0d-S3CRET"), true}}}};
    set.active = QStringLiteral("prod");
    const QString path = m_dir.filePath(QStringLiteral("environments.json"));
    QCOMPARE(ProfileStore::save(path, sampleProfiles(), set), QString());
    const QByteArray bytes = readAll(path);
    QVERIFY2(!bytes.contains("pr0d-S3CRET"), bytes.constData()); // the keychain's, not the file's
    QVERIFY(bytes.contains("\"secret\": true"));
    const ProfileStore::LoadResult loaded = ProfileStore::load(path);
    QVERIFY2(loaded.ok, qPrintable(loaded.error));
    QCOMPARE(loaded.version, 2);
    EnvironmentSet expected = set;
    expected.environments[1].variables[1].value.clear();
    QCOMPARE(loaded.environments, expected);
    QCOMPARE(loaded.environments.activeEnvironment()->name, QStringLiteral("prod"));
    // Through the model: what it loaded it saves again, unchanged.
    ProfileModel model;
    QCOMPARE(model.loadAutosave(path), QString());
    QCOMPARE(model.environments(), expected);
    QCOMPARE(model.saveAs(path), QString());
    QCOMPARE(readAll(path), bytes);
}

void TestProfileStore::secretHeadersKeepOnlyTheirReference()
{
    QList<Profile> profiles = sampleProfiles();
    profiles[0].headers = {{QStringLiteral("Authorization"), QStringLiteral("Bearer 7op-S3cret"),
                            true, QStringLiteral("0b4d6a1e-2f9c-4c1a-9d7e-5a3b2c1d0e9f")},
                           {QStringLiteral("X-Trace"), QStringLiteral("on")}};
    const QString path = m_dir.filePath(QStringLiteral("secret-headers.json"));
    QCOMPARE(ProfileStore::save(path, profiles), QString());
    const QByteArray bytes = readAll(path);
    QVERIFY2(!bytes.contains("7op-S3cret"), bytes.constData());
    QVERIFY(bytes.contains("\"secretRef\": \"0b4d6a1e-2f9c-4c1a-9d7e-5a3b2c1d0e9f\""));
    const ProfileStore::LoadResult loaded = ProfileStore::load(path);
    QVERIFY2(loaded.ok, qPrintable(loaded.error));
    QList<Profile> expected = profiles;
    expected[0].headers[0].value.clear(); // the keychain brings it back (SecretStore)
    QCOMPARE(loaded.profiles, expected);
    QCOMPARE(loaded.profiles[0].problem(), QString()); // a secret not read yet is no problem
}

void TestProfileStore::aVersion1FileIsMigratedOnlyAtTheNextSave()
{
    const QString path = m_dir.filePath(QStringLiteral("version1.json"));
    const QByteArray v1 = "{\"format\":\"sockscope-profiles\",\"version\":1,\"profiles\":"
                          "[{\"name\":\"Old\",\"url\":\"ws://127.0.0.1:9/\"}]}";
    write(path, v1);
    ProfileModel model;
    QCOMPARE(model.loadAutosave(path), QString());
    QCOMPARE(model.rowCount(), 1);
    QVERIFY(model.environments().environments.isEmpty());
    QCOMPARE(readAll(path), v1); // loading writes nothing
    EnvironmentSet set;
    set.environments = {{QStringLiteral("local"), {}}};
    set.active = QStringLiteral("local");
    model.setEnvironments(set); // a change: the autosave writes version 2
    QVERIFY(readAll(path).contains("\"version\": 2"));
    QVERIFY(readAll(path).contains("\"activeEnvironment\": \"local\""));
    QCOMPARE(readAll(ProfileStore::backupPath(path)), v1); // the old file, kept
    // A version 2 file with no profiles left keeps its environments: the default
    // profile it starts with is autosaved alongside them, not instead of them.
    const QString none = m_dir.filePath(QStringLiteral("noprofiles.json"));
    write(none, "{\"format\":\"sockscope-profiles\",\"version\":2,\"profiles\":[],"
                "\"environments\":[{\"name\":\"local\"}],\"activeEnvironment\":\"local\"}");
    ProfileModel empty;
    QCOMPARE(empty.loadAutosave(none), QString());
    QCOMPARE(empty.environments().active, QStringLiteral("local"));
}

void TestProfileStore::rejectsMalformedFiles_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("problem");
    const QByteArray head = "{\"format\":\"sockscope-profiles\",\"version\":1,\"profiles\":";
    QTest::newRow("not JSON") << QByteArray("this is { not json") << "not valid JSON";
    QTest::newRow("empty file") << QByteArray() << "the file is empty";
    QTest::newRow("truncated") << QByteArray(head + "[{\"name\":\"a\"") << "not valid JSON";
    QTest::newRow("array at top") << QByteArray("[1,2]") << "top level";
    QTest::newRow("foreign JSON") << QByteArray("{\"hello\":1}") << "not a Sockscope profiles file";
    QTest::newRow("unknown version")
        << QByteArray("{\"format\":\"sockscope-profiles\",\"version\":3,\"profiles\":[]}")
        << "version 3 is not supported; this Sockscope reads versions 1-2.";
    const QByteArray v2 = "{\"format\":\"sockscope-profiles\",\"version\":2,\"profiles\":[],";
    QTest::newRow("environments not an array")
        << QByteArray(v2 + "\"environments\":{}}") << "\"environments\" must be an array.";
    QTest::newRow("environment without a name")
        << QByteArray(v2 + "\"environments\":[{\"variables\":[]}]}")
        << "environments[0].name must be a name";
    QTest::newRow("environment twice")
        << QByteArray(v2 + "\"environments\":[{\"name\":\"a\"},{\"name\":\"a\"}]}")
        << "environments[1]: the environment \"a\" is defined twice.";
    QTest::newRow("bad variable name")
        << QByteArray(v2 + "\"environments\":[{\"name\":\"a\",\"variables\":"
                           "[{\"name\":\"ok\",\"value\":\"1\"},{\"name\":\"$x\"}]}]}")
        << "environments[0].variables[1].name must be a variable name";
    QTest::newRow("variable twice")
        << QByteArray(v2 + "\"environments\":[{\"name\":\"a\",\"variables\":"
                           "[{\"name\":\"x\"},{\"name\":\"x\"}]}]}")
        << "environments[0].variables[1]: the variable \"x\" is defined twice.";
    QTest::newRow("value not a string")
        << QByteArray(v2 + "\"environments\":[{\"name\":\"a\",\"variables\":"
                           "[{\"name\":\"x\",\"value\":1}]}]}")
        << "environments[0].variables[0].value must be a string.";
    QTest::newRow("active unknown")
        << QByteArray(v2 + "\"environments\":[{\"name\":\"a\"}],\"activeEnvironment\":\"b\"}")
        << "\"activeEnvironment\" names \"b\", which is not one of the environments.";
    QTest::newRow("version as string")
        << QByteArray("{\"format\":\"sockscope-profiles\",\"version\":\"1\",\"profiles\":[]}")
        << "\"version\" must be a number";
    QTest::newRow("profiles not array") << QByteArray(head + "{}}") << "must be an array";
    QTest::newRow("profile not object")
        << QByteArray(head + "[42]}") << "profiles[0] must be an object";
    QTest::newRow("missing name") << QByteArray(head + "[{\"url\":\"ws://a/\"}]}") << "has no name";
    QTest::newRow("name wrong type")
        << QByteArray(head + "[{\"name\":7,\"url\":\"ws://a/\"}]}") << "name must be a string";
    QTest::newRow("empty name") << QByteArray(head + "[{\"name\":\"  \",\"url\":\"ws://a/\"}]}")
                                << "needs a name";
    QTest::newRow("duplicate name") << QByteArray(head + "[{\"name\":\"a\",\"url\":\"ws://a/\"},"
                                                         "{\"name\":\"a\",\"url\":\"ws://b/\"}]}")
                                    << "used twice";
    QTest::newRow("missing url") << QByteArray(head + "[{\"name\":\"a\"}]}") << "has no url";
    QTest::newRow("url wrong type")
        << QByteArray(head + "[{\"name\":\"a\",\"url\":[]}]}") << "url must be a string";
    QTest::newRow("http url") << QByteArray(head + "[{\"name\":\"a\",\"url\":\"http://a/\"}]}")
                              << "ws:// or wss://";
    QTest::newRow("url without host")
        << QByteArray(head + "[{\"name\":\"a\",\"url\":\"ws:///x\"}]}") << "no host";
    QTest::newRow("malformed url")
        << QByteArray(head + "[{\"name\":\"a\",\"url\":\"ws://a b:99999/\"}]}") << "not valid";
    QTest::newRow("headers wrong type")
        << QByteArray(head + "[{\"name\":\"a\",\"url\":\"ws://a/\",\"headers\":{}}]}")
        << "headers must be an array";
    QTest::newRow("header value wrong type")
        << QByteArray(head + "[{\"name\":\"a\",\"url\":\"ws://a/\","
                             "\"headers\":[{\"name\":\"X\",\"value\":1}]}]}")
        << "headers[0].value must be a string";
    QTest::newRow("header injection")
        << QByteArray(head + "[{\"name\":\"a\",\"url\":\"ws://a/\","
                             "\"headers\":[{\"name\":\"X\",\"value\":\"1\\r\\nEvil: 2\"}]}]}")
        << "line break";
    QTest::newRow("empty header value")
        << QByteArray(head + "[{\"name\":\"a\",\"url\":\"ws://a/\","
                             "\"headers\":[{\"name\":\"X\",\"value\":\"\"}]}]}")
        << "has no value";
    QTest::newRow("host header") << QByteArray(
                                        head +
                                        "[{\"name\":\"a\",\"url\":\"ws://a/\","
                                        "\"headers\":[{\"name\":\"Host\",\"value\":\"x\"}]}]}")
                                 << "Host header";
    QTest::newRow("subprotocol wrong type")
        << QByteArray(head + "[{\"name\":\"a\",\"url\":\"ws://a/\",\"subprotocols\":[1]}]}")
        << "subprotocols[0] must be a string";
    QTest::newRow("timeout wrong type")
        << QByteArray(head + "[{\"name\":\"a\",\"url\":\"ws://a/\",\"connectTimeoutMs\":\"10\"}]}")
        << "connectTimeoutMs";
    QTest::newRow("timeout out of range")
        << QByteArray(head + "[{\"name\":\"a\",\"url\":\"ws://a/\",\"connectTimeoutMs\":-5}]}")
        << "connectTimeoutMs";
    QTest::newRow("tls flag wrong type")
        << QByteArray(head + "[{\"name\":\"a\",\"url\":\"ws://a/\",\"ignoreTlsErrors\":\"yes\"}]}")
        << "ignoreTlsErrors must be true or false";
    QTest::newRow("show secrets flag wrong type")
        << QByteArray(head + "[{\"name\":\"a\",\"url\":\"ws://a/\",\"showSecretsInLog\":1}]}")
        << "showSecretsInLog must be true or false";
    QTest::newRow("ping interval too short")
        << QByteArray(head + "[{\"name\":\"a\",\"url\":\"ws://a/\",\"pingIntervalMs\":5}]}")
        << "pingIntervalMs";
    QTest::newRow("ping interval fraction")
        << QByteArray(head + "[{\"name\":\"a\",\"url\":\"ws://a/\",\"pingIntervalMs\":150.5}]}")
        << "pingIntervalMs";
    QTest::newRow("log cap negative")
        << QByteArray(head + "[{\"name\":\"a\",\"url\":\"ws://a/\",\"maxLogRows\":-1}]}")
        << "maxLogRows";
    QTest::newRow("log cap huge")
        << QByteArray(head + "[{\"name\":\"a\",\"url\":\"ws://a/\",\"maxLogRows\":1e12}]}")
        << "maxLogRows";
    QTest::newRow("snippets not array")
        << QByteArray(head + "[{\"name\":\"a\",\"url\":\"ws://a/\",\"snippets\":{}}]}")
        << "snippets must be an array";
    QTest::newRow("snippet payload wrong type")
        << QByteArray(head + "[{\"name\":\"a\",\"url\":\"ws://a/\",\"snippets\":"
                             "[{\"name\":\"s\",\"payload\":1}]}]}")
        << "snippets[0].payload";
    QTest::newRow("snippet unknown format")
        << QByteArray(head + "[{\"name\":\"a\",\"url\":\"ws://a/\",\"snippets\":"
                             "[{\"name\":\"s\",\"payload\":\"x\",\"format\":\"rot13\"}]}]}")
        << "snippets[0].format";
    QTest::newRow("header secret wrong type")
        << QByteArray(head + "[{\"name\":\"a\",\"url\":\"ws://a/\",\"headers\":"
                             "[{\"name\":\"Authorization\",\"secret\":\"yes\"}]}]}")
        << "profiles[0].headers[0].secret must be true or false";
    QTest::newRow("header secretRef bad shape")
        << QByteArray(head + "[{\"name\":\"a\",\"url\":\"ws://a/\",\"headers\":"
                             "[{\"name\":\"Authorization\",\"secret\":true,"
                             "\"secretRef\":\"../x\"}]}]}")
        << "profiles[0].headers[0].secretRef must be a keychain reference";
    QTest::newRow("plain header without value")
        << QByteArray(head + "[{\"name\":\"a\",\"url\":\"ws://a/\",\"headers\":"
                             "[{\"name\":\"Authorization\",\"secret\":false}]}]}")
        << "profiles[0].headers[0].value must be a string";
    QTest::newRow("snippet without name")
        << QByteArray(head + "[{\"name\":\"a\",\"url\":\"ws://a/\",\"snippets\":"
                             "[{\"name\":\" \",\"payload\":\"x\"}]}]}")
        << "snippet has no name";
}

void TestProfileStore::rejectsMalformedFiles()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, problem);
    verifyRejected(content, problem);
}

void TestProfileStore::rejectsNumbersOutOfRange_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("problem");
    // All beyond qint64 (2^63 = 9223372036854775808 ~ 9.22e18): converting such a double
    // to an integer is undefined behaviour, which UBSan's float-cast-overflow reports.
    const QByteArray values[] = {"1e300", "1e19", "-1e300", "9.3e18", "9223372036854775808"};
    // What the message says each field accepts.
    const std::pair<QByteArray, QString> fields[] = {
        {"connectTimeoutMs", QStringLiteral("a whole number 100-600000")},
        {"pingIntervalMs", QStringLiteral("0 or a whole number 100-3600000")},
        {"maxLogRows", QStringLiteral("0 or a whole number 1-2147483647")},
        {"maxIncomingMessageMiB", QStringLiteral("a whole number 1-1024")},
        {"logMemoryBudgetMiB", QStringLiteral("a whole number 16-65536")}};
    for (const auto &[key, rule] : fields) {
        for (const QByteArray &value : values) {
            QTest::addRow("%s %s", key.constData(), value.constData())
                << QByteArray("{\"format\":\"sockscope-profiles\",\"version\":1,\"profiles\":"
                              "[{\"name\":\"a\",\"url\":\"ws://a/\",\"" +
                              key + "\":" + value + "}]}")
                << QStringLiteral("profiles[0].%1 must be %2.").arg(QLatin1String(key), rule);
        }
    }
}

void TestProfileStore::rejectsNumbersOutOfRange()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, problem);
    verifyRejected(content, problem);
}

/// @p content, as a file, is refused with @p problem: loaded directly, as the autosave
/// file (never written over) and as an import (nothing changes).
void TestProfileStore::verifyRejected(const QByteArray &content, const QString &problem)
{
    const QString path = m_dir.filePath(QStringLiteral("bad-%1.json").arg(QTest::currentDataTag()));
    write(path, content);

    const ProfileStore::LoadResult direct = ProfileStore::load(path);
    QVERIFY(!direct.ok);
    QVERIFY(direct.profiles.isEmpty());
    QVERIFY2(direct.error.contains(problem), qPrintable(direct.error));
    QVERIFY2(direct.error.contains(path), qPrintable(direct.error));

    // As the autosave file: the model starts from the default, says why, and then
    // never writes over the file however the profiles change.
    ProfileModel model;
    const QString error = model.loadAutosave(path);
    QVERIFY2(error.contains(problem) && error.contains(path), qPrintable(error));
    QVERIFY(model.autosaveBlocked());
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.profile(0).name, QStringLiteral("Local echo"));
    model.createProfile();
    model.duplicateProfile(0);
    model.renameProfile(0, QStringLiteral("renamed"));
    model.removeProfile(1);
    QCOMPARE(readAll(path), content);

    // As an import: refused, nothing changes, the file stays as it was.
    ProfileModel other;
    const QString good =
        m_dir.filePath(QStringLiteral("good-%1.json").arg(QTest::currentDataTag()));
    QCOMPARE(ProfileStore::save(good, sampleProfiles()), QString());
    QCOMPARE(other.loadAutosave(good), QString());
    const QByteArray goodBytes = readAll(good);
    QVERIFY(!other.importFrom(path).error.isEmpty());
    QCOMPARE(other.profiles(), sampleProfiles());
    QCOMPARE(readAll(path), content);
    QCOMPARE(readAll(good), goodBytes);
}

void TestProfileStore::jsonErrorsSayWhereInTheFile()
{
    // A 600-byte file cut short: the place is its end, never "byte 601".
    QByteArray cut = "{\"format\":\"sockscope-profiles\",\"version\":1,\"profiles\":[{\"name\":\"";
    cut += QByteArray(600 - cut.size(), 'a');
    QCOMPARE(cut.size(), 600);
    const QString atEnd = ProfileStore::parse(cut, QStringLiteral("cut.json")).error;
    QVERIFY2(atEnd.contains(QStringLiteral("at its end, after 600 bytes")), qPrintable(atEnd));
    QVERIFY2(!atEnd.contains(QStringLiteral("601")), qPrintable(atEnd));
    // A bad value on the second line: its line and column.
    const QString inside =
        ProfileStore::parse(QByteArray("{\n  \"a\": x\n}"), QStringLiteral("bad.json")).error;
    QVERIFY2(inside.contains(QStringLiteral("near line 2, column 8")), qPrintable(inside));
    // Columns count characters, not bytes: "é" is two bytes of UTF-8.
    const QString wide =
        ProfileStore::parse(QByteArray("{\"\xc3\xa9\": x}"), QStringLiteral("wide.json")).error;
    QVERIFY2(wide.contains(QStringLiteral("near line 1, column 7")), qPrintable(wide));
}

void TestProfileStore::rejectsAFileOverTenMiB()
{
    const QString path = m_dir.filePath(QStringLiteral("huge.json"));
    // Valid JSON, so only the size can be the reason.
    QByteArray content = "{\"format\":\"sockscope-profiles\",\"version\":1,\"profiles\":[],"
                         "\"padding\":\"";
    content.append(QByteArray(ProfileStore::MaxFileBytes, 'x'));
    content.append("\"}");
    write(path, content);
    const ProfileStore::LoadResult result = ProfileStore::load(path);
    QVERIFY(!result.ok);
    QVERIFY2(result.error.contains(QStringLiteral("larger than 10 MiB")), qPrintable(result.error));
    ProfileModel model;
    QVERIFY(!model.loadAutosave(path).isEmpty());
    model.createProfile();
    QCOMPARE(readAll(path), content);
}

void TestProfileStore::saveReportsAnUnwritablePath()
{
    const QString blocker = m_dir.filePath(QStringLiteral("a-file"));
    write(blocker, "x");
    const QString error =
        ProfileStore::save(blocker + QStringLiteral("/profiles.json"), sampleProfiles());
    QVERIFY2(error.contains(blocker), qPrintable(error));
    QCOMPARE(readAll(blocker), QByteArray("x"));
}

void TestProfileStore::invalidUrlProblemHoldsNoSecret_data()
{
    QTest::addColumn<QString>("url");
    QTest::newRow("bad port") << QStringLiteral("ws://user:s3cret@127.0.0.1:99999/?token=abc");
    QTest::newRow("bad host") << QStringLiteral("ws://user:s3cret@ho st/?token=abc");
    QTest::newRow("bad query") << QStringLiteral("ws://user:s3cret@host/?token=abc def");
}

void TestProfileStore::invalidUrlProblemHoldsNoSecret()
{
    // QUrl::errorString() quotes the whole URL; the problem shown in the banner, the
    // editor and the log must not.
    QFETCH(QString, url);
    const QString problem = Profile::urlProblem(Profile::urlFromText(url));
    QVERIFY2(problem.startsWith(QLatin1String("The URL is not valid: Invalid ")),
             qPrintable(problem));
    const QJsonObject profile{{QStringLiteral("name"), QStringLiteral("a")},
                              {QStringLiteral("url"), url}};
    const QJsonObject root{{QStringLiteral("format"), QLatin1String(ProfileStore::FormatName)},
                           {QStringLiteral("version"), ProfileStore::FormatVersion},
                           {QStringLiteral("profiles"), QJsonArray{profile}}};
    const ProfileStore::LoadResult loaded =
        ProfileStore::parse(QJsonDocument(root).toJson(), QStringLiteral("hostile.json"));
    QVERIFY(!loaded.ok);
    QVERIFY2(loaded.error.contains(QLatin1String("not valid")), qPrintable(loaded.error));
    for (const QString &shown : {problem, loaded.error}) {
        QVERIFY2(!shown.contains(QLatin1String("s3cret")), qPrintable(shown));
        QVERIFY2(!shown.contains(QLatin1String("abc")), qPrintable(shown));
    }
}

void TestProfileStore::savesForTheOwnerOnly_data()
{
    QTest::addColumn<int>("before"); // the permissions of an existing file; 0: none yet
    const int owner = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
    const int othersRead = QFileDevice::ReadGroup | QFileDevice::ReadOther;
    QTest::newRow("new file") << 0;
    QTest::newRow("existing 0644") << (owner | othersRead);
    QTest::newRow("existing 0666")
        << (owner | othersRead | QFileDevice::WriteGroup | QFileDevice::WriteOther);
}

void TestProfileStore::savesForTheOwnerOnly()
{
    QFETCH(int, before);
#ifdef Q_OS_UNIX
    // Debian's default umask, which lets others read a new file: the test must not pass
    // by a stricter umask alone.
    const mode_t oldMask = ::umask(022);
    const auto restoreMask = qScopeGuard([oldMask] { ::umask(oldMask); });
#else
    QSKIP("POSIX permissions only");
#endif
    const QString path =
        m_dir.filePath(QStringLiteral("private-%1.json").arg(QTest::currentDataTag()));
    if (before != 0) {
        write(path, "{}");
        QVERIFY(QFile::setPermissions(path, QFileDevice::Permissions(before)));
    }
    for (int save = 0; save < 2; ++save) { // the first save, and the next autosave
        QCOMPARE(ProfileStore::save(path, sampleProfiles()), QString());
        const QFileDevice::Permissions p = QFileInfo(path).permissions();
        QVERIFY2(!(p & (QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ExeGroup |
                        QFileDevice::ReadOther | QFileDevice::WriteOther | QFileDevice::ExeOther)),
                 qPrintable(QString::number(int(p), 16)));
        QVERIFY(p.testFlags(QFileDevice::ReadOwner | QFileDevice::WriteOwner));
        QCOMPARE(ProfileStore::load(path).profiles, sampleProfiles());
    }
}

QTEST_GUILESS_MAIN(TestProfileStore)
#include "tst_profilestore.moc"
