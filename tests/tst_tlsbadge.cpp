// The "TLS not verified" badge of a tab: shown for the whole of a wss:// connection
// whose certificate errors the profile ignores, and gone once the tab connects again
// where nothing is ignored. Against in-process QWebSocketServers, one with the
// self-signed certificate in tests/data, one without TLS.
#include "profiles/profilemodel.h"
#include "sessiontab.h"
#include "testtls.h"
#include "widgettesthelpers.h"

#include <QFile>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QSslConfiguration>
#include <QSslKey>
#include <QTemporaryDir>
#include <QTest>
#include <QWebSocket>
#include <QWebSocketServer>

namespace {

/// A QWebSocketServer on 127.0.0.1 that owns the connections it hands over.
class Server : public QObject
{
public:
    explicit Server(QWebSocketServer::SslMode mode) : server(QStringLiteral("tst_tlsbadge"), mode)
    {
        connect(&server, &QWebSocketServer::newConnection, this, &Server::adopt);
    }
    QUrl url() const
    {
        const bool tls = server.secureMode() == QWebSocketServer::SecureMode;
        return QUrl(QStringLiteral("%1://127.0.0.1:%2/")
                        .arg(tls ? QStringLiteral("wss") : QStringLiteral("ws"))
                        .arg(server.serverPort()));
    }

    QWebSocketServer server;

private:
    void adopt() { server.nextPendingConnection()->setParent(this); }
};

} // namespace

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
    Server secure(QWebSocketServer::SecureMode);
    secure.server.setSslConfiguration(tls);
    QVERIFY(secure.server.listen(QHostAddress::LocalHost, 0));
    Server plain(QWebSocketServer::NonSecureMode);
    QVERIFY(plain.server.listen(QHostAddress::LocalHost, 0));

    QTemporaryDir dir;
    ProfileModel profiles;
    QCOMPARE(profiles.loadAutosave(dir.filePath(QStringLiteral("profiles.json"))), QString());
    Profile p;
    p.name = QStringLiteral("Self-signed");
    p.url = secure.url();
    p.ignoreTlsErrors = true;
    const int row = profiles.createProfile();
    QCOMPARE(profiles.updateProfile(row, p), QString());
    SessionTab tab(&profiles, profiles.idAt(row), QUrl());
    tab.show();
    QVERIFY(QTest::qWaitForWindowExposed(&tab));
    auto *badge = named<QLabel>(&tab, QStringLiteral("TLS not verified"));
    auto *state = named<QLabel>(&tab, QStringLiteral("Connection state"));
    auto *connectButton = named<QPushButton>(&tab, QStringLiteral("Connect"));
    QVERIFY(badge && state && connectButton);
    QVERIFY(!badge->isVisible());

    QTest::mouseClick(connectButton, Qt::LeftButton);
    QTRY_COMPARE(state->text(), QStringLiteral("Open"));
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
    QTest::mouseClick(connectButton, Qt::LeftButton);
    QTRY_COMPARE(state->text(), QStringLiteral("Open"));
    QCOMPARE(badgeChanges.count(), 1);
    QCOMPARE(badgeChanges.at(0).at(0).toBool(), false);
    QVERIFY(!tab.session()->tlsErrorsIgnored());
    QVERIFY(!badge->isVisible());
}

QTEST_MAIN(TestTlsBadge)
#include "tst_tlsbadge.moc"
