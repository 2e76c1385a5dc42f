// The message log model: batching, roles, display text, and QAbstractItemModelTester.
#include "log/messagelog.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

class TestMessageLog : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void insertsInBatches();
    void flushesByItselfFromTheEventLoop();
    void flushesAtOnceWhenManyRowsWait();
    void exposesSemanticRoles();
    void previewsAreOneLineAndBounded();
    void closeRowsReadTheCatalogue();
    void clearEmptiesTheModel();
    void storesEveryPayloadExactly();
    void appendTextEncodesUtf8InPlace();
    void memoryStaysCompact();
    void pongRowsShowTheRoundTrip();
    void capKeepsTheNewestRowsUnderTheTester();
    void budgetDropsTheOldestPayloadsAndSaysSo();
    void payloadOverTheWholeBudgetIsNotKept();
    void rowsOverTheBudgetGoOldestFirst();
    void largePayloadIsKeptWithoutACopy();
    void smallRowsOutliveLargePayloads();
};

static LogEvent textEvent(const QByteArray &text, Direction d = Direction::Received)
{
    LogEvent e;
    e.timestampMs = 1700000000123;
    e.sizeBytes = text.size();
    e.payload = text;
    e.direction = d;
    e.kind = EventKind::Text;
    return e;
}

void TestMessageLog::insertsInBatches()
{
    MessageLog log;
    QAbstractItemModelTester tester(&log, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy inserted(&log, &QAbstractItemModel::rowsInserted);
    for (int i = 0; i < 1000; ++i)
        log.append(textEvent(QByteArray::number(i)));
    QCOMPARE(log.rowCount(), 0);
    QCOMPARE(log.totalEvents(), 1000);
    log.flush();
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(inserted.at(0).at(1).toInt(), 0);
    QCOMPARE(inserted.at(0).at(2).toInt(), 999);
    QCOMPARE(log.rowCount(), 1000);
    for (int i = 0; i < 10; ++i)
        log.append(textEvent("more"));
    log.flush();
    QCOMPARE(inserted.count(), 2);
    QCOMPARE(inserted.at(1).at(1).toInt(), 1000);
    QCOMPARE(log.rowCount(), 1010);
    QCOMPARE(log.index(999, MessageLog::PreviewColumn).data().toString(), QStringLiteral("999"));
}

void TestMessageLog::flushesByItselfFromTheEventLoop()
{
    MessageLog log;
    QAbstractItemModelTester tester(&log, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy inserted(&log, &QAbstractItemModel::rowsInserted);
    for (int i = 0; i < 50; ++i)
        log.append(textEvent("x"));
    QTRY_COMPARE(log.rowCount(), 50);
    QCOMPARE(inserted.count(), 1);
}

void TestMessageLog::flushesAtOnceWhenManyRowsWait()
{
    // A flooded event loop can run the flush timer late. By count: MaxPendingRows
    // waiting rows become rows at once.
    const QString text = QStringLiteral("x");
    MessageLog log;
    QSignalSpy inserted(&log, &QAbstractItemModel::rowsInserted);
    for (qsizetype i = 0; i < MessageLog::MaxPendingRows + 5; ++i)
        log.appendText(1000, Direction::Received, text); // one burst, one time
    QCOMPARE(inserted.count(), 1);                       // no event loop ran
    QCOMPARE(log.rowCount(), int(MessageLog::MaxPendingRows));
    QTRY_COMPARE(log.rowCount(), int(MessageLog::MaxPendingRows) + 5); // the rest: timer
    // By time: the first row timed FloodFlushIntervalMs after the first waiting one.
    MessageLog timed;
    for (int ms = 0; ms < MessageLog::FloodFlushIntervalMs; ++ms)
        timed.appendText(5000 + ms, Direction::Received, text);
    QCOMPARE(timed.rowCount(), 0);
    timed.appendText(5000 + MessageLog::FloodFlushIntervalMs, Direction::Received, text);
    QCOMPARE(timed.rowCount(), MessageLog::FloodFlushIntervalMs + 1);
}

void TestMessageLog::exposesSemanticRoles()
{
    MessageLog log;
    LogEvent e = textEvent(QByteArray("h\xc3\xa9llo"), Direction::Sent);
    log.append(e);
    log.flush();
    const QModelIndex i = log.index(0, MessageLog::SizeColumn);
    QCOMPARE(i.data(MessageLog::TimestampRole).toLongLong(), 1700000000123LL);
    QCOMPARE(Direction(i.data(MessageLog::DirectionRole).toInt()), Direction::Sent);
    QCOMPARE(EventKind(i.data(MessageLog::KindRole).toInt()), EventKind::Text);
    QCOMPARE(i.data(MessageLog::SizeRole).toLongLong(), 6LL);
    QCOMPARE(i.data(MessageLog::PayloadRole).toByteArray(), e.payload);
    QCOMPARE(i.data().toString(), QStringLiteral("6"));
    QCOMPARE(log.index(0, MessageLog::DirectionColumn).data().toString(), QStringLiteral("sent"));
    QCOMPARE(log.index(0, MessageLog::KindColumn).data().toString(), QStringLiteral("text"));
    QCOMPARE(log.index(0, MessageLog::PreviewColumn).data().toString(),
             QString::fromUtf8("h\xc3\xa9llo"));
    // Time in ms precision.
    QVERIFY(QRegularExpression(QStringLiteral("^\\d\\d:\\d\\d:\\d\\d\\.123$"))
                .match(log.index(0, MessageLog::TimeColumn).data().toString())
                .hasMatch());
}

void TestMessageLog::previewsAreOneLineAndBounded()
{
    LogEvent e = textEvent("line1\nline2\r\n");
    QCOMPARE(MessageLog::preview(e), QStringLiteral("line1\\nline2\\r\\n"));
    e.payload = QByteArray(100000, 'a');
    const QString p = MessageLog::preview(e);
    QCOMPARE(p.size(), MessageLog::PreviewChars + 1);
    QCOMPARE(p.back(), QChar(0x2026));
    LogEvent b;
    b.kind = EventKind::Binary;
    b.payload = QByteArray::fromHex("0001ff");
    QCOMPARE(MessageLog::preview(b), QStringLiteral("00 01 ff"));
}

void TestMessageLog::closeRowsReadTheCatalogue()
{
    LogEvent sent;
    sent.kind = EventKind::CloseSent;
    sent.direction = Direction::Sent;
    sent.closeCode = 4001;
    sent.payload = "bye";
    QCOMPARE(MessageLog::preview(sent), QStringLiteral("4001 Private Use 'bye'"));
    LogEvent received = sent;
    received.kind = EventKind::CloseReceived;
    received.closeCode = 1001;
    received.payload = "srv-reason";
    QCOMPARE(MessageLog::preview(received), QStringLiteral("1001 Going Away 'srv-reason'"));
    LogEvent dropped;
    dropped.kind = EventKind::Closed;
    dropped.closeCode = 1006;
    dropped.payload = "connection dropped without a close frame";
    QCOMPARE(MessageLog::preview(dropped),
             QStringLiteral("1006 Abnormal Closure: connection dropped without a close frame"));
}

void TestMessageLog::clearEmptiesTheModel()
{
    MessageLog log;
    QAbstractItemModelTester tester(&log, QAbstractItemModelTester::FailureReportingMode::QtTest);
    log.append(textEvent("a"));
    log.flush();
    log.append(textEvent("pending"));
    log.clear();
    QCOMPARE(log.rowCount(), 0);
    QCOMPARE(log.totalEvents(), 0);
}

void TestMessageLog::storesEveryPayloadExactly()
{
    MessageLog log;
    QList<QByteArray> payloads;
    for (int i = 0; i < 5000; ++i)
        payloads.append(QByteArray(i % 300, char('a' + i % 26)) + QByteArray::number(i));
    payloads.insert(1000, QByteArray());
    payloads.insert(2000, QByteArray(3 * 1024 * 1024, 'B')); // bigger than a chunk
    payloads.insert(2001, QByteArray(600 * 1024, 'C'));      // over half a chunk
    for (const QByteArray &p : std::as_const(payloads)) {
        LogEvent e = textEvent(p);
        e.kind = EventKind::Binary;
        log.append(e);
    }
    // Events are readable before the flush too.
    QCOMPARE(log.event(2000).payload, payloads.at(2000));
    log.flush();
    QCOMPARE(log.rowCount(), payloads.size());
    for (int i = 0; i < payloads.size(); ++i) {
        QCOMPARE(log.payload(i), QByteArrayView(payloads.at(i)));
        QCOMPARE(log.index(i, 0).data(MessageLog::PayloadRole).toByteArray(), payloads.at(i));
    }
}

void TestMessageLog::appendTextEncodesUtf8InPlace()
{
    MessageLog log;
    const QString text = QString::fromUtf8("a\xc3\xa9\xe2\x9c\x93\xf0\x9f\x98\x80");
    QCOMPARE(log.appendText(42, Direction::Received, text), qsizetype(10));
    QCOMPARE(log.appendText(43, Direction::Sent, QString()), qsizetype(0));
    log.flush();
    const LogEvent e = log.event(0);
    QCOMPARE(e.payload, text.toUtf8());
    QCOMPARE(e.sizeBytes, 10);
    QCOMPARE(e.timestampMs, 42);
    QCOMPARE(e.kind, EventKind::Text);
    QCOMPARE(e.direction, Direction::Received);
    QCOMPARE(log.event(1).payload, QByteArray());
    QCOMPARE(log.event(1).direction, Direction::Sent);
    // A big message is stored in a chunk of exactly its size.
    const QString big = QString(2'000'000, QChar(0xe9)); // 2 UTF-8 bytes each
    const qint64 before = log.memoryBytes();
    QCOMPARE(log.appendText(44, Direction::Received, big), qsizetype(4'000'000));
    log.flush();
    QCOMPARE(log.event(2).payload, big.toUtf8());
    QVERIFY(log.memoryBytes() - before < 4'100'000);
}

void TestMessageLog::memoryStaysCompact()
{
    // The budget of issue 3: at most 64 bytes over the payload per 64-byte message.
    MessageLog log;
    const QString payload(64, QLatin1Char('m'));
    const int n = 200000;
    for (int i = 0; i < n; ++i)
        log.appendText(i, Direction::Received, payload);
    log.flush();
    const double perMessage = double(log.memoryBytes()) / n;
    QVERIFY2(perMessage <= 64 + 64, qPrintable(QString::number(perMessage)));
    QVERIFY(perMessage >= 64 + 32); // payload plus the 32-byte record
    log.clear();
    QCOMPARE(log.memoryBytes(), 0);
}

void TestMessageLog::pongRowsShowTheRoundTrip()
{
    LogEvent pong = textEvent("p1");
    pong.kind = EventKind::Pong;
    pong.rttUs = 1234;
    QCOMPARE(MessageLog::preview(pong), QStringLiteral("1.23 ms round trip, payload 'p1'"));
    pong.rttUs = -1;
    QVERIFY(MessageLog::preview(pong).startsWith(QStringLiteral("no ping")));
    MessageLog log;
    log.append(pong);
    log.flush();
    QCOMPARE(log.index(0, 0).data(MessageLog::RoundTripRole).toInt(), -1);
}

void TestMessageLog::capKeepsTheNewestRowsUnderTheTester()
{
    MessageLog log;
    QAbstractItemModelTester tester(&log, QAbstractItemModelTester::FailureReportingMode::QtTest);
    log.setMaxRows(50);
    QSignalSpy removed(&log, &QAbstractItemModel::rowsRemoved);
    for (int batch = 0; batch < 10; ++batch) {
        for (int i = 0; i < 20; ++i)
            log.append(textEvent(QByteArray::number(batch * 20 + i)));
        log.flush();
    }
    QCOMPARE(log.rowCount(), 50);
    QCOMPARE(log.droppedEvents(), 150);
    QCOMPARE(log.event(0).payload, QByteArray("150"));
    QCOMPARE(log.event(49).payload, QByteArray("199"));
    QVERIFY(removed.count() >= 1);
    // A hold (an export running) keeps rows where they are until released.
    log.holdRows();
    for (int i = 0; i < 20; ++i)
        log.append(textEvent("held"));
    log.flush();
    QCOMPARE(log.rowCount(), 70);
    log.releaseRows();
    QCOMPARE(log.rowCount(), 50);
    log.setMaxRows(0);
    for (int i = 0; i < 100; ++i)
        log.append(textEvent("kept"));
    log.flush();
    QCOMPARE(log.rowCount(), 150);
}

QTEST_GUILESS_MAIN(TestMessageLog)
#include "tst_messagelog.moc"

static LogEvent binaryEvent(qsizetype bytes, char fill)
{
    LogEvent e;
    e.timestampMs = 1700000000123;
    e.payload = QByteArray(bytes, fill);
    e.sizeBytes = bytes;
    e.direction = Direction::Received;
    e.kind = EventKind::Binary;
    return e;
}

void TestMessageLog::budgetDropsTheOldestPayloadsAndSaysSo()
{
    MessageLog log;
    QCOMPARE(log.memoryBudget(), qint64(1) << 30); // a budget holds by default
    QAbstractItemModelTester tester(&log, QAbstractItemModelTester::FailureReportingMode::QtTest);
    log.setMemoryBudget(MessageLog::MinMemoryBudgetBytes);
    for (int i = 0; i < 40; ++i) {
        log.append(binaryEvent(1 << 20, char('a' + i % 26)));
        QVERIFY2(log.memoryBytes() <= log.memoryBudget(), qPrintable(QString::number(i)));
        if (i % 7 == 0)
            log.flush();
    }
    log.flush();
    QCOMPARE(log.rows(), 40);
    QVERIFY(log.droppedPayloadBytes() >= 24 << 20);
    const QModelIndex oldest = log.index(0, MessageLog::PreviewColumn);
    QCOMPARE(log.data(oldest, MessageLog::PayloadKeptRole).toBool(), false);
    QCOMPARE(log.data(oldest).toString(),
             QStringLiteral("payload not kept (over the log's memory budget)"));
    QCOMPARE(log.view(0).sizeBytes, 1 << 20); // the row still says how big it was
    QVERIFY(log.view(0).payload.isEmpty());
    const LogEventView newest = log.view(39);
    QVERIFY(newest.payloadKept);
    QCOMPARE(newest.payload.toByteArray(), QByteArray(1 << 20, char('a' + 39 % 26)));
}

void TestMessageLog::payloadOverTheWholeBudgetIsNotKept()
{
    MessageLog log;
    log.setMemoryBudget(MessageLog::MinMemoryBudgetBytes);
    log.append(textEvent("kept"));
    log.append(binaryEvent(20 << 20, 'x'));
    const QString big(20 << 20, QChar(0xe9)); // 40 MiB of UTF-8
    QCOMPARE(log.appendText(1, Direction::Received, big), qsizetype(40) << 20);
    log.flush();
    QCOMPARE(log.rows(), 3);
    QVERIFY(log.memoryBytes() <= log.memoryBudget());
    // Nothing older was dropped for a payload that could never fit.
    QCOMPARE(log.view(0).payload.toByteArray(), QByteArray("kept"));
    for (int row : {1, 2}) {
        QVERIFY(!log.view(row).payloadKept);
        QVERIFY(log.view(row).payload.isEmpty());
        QVERIFY(log.data(log.index(row, MessageLog::PreviewColumn))
                    .toString()
                    .startsWith(QLatin1String("payload not kept")));
    }
    QCOMPARE(log.view(2).sizeBytes, qint64(40) << 20);
    QCOMPARE(log.droppedPayloadBytes(), qint64(60) << 20); // never kept counts too
}

void TestMessageLog::rowsOverTheBudgetGoOldestFirst()
{
    MessageLog log;
    QSignalSpy removed(&log, &QAbstractItemModel::rowsRemoved);
    log.setMemoryBudget(MessageLog::MinMemoryBudgetBytes);
    // 32-byte records alone: 1,000,000 of them are 30 MiB, twice the budget.
    for (int i = 0; i < 1000000; ++i) {
        log.appendText(i, Direction::Received, QString());
        if (i % 100000 == 0)
            log.flush();
    }
    log.flush();
    QVERIFY2(log.memoryBytes() <= log.memoryBudget(),
             qPrintable(QString::number(log.memoryBytes())));
    QVERIFY(log.droppedEvents() > 0);
    QVERIFY(!removed.isEmpty()); // the model said so: views drop the rows too
    QCOMPARE(log.rows() + log.droppedEvents(), 1000000);
    QCOMPARE(log.view(log.rows() - 1).timestampMs, 999999); // the newest stay
}

void TestMessageLog::largePayloadIsKeptWithoutACopy()
{
    MessageLog log;
    const LogEvent big = binaryEvent(2 << 20, 'z');
    log.append(textEvent("before"));
    log.append(big);
    log.append(textEvent("after"));
    log.flush();
    QCOMPARE(log.view(1).payload.data(), big.payload.constData()); // the same bytes
    QCOMPARE(log.view(0).payload.toByteArray(), QByteArray("before"));
    QCOMPARE(log.view(2).payload.toByteArray(), QByteArray("after"));
    QVERIFY(log.memoryBytes() >= 2 << 20);
    // An array with much slack (a fragmented message's, grown by appends) is copied.
    QByteArray slack(2 << 20, 'y');
    slack.reserve(5 << 20);
    LogEvent e = big;
    e.payload = slack;
    log.append(e);
    log.flush();
    QVERIFY(log.view(3).payload.data() != slack.constData());
    QCOMPARE(log.view(3).payload.toByteArray(), slack);
}

void TestMessageLog::smallRowsOutliveLargePayloads()
{
    MessageLog log;
    LogEvent opened = textEvent("ws://127.0.0.1:1/");
    opened.kind = EventKind::Opened;
    opened.direction = Direction::Local;
    log.append(opened);
    for (int i = 0; i < 12; ++i) {
        log.append(binaryEvent(2 << 20, char('a' + i)));
        log.append(textEvent("small " + QByteArray::number(i)));
    }
    log.flush();
    QVERIFY(log.view(1).payloadKept);
    log.setMemoryBudget(MessageLog::MinMemoryBudgetBytes); // as a user lowers it
    log.flush();
    QVERIFY(log.memoryBytes() <= log.memoryBudget());
    // The large payloads went, oldest first; the small rows kept their words.
    QCOMPARE(log.view(0).payload.toByteArray(), QByteArray("ws://127.0.0.1:1/"));
    QVERIFY(!log.view(1).payloadKept);
    for (int i = 0; i < 12; ++i)
        QCOMPARE(log.view(2 + 2 * i).payload.toByteArray(), "small " + QByteArray::number(i));
    QVERIFY(log.view(23).payloadKept); // the newest large one fits
    QCOMPARE(log.view(23).payload.toByteArray(), QByteArray(2 << 20, char('a' + 11)));
}
