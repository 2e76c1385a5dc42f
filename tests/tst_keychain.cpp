// Secrets in a real OS keychain: run by tests/keychain/with-keyring.sh in its own D-Bus
// session with gnome-keyring's Secret Service, HOME a new temporary folder.
// - SecretStore writes, reads back and deletes entries; secret-tool (libsecret, the
//   keychain's other client) sees exactly what was written, and the store reads what
//   secret-tool stored.
// - ProfileModel gives a secret header and a secret variable a keychain reference, writes
//   their values at autosave, and a second process (a restart of the app's engine) reads
//   them back from the keychain; no file under HOME holds a secret's bytes.
// - An edited value is written again; a duplicated profile's secret gets its own entry.
#include "keychain/keychaintesthelpers.h"
#include "profiles/profilemodel.h"
#include "profiles/profilestore.h"
#include "profiles/secretstore.h"

#include <QDirIterator>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <cstdio>

namespace {

using KeychainTest::lookUp;
constexpr int KeychainTimeoutMs = KeychainTest::TimeoutMs;

QString profilesPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation) +
           QStringLiteral("/profiles.json");
}

/// The child process: loads the profiles as the app does at start, prints each secret
/// header's value and each secret variable's value, one per line, then makes one change,
/// so the file is saved again and backed up (.bak) with the values read back in memory.
int printSecretsAfterRestart()
{
    ProfileModel profiles;
    SecretStore store;
    if (!profiles.loadAutosave(profilesPath()).isEmpty())
        return 2;
    QSignalSpy read(&profiles, &ProfileModel::secretsRead);
    profiles.setSecretStore(&store);
    if (!read.wait(KeychainTimeoutMs))
        return 3;
    for (const Profile &p : profiles.profiles()) {
        for (const HandshakeHeader &h : p.headers) {
            if (h.secret)
                std::printf("%s\n", h.value.toUtf8().constData());
        }
    }
    for (const Environment &e : profiles.environments().environments) {
        for (const Variable &v : e.variables) {
            if (v.secret)
                std::printf("%s\n", v.value.toUtf8().constData());
        }
    }
    profiles.createProfile();
    if (!QTest::qWaitFor([&] { return store.pendingJobs() == 0; }, KeychainTimeoutMs))
        return 4;
    return profiles.hasUnsavedChanges() ? 5 : 0;
}

} // namespace

/// A ProfileModel autosaving to a temporary file, its secrets in the keychain.
struct KeychainModel
{
    KeychainModel()
    {
        profiles.loadAutosave(dir.filePath(QStringLiteral("p.json")));
        profiles.setSecretStore(&store);
    }
    /// Adds a profile with a secret Authorization header of @p value; returns its row.
    int addSecretHeader(const QString &value)
    {
        const int row = profiles.createProfile();
        Profile p = profiles.profile(row);
        p.headers = {HandshakeHeader(QStringLiteral("Authorization"), value, true)};
        profiles.updateProfile(row, p);
        return row;
    }
    QTemporaryDir dir;
    ProfileModel profiles;
    SecretStore store;
};

class TestKeychain : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void storeWritesWhatTheSecretServiceHolds();
    void storeReadsWhatAnotherClientStored();
    void missingEntryReadsEmpty();
    void emptyValueDeletesTheEntry();
    void secretsSurviveARestartAndNoFileHoldsThem();
    void editedValueIsWrittenAgain();
    void duplicatedProfileGetsItsOwnEntry();
    void version1FileIsMigratedWhenAsked();

private:
    static QString unique(const char *what)
    {
        return QStringLiteral("%1-%2").arg(QLatin1String(what),
                                           QUuid::createUuid().toString(QUuid::Id128));
    }
    /// A profile with one secret Authorization header of @p value.
    static Profile withSecretHeader(const QString &name, const QString &value)
    {
        Profile p;
        p.name = name;
        p.url = QUrl(QStringLiteral("ws://127.0.0.1:8765/"));
        p.headers = {HandshakeHeader(QStringLiteral("Authorization"), value, true)};
        return p;
    }
    static void waitIdle(SecretStore &store)
    {
        QTRY_COMPARE_WITH_TIMEOUT(store.pendingJobs(), 0, KeychainTimeoutMs);
        QVERIFY2(store.isAvailable(), qPrintable(store.unavailableReason()));
    }
};

