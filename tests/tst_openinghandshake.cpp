// OpeningHandshake: the accept key against RFC 6455's own example, and the client's key
// found in a request whatever the header's case.
#include "protocol/openinghandshake.h"

#include <QTest>

class TestOpeningHandshake : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void acceptKeyMatchesTheRfcExample();
    void clientKeyIsFoundInAnyCase_data();
    void clientKeyIsFoundInAnyCase();
};

void TestOpeningHandshake::acceptKeyMatchesTheRfcExample()
{
    // RFC 6455 1.3.
    QCOMPARE(OpeningHandshake::acceptKey("dGhlIHNhbXBsZSBub25jZQ=="),
             QByteArray("s3pPLMBiTxaQ9kYGzzhZRbK+xOo="));
}

void TestOpeningHandshake::clientKeyIsFoundInAnyCase_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<QByteArray>("key");
    const QByteArray head = "GET / HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\n";
    QTest::newRow("canonical") << head + "Sec-WebSocket-Key: abc==\r\n\r\n" << QByteArray("abc==");
    QTest::newRow("lower case, no space") << head + "sec-websocket-key:abc==\r\n\r\n"
                                          << QByteArray("abc==");
    QTest::newRow("upper case, spaces") << head + "SEC-WEBSOCKET-KEY:   abc==  \r\n\r\n"
                                        << QByteArray("abc==");
    QTest::newRow("absent") << head + "\r\n" << QByteArray();
    QTest::newRow("a longer name is another header") << head + "Sec-WebSocket-Key2: x\r\n\r\n"
                                                     << QByteArray();
}

void TestOpeningHandshake::clientKeyIsFoundInAnyCase()
{
    QFETCH(QByteArray, request);
    QFETCH(QByteArray, key);
    QCOMPARE(OpeningHandshake::clientKey(request), key);
}

QTEST_APPLESS_MAIN(TestOpeningHandshake)
#include "tst_openinghandshake.moc"
