// The tab asks for a client key's passphrase at Connect, in a password dialog, once per
// key file; a cancelled dialog sends nothing; the passphrase never reaches the profiles
// file. And the profile editor's TLS and proxy fields edit the profile. Against the
// python3 TLS server that requires a client certificate (tests/peers/ws_peer.py).
#include "profileeditor.h"
#include "pythonpeer.h"
#include "secretdialoganswerer.h"
#include "sessiontesthelpers.h"
#include "widgettesthelpers.h"

#include <QApplication>
#include <QComboBox>
#include <QFile>
#include <QLineEdit>
#include <QSpinBox>
#include <QTest>
#include <QTimer>

namespace {

const QString Data = QStringLiteral(SOCKSCOPE_TEST_DATA);
const QString Passphrase = QStringLiteral("sockscope-test");

Profile clientCertificateProfile(const PythonTlsServer &server)
{
    Profile p = profileFor(server.wssUrl());
    p.name = QStringLiteral("Client certificate");
    p.tls.caBundleFile = Data + QStringLiteral("/test-ca.crt");
    p.tls.caBundleReplacesSystemRoots = true;
    p.tls.clientCertificateFile = Data + QStringLiteral("/client.crt");
    p.tls.clientKeyFile = Data + QStringLiteral("/client.key");
    return p;
}

} // namespace

class TestTlsPrompt : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void passphraseIsAskedOnceAndNeverSaved();
    void cancelledPassphraseSendsNothing();
    void editorEditsTlsAndProxyFields();
};

void TestTlsPrompt::passphraseIsAskedOnceAndNeverSaved()
{
    PythonTlsServer server(true);
    QVERIFY(server.waitListening());
    TestProfiles store;
    QCOMPARE(store.load(), QString());
    const int row = store.add(clientCertificateProfile(server));
    QVERIFY(row >= 0);
    SessionTab tab(&store.model, store.model.idAt(row), QUrl());
    tab.show();
    QVERIFY(QTest::qWaitForWindowExposed(&tab));
    SecretDialogAnswerer answerer(Passphrase);
    connectAndWaitOpen(&tab);
    QCOMPARE(answerer.asked, 1);
    QCOMPARE(answerer.rememberOffered, QList<bool>{false}); // no keychain in this test
    QVERIFY2(answerer.questions.value(0).contains(QStringLiteral("client.key")),
             qPrintable(answerer.questions.value(0)));
    QTRY_COMPARE(
        server.last(QStringLiteral("open")).value(QStringLiteral("client_subject")).toString(),
        QStringLiteral("Sockscope test client"));
    QVERIFY(tab.session()->close(1000, QString()).ok);
    QTRY_COMPARE(tab.session()->state(), WebSocketSession::State::Closed);
    connectAndWaitOpen(&tab); // held: not asked again
    QCOMPARE(answerer.asked, 1);

    const QString exported = store.dir.filePath(QStringLiteral("exported.json"));
    QCOMPARE(store.model.exportTo(exported), QString());
    for (const QString &path : {store.dir.filePath(QStringLiteral("profiles.json")), exported}) {
        QFile file(path);
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(path));
        const QByteArray saved = file.readAll();
        QVERIFY(saved.contains("client.key"));
        QVERIFY(!saved.contains(Passphrase.toUtf8()));
    }
}

void TestTlsPrompt::cancelledPassphraseSendsNothing()
{
    PythonTlsServer server(true);
    QVERIFY(server.waitListening());
    TestProfiles store;
    QCOMPARE(store.load(), QString());
    const int row = store.add(clientCertificateProfile(server));
    SessionTab tab(&store.model, store.model.idAt(row), QUrl());
    tab.show();
    QVERIFY(QTest::qWaitForWindowExposed(&tab));
    SecretDialogAnswerer answerer{QString()};
    clickConnect(&tab);
    QTRY_COMPARE(answerer.asked, 1);
    QCOMPARE(tab.session()->state(), WebSocketSession::State::Closed);
    QVERIFY(!tab.session()->connectedProfile().has_value());
    auto *status = named<QLabel>(&tab, QStringLiteral("Status"));
    QVERIFY(status);
    QVERIFY2(status->text().contains(QStringLiteral("not given")), qPrintable(status->text()));
    QTest::qWait(200); // nothing reaches the server late either
    QVERIFY(server.all(QStringLiteral("open")).isEmpty());
}

void TestTlsPrompt::editorEditsTlsAndProxyFields()
{
    ProfileEditor editor;
    Profile p = profileFor(QUrl(QStringLiteral("wss://example.com/")));
    editor.setProfile(p, QUrl());
    editor.show();
    int edits = 0;
    Profile edited;
    connect(&editor, &ProfileEditor::profileEdited, &editor, [&](const Profile &e) {
        ++edits;
        edited = e;
    });
    auto *ca = named<QLineEdit>(&editor, QStringLiteral("CA bundle"));
    auto *trust = named<QComboBox>(&editor, QStringLiteral("Trust"));
    auto *certificate = named<QLineEdit>(&editor, QStringLiteral("Client certificate"));
    auto *key = named<QLineEdit>(&editor, QStringLiteral("Client key"));
    auto *proxy = named<QComboBox>(&editor, QStringLiteral("Proxy"));
    auto *host = named<QLineEdit>(&editor, QStringLiteral("Proxy host"));
    auto *port = named<QSpinBox>(&editor, QStringLiteral("Proxy port"));
    auto *user = named<QLineEdit>(&editor, QStringLiteral("Proxy user"));
    QVERIFY(ca && trust && certificate && key && proxy && host && port && user);
    QVERIFY(!host->isEnabled()); // no proxy yet
    ca->setText(QStringLiteral("/etc/ssl/private-ca.pem"));
    Q_EMIT ca->editingFinished();
    trust->setCurrentIndex(1);
    certificate->setText(QStringLiteral("/home/me/me.p12"));
    Q_EMIT certificate->editingFinished();
    QVERIFY(!key->isEnabled()); // PKCS#12 holds the key
    proxy->setCurrentIndex(3);  // SOCKS5
    QVERIFY(host->isEnabled() && port->isEnabled() && user->isEnabled());
    host->setText(QStringLiteral("proxy.local"));
    Q_EMIT host->editingFinished();
    port->setValue(1080);
    Q_EMIT port->editingFinished();
    user->setText(QStringLiteral("bob"));
    Q_EMIT user->editingFinished();
    QVERIFY(edits > 0);
    QCOMPARE(edited.tls.caBundleFile, QStringLiteral("/etc/ssl/private-ca.pem"));
    QVERIFY(edited.tls.caBundleReplacesSystemRoots);
    QCOMPARE(edited.tls.clientCertificateFile, QStringLiteral("/home/me/me.p12"));
    QCOMPARE(edited.proxy.type, ProxySettings::Type::Socks5);
    QCOMPARE(edited.proxy.host, QStringLiteral("proxy.local"));
    QCOMPARE(edited.proxy.port, 1080);
    QCOMPARE(edited.proxy.user, QStringLiteral("bob"));
    QCOMPARE(edited.problem(), QString());
    // And back into the fields.
    editor.setProfile(edited, QUrl());
    QCOMPARE(editor.profile(), edited);
}

QTEST_MAIN(TestTlsPrompt)
#include "tst_tlsprompt.moc"
