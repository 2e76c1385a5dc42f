// FrameHeaderScanner: frame headers (RFC 6455 5.2) found in a byte stream fed in every
// possible split, with 7-, 16- and 64-bit lengths, masked and unmasked, non-minimal and
// invalid lengths, and payloads passed over without their bytes.
#include "protocol/frameheaderscanner.h"

#include <QTest>
#include <algorithm>

namespace {

/// How a test frame encodes its payload length (RFC 6455 5.2).
enum class Length { Minimal, Force16, Force64 };

struct Spec
{
    quint8 first = 0x81; ///< FIN, RSV and opcode byte.
    bool masked = false;
    quint32 key = 0;
    QByteArray payload;
    Length length = Length::Minimal;
};

/// Encodes @p s by hand, independently of the scanner.
QByteArray encode(const Spec &s)
{
    QByteArray f;
    f.append(char(s.first));
    const quint64 n = quint64(s.payload.size());
    const char mask = s.masked ? char(0x80) : char(0);
    int lengthBytes = 0;
    if (s.length == Length::Force64 || (s.length == Length::Minimal && n > 0xFFFF)) {
        f.append(char(mask | 127));
        lengthBytes = 8;
    } else if (s.length == Length::Force16 || (s.length == Length::Minimal && n >= 126)) {
        f.append(char(mask | 126));
        lengthBytes = 2;
    } else {
        f.append(char(mask | char(n)));
    }
    for (int shift = 8 * (lengthBytes - 1); shift >= 0 && lengthBytes > 0; shift -= 8)
        f.append(char((n >> shift) & 0xFF));
    if (s.masked)
        for (int shift = 24; shift >= 0; shift -= 8)
            f.append(char((s.key >> shift) & 0xFF));
    return f + s.payload;
}

/// Payload bytes that look like frame headers, so a scanner that lost its place finds
/// headers that are not there.
QByteArray headerLikePayload(qsizetype bytes)
{
    QByteArray out;
    while (out.size() < bytes)
        out.append("\x81\x05hello\x82\x7e\x01\x00", 11);
    out.truncate(bytes);
    return out;
}

/// A stream of several kinds of frame, and the specs that made it.
QList<Spec> mixedSpecs()
{
    return {
        {0x81, true, 0x37FA213D, "Hello", Length::Minimal},        // masked text, 7-bit
        {0x02, false, 0, headerLikePayload(300), Length::Minimal}, // unmasked, 16-bit, no FIN
        {0x80, true, 0x01020304, headerLikePayload(70000), Length::Minimal}, // 64-bit
        {0x89, true, 0xFFFFFFFF, {}, Length::Minimal},                       // empty masked ping
        {0xF8, false, 0, QByteArray("\x03\xe8", 2), Length::Minimal},        // close, all RSV bits
        {0x8A, true, 0, "pong", Length::Force16},                            // non-minimal 16-bit
        {0x82, false, 0, "tiny", Length::Force64},                           // non-minimal 64-bit
    };
}

QByteArray encodeAll(const QList<Spec> &specs)
{
    QByteArray stream;
    for (const Spec &s : specs)
        stream += encode(s);
    return stream;
}

/// Compares what the scanner found with the specs, offsets included.
void verifyHeaders(const std::vector<FrameHeader> &found, const QList<Spec> &specs)
{
    QCOMPARE(qsizetype(found.size()), specs.size());
    qint64 offset = 0;
    for (qsizetype i = 0; i < specs.size(); ++i) {
        const Spec &s = specs.at(i);
        const FrameHeader &h = found.at(size_t(i));
        QCOMPARE(h.offset, offset);
        QCOMPARE(h.fin, (s.first & 0x80) != 0);
        QCOMPARE(int(h.rsv), (s.first >> 4) & 0x7);
        QCOMPARE(int(h.opcode), s.first & 0x0F);
        QCOMPARE(h.masked, s.masked);
        QCOMPARE(h.maskingKey, s.masked ? s.key : 0u);
        QCOMPARE(h.payloadLength, quint64(s.payload.size()));
        QCOMPARE(h.headerBytes, int(encode(s).size() - s.payload.size()));
        QCOMPARE(h.minimalLength(), s.length == Length::Minimal);
        QVERIFY(!h.lengthHighBitSet());
        offset += encode(s).size();
    }
}

std::vector<FrameHeader> feedInPieces(FrameHeaderScanner &scanner, const QByteArray &stream,
                                      const QList<qsizetype> &cuts)
{
    std::vector<FrameHeader> all;
    qsizetype from = 0;
    QList<qsizetype> ends = cuts;
    ends.append(stream.size());
    for (qsizetype end : ends) {
        const std::vector<FrameHeader> got =
            scanner.feed(QByteArrayView(stream).sliced(from, end - from));
        all.insert(all.end(), got.begin(), got.end());
        from = end;
    }
    return all;
}

} // namespace

