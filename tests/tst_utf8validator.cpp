// Utf8Validator: RFC 3629 UTF-8 as RFC 6455 8.1 asks of text messages, fed in pieces,
// checked against QStringDecoder on every split and on random bytes.
#include "protocol/utf8validator.h"

#include <QRandomGenerator>
#include <QStringDecoder>
#include <QTest>

namespace {

/// QStringDecoder's verdict on @p bytes, the oracle.
bool decoderAccepts(const QByteArray &bytes)
{
    QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString text = utf8.decode(bytes);
    Q_UNUSED(text);
    return !utf8.hasError();
}

/// @p bytes fed in pieces of @p piece bytes; the validator after finish().
Utf8Validator fedInPieces(const QByteArray &bytes, qsizetype piece)
{
    Utf8Validator v;
    for (qsizetype at = 0; at < bytes.size(); at += piece)
        v.feed(QByteArrayView(bytes).sliced(at, qMin(piece, bytes.size() - at)));
    return v;
}

} // namespace

class TestUtf8Validator : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void judgesEachForm_data();
    void judgesEachForm();
    void agreesWithQStringDecoderOnRandomBytes();
    void namesTheFirstBadByteAcrossPieces();
    void aMessageEndingInsideACharacterFailsOnlyAtTheEnd();
    void resetStartsANewMessage();
};

void TestUtf8Validator::judgesEachForm_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<int>("badAt"); // -1 when valid or cut short
    QTest::newRow("empty") << QByteArray() << true << -1;
    QTest::newRow("ASCII, over a word") << QByteArray("Hello, WebSocket world!") << true << -1;
    QTest::newRow("2-byte é") << QByteArray("caf\xc3\xa9") << true << -1;
    QTest::newRow("3-byte €") << QByteArray("\xe2\x82\xac") << true << -1;
    QTest::newRow("4-byte U+1F600") << QByteArray("\xf0\x9f\x98\x80") << true << -1;
    QTest::newRow("U+10FFFF") << QByteArray("\xf4\x8f\xbf\xbf") << true << -1;
    QTest::newRow("U+D7FF, below surrogates") << QByteArray("\xed\x9f\xbf") << true << -1;
    QTest::newRow("c3 28: no continuation") << QByteArray("\xc3\x28") << false << 1;
    QTest::newRow("lone continuation") << QByteArray("ab\x80") << false << 2;
    QTest::newRow("overlong C0 80") << QByteArray("\xc0\x80") << false << 0;
    QTest::newRow("overlong C1 BF") << QByteArray("\xc1\xbf") << false << 0;
    QTest::newRow("overlong E0 80 80") << QByteArray("\xe0\x80\x80") << false << 1;
    QTest::newRow("overlong F0 80 80 80") << QByteArray("\xf0\x80\x80\x80") << false << 1;
    QTest::newRow("surrogate ED A0 80") << QByteArray("\xed\xa0\x80") << false << 1;
    QTest::newRow("over U+10FFFF: F4 90") << QByteArray("\xf4\x90\x80\x80") << false << 1;
    QTest::newRow("F5") << QByteArray("\xf5\x80\x80\x80") << false << 0;
    QTest::newRow("FF") << QByteArray("12345678\xff") << false << 8;
    QTest::newRow("cut short: E2 82") << QByteArray("ab\xe2\x82") << false << -1;
}

void TestUtf8Validator::judgesEachForm()
{
    QFETCH(QByteArray, bytes);
    QFETCH(bool, valid);
    QFETCH(int, badAt);
    QCOMPARE(decoderAccepts(bytes), valid); // the table itself agrees with Qt
    for (qsizetype piece = 1; piece <= qMax<qsizetype>(1, bytes.size()); ++piece) {
        const Utf8Validator v = fedInPieces(bytes, piece);
        QCOMPARE(v.finish(), valid);
        QCOMPARE(v.errorOffset(), qint64(badAt));
        if (badAt >= 0)
            QCOMPARE(v.errorByte(), quint8(bytes.at(badAt)));
    }
    QCOMPARE(Utf8Validator::isValid(bytes), valid);
}

void TestUtf8Validator::agreesWithQStringDecoderOnRandomBytes()
{
    QRandomGenerator random(6455);
    // Bytes drawn mostly from the lead and continuation ranges, so that many inputs are
    // valid and the faults sit at every position.
    const QByteArray alphabet(
        "a\x7f\x80\x8f\x90\x9f\xa0\xbf\xc0\xc2\xdf\xe0\xe1\xed\xef\xf0\xf4\xf5");
    int valid = 0;
    for (int n = 0; n < 20000; ++n) {
        QByteArray bytes;
        const int size = int(random.bounded(12));
        for (int i = 0; i < size; ++i)
            bytes.append(alphabet.at(int(random.bounded(int(alphabet.size())))));
        const bool expected = decoderAccepts(bytes);
        valid += expected ? 1 : 0;
        const Utf8Validator v = fedInPieces(bytes, 1 + random.bounded(4));
        QVERIFY2(v.finish() == expected, bytes.toHex(' ').constData());
    }
    QVERIFY(valid > 1000); // the sample holds both kinds
}

void TestUtf8Validator::namesTheFirstBadByteAcrossPieces()
{
    Utf8Validator v;
    QVERIFY(v.feed("0123456789abcdef\xe2"));
    QVERIFY(v.feed("\x82"));
    QVERIFY(!v.feed("\xac\x41\xe2\x28zz")); // € then A, then e2 28
    QCOMPARE(v.errorOffset(), qint64(21));  // 16 + e2 82 ac 41 e2, then 28
    QCOMPARE(v.errorByte(), quint8(0x28));
    QVERIFY(!v.feed("valid"));             // nothing more is read once failed
    QCOMPARE(v.errorOffset(), qint64(21)); // 16 + e2 82 ac 41 e2, then 28
}

void TestUtf8Validator::aMessageEndingInsideACharacterFailsOnlyAtTheEnd()
{
    Utf8Validator v;
    QVERIFY(v.feed("\xf0\x9f"));
    QVERIFY(!v.failed());
    QVERIFY(!v.finish());
    QVERIFY(v.feed("\x98\x80"));
    QVERIFY(v.finish());
    QCOMPARE(v.bytesRead(), qint64(4));
}

void TestUtf8Validator::resetStartsANewMessage()
{
    Utf8Validator v;
    QVERIFY(!v.feed("\xff"));
    v.reset();
    QVERIFY(v.feed("ok"));
    QVERIFY(v.finish());
    QCOMPARE(v.errorOffset(), qint64(-1));
}

QTEST_GUILESS_MAIN(TestUtf8Validator)
#include "tst_utf8validator.moc"
