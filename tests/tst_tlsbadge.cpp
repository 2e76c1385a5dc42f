// The "TLS not verified" badge of a tab: shown for the whole of a wss:// connection
// whose certificate errors the profile ignores, and gone once the tab connects again
// where nothing is ignored. Against in-process QWebSocketServers, one with the
// self-signed certificate in tests/data, one without TLS.
#include "testtls.h"
#include "widgettesthelpers.h"

#include <QLabel>
#include <QSignalSpy>
#include <QSslConfiguration>
#include <QTest>

class TestTlsBadge : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void badgeLastsForTheConnectionWhoseTlsErrorsWereIgnored();
};

void TestTlsBadge::badgeLastsForTheConnectionWhoseTlsErrorsWereIgnored()
{
    const QSslConfiguration tls = testServerTls();
    QVERIFY(!tls.localCertificate().isNull());
    TestServer secure(QWebSocketServer::SecureMode);
    secure.server.setSslConfiguration(tls);
    QVERIFY(secure.listen());
    TestServer plain;
    QVERIFY(plain.listen());

    TestProfiles store;
    QCOMPARE(store.load(), QString());
    ProfileModel &profiles = store.model;
    Profile p = profileFor(secure.url());
    p.name = QStringLiteral("Self-signed");
    p.ignoreTlsErrors = true;
    const int row = store.add(p);
    QVERIFY(row >= 0);
    SessionTab tab(&profiles, profiles.idAt(row), QUrl());
    tab.show();
    QVERIFY(QTest::qWaitForWindowExposed(&tab));
    auto *badge = named<QLabel>(&tab, QStringLiteral("TLS not verified"));
    auto *state = named<QLabel>(&tab, QStringLiteral("Connection state"));
    QVERIFY(badge && state);
    QVERIFY(!badge->isVisible());

    connectAndWaitOpen(&tab);
    QVERIFY(tab.session()->tlsErrorsIgnored());
    QVERIFY(badge->isVisible());
    QCOMPARE(badge->text(), QStringLiteral("TLS not verified"));
    // Still there while the connection lasts, after traffic.
    QVERIFY(tab.session()->ping("still unverified"));
    QTRY_COMPARE(tab.session()->pendingPings(), 0); // its pong came back
    QVERIFY(badge->isVisible());
    // Gone when the connection ends.
    QVERIFY(tab.session()->close(1000, QString()).ok);
    QTRY_COMPARE(state->text(), QStringLiteral("Closed"));
    QVERIFY(!badge->isVisible());

    // A fresh connection where nothing is ignored shows no badge.
    p.url = plain.url();
    p.ignoreTlsErrors = false;
    QCOMPARE(profiles.updateProfile(row, p), QString());
    QSignalSpy badgeChanges(tab.session(), &WebSocketSession::tlsErrorsIgnoredChanged);
    connectAndWaitOpen(&tab);
    QCOMPARE(badgeChanges.count(), 1);
    QCOMPARE(badgeChanges.at(0).at(0).toBool(), false);
    QVERIFY(!tab.session()->tlsErrorsIgnored());
    QVERIFY(!badge->isVisible());
}

QTEST_MAIN(TestTlsBadge)
#include "tst_tlsbadge.moc"
