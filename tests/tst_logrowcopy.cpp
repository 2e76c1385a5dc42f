// What Copy puts on the clipboard for log rows, read through the model's roles: each
// kind of payload, rows in order once each whatever the columns selected, through the
// filter proxy, a payload the memory budget dropped, and JSON Lines equal to the export.
#include "log/logexporter.h"
#include "log/logfiltermodel.h"
#include "log/logrowcopy.h"
#include "log/messagelog.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

class TestLogRowCopy : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void eachKindOfPayloadAsText();
    void rowsInOrderOncePerRow();
    void throughTheFilterProxy();
    void droppedPayloadSaysSo();
    void jsonLinesMatchTheExport();

private:
    void add(Direction direction, EventKind kind, const QByteArray &payload, quint16 code = 0);
    QModelIndexList cells(QAbstractItemModel *model, std::initializer_list<int> rows) const;

    MessageLog *m_log = nullptr;
};

void TestLogRowCopy::init()
{
    m_log = new MessageLog;
    add(Direction::Sent, EventKind::Text, "hello\nworld");
    add(Direction::Received, EventKind::Binary,
        QByteArray("\x00\xff"
                   "A",
                   3));
    add(Direction::Sent, EventKind::Ping, "sockscope 1");
    add(Direction::Received, EventKind::Pong, QByteArray("\xc3\x28", 2)); // not UTF-8
    add(Direction::Received, EventKind::CloseReceived, "bye", 1000);
    m_log->flush();
}

void TestLogRowCopy::cleanup()
{
    delete m_log;
}

void TestLogRowCopy::add(Direction direction, EventKind kind, const QByteArray &payload,
                         quint16 code)
{
    LogEvent e;
    e.timestampMs = 1700000000000 + m_log->totalEvents();
    e.direction = direction;
    e.kind = kind;
    e.payload = payload;
    e.sizeBytes = payload.size() + (code ? 2 : 0);
    e.closeCode = code;
    m_log->append(e);
}

QModelIndexList TestLogRowCopy::cells(QAbstractItemModel *model,
                                      std::initializer_list<int> rows) const
{
    QModelIndexList indexes;
    for (int row : rows) {
        for (int column = 0; column < model->columnCount(); ++column)
            indexes.append(model->index(row, column));
    }
    return indexes;
}

void TestLogRowCopy::eachKindOfPayloadAsText()
{
    const auto text = [this](int row) {
        return LogRowCopy::payloadText(LogRowCopy::eventAt(m_log->index(row, 0)));
    };
    QCOMPARE(text(0), QStringLiteral("hello\nworld"));
    QCOMPARE(text(1), QStringLiteral("00 ff 41")); // binary: always hex
    QCOMPARE(text(2), QStringLiteral("sockscope 1"));
    QCOMPARE(text(3), QStringLiteral("c3 28"));                     // not UTF-8: hex, never U+FFFD
    QCOMPARE(text(4), QStringLiteral("1000 Normal Closure 'bye'")); // the code too
}

void TestLogRowCopy::rowsInOrderOncePerRow()
{
    // A selection lists every cell of each row, in the order the user picked them.
    QModelIndexList indexes = cells(m_log, {2, 0});
    QCOMPARE(LogRowCopy::payloads(indexes), QStringLiteral("hello\nworld\nsockscope 1"));
}

void TestLogRowCopy::throughTheFilterProxy()
{
    LogFilterModel filter;
    filter.setSourceModel(m_log);
    LogFilter onlyReceived;
    onlyReceived.directions = quint8(1 << int(Direction::Received));
    QCOMPARE(filter.setFilter(onlyReceived), QString());
    QTRY_COMPARE(filter.rowCount(), 3);
    QCOMPARE(LogRowCopy::payloads(cells(&filter, {0, 2})),
             QStringLiteral("00 ff 41\n1000 Normal Closure 'bye'"));
    const LogEvent close = LogRowCopy::eventAt(filter.index(2, 0));
    QCOMPARE(close.kind, EventKind::CloseReceived);
    QCOMPARE(close.closeCode, quint16(1000));
    QCOMPARE(close.direction, Direction::Received);
}

void TestLogRowCopy::droppedPayloadSaysSo()
{
    MessageLog log;
    log.setMemoryBudget(16 * 1024 * 1024);
    LogEvent big;
    big.kind = EventKind::Binary;
    big.direction = Direction::Received;
    big.payload = QByteArray(20 * 1024 * 1024, 'x');
    big.sizeBytes = big.payload.size();
    log.append(big);
    log.flush();
    QCOMPARE(log.rows(), 1);
    QCOMPARE(LogRowCopy::payloadText(LogRowCopy::eventAt(log.index(0, 0))),
             QStringLiteral("(payload not kept)"));
}

void TestLogRowCopy::jsonLinesMatchTheExport()
{
    const QString lines = LogRowCopy::jsonLines(cells(m_log, {1, 4}));
    const QStringList split = lines.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(split.size(), 2);
    QCOMPARE(split.at(0).toUtf8() + '\n', LogExporter::jsonLine(m_log->view(1)));
    QCOMPARE(split.at(1).toUtf8() + '\n', LogExporter::jsonLine(m_log->view(4)));
    const QJsonObject close = QJsonDocument::fromJson(split.at(1).toUtf8()).object();
    QCOMPARE(close.value(QStringLiteral("closeCode")).toInt(), 1000);
    QCOMPARE(close.value(QStringLiteral("payload")).toString(), QStringLiteral("bye"));
}

QTEST_GUILESS_MAIN(TestLogRowCopy)
#include "tst_logrowcopy.moc"