void TestKeychain::initTestCase()
{
    // The wrapper gives a HOME of its own: never write to a real user's keyring.
    QVERIFY2(QDir::homePath().contains(QLatin1String("sockscope-keyring")),
             "run through tests/keychain/with-keyring.sh");
    QVERIFY(!qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"));
}

void TestKeychain::storeWritesWhatTheSecretServiceHolds()
{
    SecretStore store;
    QSignalSpy written(&store, &SecretStore::written);
    const QString ref = unique("write");
    const QString value = QStringLiteral("Bearer ünïcødé-%1").arg(ref);
    store.write(ref, value);
    QTRY_COMPARE_WITH_TIMEOUT(written.count(), 1, KeychainTimeoutMs);
    QCOMPARE(written.at(0).at(0).toString(), ref);
    QCOMPARE(lookUp(ref), value);
}

void TestKeychain::storeReadsWhatAnotherClientStored()
{
    const QString ref = unique("stored");
    QVERIFY(KeychainTest::storeWithSecretTool(ref, "from secret-tool"));

    SecretStore store;
    QSignalSpy read(&store, &SecretStore::valueRead);
    QSignalSpy finished(&store, &SecretStore::readFinished);
    store.read({ref});
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, KeychainTimeoutMs);
    QCOMPARE(read.count(), 1);
    QCOMPARE(read.at(0).at(1).toString(), QStringLiteral("from secret-tool"));
}

void TestKeychain::missingEntryReadsEmpty()
{
    SecretStore store;
    QSignalSpy read(&store, &SecretStore::valueRead);
    QSignalSpy finished(&store, &SecretStore::readFinished);
    QSignalSpy failed(&store, &SecretStore::failed);
    store.read({unique("missing"), unique("missing")});
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, KeychainTimeoutMs);
    QCOMPARE(read.count(), 2);
    QCOMPARE(read.at(0).at(1).toString(), QString());
    QCOMPARE(failed.count(), 0);
    QVERIFY(store.isAvailable());
}

void TestKeychain::emptyValueDeletesTheEntry()
{
    SecretStore store;
    const QString ref = unique("delete");
    store.write(ref, QStringLiteral("short-lived"));
    waitIdle(store);
    QCOMPARE(lookUp(ref), QStringLiteral("short-lived"));
    store.write(ref, QString());
    waitIdle(store);
    QCOMPARE(lookUp(ref), QStringLiteral("<none>"));
}

void TestKeychain::secretsSurviveARestartAndNoFileHoldsThem()
{
    const QString headerValue = unique("Bearer tok");
    const QString variableValue = unique("var-secret");
    {
        ProfileModel profiles;
        SecretStore store;
        QCOMPARE(profiles.loadAutosave(profilesPath()), QString());
        profiles.setSecretStore(&store);
        const int row = profiles.createProfile();
        QCOMPARE(profiles.updateProfile(row, withSecretHeader(QStringLiteral("api"), headerValue)),
                 QString());
        EnvironmentSet environments;
        environments.environments = {
            Environment{QStringLiteral("staging"),
                        {Variable(QStringLiteral("apiToken"), variableValue, true)}}};
        environments.active = QStringLiteral("staging");
        profiles.setEnvironments(environments);
        waitIdle(store);
        const QString ref = profiles.profile(row).headers.at(0).secretRef;
        QVERIFY(!ref.isEmpty());
        QCOMPARE(lookUp(ref), headerValue);
    }
    QProcess child;
    child.start(QCoreApplication::applicationFilePath(), {QStringLiteral("--print-secrets")});
    QVERIFY(child.waitForFinished(2 * KeychainTimeoutMs));
    QCOMPARE(child.exitCode(), 0);
    QCOMPARE(QString::fromUtf8(child.readAllStandardOutput()),
             headerValue + QLatin1Char('\n') + variableValue + QLatin1Char('\n'));

    QVERIFY(QFile::exists(profilesPath()));
    QVERIFY(QFile::exists(ProfileStore::backupPath(profilesPath())));
    QStringList holding;
    const QStringList files =
        KeychainTest::filesUnderHome({headerValue.toUtf8(), variableValue.toUtf8()}, &holding);
    QVERIFY2(holding.isEmpty(), qPrintable(holding.join(QLatin1Char(' '))));
    QVERIFY(files.size() >= 3); // profiles.json, its .bak and the keyring
}