class TestFrameHeaderScanner : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void lengthEncodings_data();
    void lengthEncodings();
    void everySplitPointOfAMixedStream();
    void everyPairOfSplitPointsAroundHeaders();
    void byteByByte();
    void payloadsSkippedWithoutTheirBytes();
    void highestBitSetIn64BitLength();
    void nonMinimalLengths_data();
    void nonMinimalLengths();
    void emptyFeedsChangeNothing();
};

void TestFrameHeaderScanner::lengthEncodings_data()
{
    QTest::addColumn<int>("length");
    QTest::addColumn<bool>("masked");
    QTest::addColumn<int>("expectedLengthBytes");
    for (const bool masked : {false, true}) {
        const char *m = masked ? "masked" : "unmasked";
        QTest::addRow("0 %s", m) << 0 << masked << 0;
        QTest::addRow("125 %s", m) << 125 << masked << 0;
        QTest::addRow("126 %s", m) << 126 << masked << 2;
        QTest::addRow("65535 %s", m) << 65535 << masked << 2;
        QTest::addRow("65536 %s", m) << 65536 << masked << 8;
        QTest::addRow("1 MiB %s", m) << 1024 * 1024 << masked << 8;
    }
}

void TestFrameHeaderScanner::lengthEncodings()
{
    QFETCH(int, length);
    QFETCH(bool, masked);
    QFETCH(int, expectedLengthBytes);
    const Spec s{0x82, masked, 0xA1B2C3D4, headerLikePayload(length), Length::Minimal};
    const QList<Spec> specs{s, {0x81, false, 0, "next", Length::Minimal}};
    FrameHeaderScanner scanner;
    const std::vector<FrameHeader> found = scanner.feed(encodeAll(specs));
    verifyHeaders(found, specs);
    QCOMPARE(found.at(0).lengthBytes, expectedLengthBytes);
    QCOMPARE(found.at(0).headerBytes, 2 + expectedLengthBytes + (masked ? 4 : 0));
    QCOMPARE(scanner.position(), encodeAll(specs).size());
    QCOMPARE(scanner.payloadRemaining(), quint64(0));
}

void TestFrameHeaderScanner::everySplitPointOfAMixedStream()
{
    const QList<Spec> specs = mixedSpecs();
    const QByteArray stream = encodeAll(specs);
    for (qsizetype cut = 0; cut <= stream.size(); ++cut) {
        FrameHeaderScanner scanner;
        verifyHeaders(feedInPieces(scanner, stream, {cut}), specs);
        if (QTest::currentTestFailed()) {
            qWarning("failed with a split at byte %lld", qlonglong(cut));
            return;
        }
        QCOMPARE(scanner.position(), stream.size());
    }
}

void TestFrameHeaderScanner::everyPairOfSplitPointsAroundHeaders()
{
    // Two cuts anywhere in the 16 bytes from the start of each header: every way a header
    // (and the bytes after it) can be cut in three.
    const QList<Spec> specs = mixedSpecs();
    const QByteArray stream = encodeAll(specs);
    QList<qsizetype> points;
    qsizetype at = 0;
    for (const Spec &s : specs) {
        for (qsizetype p = at; p <= std::min(stream.size(), at + 16); ++p)
            points.append(p);
        at += encode(s).size();
    }
    std::sort(points.begin(), points.end());
    points.erase(std::unique(points.begin(), points.end()), points.end());
    for (qsizetype a = 0; a < points.size(); ++a) {
        for (qsizetype b = a; b < points.size(); ++b) {
            FrameHeaderScanner scanner;
            verifyHeaders(feedInPieces(scanner, stream, {points.at(a), points.at(b)}), specs);
            if (QTest::currentTestFailed()) {
                qWarning("failed with splits at %lld and %lld", qlonglong(points.at(a)),
                         qlonglong(points.at(b)));
                return;
            }
        }
    }
}

void TestFrameHeaderScanner::byteByByte()
{
    const QList<Spec> specs = mixedSpecs();
    const QByteArray stream = encodeAll(specs);
    QList<qsizetype> cuts;
    for (qsizetype i = 1; i < stream.size(); ++i)
        cuts.append(i);
    FrameHeaderScanner scanner;
    verifyHeaders(feedInPieces(scanner, stream, cuts), specs);
}

