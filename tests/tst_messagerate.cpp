// MessageRate with injected times (no clock, no sleeps): messages per second between
// samples, a restarted count, a sample at the same instant; and the duration text.
#include "session/messagerate.h"

#include <QTest>

class TestMessageRate : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void rateIsMessagesSinceTheLastSampleOverItsTime();
    void restartedCountIsNoNegativeRate();
    void sampleAtTheSameInstantKeepsTheRate();
    void durationText_data();
    void durationText();
};

void TestMessageRate::rateIsMessagesSinceTheLastSampleOverItsTime()
{
    MessageRate rate;
    QCOMPARE(rate.perSecond(), 0.0);
    QCOMPARE(rate.sample(100, 500), 200.0); // 100 messages in the first 500 ms
    QCOMPARE(rate.sample(100, 1000), 0.0);  // none since
    QCOMPARE(rate.sample(130, 1250), 120.0);
    QCOMPARE(rate.perSecond(), 120.0);
    QCOMPARE(rate.sample(1130, 3250), 500.0); // 1000 in 2 s
}

void TestMessageRate::restartedCountIsNoNegativeRate()
{
    MessageRate rate;
    rate.sample(5000, 500);
    // A new connection starts the session's count again from 0.
    QCOMPARE(rate.sample(10, 1000), 0.0);
    QCOMPARE(rate.sample(60, 1500), 100.0); // measured from the restarted count
}

void TestMessageRate::sampleAtTheSameInstantKeepsTheRate()
{
    MessageRate rate;
    rate.sample(50, 500);
    QCOMPARE(rate.sample(80, 500), 100.0);
    QCOMPARE(rate.sample(80, 1000), 0.0); // the 30 were counted at the same instant
}

void TestMessageRate::durationText_data()
{
    QTest::addColumn<qint64>("ms");
    QTest::addColumn<QString>("text");
    QTest::newRow("zero") << qint64(0) << QStringLiteral("00:00:00");
    QTest::newRow("ms are cut") << qint64(59999) << QStringLiteral("00:00:59");
    QTest::newRow("a minute") << qint64(60000) << QStringLiteral("00:01:00");
    QTest::newRow("an hour, a minute, a second") << qint64(3661000) << QStringLiteral("01:01:01");
    QTest::newRow("past a day") << qint64(100 * 3600000LL + 59 * 60000 + 7000)
                                << QStringLiteral("100:59:07");
}

void TestMessageRate::durationText()
{
    QFETCH(qint64, ms);
    QFETCH(QString, text);
    QCOMPARE(MessageRate::durationText(ms), text);
}

QTEST_MAIN(TestMessageRate)
#include "tst_messagerate.moc"
