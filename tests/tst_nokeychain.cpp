// Secrets with no keychain: run by tests/keychain/with-keyring.sh --no-keyring, with no
// D-Bus session at all (as on a headless machine). ProfileModel says so once, keeps the
// secret's value in memory for this run, and writes it to no file: after a restart the
// value is empty, never read back from plain text.
#include "keychain/keychaintesthelpers.h"
#include "profiles/profilemodel.h"
#include "profiles/secretstore.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

class TestNoKeychain : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void saidOnceAndKeptInMemoryOnly();
    void readingAfterwardsAnswersAtOnce();
    void migrationChangesNothing();
};

void TestNoKeychain::initTestCase()
{
    QVERIFY2(qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"),
             "run through tests/keychain/with-keyring.sh --no-keyring");
}

void TestNoKeychain::saidOnceAndKeptInMemoryOnly()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("profiles.json"));
    const QString secret = QStringLiteral("Bearer only-in-memory-7f3a");
    ProfileModel profiles;
    SecretStore store;
    QSignalSpy unavailable(&profiles, &ProfileModel::keychainUnavailable);
    QCOMPARE(profiles.loadAutosave(path), QString());
    profiles.setSecretStore(&store);
    Profile p = profiles.profile(0);
    p.headers = {HandshakeHeader(QStringLiteral("Authorization"), secret, true)};
    QCOMPARE(profiles.updateProfile(0, p), QString());
    QTRY_COMPARE_WITH_TIMEOUT(unavailable.count(), 1, 20000);
    QVERIFY(unavailable.at(0).at(0).toString().contains(QLatin1String("in memory for this run")));
    QVERIFY(!store.isAvailable());

    p.headers[0].value = secret + QStringLiteral("-2");
    QCOMPARE(profiles.updateProfile(0, p), QString());
    QTRY_COMPARE(store.pendingJobs(), 0);
    QCOMPARE(unavailable.count(), 1); // said once
    QCOMPARE(profiles.profile(0).headers.at(0).value, secret + QStringLiteral("-2"));

    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray saved = file.readAll();
    QVERIFY(saved.contains("\"secretRef\""));
    QVERIFY(!saved.contains("only-in-memory"));

    // Nor any other file: QtKeychain's plain-text fallback is never used.
    QVERIFY(QDir::homePath().contains(QLatin1String("sockscope-keyring")));
    QStringList holding;
    KeychainTest::filesUnderHome({"only-in-memory"}, &holding);
    QVERIFY2(holding.isEmpty(), qPrintable(holding.join(QLatin1Char(' '))));

    ProfileModel restarted;
    QCOMPARE(restarted.loadAutosave(path), QString());
    QCOMPARE(restarted.profile(0).headers.at(0).value, QString());
    QVERIFY(restarted.profile(0).headers.at(0).secret);
}

void TestNoKeychain::readingAfterwardsAnswersAtOnce()
{
    SecretStore store;
    QSignalSpy unavailable(&store, &SecretStore::unavailable);
    QSignalSpy finished(&store, &SecretStore::readFinished);
    store.read({QStringLiteral("ref-a")});
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20000);
    QCOMPARE(unavailable.count(), 1);
    store.read({QStringLiteral("ref-b")});
    QCOMPARE(finished.count(), 2); // at once: the store no longer asks
    QCOMPARE(unavailable.count(), 1);
}

void TestNoKeychain::migrationChangesNothing()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("profiles.json"));
    const QByteArray v1 = R"({"format": "sockscope-profiles", "version": 1, "profiles": [
        {"name": "Feed", "url": "ws://127.0.0.1:9/",
         "headers": [{"name": "Authorization", "value": "Bearer plain"}]}]})";
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(v1);
    file.close();
    ProfileModel profiles;
    SecretStore store;
    QCOMPARE(profiles.loadAutosave(path), QString());
    profiles.setSecretStore(&store);
    QSignalSpy finished(&profiles, &ProfileModel::migrationFinished);
    profiles.migratePlainSecrets();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20000);
    QVERIFY2(finished.at(0).at(0).toString().contains(QLatin1String("stay as they are")),
             qPrintable(finished.at(0).at(0).toString()));
    QVERIFY(!profiles.profile(0).headers.at(0).secret); // the value is where it was
    QCOMPARE(profiles.profile(0).headers.at(0).value, QStringLiteral("Bearer plain"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), v1); // the file as it was
}

QTEST_GUILESS_MAIN(TestNoKeychain)
#include "tst_nokeychain.moc"
