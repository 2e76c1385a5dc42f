// The close-code catalogue and the close-request validation, as tables.
#include "protocol/closecodecatalogue.h"

#include <QTest>

Q_DECLARE_METATYPE(CloseCodeClass)

class TestCloseCodeCatalogue : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void classifiesEveryCode_data();
    void classifiesEveryCode();
    void sendableNamedCodesAreExactlyTheDropdown();
    void namesAndLabels_data();
    void namesAndLabels();
    void everyCodeHasADescription();
    void reasonByteLimit_data();
    void reasonByteLimit();
    void refusesForbiddenCodesWithAReason_data();
    void refusesForbiddenCodesWithAReason();
};

// The expected class, written from RFC 6455 7.4 and the IANA registry, independent of
// the implementation's branch order.
static CloseCodeClass expectedClass(int code)
{
    if (code >= 0 && code <= 999)
        return CloseCodeClass::Unused;
    static const QList<int> neverSent{1005, 1006, 1015};
    if (neverSent.contains(code))
        return CloseCodeClass::NeverSent;
    if (code == 1004 || (code >= 1016 && code <= 2999))
        return CloseCodeClass::Reserved;
    if ((code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014))
        return CloseCodeClass::Standard;
    if (code >= 3000 && code <= 3999)
        return CloseCodeClass::Registered;
    if (code >= 4000 && code <= 4999)
        return CloseCodeClass::PrivateUse;
    return CloseCodeClass::OutOfRange;
}

void TestCloseCodeCatalogue::classifiesEveryCode_data()
{
    QTest::addColumn<int>("code");
    QTest::addColumn<CloseCodeClass>("expected");
    QTest::addColumn<bool>("maySend");
    for (int code = 0; code <= 5000; ++code) {
        const CloseCodeClass c = expectedClass(code);
        const bool send = c == CloseCodeClass::Standard || c == CloseCodeClass::Registered ||
                          c == CloseCodeClass::PrivateUse;
        QTest::addRow("%d", code) << code << c << send;
    }
    QTest::addRow("65535") << 65535 << CloseCodeClass::OutOfRange << false;
    QTest::addRow("65536") << 65536 << CloseCodeClass::OutOfRange << false;
    QTest::addRow("-1") << -1 << CloseCodeClass::Unused << false;
}

void TestCloseCodeCatalogue::classifiesEveryCode()
{
    QFETCH(int, code);
    QFETCH(CloseCodeClass, expected);
    QFETCH(bool, maySend);
    QCOMPARE(CloseCodeCatalogue::classify(code), expected);
    QCOMPARE(CloseCodeCatalogue::maySend(code), maySend);
    QCOMPARE(CloseCodeCatalogue::check(code, QString()).ok, maySend);
}

void TestCloseCodeCatalogue::sendableNamedCodesAreExactlyTheDropdown()
{
    QList<int> codes;
    for (const CloseCodeInfo &info : CloseCodeCatalogue::sendableNamedCodes())
        codes.append(info.code);
    const QList<int> expected{1000, 1001, 1002, 1003, 1007, 1008,
                              1009, 1010, 1011, 1012, 1013, 1014};
    QCOMPARE(codes, expected);
    // And the full named list is 1000..1015 in order, so lookups by offset hold.
    const QList<CloseCodeInfo> &all = CloseCodeCatalogue::namedCodes();
    QCOMPARE(all.size(), 16);
    for (int i = 0; i < all.size(); ++i)
        QCOMPARE(int(all.at(i).code), 1000 + i);
}

void TestCloseCodeCatalogue::namesAndLabels_data()
{
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("label");
    QTest::newRow("1000") << 1000 << "1000 Normal Closure";
    QTest::newRow("1001") << 1001 << "1001 Going Away";
    QTest::newRow("1006") << 1006 << "1006 Abnormal Closure";
    QTest::newRow("1012") << 1012 << "1012 Service Restart";
    QTest::newRow("1015") << 1015 << "1015 TLS Handshake";
    QTest::newRow("2000") << 2000 << "2000 Reserved";
    QTest::newRow("3000") << 3000 << "3000 Registered (IANA)";
    QTest::newRow("4001") << 4001 << "4001 Private Use";
    QTest::newRow("5000") << 5000 << "5000 Out of Range";
    QTest::newRow("999") << 999 << "999 Unused";
}

