// A client key's passphrase and a proxy's password in a real OS keychain: run by
// tests/keychain/with-keyring.sh in its own D-Bus session with gnome-keyring's Secret
// Service. ConnectSecretKeeper finds what a profile needs, reads what the keychain
// remembers (what secret-tool, libsecret's client, stored too), writes what the user asks
// it to remember, deletes what the user no longer wants remembered, and after forget()
// never trusts the keychain's old value again until a new one is given.
#include "keychain/keychaintesthelpers.h"
#include "profiles/profile.h"
#include "profiles/secretstore.h"
#include "session/connectsecretkeeper.h"

#include <QDir>
#include <QProcess>
#include <QSignalSpy>
#include <QTest>

namespace {

using KeychainTest::lookUp;
using KeychainTest::storeWithSecretTool;
constexpr int KeychainTimeoutMs = KeychainTest::TimeoutMs;

Profile proxyProfile(const QString &user)
{
    Profile p;
    p.name = QStringLiteral("Through SOCKS");
    p.url = QUrl(QStringLiteral("ws://127.0.0.1:9/"));
    p.proxy.type = ProxySettings::Type::Socks5;
    p.proxy.host = QStringLiteral("127.0.0.1");
    p.proxy.port = 1080;
    p.proxy.user = user;
    return p;
}

/// lookUp() and the unanswered needs it reports.
QList<ConnectSecretNeed> lookedUp(ConnectSecretKeeper &keeper,
                                  const QList<ConnectSecretNeed> &needs)
{
    QSignalSpy done(&keeper, &ConnectSecretKeeper::lookedUp);
    keeper.lookUp(needs);
    if (done.isEmpty() && !done.wait(KeychainTimeoutMs))
        return {ConnectSecretNeed{ConnectSecretNeed::Kind::ProxyPassword,
                                  QStringLiteral("(no answer)"), QString()}};
    return done.takeFirst().at(0).value<QList<ConnectSecretNeed>>();
}

bool writesDone(SecretStore &store)
{
    return QTest::qWaitFor([&] { return store.pendingJobs() == 0; }, KeychainTimeoutMs);
}

/// Stores @p value for @p ref as an earlier run of the app did: through QtKeychain.
bool storeAsTheApp(const QString &ref, const QString &value)
{
    SecretStore store;
    QSignalSpy written(&store, &SecretStore::written);
    store.write(ref, value);
    return written.wait(KeychainTimeoutMs) && lookUp(ref) == value;
}

} // namespace

class TestConnectSecrets : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void needsOfAProfile();
    void rememberedSurvivesARestart();
    void notRememberedIsDeleted();
    void readsWhatAnotherRunStored();
    void forgottenIsNotReadAgain();
    void withoutAKeychainMemoryOnly();
    void nothingIsWrittenBeforeItOpened();
    void anEmptyValueIsNeverWrittenNorDeletes();
    void aReplacedLookUpAnswersOnce();
    void deletedDuringALookUp();
};

void TestConnectSecrets::initTestCase()
{
    qRegisterMetaType<QList<ConnectSecretNeed>>();
    // The wrapper's keyring, not the user's: HOME is its temporary folder.
    QVERIFY2(QDir::homePath().contains(QLatin1String("sockscope-keyring")),
             qPrintable(QDir::homePath()));
}

void TestConnectSecrets::needsOfAProfile()
{
    QCOMPARE(ConnectSecretKeeper::needsOf(proxyProfile(QString())).size(), 0);
    const QList<ConnectSecretNeed> needs =
        ConnectSecretKeeper::needsOf(proxyProfile(QStringLiteral("bob")));
    QCOMPARE(needs.size(), 1);
    QCOMPARE(needs[0].kind, ConnectSecretNeed::Kind::ProxyPassword);
    QCOMPARE(needs[0].ref, QStringLiteral("proxy:socks5://bob@127.0.0.1:1080"));
    QCOMPARE(needs[0].subject, QStringLiteral("bob@127.0.0.1:1080"));

    Profile tls = proxyProfile(QString());
    tls.tls.clientCertificateFile = QStringLiteral(SOCKSCOPE_TEST_DATA "/client.crt");
    tls.tls.clientKeyFile = QStringLiteral(SOCKSCOPE_TEST_DATA "/client.key");
    QCOMPARE(ConnectSecretKeeper::needsOf(tls).size(), 0); // ws:// never uses the key
    tls.url = QUrl(QStringLiteral("wss://127.0.0.1:9/"));
    const QList<ConnectSecretNeed> keyNeeds = ConnectSecretKeeper::needsOf(tls);
    QCOMPARE(keyNeeds.size(), 1);
    QCOMPARE(keyNeeds[0].kind, ConnectSecretNeed::Kind::KeyPassphrase);
    QCOMPARE(keyNeeds[0].ref, QStringLiteral("tls-key:") + tls.tls.clientKeyFile);
}

