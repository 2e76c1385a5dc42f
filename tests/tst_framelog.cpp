// FrameLog, the Frames view's model, and FrameFilterModel: every column's text, the
// roles, the violation tooltip, batched inserts, the row cap, the filters, memory per
// frame, and QAbstractItemModelTester throughout. Frames are built by hand.
#include "wiretap/framefiltermodel.h"
#include "wiretap/framelog.h"

#include <QAbstractItemModelTester>
#include <QLocale>
#include <QSignalSpy>
#include <QTest>

namespace {

constexpr quint32 Key = 0x0a1b2c3d;
// What the columns of showsEveryColumn say of Key and of the time makeFrame() gives.
constexpr char key[] = "0a1b2c3d";
constexpr char t[] = "1,234,567 µs";
constexpr FrameSender client = FrameSender::Client, server = FrameSender::Server;

/// A FIN frame as WireStream hands it over: masked when the client sends it (RFC 6455
/// 5.1), all of a control payload, the first 16 bytes of a data payload.
WireFrame makeFrame(FrameSender sender, quint8 opcode, const QByteArray &payload,
                    qint64 timeUs = 1234567)
{
    WireFrame f;
    f.timeUs = timeUs;
    f.sender = sender;
    f.header.fin = true;
    f.header.opcode = opcode;
    f.header.payloadLength = quint64(payload.size());
    f.header.masked = sender == FrameSender::Client;
    f.header.maskingKey = f.header.masked ? Key : 0;
    f.payload = f.header.isControl() ? payload : payload.left(16);
    return f;
}

WireFrame withViolations(WireFrame f)
{
    f.violations = {
        {QStringLiteral("a server must not mask the frames it sends"), QStringLiteral("5.1")},
        {QStringLiteral("RSV1 is set with no extension negotiated"), QStringLiteral("5.2")}};
    return f;
}

/// What the wire tap hands over for @p frames (WireStream's split): a record for each,
/// and the control frames and violating ones in full.
WireBatch batchOf(const QList<WireFrame> &frames)
{
    WireBatch batch;
    for (const WireFrame &f : frames) {
        FrameRecord r = FrameRecord::of(f.sender, f.header, f.timeUs, !f.violations.isEmpty());
        const QByteArray head = f.header.isControl() ? f.payload : f.payload.left(8);
        std::copy_n(head.constData(), std::min<qsizetype>(head.size(), r.headBytes()), r.head);
        batch.records.append(r);
        if (f.header.isControl() || !f.violations.isEmpty())
            batch.notable.append(f);
    }
    return batch;
}

void appendFrames(FrameLog &log, const QList<WireFrame> &frames)
{
    log.append(batchOf(frames));
}

QString cell(const QAbstractItemModel &model, int row, int column, int role = Qt::DisplayRole)
{
    return model.index(row, column).data(role).toString();
}

/// The TimeUsRole of every row @p model shows, in order: which frames got through.
QList<qint64> shownTimes(const QAbstractItemModel &model)
{
    QList<qint64> times;
    for (int row = 0; row < model.rowCount(); ++row)
        times << model.index(row, 0).data(FrameLog::TimeUsRole).toLongLong();
    return times;
}

/// @p count frames timed first, first + 1, …; every third one breaks a rule and every
/// fourth one is a ping with a 20-byte payload (kept in the side table).
QList<WireFrame> numberedFrames(qint64 first, int count)
{
    QList<WireFrame> frames;
    for (qint64 t = first; t < first + count; ++t) {
        const QByteArray payload = QByteArray::number(t).rightJustified(20, '.');
        WireFrame f = makeFrame(t % 2 ? server : client, t % 4 == 0 ? Opcode::Ping : Opcode::Text,
                                payload, t);
        if (t % 3 == 0)
            f.violations = {{QStringLiteral("rule %1").arg(t), QStringLiteral("5.2")}};
        frames << f;
    }
    return frames;
}

/// One row of showsEveryColumn: @p frame and the text of each of its columns.
void row(const WireFrame &frame, const QStringList &texts)
{
    const QString name = texts.at(FrameLog::OpcodeColumn) + QLatin1Char(' ') +
                         texts.at(FrameLog::PreviewColumn).left(24);
    QTest::newRow(qPrintable(name)) << frame << texts;
}

/// Text frames: masked and not, cut to the 8 bytes kept, bytes that are not printable.
void addTextRows()
{
    row(makeFrame(client, Opcode::Text, "hello"),
        {t, "sent", "text", "FIN", "", key, "5", "hello"});
    row(makeFrame(server, Opcode::Text, "hi"), {t, "received", "text", "FIN", "", "", "2", "hi"});
    row(makeFrame(client, Opcode::Text, QByteArray(1000, 'a')),
        {t, "sent", "text", "FIN", "", key, "1,000", QStringLiteral("aaaaaaaa…")});
    row(makeFrame(server, Opcode::Text, "a\nb\tc\x7f"),
        {t, "received", "text", "FIN", "", "", "6", "a\\x0ab\\x09c\\x7f"});
    row(makeFrame(server, Opcode::Text, "h\xc3\xa9!"),
        {t, "received", "text", "FIN", "", "", "4", QStringLiteral("hé!")});
    // A character cut by the 8 bytes kept, and a byte that is not UTF-8.
    row(makeFrame(server, Opcode::Text, "abcdef\xe2\x82\xac"),
        {t, "received", "text", "FIN", "", "", "9", QStringLiteral("abcdef\\xe2\\x82…")});
    row(makeFrame(server, Opcode::Text, "a\xff"),
        {t, "received", "text", "FIN", "", "", "2", "a\\xff"});
    // Not UTF-8 (RFC 3629 3): an overlong '/', a surrogate, a lead byte with no
    // continuation; a 4-byte character is.
    row(makeFrame(server, Opcode::Text, "x\xc0\xafy"),
        {t, "received", "text", "FIN", "", "", "4", "x\\xc0\\xafy"});
    row(makeFrame(server, Opcode::Text, "\xed\xa0\x80"),
        {t, "received", "text", "FIN", "", "", "3", "\\xed\\xa0\\x80"});
    row(makeFrame(server, Opcode::Text, "\xc3z"),
        {t, "received", "text", "FIN", "", "", "2", "\\xc3z"});
    row(makeFrame(server, Opcode::Text, "\xf0\x9f\x98\x80"),
        {t, "received", "text", "FIN", "", "", "4", QStringLiteral("\U0001F600")});
}

/// Binary, close, ping, pong, reserved and continuation frames; RSV bits, long lengths.
void addOtherRows()
{
    row(makeFrame(server, Opcode::Binary, QByteArray::fromHex("0001ff")),
        {t, "received", "binary", "FIN", "", "", "3", "00 01 ff"});
    QByteArray twenty;
    for (char c = 0; c < 20; ++c)
        twenty.append(c);
    row(makeFrame(client, Opcode::Binary, twenty),
        {t, "sent", "binary", "FIN", "", key, "20", QStringLiteral("00 01 02 03 04 05 06 07 …")});
    row(makeFrame(server, Opcode::Close, QByteArray::fromHex("03e8") + "bye"),
        {t, "received", "close", "FIN", "", "", "5", "1000 'bye'"});
    row(makeFrame(client, Opcode::Close, "\x0f\xa1the reason is longer than 8"),
        {t, "sent", "close", "FIN", "", key, "29", "4001 'the reason is longer than 8'"});
    row(makeFrame(server, Opcode::Close, ""),
        {t, "received", "close", "FIN", "", "", "0", "no status code"});
    row(makeFrame(server, Opcode::Close, "\x03\xe9"),
        {t, "received", "close", "FIN", "", "", "2", "1001"});
    row(makeFrame(server, Opcode::Close, "\x03"),
        {t, "received", "close", "FIN", "", "", "1", "03"});
    row(makeFrame(client, Opcode::Ping, "are you there?"),
        {t, "sent", "ping", "FIN", "", key, "14", "are you there?"});
    row(makeFrame(server, Opcode::Pong, "ok"), {t, "received", "pong", "FIN", "", "", "2", "ok"});
    row(makeFrame(client, 0x3, "\x01\x02"),
        {t, "sent", "reserved 0x3", "FIN", "", key, "2", "01 02"});
    row(makeFrame(server, 0xB, ""), {t, "received", "reserved 0xB", "FIN", "", "", "0", ""});

    WireFrame f = makeFrame(client, Opcode::Continuation, "\x10\x20");
    f.header.fin = false;
    f.header.rsv = 0x5;
    row(f, {t, "sent", "continuation", "", "RSV1 RSV3", key, "2", "10 20"});
    f.header.rsv = 0x4;
    row(f, {t, "sent", "continuation", "", "RSV1", key, "2", "10 20"});
    f.header.rsv = 0x2;
    row(f, {t, "sent", "continuation", "", "RSV2", key, "2", "10 20"});
    f.header.rsv = 0x1;
    row(f, {t, "sent", "continuation", "", "RSV3", key, "2", "10 20"});
    f.header.rsv = 0x7;
    f.header.maskingKey = 0;
    row(f, {t, "sent", "continuation", "", "RSV1 RSV2 RSV3", "00000000", "2", "10 20"});
    // A ping over 125 bytes (RFC 6455 5.5): the wire tap keeps 125 of them.
    f = makeFrame(server, Opcode::Ping, QByteArray(125, 'p'), 0);
    f.header.payloadLength = 200;
    row(f, {"0 µs", "received", "ping", "FIN", "", "", "200", QString(125, 'p') + QChar(0x2026)});
    // All 64 bits of a length, even one with the high bit set (RFC 6455 5.2 forbids it).
    f = makeFrame(server, Opcode::Binary, "12345678", 9'876'543'210);
    f.header.payloadLength = quint64(1) << 63;
    row(f, {"9,876,543,210 µs", "received", "binary", "FIN", "", "", "9,223,372,036,854,775,808",
            QStringLiteral("31 32 33 34 35 36 37 38 ") + QChar(0x2026)});
}

} // namespace

class TestFrameLog : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void showsEveryColumn_data();
    void showsEveryColumn();
    void exposesSemanticRoles();
    void explainsViolationsInTheToolTip();
    void insertsABatchAsOneSignal();
    void stagesFramesUntilTheFlush();
    void clearEmptiesTheLog();
    void dropsTheOldestRowsOverTheCap();
    void passesTheModelTester();
    void passesEveryRowThroughUnderTheCap();
    void holdsNewRowsWhileItsViewIsHidden();
    void filtersByDirectionOpcodeViolationAndText();
    void namesAndClearsTheFiltersThatHideARow();
    void holdsAMillionFramesCompactly();
    void keepsLongTimesAndLengthsExactly();
};