void TestCloseCodeCatalogue::namesAndLabels()
{
    QFETCH(int, code);
    QFETCH(QString, label);
    QCOMPARE(CloseCodeCatalogue::label(code), label);
}

void TestCloseCodeCatalogue::everyCodeHasADescription()
{
    for (int code = 0; code <= 5000; ++code)
        QVERIFY2(!CloseCodeCatalogue::description(code).isEmpty(),
                 qPrintable(QString::number(code)));
}

void TestCloseCodeCatalogue::reasonByteLimit_data()
{
    QTest::addColumn<QString>("reason");
    QTest::addColumn<int>("bytes");
    QTest::addColumn<bool>("ok");
    const QString e = QString::fromUtf8("\xc3\xa9");             // é, 2 bytes
    const QString euro = QString::fromUtf8("\xe2\x82\xac");      // €, 3 bytes
    const QString emoji = QString::fromUtf8("\xf0\x9f\x98\x80"); // 😀, 4 bytes, 2 UTF-16 units
    QTest::newRow("empty") << QString() << 0 << true;
    QTest::newRow("ascii 123") << QString(123, QLatin1Char('a')) << 123 << true;
    QTest::newRow("ascii 124") << QString(124, QLatin1Char('a')) << 124 << false;
    QTest::newRow("ascii 200") << QString(200, QLatin1Char('a')) << 200 << false;
    QTest::newRow("e-acute x61 + a = 123") << e.repeated(61) + QLatin1Char('a') << 123 << true;
    QTest::newRow("e-acute x62 = 124") << e.repeated(62) << 124 << false;
    QTest::newRow("a + e-acute x61 + a = 124")
        << QLatin1Char('a') + e.repeated(61) + QLatin1Char('a') << 124 << false;
    QTest::newRow("e-acute x100 = 200") << e.repeated(100) << 200 << false;
    QTest::newRow("euro x41 = 123") << euro.repeated(41) << 123 << true;
    QTest::newRow("euro x41 + a = 124") << euro.repeated(41) + QLatin1Char('a') << 124 << false;
    QTest::newRow("emoji x30 + abc = 123")
        << emoji.repeated(30) + QStringLiteral("abc") << 123 << true;
    QTest::newRow("emoji x31 = 124") << emoji.repeated(31) << 124 << false;
    // 62 UTF-16 units but 124 bytes: a character count would wrongly accept it.
    QTest::newRow("62 chars, 124 bytes") << e.repeated(62) << 124 << false;
}

void TestCloseCodeCatalogue::reasonByteLimit()
{
    QFETCH(QString, reason);
    QFETCH(int, bytes);
    QFETCH(bool, ok);
    for (int code : {1000, 3000, 4999}) {
        const CloseCheck check = CloseCodeCatalogue::check(code, reason);
        QCOMPARE(check.reasonBytes, bytes);
        QCOMPARE(check.ok, ok);
        QCOMPARE(check.problem.isEmpty(), ok);
        if (!ok)
            QVERIFY2(check.problem.contains(QString::number(bytes)), qPrintable(check.problem));
    }
}

void TestCloseCodeCatalogue::refusesForbiddenCodesWithAReason_data()
{
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("1005") << 1005 << "must never be sent";
    QTest::newRow("1006") << 1006 << "must never be sent";
    QTest::newRow("1015") << 1015 << "must never be sent";
    QTest::newRow("1004") << 1004 << "reserved";
    QTest::newRow("2999") << 2999 << "reserved";
    QTest::newRow("999") << 999 << "not a valid close code";
    QTest::newRow("5000") << 5000 << "not a valid close code";
}

void TestCloseCodeCatalogue::refusesForbiddenCodesWithAReason()
{
    QFETCH(int, code);
    QFETCH(QString, mentions);
    const CloseCheck check = CloseCodeCatalogue::check(code, QStringLiteral("bye"));
    QVERIFY(!check.ok);
    QVERIFY2(check.problem.contains(mentions), qPrintable(check.problem));
}

QTEST_GUILESS_MAIN(TestCloseCodeCatalogue)
#include "tst_closecodecatalogue.moc"
