// LogFilterModel: filtering by direction, kind and text (substring or regular
// expression), chunked scans over many rows, pause, the row cap, all under
// QAbstractItemModelTester while rows are appended.
#include "log/logfiltermodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QStringListModel>
#include <QTest>

class TestLogFilterModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void passesEverythingThroughByDefault();
    void filtersByDirectionAndKind();
    void filtersByText_data();
    void filtersByText();
    void badPatternIsAnErrorAndKeepsTheFilter();
    void scansAMillionRowsInSlicesWhileRowsArrive();
    void pauseFreezesTheViewButNotTheLog();
    void rowCapDropsRowsFromTheFront();
    void clearEmptiesTheProxy();
    void onlyALogIsASource();
};

namespace {

LogEvent makeEvent(Direction d, EventKind k, const QByteArray &payload, quint16 code = 0)
{
    LogEvent e;
    e.timestampMs = 1700000000000;
    e.direction = d;
    e.kind = k;
    e.payload = payload;
    e.sizeBytes = payload.size();
    e.closeCode = code;
    return e;
}

void fill(MessageLog &log)
{
    log.append(makeEvent(Direction::Local, EventKind::Opened, "ws://127.0.0.1/"));
    log.append(makeEvent(Direction::Sent, EventKind::Text, "Hello World"));
    log.append(makeEvent(Direction::Received, EventKind::Text, "hello world"));
    log.append(makeEvent(Direction::Received, EventKind::Text, "{\"price\": 42}"));
    log.append(makeEvent(Direction::Sent, EventKind::Binary, QByteArray::fromHex("deadbeef")));
    log.append(makeEvent(Direction::Sent, EventKind::Ping, "p1"));
    log.append(makeEvent(Direction::Received, EventKind::Pong, "p1"));
    log.append(makeEvent(Direction::Received, EventKind::Text, "caf\xc3\xa9 CAF\xc3\x89"));
    log.append(makeEvent(Direction::Sent, EventKind::CloseSent, "bye", 4001));
    log.append(makeEvent(Direction::Local, EventKind::Error, "boom"));
    log.flush();
}

/// A log and its proxy under QAbstractItemModelTester, the log filled by fill() unless
/// told otherwise.
struct Fixture
{
    explicit Fixture(bool filled = true)
    {
        proxy.setLog(&log);
        if (filled)
            fill(log);
    }
    MessageLog log;
    LogFilterModel proxy;
    QAbstractItemModelTester tester{&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest};
};

QList<int> shownRows(const LogFilterModel &proxy)
{
    QList<int> rows;
    for (int r = 0; r < proxy.rowCount(); ++r)
        rows.append(proxy.mapToSource(proxy.index(r, 0)).row());
    return rows;
}

void waitForScan(const LogFilterModel &proxy)
{
    QTRY_VERIFY_WITH_TIMEOUT(!proxy.isFiltering(), 30000);
}

} // namespace

void TestLogFilterModel::passesEverythingThroughByDefault()
{
    Fixture fixture;
    LogFilterModel &proxy = fixture.proxy;
    QCOMPARE(proxy.rowCount(), 10);
    QCOMPARE(proxy.columnCount(), int(MessageLog::ColumnCount));
    QCOMPARE(proxy.index(1, MessageLog::PreviewColumn).data().toString(),
             QStringLiteral("Hello World"));
    QCOMPARE(proxy.headerData(MessageLog::KindColumn, Qt::Horizontal).toString(),
             QStringLiteral("Kind"));
    QCOMPARE(proxy.sourceRows().size(), std::size_t(10));
}

void TestLogFilterModel::filtersByDirectionAndKind()
{
    Fixture fixture;
    MessageLog &log = fixture.log;
    LogFilterModel &proxy = fixture.proxy;
    LogFilter f;
    f.directions = 1 << int(Direction::Sent);
    QVERIFY(proxy.setFilter(f).isEmpty());
    waitForScan(proxy);
    QCOMPARE(shownRows(proxy), (QList<int>{1, 4, 5, 8}));
    f.kinds = 1 << int(EventKind::Text) | 1 << int(EventKind::Binary);
    proxy.setFilter(f);
    waitForScan(proxy);
    QCOMPARE(shownRows(proxy), (QList<int>{1, 4}));
    f.directions = LogFilter::AllDirections;
    f.kinds = 1 << int(EventKind::Error);
    proxy.setFilter(f);
    waitForScan(proxy);
    QCOMPARE(shownRows(proxy), (QList<int>{9}));
    // New rows are filtered as they arrive.
    log.append(makeEvent(Direction::Local, EventKind::Error, "again"));
    log.append(makeEvent(Direction::Sent, EventKind::Text, "no"));
    log.flush();
    QCOMPARE(shownRows(proxy), (QList<int>{9, 10}));
    std::vector<quint32> rows = proxy.sourceRows();
    QCOMPARE(rows, (std::vector<quint32>{9, 10}));
}

