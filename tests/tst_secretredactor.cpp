// SecretRedactor, and the logs that use it: a secret's bytes never reach a MessageLog
// row or a FrameLog preview, sent or received, whole or cut short.
#include "log/messagelog.h"
#include "log/secretredactor.h"
#include "wiretap/framelog.h"

#include <QTest>

namespace {
const QByteArray Dots = QByteArrayLiteral("\xe2\x80\xa2\xe2\x80\xa2\xe2\x80\xa2");
} // namespace

class TestSecretRedactor : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void hidesEachOccurrence();
    void hidesTheLongerSecretFirst();
    void aCutPayloadHidesTheStartOfASecret();
    void emptyHidesNothing();
    void messageLogRowsHoldNoSecret();
    void framePreviewsHoldNoSecret();
};

void TestSecretRedactor::hidesEachOccurrence()
{
    SecretRedactor r;
    r.add(QStringLiteral("t0k3n"));
    r.add(QStringLiteral("t0k3n")); // once is enough
    QVERIFY(r.matches("Bearer t0k3n"));
    QVERIFY(!r.matches("Bearer t0k"));
    QCOMPARE(r.redacted(QByteArrayView("a t0k3n, b t0k3n")), "a " + Dots + ", b " + Dots);
    QCOMPARE(r.redactedText(QStringLiteral("{\"auth\":\"t0k3n\"}")),
             QStringLiteral("{\"auth\":\"\u2022\u2022\u2022\"}"));
    QCOMPARE(r.redactedText(QStringLiteral("nothing here")), QStringLiteral("nothing here"));
}

void TestSecretRedactor::hidesTheLongerSecretFirst()
{
    SecretRedactor r;
    r.add(QStringLiteral("abc"));
    r.add(QStringLiteral("xxabcxx"));
    // Were "abc" replaced first, "xx•••xx" would no longer match the longer one.
    QCOMPARE(r.redacted(QByteArrayView("[xxabcxx]")), "[" + Dots + "]");
}

void TestSecretRedactor::aCutPayloadHidesTheStartOfASecret()
{
    SecretRedactor r;
    r.add(QStringLiteral("S3cr3tValue"));
    QCOMPARE(r.redacted(QByteArrayView("Bearer S3c"), true), "Bearer " + Dots);
    QCOMPARE(r.redacted(QByteArrayView("Bearer S3c"), false), QByteArray("Bearer S3c"));
    QCOMPARE(r.redacted(QByteArrayView("Bearer x"), true), QByteArray("Bearer x"));
}

void TestSecretRedactor::emptyHidesNothing()
{
    SecretRedactor r;
    r.add(QString());
    QVERIFY(r.isEmpty());
    QCOMPARE(r.redacted(QByteArrayView("anything"), true), QByteArray("anything"));
}

void TestSecretRedactor::messageLogRowsHoldNoSecret()
{
    MessageLog log;
    SecretRedactor r;
    r.add(QStringLiteral("p4ss-w0rd"));
    log.setRedactor(r);
    log.appendText(1, Direction::Sent, u"login p4ss-w0rd");
    LogEvent echoed;
    echoed.direction = Direction::Received;
    echoed.payload = "login p4ss-w0rd";
    echoed.sizeBytes = echoed.payload.size();
    log.append(echoed);
    log.flush();
    QCOMPARE(log.rows(), 2);
    for (int row = 0; row < 2; ++row) {
        QCOMPARE(log.payload(row), QByteArrayView("login " + Dots));
        QCOMPARE(log.event(row).sizeBytes, 15); // the wire's size, not the row's
    }
}

void TestSecretRedactor::framePreviewsHoldNoSecret()
{
    FrameLog frames;
    SecretRedactor r;
    r.add(QStringLiteral("abcdefghij"));
    frames.setRedactor(r);
    WireBatch batch;
    const auto add = [&batch](quint8 opcode, const QByteArray &payload) {
        FrameHeader h;
        h.fin = true;
        h.opcode = opcode;
        h.payloadLength = quint64(payload.size());
        FrameRecord rec = FrameRecord::of(FrameSender::Server, h, 1, false);
        const QByteArray head = payload.left(rec.headBytes());
        std::copy_n(head.constData(), head.size(), rec.head);
        batch.records.append(rec);
        if (h.isControl()) {
            WireFrame f;
            f.header = h;
            f.payload = payload;
            batch.notable.append(f);
        }
    };
    add(0x1, "xyabcdefghij and more"); // a data frame: 8 bytes kept, a secret's start in them
    add(0x9, "ping abcdefghij pong");  // a ping: kept whole
    add(0x1, "harmless text here");
    frames.stage(batch);
    frames.flush();
    QCOMPARE(frames.rowCount(), 3);
    QCOMPARE(frames.keptPayload(0), "xy" + Dots);
    QCOMPARE(frames.keptPayload(1), "ping " + Dots + " pong");
    QCOMPARE(frames.keptPayload(2), QByteArray("harmless"));
}

QTEST_GUILESS_MAIN(TestSecretRedactor)
#include "tst_secretredactor.moc"
