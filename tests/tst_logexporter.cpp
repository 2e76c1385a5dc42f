// LogExporter: JSON Lines and CSV read back and compared with the log, only the shown
// rows, progress, cancel leaving the old file alone, and an unwritable target.
#include "log/logexporter.h"

#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

class TestLogExporter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void jsonLinesRoundTrip();
    void csvRoundTrip();
    void exportsOnlyTheGivenRows();
    void startAllExportsEveryRowBufferedOnesToo();
    void largeExportReportsProgressAndCanBeCancelled();
    void unwritableTargetIsAnError();
    void clearingTheLogFailsTheExport();
    void droppedPayloadsSaySo();
    void exportsAreTheOwnersAlone();
};

namespace {

void fill(MessageLog &log)
{
    const auto add = [&](Direction d, EventKind k, const QByteArray &payload, qint64 size,
                         quint16 code = 0, qint32 rtt = -1) {
        LogEvent e;
        e.timestampMs = 1763776800123 + log.totalEvents();
        e.direction = d;
        e.kind = k;
        e.payload = payload;
        e.sizeBytes = size;
        e.closeCode = code;
        e.rttUs = rtt;
        log.append(e);
    };
    add(Direction::Local, EventKind::Opened, "ws://127.0.0.1:1/", 0);
    add(Direction::Sent, EventKind::Text, "plain", 5);
    add(Direction::Received, EventKind::Text, "comma, \"quote\"\r\nnew line; adi\xc3\xb3s", 34);
    add(Direction::Received, EventKind::Text, "{\"a\":1}", 7);
    add(Direction::Sent, EventKind::Binary, QByteArray("\x00\x01\xff,\n\"", 6), 6);
    add(Direction::Sent, EventKind::Ping, "p\x00", 2);
    add(Direction::Received, EventKind::Pong, "p\x00", 2, 0, 1250);
    add(Direction::Sent, EventKind::CloseSent, "bye", 5, 4001);
    add(Direction::Local, EventKind::Closed, "connection closed", 0);
    log.flush();
}

bool payloadIsBytes(EventKind k)
{
    return k == EventKind::Binary || k == EventKind::Ping || k == EventKind::Pong;
}

QString exportTo(MessageLog &log, const QString &path, std::vector<quint32> rows = {})
{
    if (rows.empty()) {
        for (qsizetype r = 0; r < log.rows(); ++r)
            rows.push_back(quint32(r));
    }
    LogExporter exporter;
    QSignalSpy finished(&exporter, &LogExporter::finished);
    if (!exporter.start(&log, std::move(rows), LogExporter::formatForPath(path), path))
        return exporter.error();
    if (!QTest::qWaitFor([&] { return !finished.isEmpty(); }, 30000))
        return QStringLiteral("export did not finish");
    return QString();
}

// RFC 4180 reader, enough for the round trip.
QList<QStringList> readCsv(const QByteArray &data)
{
    QList<QStringList> rows;
    QStringList row;
    QByteArray field;
    bool quoted = false;
    for (qsizetype i = 0; i < data.size(); ++i) {
        const char c = data[i];
        if (quoted) {
            if (c == '"' && i + 1 < data.size() && data[i + 1] == '"') {
                field.append('"');
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                field.append(c);
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            row.append(QString::fromUtf8(field));
            field.clear();
        } else if (c == '\r' && i + 1 < data.size() && data[i + 1] == '\n') {
            row.append(QString::fromUtf8(field));
            field.clear();
            rows.append(row);
            row.clear();
            ++i;
        } else {
            field.append(c);
        }
    }
    return rows;
}

} // namespace

void TestLogExporter::jsonLinesRoundTrip()
{
    MessageLog log;
    fill(log);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("log.jsonl"));
    QCOMPARE(exportTo(log, path), QString());
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = file.readAll().split('\n');
    QCOMPARE(lines.size(), log.rowCount() + 1); // a newline ends every line
    QVERIFY(lines.last().isEmpty());
    for (int row = 0; row < log.rowCount(); ++row) {
        QJsonParseError error;
        const QJsonObject o = QJsonDocument::fromJson(lines.at(row), &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
        const LogEvent e = log.event(row);
        QCOMPARE(
            QDateTime::fromString(o.value(QStringLiteral("time")).toString(), Qt::ISODateWithMs)
                .toMSecsSinceEpoch(),
            e.timestampMs);
        QVERIFY(o.value(QStringLiteral("time")).toString().endsWith(QLatin1Char('Z')));
        QCOMPARE(o.value(QStringLiteral("direction")).toString(),
                 MessageLog::directionKey(e.direction));
        QCOMPARE(o.value(QStringLiteral("kind")).toString(), MessageLog::kindKey(e.kind));
        QCOMPARE(o.value(QStringLiteral("size")).toInteger(), e.sizeBytes);
        if (payloadIsBytes(e.kind)) {
            QVERIFY(!o.contains(QStringLiteral("payload")));
            QCOMPARE(QByteArray::fromBase64(
                         o.value(QStringLiteral("payloadBase64")).toString().toLatin1()),
                     e.payload);
        } else {
            QCOMPARE(o.value(QStringLiteral("payload")).toString().toUtf8(), e.payload);
        }
        QCOMPARE(o.value(QStringLiteral("closeCode")).toInt(0), int(e.closeCode));
    }
    const QJsonObject pong = QJsonDocument::fromJson(lines.at(6)).object();
    QCOMPARE(pong.value(QStringLiteral("rttMs")).toDouble(), 1.25);
}

void TestLogExporter::csvRoundTrip()
{
    MessageLog log;
    fill(log);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("log.csv"));
    QCOMPARE(exportTo(log, path), QString());
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QStringList> rows = readCsv(file.readAll());
    QCOMPARE(rows.size(), log.rowCount() + 1);
    QCOMPARE(rows.at(0).join(QLatin1Char(',')),
             QStringLiteral("time,direction,kind,size,close_code,rtt_ms,payload,encoding"));
    for (int row = 0; row < log.rowCount(); ++row) {
        const QStringList &f = rows.at(row + 1);
        QCOMPARE(f.size(), 8);
        const LogEvent e = log.event(row);
        QCOMPARE(QDateTime::fromString(f.at(0), Qt::ISODateWithMs).toMSecsSinceEpoch(),
                 e.timestampMs);
        QCOMPARE(f.at(1), MessageLog::directionKey(e.direction));
        QCOMPARE(f.at(2), MessageLog::kindKey(e.kind));
        QCOMPARE(f.at(3).toLongLong(), e.sizeBytes);
        QCOMPARE(f.at(4).toInt(), int(e.closeCode));
        const QByteArray payload = f.at(7) == QLatin1String("base64")
                                       ? QByteArray::fromBase64(f.at(6).toLatin1())
                                       : f.at(6).toUtf8();
        QCOMPARE(payload, e.payload);
    }
    QCOMPARE(rows.at(7).at(5), QStringLiteral("1.250"));
}

