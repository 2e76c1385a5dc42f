// WireStream: the frames of one direction read from bytes split anywhere, judged by the
// RFC 6455 section 5 rules, control payloads kept and unmasked (5.3), data previews.
#include "wiretap/wirestream.h"

#include <QTest>

namespace {

QByteArray frame(quint8 first, const QByteArray &payload, quint32 key = 0, bool mask = false)
{
    QByteArray f;
    f.append(char(first));
    const qsizetype n = payload.size();
    const char bit = mask ? char(0x80) : char(0);
    if (n < 126) {
        f.append(char(bit | char(n)));
    } else {
        f.append(char(bit | 126)).append(char(n >> 8)).append(char(n & 0xFF));
    }
    if (!mask)
        return f + payload;
    for (int i = 0; i < 4; ++i)
        f.append(char(key >> (24 - 8 * i)));
    for (qsizetype i = 0; i < n; ++i)
        f.append(char(payload.at(i) ^ char(key >> (24 - 8 * (i % 4)))));
    return f;
}

WireBatch readInPieces(FrameSender sender, const QByteArray &wire, int piece)
{
    WireStream stream(sender);
    WireBatch frames;
    for (qsizetype at = 0; at < wire.size(); at += piece)
        stream.feed(QByteArrayView(wire).sliced(at, qMin<qsizetype>(piece, wire.size() - at)), at,
                    &frames);
    return frames;
}

} // namespace

