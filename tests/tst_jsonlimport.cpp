// JsonlImport: LogExporter's JSON Lines read back field by field, from bytes and from a
// file; bad lines refused naming the line and the key; the file and line bounds.
#include "import/jsonlimport.h"
#include "log/logexporter.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

class TestJsonlImport : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void roundTrip();
    void readsAFile();
    void lineEndsAndBlankLines();
    void unknownSizeAndOffsets();
    void refuses_data();
    void refuses();
    void errorNamesItsLine();
    void emptyFile();
    void boundsFileSize();
    void boundsLineLength();
};

namespace {

/// A log holding one event of every shape the exporter writes.
void fill(MessageLog &log)
{
    const auto add = [&](Direction d, EventKind k, const QByteArray &payload, qint64 size,
                         quint16 code = 0, qint32 rtt = -1) {
        LogEvent e;
        e.timestampMs = 1763776800123 + 1001 * log.totalEvents();
        e.direction = d;
        e.kind = k;
        e.payload = payload;
        e.sizeBytes = size;
        e.closeCode = code;
        e.rttUs = rtt;
        log.append(e);
    };
    QByteArray allBytes;
    for (int i = 0; i < 256; ++i)
        allBytes.append(char(i));
    const QByteArray text =
        QStringLiteral("Gr\u00fc\u00dfe, \u4e16\u754c \U0001F642 \"q\"\n\t").toUtf8();
    add(Direction::Local, EventKind::Opened, "Connected to ws://127.0.0.1:8765/", 0);
    add(Direction::Sent, EventKind::Text, text, text.size());
    add(Direction::Received, EventKind::Binary, allBytes, allBytes.size());
    add(Direction::Sent, EventKind::Ping, "p1", 2);
    add(Direction::Received, EventKind::Pong, "p1", 2, 0, 1234);
    add(Direction::Received, EventKind::Pong, "", 0, 0, 0);
    add(Direction::Received, EventKind::Pong, "late", 4); // matched no ping
    add(Direction::Received, EventKind::Text, "", 0);
    add(Direction::Received, EventKind::Pong, "p2", 2, 0, 1001); // 1.001 ms is not exact
    add(Direction::Sent, EventKind::CloseSent, "bye", 5, 1000);
    add(Direction::Received, EventKind::CloseReceived, "", UnknownSize, 1000);
    add(Direction::Local, EventKind::Closed, "", 0, 1006);
    add(Direction::Local, EventKind::Error, "The remote host closed the connection", 0);
    add(Direction::Local, EventKind::Stopped, "", 0);
    // Over the whole budget: not kept (LogEventFields::payloadKept false).
    add(Direction::Received, EventKind::Binary, QByteArray(17 * 1024 * 1024, 'x'), 17 << 20);
    log.flush();
}

QByteArray exported(const MessageLog &log)
{
    QByteArray out;
    for (qsizetype row = 0; row < log.rows(); ++row)
        out.append(LogExporter::jsonLine(log.view(row)));
    return out;
}

void compareRows(const MessageLog &log, const QList<LogEvent> &events)
{
    QCOMPARE(events.size(), log.rows());
    for (qsizetype row = 0; row < log.rows(); ++row) {
        const LogEvent want = log.event(row);
        const LogEvent &got = events.at(row);
        const QByteArray r = QByteArray::number(row);
        QVERIFY2(got.timestampMs == want.timestampMs, r);
        QVERIFY2(got.direction == want.direction, r);
        QVERIFY2(got.kind == want.kind, r);
        QVERIFY2(got.sizeBytes == want.sizeBytes, r);
        QVERIFY2(got.payload == want.payload, r);
        QVERIFY2(got.payloadKept == want.payloadKept, r);
        QVERIFY2(got.closeCode == want.closeCode, r);
        // The export writes a round trip for pongs only.
        QVERIFY2(got.rttUs == (want.kind == EventKind::Pong ? want.rttUs : -1), r);
    }
}

} // namespace

void TestJsonlImport::roundTrip()
{
    MessageLog log;
    log.setMemoryBudget(MessageLog::MinMemoryBudgetBytes);
    fill(log);
    QVERIFY(!log.event(log.rows() - 1).payloadKept);
    const ImportResult r = JsonlImport::fromBytes(exported(log));
    QVERIFY2(r.ok(), qPrintable(r.error.text()));
    QCOMPARE(r.connections.size(), 1);
    QCOMPARE(r.connections.first().profile.name, QStringLiteral("Imported log"));
    QVERIFY(r.connections.first().profile.url.isEmpty());
    compareRows(log, r.connections.first().events);
    QCOMPARE(r.connections.first().events.at(4).rttUs, 1234);
}

