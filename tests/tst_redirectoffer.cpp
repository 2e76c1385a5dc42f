// A redirect (HTTP 302 to the opening handshake) is offered, never followed silently:
// the tab shows "Connect to <Location>", a click connects there once, and the profile
// keeps its URL. Against tests/peers/hostile_peer.py's redirect-302 case.
#include "hostilepeer.h"
#include "sessiontesthelpers.h"
#include "widgettesthelpers.h"

#include <QPushButton>
#include <QTest>

class TestRedirectOffer : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void redirectIsOfferedAndFollowedOnlyOnClick();
};

void TestRedirectOffer::redirectIsOfferedAndFollowedOnlyOnClick()
{
    HostilePeer peer({QStringLiteral("redirect-302")});
    QVERIFY(peer.waitListening());
    TestProfiles store;
    QCOMPARE(store.load(), QString());
    Profile p = profileFor(peer.url(QStringLiteral("/start")));
    p.name = QStringLiteral("Moved");
    const int row = store.add(p);
    QVERIFY(row >= 0);
    SessionTab tab(&store.model, store.model.idAt(row), QUrl());
    tab.show();
    QVERIFY(QTest::qWaitForWindowExposed(&tab));
    auto *offer = named<QPushButton>(&tab, QStringLiteral("Connect to the redirect's Location"));
    QVERIFY(offer);
    QVERIFY(!offer->isVisible());

    clickConnect(&tab);
    QTRY_COMPARE_WITH_TIMEOUT(tab.session()->state(), WebSocketSession::State::Closed, 10000);
    QCOMPARE(tab.session()->endCause(), WebSocketSession::EndCause::HandshakeFailed);
    QTRY_VERIFY(offer->isVisible());
    const QString elsewhere = peer.url(QStringLiteral("/elsewhere")).toString();
    QCOMPARE(tab.session()->redirectTarget().toString(), elsewhere);
    QVERIFY2(offer->text() == QStringLiteral("Connect to %1").arg(elsewhere),
             qPrintable(offer->text()));
    QTest::qWait(300); // nothing follows it by itself
    QCOMPARE(peer.all(QStringLiteral("request")).size(), 1);

    QTest::mouseClick(offer, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(tab.session()->state(), WebSocketSession::State::Open, 10000);
    QVERIFY(!offer->isVisible());
    const QList<QJsonObject> requests = peer.all(QStringLiteral("request"));
    QCOMPARE(requests.size(), 2);
    QVERIFY2(requests.at(1)
                 .value(QStringLiteral("head"))
                 .toString()
                 .startsWith(QStringLiteral("GET /elsewhere HTTP/1.1\r\n")),
             qPrintable(requests.at(1).value(QStringLiteral("head")).toString()));
    QCOMPARE(tab.session()->connectedProfile()->url.toString(), elsewhere);
    QCOMPARE(store.model.profile(row).url.path(), QStringLiteral("/start")); // unchanged
}

QTEST_MAIN(TestRedirectOffer)
#include "tst_redirectoffer.moc"