class TestWireStream : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void keepsControlPayloadsUnmaskedInAnySplit()
    {
        const QByteArray close = QByteArray("\x03\xE8", 2) + "bye";
        const QByteArray wire = frame(0x81, QByteArray(300, 'x'), 0x11223344, true) +
                                frame(0x89, "ping!", 0xA1B2C3D4, true) +
                                frame(0x88, close, 0x01020304, true);
        for (int piece = 1; piece <= wire.size(); ++piece) {
            const WireBatch batch = readInPieces(FrameSender::Client, wire, piece);
            // Every frame is a record; the control frames are notable, in full.
            QCOMPARE(batch.records.size(), 3);
            const FrameRecord &text = batch.records.at(0);
            QCOMPARE(QByteArray(text.head, text.headBytes()), QByteArray(8, 'x'));
            QCOMPARE(text.payloadLength, quint64(300));
            QCOMPARE(text.opcode(), Opcode::Text);
            QVERIFY(text.fin() && text.masked() && !text.violates());
            QCOMPARE(text.maskingKey, 0x11223344u);
            QCOMPARE(text.sender(), FrameSender::Client);
            QCOMPARE(batch.records.at(2).opcode(), Opcode::Close);
            const QList<WireFrame> &frames = batch.notable;
            QCOMPARE(frames.size(), 2);
            QCOMPARE(frames.at(0).payload, QByteArray("ping!"));
            QCOMPARE(frames.at(0).header.maskingKey, 0xA1B2C3D4u);
            QCOMPARE(frames.at(1).closeCode(), quint16(1000));
            QCOMPARE(frames.at(1).closeReason(), QByteArray("bye"));
            for (const WireFrame &f : frames)
                QVERIFY(f.violations.isEmpty());
        }
    }
    void anEmptyCloseFrameIs1005()
    {
        const QList<WireFrame> frames =
            readInPieces(FrameSender::Server, frame(0x88, {}), 1).notable;
        QCOMPARE(frames.size(), 1);
        QCOMPARE(frames.at(0).closeCode(), quint16(1005));
        QVERIFY(frames.at(0).violations.isEmpty());
    }
    void judgesServerFrames()
    {
        const QByteArray wire = frame(0x81, "masked", 0x01020304, true) + frame(0xC1, "rsv1") +
                                frame(0x09, "fragmented ping") +
                                frame(0x88, QByteArray("\x03\xE7", 2)) + frame(0x88, "x");
        const WireBatch batch = readInPieces(FrameSender::Server, wire, 3);
        const QList<WireFrame> &frames = batch.notable;
        QCOMPARE(frames.size(), 5);
        for (const FrameRecord &r : batch.records)
            QVERIFY(r.violates());
        QCOMPARE(frames.at(0).violations.value(0).section, QStringLiteral("5.1"));
        QCOMPARE(frames.at(0).preview(), QByteArray("masked"));
        QCOMPARE(frames.at(1).violations.value(0).section, QStringLiteral("5.2"));
        QCOMPARE(frames.at(2).violations.value(0).section, QStringLiteral("5.5"));
        QCOMPARE(frames.at(3).closeCode(), quint16(999));
        QVERIFY(!frames.at(3).violations.isEmpty());
        QVERIFY(!frames.at(4).violations.isEmpty()); // a 1-byte close payload
    }
    void noteTheFirstCloseFrame()
    {
        WireStream stream(FrameSender::Client);
        WireBatch frames;
        const QByteArray text = frame(0x81, "hi", 1, true);
        stream.feed(text + frame(0x88, QByteArray("\x03\xE8", 2), 2, true).left(6), 0, &frames);
        QCOMPARE(stream.firstCloseOffset(), qint64(text.size()));
        QCOMPARE(frames.records.size(), 1); // the close frame's payload is still due
        QVERIFY(frames.notable.isEmpty());
        QCOMPARE(stream.currentFrameEnd(), stream.position() + 2);
    }
    void marksTheServersBadTextInAnySplit()
    {
        // é split across two fragments with a ping between (valid), then "ok" c3 28,
        // then a message cut inside €, then good text again, and bad bytes in binary.
        const QByteArray wire = frame(0x01, "caf\xc3") + frame(0x89, "p") + frame(0x80, "\xa9!") +
                                frame(0x81, "ok\xc3\x28 and more") + frame(0x01, "ab\xe2") +
                                frame(0x80, "\x82") + frame(0x81, "fine") + frame(0x82, "\xff");
        for (int piece = 1; piece <= wire.size(); ++piece) {
            const WireBatch batch = readInPieces(FrameSender::Server, wire, piece);
            QCOMPARE(batch.records.size(), 8);
            QList<bool> violates;
            for (const FrameRecord &r : batch.records)
                violates.append(r.violates());
            QCOMPARE(violates, (QList<bool>{false, false, false, true, false, true, false, false}));
            QCOMPARE(batch.records.at(3).opcode(), Opcode::Text); // in stream order
            QCOMPARE(batch.notable.size(), 3);                    // the ping and two texts
            const WireFrame &bad = batch.notable.at(1);
            QCOMPARE(bad.preview(), QByteArray("ok\xc3\x28 and more"));
            QCOMPARE(bad.violations.size(), 1);
            QCOMPARE(bad.violations.at(0).section, QStringLiteral("8.1"));
            QVERIFY2(bad.violations.at(0).rule.contains(
                         QLatin1String("at offset 3 of the message (byte 0x28)")),
                     qPrintable(bad.violations.at(0).rule));
            QCOMPARE(bad.deliverableBefore, qint64(1));
            const WireFrame &cut = batch.notable.at(2);
            QCOMPARE(cut.header.opcode, Opcode::Continuation);
            QVERIFY(cut.violations.at(0).rule.contains(QLatin1String("inside a character")));
        }
    }
    void aTextFrameCutOffKeepsItsRecordAndFault()
    {
        // The connection ends inside a large text frame whose header breaks a rule and
        // whose payload is bad UTF-8 so far: finish() gives its record and both faults.
        WireStream stream(FrameSender::Server);
        WireBatch batch;
        // A 64-bit length for a 301-byte payload: not minimal (5.2).
        const QByteArray wire = QByteArray::fromHex("817f000000000000012d") + QByteArray(200, 'a') +
                                "\xff" + QByteArray(100, 'b');
        stream.feed(QByteArrayView(wire).first(250), 0, &batch);
        QVERIFY(batch.records.isEmpty()); // its record waits for the payload's end
        stream.finish(&batch);
        QCOMPARE(batch.records.size(), 1);
        QVERIFY(batch.records.at(0).violates());
        QCOMPARE(batch.notable.size(), 1);
        const QList<FrameViolation> &v = batch.notable.at(0).violations;
        QCOMPARE(v.size(), 2);
        QCOMPARE(v.at(0).section, QStringLiteral("5.2"));
        QCOMPARE(v.at(1).section, QStringLiteral("8.1"));
        stream.finish(&batch); // once only
        QCOMPARE(batch.records.size(), 1);
        // Cut inside a character is no fault: the rest never came.
        WireStream cut(FrameSender::Server);
        WireBatch cutBatch;
        cut.feed(QByteArrayView(frame(0x81, "ab\xe2\x82\xac")).first(6), 0, &cutBatch);
        cut.finish(&cutBatch);
        QCOMPARE(cutBatch.records.size(), 1);
        QVERIFY(!cutBatch.records.at(0).violates());
    }
    void leavesTheClientsAndCompressedTextUnchecked()
    {
        const QByteArray bad = frame(0x81, "\xff", 0x01020304, true);
        QVERIFY(!readInPieces(FrameSender::Client, bad, 1).records.at(0).violates());
        WireStream compressed(FrameSender::Server);
        compressed.setExtensionsNegotiated(true); // permessage-deflate: bytes, not text
        WireBatch batch;
        compressed.feed(frame(0xC1, "\xff\xfe"), 0, &batch);
        QVERIFY(!batch.records.at(0).violates());
    }
};

QTEST_GUILESS_MAIN(TestWireStream)
#include "tst_wirestream.moc"