void TestConnectSecrets::rememberedSurvivesARestart()
{
    const QList<ConnectSecretNeed> needs =
        ConnectSecretKeeper::needsOf(proxyProfile(QStringLiteral("alice")));
    SecretStore app;
    {
        ConnectSecretKeeper first(&app);
        QVERIFY(first.canRemember());
        QCOMPARE(lookedUp(first, needs), needs); // nothing remembered yet
        first.hold(needs[0], QStringLiteral("s3cret pass"), true);
        QCOMPARE(first.secretsFor(needs).proxyPassword, QStringLiteral("s3cret pass"));
        first.commit(); // the connection opened with it
        QVERIFY(writesDone(app));
    }
    QCOMPARE(lookUp(needs[0].ref), QStringLiteral("s3cret pass"));

    ConnectSecretKeeper restarted(&app);
    QVERIFY(lookedUp(restarted, needs).isEmpty());
    QVERIFY(restarted.cameFromKeychain(needs[0]));
    QCOMPARE(restarted.secretsFor(needs).proxyPassword, QStringLiteral("s3cret pass"));
}

void TestConnectSecrets::notRememberedIsDeleted()
{
    const QList<ConnectSecretNeed> needs =
        ConnectSecretKeeper::needsOf(proxyProfile(QStringLiteral("carol")));
    QVERIFY(storeAsTheApp(needs[0].ref, QStringLiteral("old")));
    SecretStore app;
    ConnectSecretKeeper keeper(&app);
    keeper.hold(needs[0], QStringLiteral("this run only"), false);
    keeper.commit();
    QVERIFY(writesDone(app));
    QCOMPARE(lookUp(needs[0].ref), QStringLiteral("<none>"));
    QCOMPARE(keeper.secretsFor(needs).proxyPassword, QStringLiteral("this run only"));
}

void TestConnectSecrets::readsWhatAnotherRunStored()
{
    Profile p = proxyProfile(QStringLiteral("dave"));
    p.url = QUrl(QStringLiteral("wss://127.0.0.1:9/"));
    p.tls.clientCertificateFile = QStringLiteral(SOCKSCOPE_TEST_DATA "/client.crt");
    p.tls.clientKeyFile = QStringLiteral(SOCKSCOPE_TEST_DATA "/client.key");
    const QList<ConnectSecretNeed> needs = ConnectSecretKeeper::needsOf(p);
    QCOMPARE(needs.size(), 2);
    QVERIFY(storeWithSecretTool(needs[0].ref, "key phrase"));
    SecretStore app;
    ConnectSecretKeeper keeper(&app);
    const QList<ConnectSecretNeed> unanswered = lookedUp(keeper, needs);
    QCOMPARE(unanswered.size(), 1); // the proxy password was never stored
    QCOMPARE(unanswered[0].kind, ConnectSecretNeed::Kind::ProxyPassword);
    keeper.hold(unanswered[0], QStringLiteral("pw"), true);
    const ConnectSecrets secrets = keeper.secretsFor(needs);
    QCOMPARE(secrets.keyPassphrase, QStringLiteral("key phrase"));
    QCOMPARE(secrets.proxyPassword, QStringLiteral("pw"));
    QVERIFY(writesDone(app));
}

void TestConnectSecrets::forgottenIsNotReadAgain()
{
    const QList<ConnectSecretNeed> needs =
        ConnectSecretKeeper::needsOf(proxyProfile(QStringLiteral("erin")));
    QVERIFY(storeAsTheApp(needs[0].ref, QStringLiteral("wrong")));
    SecretStore app;
    ConnectSecretKeeper keeper(&app);
    QVERIFY(lookedUp(keeper, needs).isEmpty());
    QCOMPARE(keeper.secretsFor(needs).proxyPassword, QStringLiteral("wrong"));

    keeper.forget(); // the proxy refused it
    QVERIFY(!keeper.holds(needs[0]));
    QCOMPARE(lookedUp(keeper, needs), needs); // asked again, not read again
    QCOMPARE(lookUp(needs[0].ref), QStringLiteral("wrong"));
    keeper.hold(needs[0], QStringLiteral("right"), true);
    keeper.commit();
    QVERIFY(writesDone(app));
    QCOMPARE(lookUp(needs[0].ref), QStringLiteral("right"));

    keeper.forget();
    keeper.hold(needs[0], QStringLiteral("right"), true);
    keeper.commit();
    keeper.forget();
    ConnectSecretKeeper other(&app); // another tab trusts the keychain
    QVERIFY(lookedUp(other, needs).isEmpty());
    QCOMPARE(other.secretsFor(needs).proxyPassword, QStringLiteral("right"));
    QVERIFY(writesDone(app));
}

