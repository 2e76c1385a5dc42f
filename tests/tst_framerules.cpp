// RFC 6455 section 5's rules for the frames of one direction, checked on headers
// scanned from real frame bytes: masking by sender (5.1), RSV bits and reserved opcodes
// (5.2), non-minimal and too-large lengths (5.2), control frames (5.5), fragmentation
// (5.4) with control frames between fragments, and close payloads (5.5.1, 7.4).
#include "protocol/framerules.h"

#include <QTest>

namespace {

/// The header of one frame as it goes on the wire (RFC 6455 5.2); a masked frame gets
/// the key 0x01020304. @p lengthBytes forces a 16- or 64-bit length field.
QByteArray header(bool fin, quint8 rsv, quint8 opcode, bool masked, quint64 length,
                  int lengthBytes = -1)
{
    QByteArray h;
    h.append(char((fin ? 0x80 : 0) | (rsv << 4) | opcode));
    if (lengthBytes < 0)
        lengthBytes = length < 126 ? 0 : length <= 0xFFFF ? 2 : 8;
    const char mask = masked ? char(0x80) : char(0);
    if (lengthBytes == 0) {
        h.append(char(mask | char(length)));
    } else if (lengthBytes == 2) {
        h.append(char(mask | 126));
        h.append(char(length >> 8)).append(char(length));
    } else {
        h.append(char(mask | 127));
        for (int shift = 56; shift >= 0; shift -= 8)
            h.append(char(length >> shift));
    }
    if (masked)
        h.append("\x01\x02\x03\x04", 4);
    return h;
}

FrameHeader scan(const QByteArray &bytes)
{
    FrameHeaderScanner scanner;
    const std::vector<FrameHeader> headers = scanner.feed(bytes);
    return headers.empty() ? FrameHeader() : headers.front();
}

QStringList sections(const QList<FrameViolation> &violations)
{
    QStringList out;
    for (const FrameViolation &v : violations)
        out.append(v.section + QLatin1Char(' ') + v.rule);
    return out;
}

} // namespace

class TestFrameRules : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void singleFrames_data();
    void singleFrames();
    void fragmentation();
    void extensionsAllowRsv();
    void closePayloads_data();
    void closePayloads();
};

void TestFrameRules::singleFrames_data()
{
    QTest::addColumn<int>("sender");
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QStringList>("expected");
    const int server = int(FrameSender::Server);
    const int client = int(FrameSender::Client);
    QTest::newRow("server text") << server << header(true, 0, 0x1, false, 5) << QStringList();
    QTest::newRow("client text") << client << header(true, 0, 0x1, true, 5) << QStringList();
    QTest::newRow("server masks") << server << header(true, 0, 0x1, true, 5)
                                  << QStringList{"5.1 a server must not mask the frames it sends"};
    QTest::newRow("client does not mask")
        << client << header(true, 0, 0x2, false, 5)
        << QStringList{"5.1 a client must mask every frame it sends"};
    QTest::newRow("RSV1") << server << header(true, 0x4, 0x1, false, 5)
                          << QStringList{"5.2 RSV bits set (0x4) with no extension negotiated"};
    QTest::newRow("opcode 0x3") << server << header(true, 0, 0x3, false, 0)
                                << QStringList{"5.2 opcode 0x3 is reserved"};
    QTest::newRow("opcode 0xb") << server << header(true, 0, 0xB, false, 0)
                                << QStringList{"5.2 opcode 0xb is reserved"};
    QTest::newRow("16-bit length for 5")
        << server << header(true, 0, 0x2, false, 5, 2)
        << QStringList{"5.2 the payload length is not in the minimal number of bytes"};
    QTest::newRow("64-bit high bit")
        << server << header(true, 0, 0x2, false, quint64(1) << 63, 8)
        << QStringList{"5.2 a 64-bit payload length has its most significant bit set"};
    QTest::newRow("ping 125") << server << header(true, 0, 0x9, false, 125) << QStringList();
    QTest::newRow("ping 126") << server << header(true, 0, 0x9, false, 126)
                              << QStringList{"5.5 a control frame's payload is over 125 bytes"};
    QTest::newRow("fragmented ping") << server << header(false, 0, 0x9, false, 1)
                                     << QStringList{"5.5 a control frame must not be fragmented"};
    QTest::newRow("close of 1 byte")
        << server << header(true, 0, 0x8, false, 1)
        << QStringList{"5.5.1 a close frame's payload of 1 byte holds no status code"};
    QTest::newRow("everything at once")
        << server << header(false, 0x7, 0x9, true, 200)
        << QStringList{"5.1 a server must not mask the frames it sends",
                       "5.2 RSV bits set (0x7) with no extension negotiated",
                       "5.5 a control frame must not be fragmented",
                       "5.5 a control frame's payload is over 125 bytes"};
}