void TestLogExporter::exportsOnlyTheGivenRows()
{
    MessageLog log;
    fill(log);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("some.jsonl"));
    QCOMPARE(exportTo(log, path, {1, 7}), QString());
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = file.readAll().trimmed().split('\n');
    QCOMPARE(lines.size(), 2);
    QCOMPARE(QJsonDocument::fromJson(lines.at(0)).object().value(QStringLiteral("payload")),
             QJsonValue(QStringLiteral("plain")));
    QCOMPARE(QJsonDocument::fromJson(lines.at(1)).object().value(QStringLiteral("closeCode")),
             QJsonValue(4001));
}

void TestLogExporter::startAllExportsEveryRowBufferedOnesToo()
{
    MessageLog log;
    fill(log);
    // Two more events, still in the log's buffer: not rows yet.
    log.appendText(1763776900000, Direction::Received, QStringLiteral("buffered 1"));
    log.appendText(1763776900001, Direction::Received, QStringLiteral("buffered 2"));
    QCOMPARE(log.rows(), 9);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("all.csv"));
    LogExporter exporter;
    QSignalSpy finished(&exporter, &LogExporter::finished);
    QVERIFY(exporter.startAll(&log, LogExporter::Format::Csv, path));
    QTRY_COMPARE(finished.count(), 1);
    QCOMPARE(finished.at(0).at(1).value<qsizetype>(), qsizetype(11));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QStringList> rows = readCsv(file.readAll());
    QCOMPARE(rows.size(), 12); // header + 11
    QCOMPARE(rows.at(1).at(2), QStringLiteral("opened"));
    QCOMPARE(rows.at(11).at(6), QStringLiteral("buffered 2"));
    // Refused like start() while an export runs.
    QVERIFY(exporter.start(&log, {0}, LogExporter::Format::Csv, path));
    QVERIFY(!exporter.startAll(&log, LogExporter::Format::Csv, path));
    QVERIFY(!exporter.error().isEmpty());
}