void TestFrameLog::initTestCase()
{
    // Thousands separators as in the English UI, whatever the machine's locale.
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void TestFrameLog::showsEveryColumn_data()
{
    QTest::addColumn<WireFrame>("frame");
    QTest::addColumn<QStringList>("texts"); // every column, in order
    addTextRows();
    addOtherRows();
}

void TestFrameLog::showsEveryColumn()
{
    QFETCH(WireFrame, frame);
    QFETCH(QStringList, texts);
    FrameLog log;
    appendFrames(log, {makeFrame(client, Opcode::Text, "before"), frame});
    QCOMPARE(texts.size(), int(FrameLog::ColumnCount));
    for (int column = 0; column < FrameLog::ColumnCount; ++column)
        QCOMPARE(cell(log, 1, column), texts.at(column));
    QCOMPARE(log.headerData(FrameLog::LengthColumn, Qt::Horizontal).toString(),
             QStringLiteral("Length (bytes)"));
}

void TestFrameLog::exposesSemanticRoles()
{
    FrameLog log;
    WireFrame big = makeFrame(server, Opcode::Binary, "x", 42);
    big.header.payloadLength = quint64(1) << 40;
    appendFrames(log, {makeFrame(client, Opcode::Ping, "p", 7), withViolations(big)});
    const QModelIndex ping = log.index(0, FrameLog::OpcodeColumn);
    QCOMPARE(ping.data(FrameLog::SenderRole).toInt(), 0);
    QCOMPARE(ping.data(FrameLog::OpcodeRole).toInt(), int(Opcode::Ping));
    QCOMPARE(ping.data(FrameLog::PayloadLengthRole).toULongLong(), 1ULL);
    QCOMPARE(ping.data(FrameLog::TimeUsRole).toLongLong(), 7LL);
    QCOMPARE(ping.data(FrameLog::ViolationRole).toBool(), false);
    QCOMPARE(ping.data(FrameLog::MaskingKeyRole).toUInt(), Key);
    const QModelIndex binary = log.index(1, FrameLog::PreviewColumn);
    QCOMPARE(binary.data(FrameLog::SenderRole).toInt(), 1);
    QCOMPARE(binary.data(FrameLog::OpcodeRole).toInt(), int(Opcode::Binary));
    QCOMPARE(binary.data(FrameLog::PayloadLengthRole).toULongLong(), 1ULL << 40);
    QCOMPARE(binary.data(FrameLog::TimeUsRole).toLongLong(), 42LL);
    QCOMPARE(binary.data(FrameLog::ViolationRole).toBool(), true);
    QCOMPARE(binary.data(FrameLog::MaskingKeyRole).toUInt(), 0u);
    QCOMPARE(log.keptPayload(0), QByteArray("p"));
}

void TestFrameLog::explainsViolationsInTheToolTip()
{
    FrameLog log;
    const WireFrame bad = withViolations(makeFrame(server, Opcode::Text, "x"));
    appendFrames(log, {makeFrame(server, Opcode::Text, "fine"), bad});
    for (int column = 0; column < FrameLog::ColumnCount; ++column) {
        QVERIFY(!log.index(0, column).data(Qt::ToolTipRole).isValid());
        QCOMPARE(cell(log, 1, column, Qt::ToolTipRole),
                 QStringLiteral("RFC 6455 5.1: a server must not mask the frames it sends\n"
                                "RFC 6455 5.2: RSV1 is set with no extension negotiated"));
    }
    QCOMPARE(log.violations(1), bad.violations);
    QVERIFY(log.violations(0).isEmpty());
}

void TestFrameLog::insertsABatchAsOneSignal()
{
    FrameLog log;
    QSignalSpy inserted(&log, &QAbstractItemModel::rowsInserted);
    appendFrames(log, numberedFrames(0, 3));
    appendFrames(log, {});
    appendFrames(log, numberedFrames(3, 500));
    QCOMPARE(inserted.count(), 2);
    QCOMPARE(inserted.at(0).at(1).toInt(), 0);
    QCOMPARE(inserted.at(0).at(2).toInt(), 2);
    QCOMPARE(inserted.at(1).at(1).toInt(), 3);
    QCOMPARE(inserted.at(1).at(2).toInt(), 502);
    QCOMPARE(log.rowCount(), 503);
    QCOMPARE(shownTimes(log).last(), 502);
}

void TestFrameLog::stagesFramesUntilTheFlush()
{
    FrameLog log;
    QAbstractItemModelTester tester(&log, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy inserted(&log, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&log, &QAbstractItemModel::rowsRemoved);
    log.stage(batchOf(numberedFrames(0, 4)));
    log.stage(batchOf(numberedFrames(4, 6)));
    QCOMPARE(log.rowCount(), 0); // stored, not yet rows
    QCOMPARE(log.stagedFrames(), 10);
    QCOMPARE(inserted.count(), 0);
    log.flush();
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(log.rowCount(), 10);
    QCOMPARE(log.stagedFrames(), 0);
    log.flush(); // nothing staged: no signal
    QCOMPARE(inserted.count(), 1);
    // Under a cap of 5, twelve staged frames: setMaxRows(5) drops five rows at once, the
    // flush the other five in one removal; seven staged frames go unseen, the last five
    // become rows.
    log.setMaxRows(10);
    log.stage(batchOf(numberedFrames(10, 12)));
    QCOMPARE(shownTimes(log).last(), 9); // the rows are as they were
    log.setMaxRows(5);
    QCOMPARE(removed.count(), 1); // the cap takes rows at once: 0-4 go
    log.flush();
    QCOMPARE(removed.count(), 2);
    QCOMPARE(shownTimes(log), (QList<qint64>{17, 18, 19, 20, 21}));
    QCOMPARE(log.droppedFrames(), 17);
    QCOMPARE(cell(log, 1, FrameLog::PreviewColumn, Qt::ToolTipRole), // its side table too
             QStringLiteral("RFC 6455 5.2: rule 18"));
}

void TestFrameLog::clearEmptiesTheLog()
{
    FrameLog log;
    QAbstractItemModelTester tester(&log, QAbstractItemModelTester::FailureReportingMode::QtTest);
    appendFrames(log, numberedFrames(0, 5000));
    QVERIFY(log.bytesUsed() > 5000 * 32);
    QSignalSpy reset(&log, &QAbstractItemModel::modelReset);
    log.clear();
    QCOMPARE(reset.count(), 1);
    QCOMPARE(log.rowCount(), 0);
    QCOMPARE(log.bytesUsed(), 0);
    appendFrames(log, numberedFrames(9, 1));
    QCOMPARE(shownTimes(log), QList<qint64>{9});
    QCOMPARE(cell(log, 0, FrameLog::PreviewColumn, Qt::ToolTipRole),
             QStringLiteral("RFC 6455 5.2: rule 9"));
}

void TestFrameLog::dropsTheOldestRowsOverTheCap()
{
    FrameLog log;
    QAbstractItemModelTester tester(&log, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy removed(&log, &QAbstractItemModel::rowsRemoved);
    log.setMaxRows(5);
    appendFrames(log, numberedFrames(0, 3));
    appendFrames(log, numberedFrames(3, 4));
    QCOMPARE(shownTimes(log), (QList<qint64>{2, 3, 4, 5, 6}));
    QCOMPARE(removed.count(), 1);
    // The side tables follow their rows: row 1 is frame 3 (a violation), row 2 frame 4
    // (a ping kept whole).
    QCOMPARE(cell(log, 1, 0, Qt::ToolTipRole), QStringLiteral("RFC 6455 5.2: rule 3"));
    QVERIFY(!log.index(2, 0).data(Qt::ToolTipRole).isValid());
    QCOMPARE(cell(log, 2, FrameLog::PreviewColumn), QStringLiteral("...................4"));
    // A batch longer than the cap: only its last rows, never inserted only to go.
    QSignalSpy inserted(&log, &QAbstractItemModel::rowsInserted);
    appendFrames(log, numberedFrames(100, 12));
    QCOMPARE(shownTimes(log), (QList<qint64>{107, 108, 109, 110, 111}));
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(inserted.at(0).at(2).toInt(), 4);
    QCOMPARE(log.droppedFrames(), 2 + 5 + 7);
    QCOMPARE(cell(log, 1, FrameLog::PreviewColumn), QStringLiteral(".................108"));
    QCOMPARE(cell(log, 4, 0, Qt::ToolTipRole), QStringLiteral("RFC 6455 5.2: rule 111"));
    log.setMaxRows(2);
    QCOMPARE(shownTimes(log), (QList<qint64>{110, 111}));
    log.setMaxRows(0);
    appendFrames(log, numberedFrames(200, 3 * int(FrameLog::BlockRecords)));
    QCOMPARE(log.rowCount(), 2 + 3 * int(FrameLog::BlockRecords));
    // Across block boundaries, whole blocks freed.
    const qint64 full = log.bytesUsed();
    log.setMaxRows(10);
    QCOMPARE(shownTimes(log).first(), 200 + 3 * FrameLog::BlockRecords - 10);
    QVERIFY2(log.bytesUsed() < full / 2, qPrintable(QString::number(log.bytesUsed())));
}

void TestFrameLog::passesTheModelTester()
{
    FrameLog log;
    FrameFilterModel filter;
    filter.setSourceModel(&log);
    QAbstractItemModelTester logTester(&log,
                                       QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester filterTester(&filter,
                                          QAbstractItemModelTester::FailureReportingMode::QtTest);
    appendFrames(log, numberedFrames(0, 50));
    filter.setViolationsOnly(true);
    appendFrames(log, numberedFrames(50, 50));
    QCOMPARE(filter.rowCount(), 34);
    log.setMaxRows(30);
    QCOMPARE(filter.rowCount(), 10);
    filter.setDirections(FrameFilterModel::Directions::Sent);
    appendFrames(log, numberedFrames(100, 40));
    filter.setText(QStringLiteral("12"));
    QCOMPARE(shownTimes(filter), QList<qint64>{120}); // a ping: kept whole
    log.clear();
    QCOMPARE(filter.rowCount(), 0);
    appendFrames(log, numberedFrames(0, 10));
    filter.setText(QString());
    filter.setViolationsOnly(false);
    QCOMPARE(shownTimes(filter), (QList<qint64>{0, 2, 4, 6, 8}));
}

/// Showing every frame, the proxy maps rows one to one, through appends and the row cap.
void TestFrameLog::passesEveryRowThroughUnderTheCap()
{
    FrameLog log;
    FrameFilterModel filter;
    filter.setSourceModel(&log);
    QAbstractItemModelTester tester(&filter,
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy inserts(&filter, &QAbstractItemModel::rowsInserted);
    log.setMaxRows(25);
    appendFrames(log, numberedFrames(0, 20));
    appendFrames(log, numberedFrames(20, 20));
    QCOMPARE(inserts.count(), 2); // one insert per batch
    QCOMPARE(filter.rowCount(), 25);
    QCOMPARE(shownTimes(filter).first(), 15);
    QCOMPARE(shownTimes(filter).last(), 39);
    QCOMPARE(filter.mapToSource(filter.index(3, 1)), log.index(3, 1));
    QCOMPARE(filter.mapFromSource(log.index(24, 0)), filter.index(24, 0));
    // Filtering and back: the same rows, one to one again.
    filter.setOpcodes(FrameFilterModel::opcodeBit(Opcode::Ping));
    QVERIFY(filter.rowCount() < 25);
    filter.setOpcodes(FrameFilterModel::AllOpcodes);
    QCOMPARE(filter.rowCount(), 25);
    appendFrames(log, numberedFrames(40, 5));
    QCOMPARE(shownTimes(filter).first(), 20);
    QCOMPARE(shownTimes(filter).last(), 44);
}

/// A hidden Frames view holds its proxy: rows wait, the row cap drops shown and waiting
/// rows alike, and the release shows the rest in one insert, filtered as they would have
/// been.
void TestFrameLog::holdsNewRowsWhileItsViewIsHidden()
{
    FrameLog log;
    FrameFilterModel filter;
    filter.setSourceModel(&log);
    QAbstractItemModelTester tester(&filter,
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy inserts(&filter, &QAbstractItemModel::rowsInserted);
    log.setMaxRows(25);
    appendFrames(log, numberedFrames(0, 10));
    filter.setHeld(true);
    appendFrames(log, numberedFrames(10, 5));
    appendFrames(log, numberedFrames(15, 5));
    QCOMPARE(inserts.count(), 1);
    QCOMPARE(filter.rowCount(), 10);
    QCOMPARE(filter.heldRows(), 10);
    QVERIFY(!filter.mapFromSource(log.index(12, 0)).isValid());
    // 40 frames under a cap of 25: the 10 shown go, and the first 5 that waited.
    appendFrames(log, numberedFrames(20, 20));
    QCOMPARE(filter.rowCount(), 0);
    QCOMPARE(filter.heldRows(), 25);
    filter.setHeld(false);
    QCOMPARE(inserts.count(), 2);
    QCOMPARE(filter.heldRows(), 0);
    QCOMPARE(shownTimes(filter), shownTimes(log));
    QCOMPARE(shownTimes(filter).first(), 15);

    // Filtering: the waiting rows are tested only when released.
    filter.setDirections(FrameFilterModel::Directions::Sent);
    filter.setHeld(true);
    const QList<qint64> before = shownTimes(filter);
    appendFrames(log, numberedFrames(40, 6));
    QCOMPARE(shownTimes(filter), before.mid(3)); // 15 to 20 went: 16, 18, 20 shown
    filter.setHeld(false);
    FrameFilterModel fresh;
    fresh.setSourceModel(&log);
    fresh.setDirections(FrameFilterModel::Directions::Sent);
    QCOMPARE(shownTimes(filter), shownTimes(fresh));
    QCOMPARE(shownTimes(filter).last(), 44);
}

void TestFrameLog::filtersByDirectionOpcodeViolationAndText()
{
    FrameLog log;
    FrameFilterModel filter;
    filter.setSourceModel(&log);
    appendFrames(log, {makeFrame(client, Opcode::Text, "Hello there", 0),
                       makeFrame(server, Opcode::Text, "world", 1),
                       makeFrame(client, Opcode::Ping, "HELLO?", 2),
                       makeFrame(server, Opcode::Pong, "hello?", 3),
                       withViolations(makeFrame(server, Opcode::Binary, "\x01\x02", 4)),
                       makeFrame(client, Opcode::Close, QByteArray::fromHex("03e8") + "bye", 5)});
    QCOMPARE(shownTimes(filter), (QList<qint64>{0, 1, 2, 3, 4, 5}));
    filter.setDirections(FrameFilterModel::Directions::Sent);
    QCOMPARE(shownTimes(filter), (QList<qint64>{0, 2, 5}));
    filter.setDirections(FrameFilterModel::Directions::Received);
    QCOMPARE(shownTimes(filter), (QList<qint64>{1, 3, 4}));
    filter.setDirections(FrameFilterModel::Directions::Both);
    filter.setOpcodes(FrameFilterModel::opcodeBit(Opcode::Ping) |
                      FrameFilterModel::opcodeBit(Opcode::Pong));
    QCOMPARE(shownTimes(filter), (QList<qint64>{2, 3}));
    filter.setOpcodes(FrameFilterModel::opcodeBit(Opcode::Close));
    QCOMPARE(shownTimes(filter), (QList<qint64>{5}));
    filter.setOpcodes(FrameFilterModel::AllOpcodes);
    filter.setViolationsOnly(true);
    QCOMPARE(shownTimes(filter), (QList<qint64>{4}));
    filter.setViolationsOnly(false);
    filter.setText(QStringLiteral("hElLo"));
    QCOMPARE(shownTimes(filter), (QList<qint64>{0, 2, 3}));
    filter.setText(QStringLiteral("01 02")); // binary matches as it is shown: hex
    QCOMPARE(shownTimes(filter), (QList<qint64>{4}));
    filter.setText(QStringLiteral("1000 'BYE'"));
    QCOMPARE(shownTimes(filter), (QList<qint64>{5}));
    // Settings combine, and new rows are filtered as they arrive.
    filter.setText(QStringLiteral("hello"));
    filter.setDirections(FrameFilterModel::Directions::Received);
    QCOMPARE(shownTimes(filter), (QList<qint64>{3}));
    appendFrames(log, {makeFrame(server, Opcode::Text, "oh HELLO", 6),
                       makeFrame(client, Opcode::Text, "hello", 7)});
    QCOMPARE(shownTimes(filter), (QList<qint64>{3, 6}));
}

void TestFrameLog::namesAndClearsTheFiltersThatHideARow()
{
    FrameLog log;
    FrameFilterModel filter;
    filter.setSourceModel(&log);
    appendFrames(log, {makeFrame(client, Opcode::Text, "Hello there", 0),
                       withViolations(makeFrame(server, Opcode::Binary, "\x01\x02", 1))});
    using F = FrameFilterModel::Filter;
    QCOMPARE(filter.hidingFilters(0), FrameFilterModel::Filters());
    filter.setDirections(FrameFilterModel::Directions::Received);
    filter.setViolationsOnly(true);
    filter.setText(QStringLiteral("01"));
    filter.setOpcodes(FrameFilterModel::opcodeBit(Opcode::Binary));
    QCOMPARE(shownTimes(filter), QList<qint64>{1});
    QCOMPARE(filter.hidingFilters(0), F::Direction | F::Opcode | F::Violations | F::Text);
    QCOMPARE(filter.hidingFilters(1), FrameFilterModel::Filters());
    // Only what is named is cleared.
    filter.clearFilters(F::Direction | F::Violations);
    QCOMPARE(filter.directions(), FrameFilterModel::Directions::Both);
    QVERIFY(!filter.violationsOnly());
    QCOMPARE(filter.text(), QStringLiteral("01"));
    QCOMPARE(filter.hidingFilters(0), F::Opcode | F::Text);
    filter.clearFilters(F::Opcode | F::Text);
    QCOMPARE(filter.opcodes(), FrameFilterModel::AllOpcodes);
    QCOMPARE(filter.text(), QString());
    QCOMPARE(shownTimes(filter), (QList<qint64>{0, 1}));
}

void TestFrameLog::holdsAMillionFramesCompactly()
{
    constexpr int frames = 1'000'000, batch = 10'000;
    FrameLog log;
    const QByteArray payload(16, 'd'); // a data frame's preview from the wire tap
    for (int first = 0; first < frames; first += batch) {
        QList<WireFrame> frameBatch;
        frameBatch.reserve(batch);
        for (int i = first; i < first + batch; ++i) {
            WireFrame f = makeFrame(i % 2 ? server : client, Opcode::Binary, payload, i);
            f.header.payloadLength = 4096;
            frameBatch << f;
        }
        appendFrames(log, frameBatch);
    }
    QCOMPARE(log.rowCount(), frames);
    QCOMPARE(log.index(frames - 1, 0).data(FrameLog::TimeUsRole).toLongLong(), frames - 1);
    QCOMPARE(cell(log, frames - 1, FrameLog::PreviewColumn),
             QStringLiteral("64 64 64 64 64 64 64 64 …"));
    const double perFrame = double(log.bytesUsed()) / frames;
    qInfo("%.2f bytes per frame for %d data frames", perFrame, frames);
    QVERIFY2(perFrame <= 25, qPrintable(QString::number(perFrame)));
}

void TestFrameLog::keepsLongTimesAndLengthsExactly()
{
    // A record keeps 32 bits of each; the rest goes to side tables, and comes back whole.
    const qint64 times[] = {1000, 1000 + 0xfffffffeLL, 1000 + 0xffffffffLL, 5'000'000'000LL, 999,
                            7};
    const quint64 lengths[] = {0, 0xfffffffeULL, 0xffffffffULL, 1ULL << 32, (1ULL << 63) + 5, 125};
    QList<WireFrame> frames;
    for (int i = 0; i < 6; ++i) {
        WireFrame f = makeFrame(server, Opcode::Binary, "abcdefgh", times[i]);
        f.header.payloadLength = lengths[i];
        frames << f;
    }
    FrameLog log;
    appendFrames(log, frames);
    for (int round = 0; round < 2; ++round) {
        const int first = round == 0 ? 0 : 2; // then with the first two dropped by the cap
        QCOMPARE(log.rowCount(), 6 - first);
        for (int i = first; i < 6; ++i) {
            const int row = i - first;
            QCOMPARE(log.index(row, 0).data(FrameLog::TimeUsRole).toLongLong(), times[i]);
            QCOMPARE(log.index(row, 0).data(FrameLog::PayloadLengthRole).toULongLong(), lengths[i]);
            QCOMPARE(cell(log, row, FrameLog::LengthColumn),
                     QLocale().toString(qulonglong(lengths[i])));
            QCOMPARE(log.keptPayload(row),
                     QByteArray("abcdefgh").left(int(qMin<quint64>(8, lengths[i]))));
        }
        log.setMaxRows(4);
    }
}

QTEST_GUILESS_MAIN(TestFrameLog)
#include "tst_framelog.moc"