void TestFrameRules::singleFrames()
{
    QFETCH(int, sender);
    QFETCH(QByteArray, bytes);
    QFETCH(QStringList, expected);
    FrameRules rules{FrameSender(sender)};
    QCOMPARE(sections(rules.check(scan(bytes))), expected);
}

void TestFrameRules::fragmentation()
{
    FrameRules rules{FrameSender::Server};
    // A continuation with nothing to continue.
    QCOMPARE(sections(rules.check(scan(header(true, 0, 0x0, false, 3)))),
             QStringList{"5.4 a continuation frame with no message to continue"});
    // text, a ping between the fragments, continuation, final continuation: all fine.
    QVERIFY(rules.check(scan(header(false, 0, 0x1, false, 3))).isEmpty());
    QVERIFY(rules.inMessage());
    QVERIFY(rules.check(scan(header(true, 0, 0x9, false, 0))).isEmpty()); // 5.4 allows it
    QVERIFY(rules.inMessage());
    QVERIFY(rules.check(scan(header(false, 0, 0x0, false, 3))).isEmpty());
    // A new message in the middle of this one.
    QCOMPARE(sections(rules.check(scan(header(true, 0, 0x2, false, 3)))),
             QStringList{"5.4 a new message began before the fragmented one ended"});
    QVERIFY(!rules.inMessage()); // that final frame ended it, as it said
    QVERIFY(rules.check(scan(header(true, 0, 0x1, false, 3))).isEmpty());
}

void TestFrameRules::extensionsAllowRsv()
{
    FrameRules rules{FrameSender::Server, true};
    QVERIFY(rules.check(scan(header(true, 0x4, 0x1, false, 5))).isEmpty());
}

void TestFrameRules::closePayloads_data()
{
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("empty: no status code, allowed") << QByteArray() << QStringList();
    QTest::newRow("1000") << QByteArray("\x03\xe8", 2) << QStringList();
    QTest::newRow("1012, valid though 6.4 rejects it") << QByteArray("\x03\xf4"
                                                                     "restart",
                                                                     9)
                                                       << QStringList();
    QTest::newRow("4321 with a reason") << QByteArray("\x10\xe1"
                                                      "bye now",
                                                      9)
                                        << QStringList();
    QTest::newRow("one byte")
        << QByteArray("\x03", 1)
        << QStringList{"5.5.1 a close frame's payload of 1 byte holds no status code"};
    QTest::newRow("1005") << QByteArray("\x03\xed", 2)
                          << QStringList{
                                 "7.4.1 status code 1005 must not be sent in a close frame"};
    QTest::newRow("999") << QByteArray("\x03\xe7", 2)
                         << QStringList{"7.4.2 status code 999 must not be sent in a close frame"};
    QTest::newRow("5000") << QByteArray("\x13\x88", 2)
                          << QStringList{
                                 "7.4.2 status code 5000 must not be sent in a close frame"};
    QTest::newRow("bad UTF-8 reason") << QByteArray("\x03\xe8\xc3\x28", 4)
                                      << QStringList{"5.5.1 the close reason is not valid UTF-8"};
    QTest::newRow("a cut 3-byte character")
        << QByteArray("\x03\xe8\xe2\x9c", 4)
        << QStringList{"5.5.1 the close reason is not valid UTF-8"};
}

void TestFrameRules::closePayloads()
{
    QFETCH(QByteArray, payload);
    QFETCH(QStringList, expected);
    QCOMPARE(sections(FrameRules::checkClosePayload(payload)), expected);
}

QTEST_GUILESS_MAIN(TestFrameRules)
#include "tst_framerules.moc"
