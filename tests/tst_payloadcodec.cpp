// PayloadCodec: hex and base64 parsing (good and bad input), the hex dump, and JSON
// pretty-printing that keeps what the server sent.
#include "log/payloadcodec.h"

#include <QTest>

class TestPayloadCodec : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parsesHex_data();
    void parsesHex();
    void refusesBadHex_data();
    void refusesBadHex();
    void parsesBase64_data();
    void parsesBase64();
    void refusesBadBase64_data();
    void refusesBadBase64();
    void textIsUtf8();
    void formatKeysRoundTrip();
    void hexDumpHasOffsetHexAndAscii();
    void hexDumpIsBounded();
    void prettyJsonKeepsOrderAndNumbers();
    void prettyJsonRefusesNonJson();
};

void TestPayloadCodec::parsesHex_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QByteArray>("bytes");
    QTest::newRow("empty") << QString() << QByteArray();
    QTest::newRow("together") << QStringLiteral("deadBEEF") << QByteArray::fromHex("deadbeef");
    QTest::newRow("spaces") << QStringLiteral(" 00 01  ff\n10 ") << QByteArray::fromHex("0001ff10");
    QTest::newRow("colons") << QStringLiteral("de:ad:be:ef") << QByteArray::fromHex("deadbeef");
    QTest::newRow("dashes") << QStringLiteral("de-ad") << QByteArray::fromHex("dead");
    QTest::newRow("0x commas") << QStringLiteral("0x48,0x69, 0X0a") << QByteArrayLiteral("Hi\n");
    QTest::newRow("0x group") << QStringLiteral("0xdeadbeef") << QByteArray::fromHex("deadbeef");
    QTest::newRow("all bytes") << QString::fromLatin1(
                                      QByteArray("000102030405060708090a0b0c0d0e0f7f80feff"))
                               << QByteArray::fromHex("000102030405060708090a0b0c0d0e0f7f80feff");
}

void TestPayloadCodec::parsesHex()
{
    QFETCH(QString, text);
    QFETCH(QByteArray, bytes);
    const ParsedPayload p = PayloadCodec::parseHex(text);
    QVERIFY2(p.ok(), qPrintable(p.error));
    QCOMPARE(p.bytes, bytes);
}

void TestPayloadCodec::refusesBadHex_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("odd") << QStringLiteral("abc") << QStringLiteral("odd number");
    QTest::newRow("odd group") << QStringLiteral("00 1 22") << QStringLiteral("column 4");
    QTest::newRow("not hex") << QStringLiteral("00 0g") << QStringLiteral("'g' at column 5");
    QTest::newRow("bare 0x") << QStringLiteral("0x") << QStringLiteral("no digits");
    QTest::newRow("unicode") << QStringLiteral("00 é1") << QStringLiteral("not a hex digit");
    QTest::newRow("base64") << QStringLiteral("SGVsbG8=") << QStringLiteral("not a hex digit");
}

void TestPayloadCodec::refusesBadHex()
{
    QFETCH(QString, text);
    QFETCH(QString, mentions);
    const ParsedPayload p = PayloadCodec::parseHex(text);
    QVERIFY(!p.ok());
    QVERIFY(p.bytes.isEmpty());
    QVERIFY2(p.error.contains(mentions), qPrintable(p.error));
}

void TestPayloadCodec::parsesBase64_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QByteArray>("bytes");
    QTest::newRow("empty") << QString() << QByteArray();
    QTest::newRow("padded") << QStringLiteral("SGVsbG8=") << QByteArrayLiteral("Hello");
    QTest::newRow("unpadded") << QStringLiteral("SGVsbG8") << QByteArrayLiteral("Hello");
    QTest::newRow("whitespace") << QStringLiteral(" SGVs\nbG8= ") << QByteArrayLiteral("Hello");
    QTest::newRow("binary") << QStringLiteral("AAH/") << QByteArray::fromHex("0001ff");
    QTest::newRow("base64url") << QStringLiteral("AAH-_w") << QByteArray::fromHex("0001feff");
}

