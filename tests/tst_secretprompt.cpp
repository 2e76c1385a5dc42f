// A proxy's password asked at Connect and remembered in a real OS keychain, through the
// tab as a person uses it: run by tests/keychain/with-keyring.sh (gnome-keyring's Secret
// Service in the test's own D-Bus session, HOME a temporary folder), through
// tests/peers/socks5_proxy.py, which requires a user and password (RFC 1929).
// - Asked once with "Remember" offered and ticked; the proxy let the tab through; the
//   keychain holds the password; another tab (as after a restart) connects without asking.
// - A wrong remembered password: the proxy refuses it, the next Connect asks again and
//   the keychain takes the new one.
// - "Remember" unticked: the keychain keeps nothing.
// - No file under HOME holds the password's bytes.
#include "keychain/keychaintesthelpers.h"
#include "profiles/secretstore.h"
#include "proxypeers.h"
#include "secretdialoganswerer.h"
#include "widgettesthelpers.h"

namespace {

using KeychainTest::lookUp;
constexpr int KeychainTimeoutMs = KeychainTest::TimeoutMs;
const QString User = QStringLiteral("bob");
const QString Password = QStringLiteral("proxy pass w0rd!"); // Qt sends RFC 1929 Latin-1

QString proxyRef(quint16 port)
{
    return QStringLiteral("proxy:socks5://%1@127.0.0.1:%2").arg(User).arg(port);
}

} // namespace

class TestSecretPrompt : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void rememberedPasswordIsNotAskedAgain();
    void refusedPasswordIsAskedAgain();
    void uncheckedRememberKeepsNothing();
    void aMistypedPasswordIsNeverRemembered();

private:
    /// A tab on a profile through the proxy, shown.
    std::unique_ptr<SessionTab> openTab();
    int proxyConnects() const { return int(m_proxy->all(QStringLiteral("connect")).size()); }

    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<Socks5Peer> m_proxy;
    std::unique_ptr<SecretStore> m_keychain;
    std::unique_ptr<TestProfiles> m_profiles;
    int m_row = -1;
};

void TestSecretPrompt::init()
{
    QVERIFY2(QDir::homePath().contains(QLatin1String("sockscope-keyring")),
             qPrintable(QDir::homePath()));
    m_server = std::make_unique<TestServer>();
    QVERIFY(m_server->listen());
    m_proxy = std::make_unique<Socks5Peer>(User, Password);
    QVERIFY(m_proxy->waitListening());
    m_keychain = std::make_unique<SecretStore>();
    m_profiles = std::make_unique<TestProfiles>();
    QCOMPARE(m_profiles->load(), QString());
    m_profiles->model.setSecretStore(m_keychain.get());
    m_row =
        m_profiles->add(through(m_server->url(), ProxySettings::Type::Socks5, m_proxy->port, User));
    QVERIFY(m_row >= 0);
}

void TestSecretPrompt::cleanup()
{
    if (m_keychain)
        QVERIFY(QTest::qWaitFor([&] { return m_keychain->pendingJobs() == 0; }, KeychainTimeoutMs));
    m_profiles.reset();
    m_keychain.reset();
    m_proxy.reset();
    m_server.reset();
}

std::unique_ptr<SessionTab> TestSecretPrompt::openTab()
{
    auto tab =
        std::make_unique<SessionTab>(&m_profiles->model, m_profiles->model.idAt(m_row), QUrl());
    tab->resize(1000, 700);
    tab->show();
    if (!QTest::qWaitForWindowExposed(tab.get()))
        return nullptr;
    return tab;
}

