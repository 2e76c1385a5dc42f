// The message log model: batching, roles, display text, and QAbstractItemModelTester.
#include "messagelog.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

class TestMessageLog : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void insertsInBatches();
    void flushesByItselfFromTheEventLoop();
    void exposesSemanticRoles();
    void previewsAreOneLineAndBounded();
    void closeRowsReadTheCatalogue();
    void clearEmptiesTheModel();
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

QTEST_GUILESS_MAIN(TestMessageLog)
#include "tst_messagelog.moc"