void TestFrameHeaderScanner::payloadsSkippedWithoutTheirBytes()
{
    // A header announcing 2^40 bytes: the payload is passed over without a byte of it,
    // then the next header is found at the right offset.
    const quint64 huge = quint64(1) << 40;
    QByteArray header("\x82\xff", 2);
    for (int shift = 56; shift >= 0; shift -= 8)
        header.append(char((huge >> shift) & 0xFF));
    header.append("\x11\x22\x33\x44", 4);
    FrameHeaderScanner scanner;
    std::vector<FrameHeader> found = scanner.feed(header);
    QCOMPARE(found.size(), size_t(1));
    QCOMPARE(found.at(0).payloadLength, huge);
    QCOMPARE(found.at(0).maskingKey, 0x11223344u);
    QCOMPARE(scanner.payloadRemaining(), huge);
    scanner.skipPayload(huge - 3);
    QCOMPARE(scanner.payloadRemaining(), quint64(3));
    QVERIFY(scanner.feed(QByteArrayView("ab", 2)).empty()); // payload, counted
    found = scanner.feed(QByteArray("c") + encode({0x88, true, 7, "\x03\xe8", Length::Minimal}));
    QCOMPARE(found.size(), size_t(1));
    QCOMPARE(found.at(0).offset, qint64(header.size()) + qint64(huge));
    QCOMPARE(int(found.at(0).opcode), 0x8);
    QCOMPARE(found.at(0).payloadLength, quint64(2));
}

void TestFrameHeaderScanner::highestBitSetIn64BitLength()
{
    // RFC 6455 5.2: the most significant bit of a 64-bit length MUST be 0. The scanner
    // reports the length as sent and says it is invalid; it never overflows.
    const QByteArray header = QByteArray("\x81\x7f\x80\x00\x00\x00\x00\x00\x00\x01", 10);
    for (qsizetype cut = 0; cut <= header.size(); ++cut) {
        FrameHeaderScanner scanner;
        const std::vector<FrameHeader> found = feedInPieces(scanner, header, {cut});
        QCOMPARE(found.size(), size_t(1));
        QCOMPARE(found.at(0).payloadLength, (quint64(1) << 63) | 1);
        QVERIFY(found.at(0).lengthHighBitSet());
        QVERIFY(found.at(0).minimalLength());
        QVERIFY(!found.at(0).masked);
        QCOMPARE(found.at(0).headerBytes, 10);
        QCOMPARE(scanner.payloadRemaining(), (quint64(1) << 63) | 1);
    }
    FrameHeaderScanner all;
    const std::vector<FrameHeader> ones =
        all.feed(QByteArray("\x82\xff", 2) + QByteArray(8, char(0xFF)) + "kkkk");
    QCOMPARE(ones.at(0).payloadLength, ~quint64(0));
    QVERIFY(ones.at(0).lengthHighBitSet());
    QVERIFY(ones.at(0).masked);
}

void TestFrameHeaderScanner::nonMinimalLengths_data()
{
    QTest::addColumn<int>("length");
    QTest::addColumn<int>("force"); // 16 or 64
    QTest::addColumn<bool>("minimal");
    QTest::newRow("0 in 16 bits") << 0 << 16 << false;
    QTest::newRow("125 in 16 bits") << 125 << 16 << false;
    QTest::newRow("126 in 16 bits") << 126 << 16 << true;
    QTest::newRow("5 in 64 bits") << 5 << 64 << false;
    QTest::newRow("65535 in 64 bits") << 65535 << 64 << false;
    QTest::newRow("65536 in 64 bits") << 65536 << 64 << true;
}

void TestFrameHeaderScanner::nonMinimalLengths()
{
    QFETCH(int, length);
    QFETCH(int, force);
    QFETCH(bool, minimal);
    const Spec s{0x81, true, 0xDEADBEEF, headerLikePayload(length),
                 force == 16 ? Length::Force16 : Length::Force64};
    const QByteArray stream = encode(s) + encode({0x89, true, 1, "p", Length::Minimal});
    for (qsizetype cut = 0; cut <= std::min<qsizetype>(stream.size(), 20); ++cut) {
        FrameHeaderScanner scanner;
        const std::vector<FrameHeader> found = feedInPieces(scanner, stream, {cut});
        QCOMPARE(found.size(), size_t(2));
        QCOMPARE(found.at(0).payloadLength, quint64(length));
        QCOMPARE(found.at(0).lengthBytes, force / 8);
        QCOMPARE(found.at(0).minimalLength(), minimal);
        QCOMPARE(found.at(1).offset, encode(s).size());
        QCOMPARE(int(found.at(1).opcode), 0x9);
    }
}

void TestFrameHeaderScanner::emptyFeedsChangeNothing()
{
    FrameHeaderScanner scanner;
    QVERIFY(scanner.feed({}).empty());
    QVERIFY(scanner.feed(QByteArrayView("\x81", 1)).empty());
    QVERIFY(scanner.feed({}).empty());
    const std::vector<FrameHeader> found = scanner.feed(QByteArrayView("\x00", 1));
    QCOMPARE(found.size(), size_t(1));
    QCOMPARE(found.at(0).payloadLength, quint64(0));
    QCOMPARE(scanner.position(), 2);
    QCOMPARE(scanner.payloadRemaining(), quint64(0));
}

QTEST_GUILESS_MAIN(TestFrameHeaderScanner)
#include "tst_frameheaderscanner.moc"