void TestJsonlImport::readsAFile()
{
    MessageLog log;
    fill(log);
    QTemporaryDir dir;
    QFile file(dir.filePath("session.jsonl"));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(exported(log));
    file.close();
    const ImportResult r = JsonlImport::fromFile(file.fileName());
    QVERIFY2(r.ok(), qPrintable(r.error.text()));
    QCOMPARE(r.connections.first().profile.name, QStringLiteral("session.jsonl"));
    compareRows(log, r.connections.first().events);
}

void TestJsonlImport::lineEndsAndBlankLines()
{
    const QByteArray line =
        R"({"time":"2026-11-22T10:00:00.123Z","direction":"sent","kind":"text","size":2,"payload":"hi","extra":1})";
    const ImportResult r = JsonlImport::fromBytes(line + "\r\n\r\n   \n" + line); // no final LF
    QVERIFY2(r.ok(), qPrintable(r.error.text()));
    QCOMPARE(r.connections.first().events.size(), 2);
    QCOMPARE(r.connections.first().events.at(1).payload, QByteArray("hi"));
}

void TestJsonlImport::unknownSizeAndOffsets()
{
    const ImportResult r = JsonlImport::fromBytes(
        R"({"time":"2026-11-22T11:00:00.500+01:00","direction":"received","kind":"close-received","size":null,"payload":"","closeCode":1000})");
    QVERIFY2(r.ok(), qPrintable(r.error.text()));
    const LogEvent &e = r.connections.first().events.first();
    QCOMPARE(e.timestampMs,
             QDateTime(QDate(2026, 11, 22), QTime(10, 0, 0, 500), Qt::UTC).toMSecsSinceEpoch());
    QCOMPARE(e.sizeBytes, UnknownSize);
    QCOMPARE(e.closeCode, quint16(1000));
}

void TestJsonlImport::refuses_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QString>("problem");
    // A good line with @p change: "key":value replaced, or added; "key":null... removed.
    const auto with = [](const char *key, const char *json) {
        QJsonObject o{{"time", "2026-11-22T10:00:00.123Z"},
                      {"direction", "sent"},
                      {"kind", "text"},
                      {"size", 2},
                      {"payload", "hi"}};
        if (json)
            o.insert(QLatin1String(key),
                     QJsonDocument::fromJson(QByteArray("[") + json + "]").array().first());
        else
            o.remove(QLatin1String(key));
        return QJsonDocument(o).toJson(QJsonDocument::Compact);
    };
    QTest::newRow("not JSON") << QByteArray("time=now") << "not JSON: ";
    QTest::newRow("truncated") << QByteArray(R"({"time":)") << "at column 9";
    QTest::newRow("array") << QByteArray("[1]") << "must be a JSON object";
    QTest::newRow("no time") << with("time", nullptr) << "\"time\" is missing";
    QTest::newRow("time number") << with("time", "5") << "\"time\" must be an ISO 8601 time";
    QTest::newRow("time words") << with("time", "\"yesterday\"") << "\"time\" must be an ISO 8601";
    QTest::newRow("bad direction")
        << with("direction", "\"up\"") << "\"direction\" must be one of sent, received, local";
    QTest::newRow("no direction") << with("direction", nullptr) << "\"direction\" must be one of";
    QTest::newRow("bad kind") << with("kind", "\"frame\"")
                              << "\"kind\" must be one of text, binary, ping, pong, opened, "
                                 "close-sent, close-received, closed, stopped, error";
    QTest::newRow("kind number") << with("kind", "1") << "\"kind\" must be one of";
    QTest::newRow("no size") << with("size", nullptr) << "\"size\" is missing";
    QTest::newRow("negative size") << with("size", "-1") << "\"size\" must be a whole number";
    QTest::newRow("fractional size") << with("size", "1.5") << "\"size\" must be a whole number";
    QTest::newRow("size string") << with("size", "\"2\"") << "\"size\" must be a whole number";
    QTest::newRow("huge size") << with("size", "1e300") << "\"size\" must be a whole number";
    QTest::newRow("no payload") << with("payload", nullptr) << "\"payload\" is missing";
    QTest::newRow("payload number") << with("payload", "5") << "\"payload\" must be a string";
    QTest::newRow("two payloads") << with("payloadBase64", "\"aGk=\"")
                                  << "\"payload\" comes with \"payloadBase64\"";
    QByteArray b64 = with("payload", nullptr);
    b64.chop(1);
    QTest::newRow("bad base64") << b64 + R"(,"payloadBase64":"!!"})"
                                << "\"payloadBase64\" must be a base64 string";
    QTest::newRow("non-ASCII base64") << b64 + R"(,"payloadBase64":"\u00e9\u00e9\u00e9\u00e9"})"
                                      << "\"payloadBase64\" must be a base64 string";
    QTest::newRow("base64 number") << b64 + R"(,"payloadBase64":12})"
                                   << "\"payloadBase64\" must be a base64 string";
    QTest::newRow("payloadKept true") << b64 + R"(,"payloadKept":true})"
                                      << "\"payloadKept\" must be false";
    QTest::newRow("close code 0") << with("closeCode", "0")
                                  << "\"closeCode\" must be a whole "
                                     "number 1-65535";
    QTest::newRow("close code 70000") << with("closeCode", "70000") << "\"closeCode\" must be";
    QTest::newRow("close code string") << with("closeCode", "\"1000\"") << "\"closeCode\" must be";
    QTest::newRow("negative rtt") << with("rttMs", "-1")
                                  << "\"rttMs\" must be a number of ms "
                                     "from 0 to 2147483";
    QTest::newRow("huge rtt") << with("rttMs", "1e300") << "\"rttMs\" must be a number";
    QTest::newRow("rtt string") << with("rttMs", "\"1\"") << "\"rttMs\" must be a number";
}