void TestLogExporter::largeExportReportsProgressAndCanBeCancelled()
{
    MessageLog log;
    for (int i = 0; i < 300000; ++i)
        log.appendText(1763776800000 + i, Direction::Received,
                       QStringLiteral("message %1 with some text to make it longer").arg(i));
    log.flush();
    std::vector<quint32> rows(300000);
    for (quint32 i = 0; i < rows.size(); ++i)
        rows[i] = i;
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("big.jsonl"));
    {
        QFile old(path);
        QVERIFY(old.open(QIODevice::WriteOnly));
        old.write("the previous export\n");
    }
    LogExporter exporter;
    QSignalSpy progress(&exporter, &LogExporter::progress);
    QSignalSpy cancelled(&exporter, &LogExporter::cancelled);
    QSignalSpy finished(&exporter, &LogExporter::finished);
    QVERIFY(exporter.start(&log, rows, LogExporter::Format::JsonLines, path));
    QVERIFY(exporter.isRunning());
    // Another export cannot start meanwhile.
    QVERIFY(!exporter.start(&log, rows, LogExporter::Format::Csv, path + QStringLiteral(".csv")));
    QTRY_VERIFY(!progress.isEmpty());
    const qsizetype done = progress.last().at(0).value<qsizetype>();
    QVERIFY(done > 0 && done < 300000);
    exporter.cancel();
    QCOMPARE(cancelled.count(), 1);
    QVERIFY(!exporter.isRunning());
    QTest::qWait(50);
    QVERIFY(finished.isEmpty());
    QFile old(path);
    QVERIFY(old.open(QIODevice::ReadOnly));
    QCOMPARE(old.readAll(), QByteArray("the previous export\n"));

    // Run to the end: every row, each line parseable, progress reaching the total.
    QVERIFY(exporter.start(&log, rows, LogExporter::Format::JsonLines, path));
    QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 60000);
    QCOMPARE(finished.last().at(1).value<qsizetype>(), qsizetype(300000));
    QCOMPARE(progress.last().at(0).value<qsizetype>(), qsizetype(300000));
    QFile done2(path);
    QVERIFY(done2.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = done2.readAll().trimmed().split('\n');
    QCOMPARE(lines.size(), 300000);
    QCOMPARE(QJsonDocument::fromJson(lines.last()).object().value(QStringLiteral("payload")),
             QJsonValue(QStringLiteral("message 299999 with some text to make it longer")));
}

void TestLogExporter::unwritableTargetIsAnError()
{
    MessageLog log;
    fill(log);
    LogExporter exporter;
    QVERIFY(!exporter.start(&log, {0, 1}, LogExporter::Format::Csv,
                            QStringLiteral("/nonexistent-dir/log.csv")));
    QVERIFY(exporter.error().contains(QStringLiteral("/nonexistent-dir/log.csv")));
    QVERIFY(!exporter.isRunning());
}

void TestLogExporter::clearingTheLogFailsTheExport()
{
    MessageLog log;
    for (int i = 0; i < 200000; ++i)
        log.appendText(i, Direction::Received, QStringLiteral("row %1").arg(i));
    log.flush();
    std::vector<quint32> rows(200000);
    for (quint32 i = 0; i < rows.size(); ++i)
        rows[i] = i;
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("cleared.jsonl"));
    LogExporter exporter;
    QSignalSpy failed(&exporter, &LogExporter::failed);
    QSignalSpy progress(&exporter, &LogExporter::progress);
    QVERIFY(exporter.start(&log, rows, LogExporter::Format::JsonLines, path));
    QTRY_VERIFY(!progress.isEmpty());
    log.clear();
    QCOMPARE(failed.count(), 1);
    QVERIFY(failed.at(0).at(0).toString().contains(QStringLiteral("cleared")));
    QVERIFY(!exporter.isRunning());
    QVERIFY(!QFile::exists(path));
}

void TestLogExporter::exportsAreTheOwnersAlone()
{
    MessageLog log;
    fill(log);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("log.csv"));
    // An existing file readable by all is replaced by one for the owner only.
    QFile old(path);
    QVERIFY(old.open(QIODevice::WriteOnly));
    old.close();
    QVERIFY(QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                            QFileDevice::ReadOther | QFileDevice::ReadGroup));
    QCOMPARE(exportTo(log, path, {0, 1}), QString());
    const QFileDevice::Permissions p = QFileInfo(path).permissions();
    QVERIFY(p & QFileDevice::ReadOwner);
    QVERIFY(!(p & (QFileDevice::ReadGroup | QFileDevice::ReadOther | QFileDevice::WriteGroup |
                   QFileDevice::WriteOther)));
}

void TestLogExporter::droppedPayloadsSaySo()
{
    LogEventView v;
    v.timestampMs = 1700000000123;
    v.kind = EventKind::Binary;
    v.direction = Direction::Received;
    v.sizeBytes = 5;
    v.payloadKept = false;
    const QJsonObject o = QJsonDocument::fromJson(LogExporter::jsonLine(v)).object();
    QCOMPARE(o.value(QStringLiteral("payloadKept")), QJsonValue(false));
    QVERIFY(!o.contains(QStringLiteral("payloadBase64")));
    QCOMPARE(o.value(QStringLiteral("size")).toInt(), 5);
    QVERIFY(LogExporter::csvRow(v).endsWith(",,,not-kept\r\n"));
    v.payloadKept = true;
    QVERIFY(!QJsonDocument::fromJson(LogExporter::jsonLine(v))
                 .object()
                 .contains(QStringLiteral("payloadKept")));
    v.sizeBytes = UnknownSize; // never invented: null in JSON, empty in CSV
    QVERIFY(QJsonDocument::fromJson(LogExporter::jsonLine(v))
                .object()
                .value(QStringLiteral("size"))
                .isNull());
    QVERIFY2(LogExporter::csvRow(v).contains("Z,received,binary,,"),
             LogExporter::csvRow(v).constData());
}

QTEST_GUILESS_MAIN(TestLogExporter)
#include "tst_logexporter.moc"