void TestLogFilterModel::filtersByText_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("regex");
    QTest::addColumn<bool>("caseSensitive");
    QTest::addColumn<QList<int>>("rows");
    QTest::newRow("substring, any case") << "hello" << false << false << QList<int>{1, 2};
    QTest::newRow("substring, match case") << "Hello" << false << true << QList<int>{1};
    QTest::newRow("non-ASCII, any case") << "café" << false << false << QList<int>{7};
    QTest::newRow("non-ASCII folds") << "CAFÉ" << false << false << QList<int>{7};
    QTest::newRow("binary by hex") << "adbe" << false << false << QList<int>{4};
    QTest::newRow("close by label") << "4001" << false << false << QList<int>{8};
    QTest::newRow("regex") << "^h.*d$" << true << false << QList<int>{1, 2};
    QTest::newRow("regex, match case") << "^h.*d$" << true << true << QList<int>{2};
    QTest::newRow("regex on JSON") << R"("price":\s*\d+)" << true << false << QList<int>{3};
    QTest::newRow("nothing") << "zzz" << false << false << QList<int>{};
}

void TestLogFilterModel::filtersByText()
{
    QFETCH(QString, text);
    QFETCH(bool, regex);
    QFETCH(bool, caseSensitive);
    QFETCH(QList<int>, rows);
    Fixture fixture;
    LogFilterModel &proxy = fixture.proxy;
    LogFilter f;
    f.text = text;
    f.regularExpression = regex;
    f.caseSensitive = caseSensitive;
    QSignalSpy finished(&proxy, &LogFilterModel::filterFinished);
    QVERIFY(proxy.setFilter(f).isEmpty());
    waitForScan(proxy);
    QCOMPARE(finished.count(), 1);
    QCOMPARE(finished.at(0).at(1).value<qsizetype>(), qsizetype(rows.size()));
    QCOMPARE(shownRows(proxy), rows);
}

void TestLogFilterModel::badPatternIsAnErrorAndKeepsTheFilter()
{
    MessageLog log;
    LogFilterModel proxy;
    proxy.setSourceModel(&log);
    fill(log);
    LogFilter good;
    good.text = QStringLiteral("hello");
    proxy.setFilter(good);
    waitForScan(proxy);
    LogFilter bad;
    bad.text = QStringLiteral("(unclosed");
    bad.regularExpression = true;
    const QString error = proxy.setFilter(bad);
    QVERIFY(error.contains(QStringLiteral("offset")));
    QCOMPARE(proxy.filter(), good);
    QCOMPARE(proxy.rowCount(), 2);
    // The same text is fine as a plain substring.
    bad.regularExpression = false;
    QVERIFY(proxy.setFilter(bad).isEmpty());
}

void TestLogFilterModel::scansAMillionRowsInSlicesWhileRowsArrive()
{
    MessageLog log;
    const int n = 1000000;
    for (int i = 0; i < n; ++i)
        log.appendText(i, Direction::Received,
                       QStringLiteral("message %1").arg(i, 7, 10, QLatin1Char('0')));
    log.flush();
    LogFilterModel proxy;
    proxy.setSourceModel(&log);
    QCOMPARE(proxy.rowCount(), n);
    QSignalSpy progress(&proxy, &LogFilterModel::filterProgress);
    QSignalSpy inserted(&proxy, &QAbstractItemModel::rowsInserted);
    LogFilter f;
    f.text = QStringLiteral("7$");
    f.regularExpression = true;
    proxy.setFilter(f);
    QVERIFY(proxy.isFiltering()); // it did not do it all in one go
    // Rows appended during the scan are covered too.
    for (int i = n; i < n + 10; ++i)
        log.appendText(i, Direction::Received,
                       QStringLiteral("message %1").arg(i, 7, 10, QLatin1Char('0')));
    log.flush();
    QTRY_VERIFY_WITH_TIMEOUT(!proxy.isFiltering(), 60000);
    QVERIFY(progress.count() > 1);
    QVERIFY(inserted.count() > 1);
    QCOMPARE(proxy.rowCount(), (n + 10) / 10);
    const QModelIndex last = proxy.index(proxy.rowCount() - 1, MessageLog::PreviewColumn);
    QCOMPARE(last.data().toString(), QStringLiteral("message 1000007"));
}