void TestJsonlImport::refuses()
{
    QFETCH(QByteArray, line);
    QFETCH(QString, problem);
    const ImportResult r = JsonlImport::fromBytes(line + '\n');
    QVERIFY(!r.ok());
    QVERIFY(r.connections.isEmpty());
    QCOMPARE(r.error.where, QStringLiteral("line 1"));
    QVERIFY2(r.error.problem.contains(problem), qPrintable(r.error.problem));
}

void TestJsonlImport::errorNamesItsLine()
{
    const QByteArray good =
        R"({"time":"2026-11-22T10:00:00.123Z","direction":"local","kind":"opened","size":0,"payload":""})";
    const ImportResult r = JsonlImport::fromBytes(
        good + '\n' + good + "\n" +
        R"({"time":"2026-11-22T10:00:00.123Z","direction":"up","kind":"text","size":0,"payload":""})");
    QVERIFY(!r.ok());
    QCOMPARE(r.error.text(),
             QStringLiteral("line 3: \"direction\" must be one of sent, received, local"));
}

void TestJsonlImport::emptyFile()
{
    for (const QByteArray &data : {QByteArray(), QByteArray("\n\r\n  \n")}) {
        const ImportResult r = JsonlImport::fromBytes(data);
        QVERIFY(!r.ok());
        QCOMPARE(r.error.problem, QStringLiteral("the file holds no log lines"));
    }
}

void TestJsonlImport::boundsFileSize()
{
    QTemporaryDir dir;
    QFile big(dir.filePath("big.jsonl"));
    QVERIFY(big.open(QIODevice::WriteOnly));
    QVERIFY(big.resize(JsonlImport::MaxFileBytes + 1)); // sparse: no disk used
    big.close();
    const ImportResult r = JsonlImport::fromFile(big.fileName());
    QVERIFY(!r.ok());
    QCOMPARE(r.error.where, QStringLiteral("big.jsonl"));
    QVERIFY2(r.error.problem.contains("is 1025 MiB; a log file is read up to 1024 MiB"),
             qPrintable(r.error.problem));
}

void TestJsonlImport::boundsLineLength()
{
    // A sparse file of one line, one byte too long after a short good one; mapped, so the
    // test costs no memory.
    QTemporaryDir dir;
    QFile file(dir.filePath("long.jsonl"));
    QVERIFY(file.open(QIODevice::WriteOnly));
    const QByteArray good =
        R"({"time":"2026-11-22T10:00:00.123Z","direction":"local","kind":"opened","size":0,"payload":""})"
        "\n";
    file.write(good);
    QVERIFY(file.resize(good.size() + JsonlImport::MaxLineBytes + 1));
    file.close();
    const ImportResult r = JsonlImport::fromFile(file.fileName());
    QVERIFY(!r.ok());
    QCOMPARE(r.error.text(), QStringLiteral("line 2: longer than 400 MiB"));
}

QTEST_GUILESS_MAIN(TestJsonlImport)
#include "tst_jsonlimport.moc"