void TestKeychain::editedValueIsWrittenAgain()
{
    KeychainModel m;
    ProfileModel &profiles = m.profiles;
    SecretStore &store = m.store;
    const int row = m.addSecretHeader(QStringLiteral("v1"));
    waitIdle(store);
    const QString ref = profiles.profile(row).headers.at(0).secretRef;
    // The editor hands back its copy, which never saw the reference: it is kept.
    QCOMPARE(
        profiles.updateProfile(row, withSecretHeader(QStringLiteral("a"), QStringLiteral("v2"))),
        QString());
    waitIdle(store);
    QCOMPARE(profiles.profile(row).headers.at(0).secretRef, ref);
    QCOMPARE(lookUp(ref), QStringLiteral("v2"));
    // An empty value (a copy taken before the keychain answered, say) deletes nothing.
    Profile emptied = profiles.profile(row);
    emptied.headers[0].value.clear();
    QCOMPARE(profiles.updateProfile(row, emptied), QString());
    waitIdle(store);
    QCOMPARE(lookUp(ref), QStringLiteral("v2"));
}

void TestKeychain::duplicatedProfileGetsItsOwnEntry()
{
    KeychainModel m;
    ProfileModel &profiles = m.profiles;
    SecretStore &store = m.store;
    const int row = m.addSecretHeader(QStringLiteral("one"));
    const int copy = profiles.duplicateProfile(row);
    Profile edited = profiles.profile(copy);
    edited.headers[0].value = QStringLiteral("two");
    QCOMPARE(profiles.updateProfile(copy, edited), QString());
    waitIdle(store);
    const QString first = profiles.profile(row).headers.at(0).secretRef;
    const QString second = profiles.profile(copy).headers.at(0).secretRef;
    QVERIFY(first != second);
    QCOMPARE(lookUp(first), QStringLiteral("one"));
    QCOMPARE(lookUp(second), QStringLiteral("two"));
}

void TestKeychain::version1FileIsMigratedWhenAsked()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("profiles.json"));
    const QByteArray plain = "Bearer v1-plain-7c1e";
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(R"({"format": "sockscope-profiles", "version": 1, "profiles": [
        {"name": "Feed", "url": "ws://127.0.0.1:9/",
         "headers": [{"name": "Authorization", "value": ")" +
               plain + R"("},
                     {"name": "X-Client", "value": "sockscope"}]}]})");
    file.close();

    ProfileModel profiles;
    SecretStore store;
    QCOMPARE(profiles.loadAutosave(path), QString());
    profiles.setSecretStore(&store);
    QCOMPARE(profiles.plainSecretsToMigrate(), QStringList{QStringLiteral("Feed: Authorization")});
    QSignalSpy finished(&profiles, &ProfileModel::migrationFinished);
    profiles.migratePlainSecrets();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, KeychainTimeoutMs);
    QCOMPARE(finished.at(0).at(0).toString(), QString());
    const HandshakeHeader h = profiles.profile(0).headers.at(0);
    QVERIFY(h.secret);
    QCOMPARE(h.value, QString::fromLatin1(plain)); // still in memory for this run
    QCOMPARE(lookUp(h.secretRef), QString::fromLatin1(plain));
    QVERIFY(!profiles.profile(0).headers.at(1).secret); // only what is proposed as secret
    QVERIFY(profiles.plainSecretsToMigrate().isEmpty());
    for (const QString &written : {path, ProfileStore::backupPath(path)}) {
        QFile f(written);
        QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(written));
        const QByteArray bytes = f.readAll();
        QVERIFY2(!bytes.contains("v1-plain-7c1e"), qPrintable(written));
        QVERIFY2(bytes.contains(h.secretRef.toLatin1()), qPrintable(written));
    }
    ProfileModel restarted;
    SecretStore again;
    QCOMPARE(restarted.loadAutosave(path), QString());
    QSignalSpy read(&restarted, &ProfileModel::secretsRead);
    restarted.setSecretStore(&again);
    QVERIFY(read.wait(KeychainTimeoutMs));
    QCOMPARE(restarted.profile(0).headers.at(0).value, QString::fromLatin1(plain));
}

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("sockscope"));
    QCoreApplication::setOrganizationName(QStringLiteral("sockscope"));
    if (argc == 2 && qstrcmp(argv[1], "--print-secrets") == 0)
        return printSecretsAfterRestart();
    TestKeychain test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_keychain.moc"