void TestSecretPrompt::rememberedPasswordIsNotAskedAgain()
{
    {
        SecretDialogAnswerer answerer(Password);
        auto tab = openTab();
        QVERIFY(tab);
        connectAndWaitOpen(tab.get());
        QCOMPARE(answerer.asked, 1);
        QCOMPARE(answerer.rememberOffered, QList<bool>{true});
        QCOMPARE(answerer.rememberTicked, QList<bool>{true}); // remembered by default
        QVERIFY2(answerer.questions[0].contains(QStringLiteral("bob@127.0.0.1")),
                 qPrintable(answerer.questions[0]));
        QCOMPARE(proxyConnects(), 1);
        stopAndWaitClosed(tab.get());
    }
    QTRY_COMPARE_WITH_TIMEOUT(lookUp(proxyRef(m_proxy->port)), Password, KeychainTimeoutMs);

    SecretDialogAnswerer answerer(QStringLiteral("never typed"));
    auto restarted = openTab(); // a new tab remembers nothing in memory
    QVERIFY(restarted);
    connectAndWaitOpen(restarted.get());
    QCOMPARE(answerer.asked, 0);
    QCOMPARE(proxyConnects(), 2);
    stopAndWaitClosed(restarted.get());
    QVERIFY(m_proxy->all(QStringLiteral("auth-failed")).isEmpty());

    QStringList holding;
    QVERIFY(!KeychainTest::filesUnderHome({Password.toUtf8()}, &holding).isEmpty());
    QVERIFY(!KeychainTest::filesUnder(m_profiles->dir.path(), {Password.toUtf8()}, &holding)
                 .isEmpty()); // profiles.json at least
    QVERIFY2(holding.isEmpty(), qPrintable(holding.join(QLatin1Char(' '))));
}

void TestSecretPrompt::refusedPasswordIsAskedAgain()
{
    m_keychain->write(proxyRef(m_proxy->port), QStringLiteral("stale"));
    QVERIFY(QTest::qWaitFor([&] { return m_keychain->pendingJobs() == 0; }, KeychainTimeoutMs));
    SecretDialogAnswerer answerer(Password);
    auto tab = openTab();
    QVERIFY(tab);
    clickConnect(tab.get());
    QTRY_COMPARE(m_proxy->all(QStringLiteral("auth-failed")).size(), 1);
    QTRY_COMPARE(tab->session()->endCause(), WebSocketSession::EndCause::HandshakeFailed);
    QTRY_VERIFY(named<QPushButton>(tab.get(), QStringLiteral("Connect"))->isEnabled());
    QCOMPARE(answerer.asked, 0); // the keychain's value was tried without asking

    connectAndWaitOpen(tab.get()); // refused: asked again, not read from the keychain
    QCOMPARE(answerer.asked, 1);
    QCOMPARE(proxyConnects(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(lookUp(proxyRef(m_proxy->port)), Password, KeychainTimeoutMs);
    stopAndWaitClosed(tab.get());
}

void TestSecretPrompt::uncheckedRememberKeepsNothing()
{
    SecretDialogAnswerer answerer(Password, false);
    auto tab = openTab();
    QVERIFY(tab);
    connectAndWaitOpen(tab.get());
    QCOMPARE(answerer.asked, 1);
    stopAndWaitClosed(tab.get());
    connectAndWaitOpen(tab.get()); // held in memory for this tab
    QCOMPARE(answerer.asked, 1);
    stopAndWaitClosed(tab.get());
    QVERIFY(QTest::qWaitFor([&] { return m_keychain->pendingJobs() == 0; }, KeychainTimeoutMs));
    QCOMPARE(lookUp(proxyRef(m_proxy->port)), QStringLiteral("<none>"));
}

void TestSecretPrompt::aMistypedPasswordIsNeverRemembered()
{
    SecretDialogAnswerer answerer(QStringList{QStringLiteral("typo"), Password});
    auto tab = openTab();
    QVERIFY(tab);
    clickConnect(tab.get());
    QTRY_COMPARE(m_proxy->all(QStringLiteral("auth-failed")).size(), 1);
    QTRY_VERIFY(named<QPushButton>(tab.get(), QStringLiteral("Connect"))->isEnabled());
    QVERIFY(QTest::qWaitFor([&] { return m_keychain->pendingJobs() == 0; }, KeychainTimeoutMs));
    QCOMPARE(lookUp(proxyRef(m_proxy->port)), QStringLiteral("<none>")); // tried, refused
    connectAndWaitOpen(tab.get());
    QCOMPARE(answerer.asked, 2);
    QTRY_COMPARE_WITH_TIMEOUT(lookUp(proxyRef(m_proxy->port)), Password, KeychainTimeoutMs);
    stopAndWaitClosed(tab.get());
}

QTEST_MAIN(TestSecretPrompt)
#include "tst_secretprompt.moc"