void TestPayloadCodec::parsesBase64()
{
    QFETCH(QString, text);
    QFETCH(QByteArray, bytes);
    const ParsedPayload p = PayloadCodec::parseBase64(text);
    QVERIFY2(p.ok(), qPrintable(p.error));
    QCOMPARE(p.bytes, bytes);
}

void TestPayloadCodec::refusesBadBase64_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("bad char") << QStringLiteral("SGV*bG8=") << QStringLiteral("'*' at column 4");
    QTest::newRow("one char") << QStringLiteral("S") << QStringLiteral("cannot be whole");
    QTest::newRow("padding inside") << QStringLiteral("SG=sbG8=") << QStringLiteral("padding");
    QTest::newRow("mixed alphabets") << QStringLiteral("ab+c-d") << QStringLiteral("mixes");
    QTest::newRow("unicode") << QStringLiteral("SGVs✓") << QStringLiteral("not a base64");
}

void TestPayloadCodec::refusesBadBase64()
{
    QFETCH(QString, text);
    QFETCH(QString, mentions);
    const ParsedPayload p = PayloadCodec::parseBase64(text);
    QVERIFY(!p.ok());
    QVERIFY(p.bytes.isEmpty());
    QVERIFY2(p.error.contains(mentions), qPrintable(p.error));
}

void TestPayloadCodec::textIsUtf8()
{
    const ParsedPayload p = PayloadCodec::parse(PayloadFormat::Text, QStringLiteral("adiós ✓"));
    QVERIFY(p.ok());
    QCOMPARE(p.bytes, QByteArray("adi\xc3\xb3s \xe2\x9c\x93"));
}

void TestPayloadCodec::formatKeysRoundTrip()
{
    for (PayloadFormat f : {PayloadFormat::Text, PayloadFormat::Hex, PayloadFormat::Base64})
        QCOMPARE(PayloadCodec::formatFromKey(PayloadCodec::formatKey(f)), f);
    QVERIFY(!PayloadCodec::formatFromKey(QStringLiteral("binary")));
}

void TestPayloadCodec::hexDumpHasOffsetHexAndAscii()
{
    const QByteArray data = QByteArray("Hello, world!\n\x00\xff", 16) + QByteArray("ABC");
    const QStringList lines =
        PayloadCodec::hexDump(data).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 2);
    QCOMPARE(lines.at(0),
             QStringLiteral("00000000  48 65 6c 6c 6f 2c 20 77  6f 72 6c 64 21 0a 00 ff  "
                            "|Hello, world!...|"));
    QCOMPARE(lines.at(1),
             QStringLiteral("00000010  41 42 43                                          "
                            "|ABC|"));
}

void TestPayloadCodec::hexDumpIsBounded()
{
    const QString dump = PayloadCodec::hexDump(QByteArray(1000, 'x'), 32);
    QCOMPARE(dump.count(QLatin1Char('|')), 4);
    QVERIFY(dump.contains(QStringLiteral("968 more bytes not shown")));
}

void TestPayloadCodec::prettyJsonKeepsOrderAndNumbers()
{
    const auto pretty = PayloadCodec::prettyJson(
        R"({"z":1,"a":[9007199254740993,1e3,{}],"s":"x,{\"y\":[]}","e":[]})");
    QVERIFY(pretty);
    QCOMPARE(*pretty, QStringLiteral("{\n"
                                     "    \"z\": 1,\n"
                                     "    \"a\": [\n"
                                     "        9007199254740993,\n"
                                     "        1e3,\n"
                                     "        {}\n"
                                     "    ],\n"
                                     "    \"s\": \"x,{\\\"y\\\":[]}\",\n"
                                     "    \"e\": []\n"
                                     "}\n"));
}

void TestPayloadCodec::prettyJsonRefusesNonJson()
{
    QVERIFY(!PayloadCodec::prettyJson("hello"));
    QVERIFY(!PayloadCodec::prettyJson("{\"a\":}"));
    QVERIFY(!PayloadCodec::prettyJson(""));
    QVERIFY(!PayloadCodec::prettyJson("\xff\xfe"));
}

QTEST_GUILESS_MAIN(TestPayloadCodec)
#include "tst_payloadcodec.moc"