void TestConnectSecrets::withoutAKeychainMemoryOnly()
{
    const QList<ConnectSecretNeed> needs =
        ConnectSecretKeeper::needsOf(proxyProfile(QStringLiteral("frank")));
    QVERIFY(storeAsTheApp(needs[0].ref, QStringLiteral("in the keychain")));
    ConnectSecretKeeper keeper(nullptr);
    QVERIFY(!keeper.canRemember());
    QSignalSpy done(&keeper, &ConnectSecretKeeper::lookedUp);
    keeper.lookUp(needs);
    QCOMPARE(done.size(), 1); // at once: nothing is read
    QCOMPARE(done.at(0).at(0).value<QList<ConnectSecretNeed>>(), needs);
    keeper.hold(needs[0], QStringLiteral("memory"), true);
    QCOMPARE(keeper.secretsFor(needs).proxyPassword, QStringLiteral("memory"));
    QCOMPARE(lookUp(needs[0].ref), QStringLiteral("in the keychain")); // untouched
}

void TestConnectSecrets::nothingIsWrittenBeforeItOpened()
{
    const QList<ConnectSecretNeed> needs =
        ConnectSecretKeeper::needsOf(proxyProfile(QStringLiteral("gina")));
    SecretStore app;
    ConnectSecretKeeper keeper(&app);
    keeper.hold(needs[0], QStringLiteral("typo"), true);
    QTest::qWait(100);
    QCOMPARE(app.pendingJobs(), 0);
    QCOMPARE(lookUp(needs[0].ref), QStringLiteral("<none>"));
    keeper.forget(); // the proxy refused it
    keeper.commit();
    QVERIFY(writesDone(app));
    QCOMPARE(lookUp(needs[0].ref), QStringLiteral("<none>"));
}

void TestConnectSecrets::anEmptyValueIsNeverWrittenNorDeletes()
{
    const QList<ConnectSecretNeed> needs =
        ConnectSecretKeeper::needsOf(proxyProfile(QStringLiteral("hank")));
    QVERIFY(storeAsTheApp(needs[0].ref, QStringLiteral("keep me")));
    SecretStore app;
    ConnectSecretKeeper keeper(&app);
    keeper.hold(needs[0], QString(), true);
    keeper.commit();
    keeper.hold(needs[0], QString(), false);
    keeper.commit();
    QVERIFY(writesDone(app));
    QCOMPARE(lookUp(needs[0].ref), QStringLiteral("keep me"));
}

void TestConnectSecrets::aReplacedLookUpAnswersOnce()
{
    const QList<ConnectSecretNeed> first =
        ConnectSecretKeeper::needsOf(proxyProfile(QStringLiteral("ivy")));
    const QList<ConnectSecretNeed> second =
        ConnectSecretKeeper::needsOf(proxyProfile(QStringLiteral("jack")));
    QVERIFY(storeAsTheApp(second[0].ref, QStringLiteral("jack's")));
    SecretStore app;
    ConnectSecretKeeper keeper(&app);
    QSignalSpy done(&keeper, &ConnectSecretKeeper::lookedUp);
    keeper.lookUp(first);
    keeper.lookUp(second); // replaces the first
    QVERIFY(done.wait(KeychainTimeoutMs));
    QTest::qWait(200);
    QCOMPARE(done.size(), 1);
    QVERIFY(done.at(0).at(0).value<QList<ConnectSecretNeed>>().isEmpty()); // the second's
    QCOMPARE(keeper.secretsFor(second).proxyPassword, QStringLiteral("jack's"));
}

void TestConnectSecrets::deletedDuringALookUp()
{
    // The tab closed while the keychain was still answering: its read must not be
    // freed under QtKeychain's callback (AddressSanitizer would say so).
    const QList<ConnectSecretNeed> needs =
        ConnectSecretKeeper::needsOf(proxyProfile(QStringLiteral("kim")));
    QVERIFY(storeAsTheApp(needs[0].ref, QStringLiteral("kim's")));
    SecretStore app;
    for (int i = 0; i < 5; ++i) {
        auto *keeper = new ConnectSecretKeeper(&app);
        keeper->lookUp(needs);
        QVERIFY(keeper->isLookingUp());
        delete keeper;
    }
    QTest::qWait(500); // the answers arrive
    ConnectSecretKeeper after(&app);
    QVERIFY(lookedUp(after, needs).isEmpty());
    QCOMPARE(after.secretsFor(needs).proxyPassword, QStringLiteral("kim's"));
}

QTEST_GUILESS_MAIN(TestConnectSecrets)
#include "tst_connectsecrets.moc"