void TestLogFilterModel::pauseFreezesTheViewButNotTheLog()
{
    Fixture fixture;
    MessageLog &log = fixture.log;
    LogFilterModel &proxy = fixture.proxy;
    QSignalSpy held(&proxy, &LogFilterModel::heldBackChanged);
    proxy.setPaused(true);
    for (int i = 0; i < 5; ++i)
        log.append(makeEvent(Direction::Received, EventKind::Text, "later, world"));
    log.flush();
    QCOMPARE(log.rowCount(), 15);
    QCOMPARE(proxy.rowCount(), 10);
    QCOMPARE(proxy.rowsHeldBack(), 5);
    QVERIFY(held.count() >= 1);
    // A filter change while paused works on the frozen rows only.
    LogFilter f;
    f.text = QStringLiteral("world");
    proxy.setFilter(f);
    waitForScan(proxy);
    QCOMPARE(shownRows(proxy), (QList<int>{1, 2}));
    proxy.setPaused(false);
    waitForScan(proxy);
    QCOMPARE(shownRows(proxy), (QList<int>{1, 2, 10, 11, 12, 13, 14}));
    QCOMPARE(proxy.rowsHeldBack(), 0);
}

void TestLogFilterModel::rowCapDropsRowsFromTheFront()
{
    Fixture fixture(false);
    MessageLog &log = fixture.log;
    LogFilterModel &proxy = fixture.proxy;
    LogFilter f;
    f.text = QStringLiteral("even");
    proxy.setFilter(f);
    log.setMaxRows(100);
    for (int batch = 0; batch < 20; ++batch) {
        for (int i = 0; i < 50; ++i) {
            const int n = batch * 50 + i;
            log.append(makeEvent(Direction::Received, EventKind::Text,
                                 (n % 2 ? "odd " : "even ") + QByteArray::number(n)));
        }
        log.flush();
        waitForScan(proxy);
    }
    QCOMPARE(log.rowCount(), 100);
    QCOMPARE(log.droppedEvents(), 900);
    QCOMPARE(log.event(0).payload, QByteArray("even 900"));
    QCOMPARE(proxy.rowCount(), 50);
    QCOMPARE(proxy.index(0, MessageLog::PreviewColumn).data().toString(),
             QStringLiteral("even 900"));
    // The dropped rows' storage goes back: far less than 1000 rows' worth stays.
    const qint64 capped = log.memoryBytes();
    MessageLog big;
    for (int i = 0; i < 200000; ++i)
        big.append(makeEvent(Direction::Received, EventKind::Text, QByteArray(64, 'x')));
    big.setMaxRows(1000);
    big.flush();
    QCOMPARE(big.rowCount(), 1000);
    QVERIFY2(big.memoryBytes() < 8 * 1024 * 1024, qPrintable(QString::number(big.memoryBytes())));
    QVERIFY(capped > 0);
}

void TestLogFilterModel::clearEmptiesTheProxy()
{
    Fixture fixture;
    MessageLog &log = fixture.log;
    LogFilterModel &proxy = fixture.proxy;
    LogFilter f;
    f.text = QStringLiteral("o");
    proxy.setFilter(f);
    waitForScan(proxy);
    QVERIFY(proxy.rowCount() > 0);
    log.clear();
    QCOMPARE(proxy.rowCount(), 0);
    log.append(makeEvent(Direction::Sent, EventKind::Text, "after clear: o"));
    log.flush();
    QCOMPARE(proxy.rowCount(), 1);
}

void TestLogFilterModel::onlyALogIsASource()
{
    Fixture f;
    QCOMPARE(f.proxy.rowCount(), f.log.rowCount());
    // Through QAbstractProxyModel, setting the same log again changes nothing...
    QAbstractProxyModel &asProxy = f.proxy;
    asProxy.setSourceModel(&f.log);
    QCOMPARE(f.proxy.sourceModel(), &f.log);
    QCOMPARE(f.proxy.rowCount(), f.log.rowCount());
    // ...and any other model is refused: the proxy has no records to read from it.
    QStringListModel other({QStringLiteral("a"), QStringLiteral("b")});
    QTest::ignoreMessage(QtWarningMsg,
                         "LogFilterModel: a source model is set with setLog(), from a MessageLog");
    asProxy.setSourceModel(&other);
    QCOMPARE(f.proxy.log(), nullptr);
    QCOMPARE(f.proxy.sourceModel(), nullptr);
    QCOMPARE(f.proxy.rowCount(), 0);
}

QTEST_GUILESS_MAIN(TestLogFilterModel)
#include "tst_logfiltermodel.moc"
