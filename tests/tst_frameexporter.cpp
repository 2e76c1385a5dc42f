// FrameExporter: the Frames view's frames written as JSON Lines, from frames read off
// real bytes by WireStream: every field read back, the file owner-only, and an export
// that cannot finish (cancelled, frames dropped by the cap, cleared) leaving the old file.
#include "rawclient.h"
#include "rawserver.h"
#include "wiretap/frameexporter.h"
#include "wiretap/framelog.h"
#include "wiretap/wirestream.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

namespace {

/// @p frames of one direction, read as the wire tap reads them, into @p log.
void readInto(FrameLog &log, FrameSender sender, const QByteArray &frames, qint64 timeUs = 7)
{
    WireStream stream(sender);
    WireBatch batch;
    stream.feed(frames, timeUs, &batch);
    log.append(batch);
}

QList<QJsonObject> readLines(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QList<QJsonObject> lines;
    for (const QByteArray &line : file.readAll().split('\n')) {
        if (!line.isEmpty())
            lines.append(QJsonDocument::fromJson(line).object());
    }
    return lines;
}

} // namespace

class TestFrameExporter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void writesEveryFrameAsJsonLines()
    {
        FrameLog log;
        readInto(log, FrameSender::Client, clientFrame(0x81, "hello frames", true, 0x0a1b2c3d));
        readInto(log, FrameSender::Server,
                 serverFrame(Opcode::Close, closePayload(1000, "bye")) +
                     clientFrame(0x81, "masked", true), // a masked frame from the server
                 99);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("frames.jsonl"));
        FrameExporter exporter;
        QSignalSpy finished(&exporter, &FrameExporter::finished);
        QVERIFY(exporter.start(&log, path));
        QVERIFY(finished.wait(5000));
        QCOMPARE(finished.at(0).at(1).toLongLong(), 3);
        const QList<QJsonObject> lines = readLines(path);
        QCOMPARE(lines.size(), 3);
        const QJsonObject sent = lines.at(0);
        QCOMPARE(sent.value(QStringLiteral("direction")).toString(), QStringLiteral("sent"));
        QCOMPARE(sent.value(QStringLiteral("opcode")).toString(), QStringLiteral("text"));
        QCOMPARE(sent.value(QStringLiteral("opcodeValue")).toInt(), 1);
        QCOMPARE(sent.value(QStringLiteral("fin")).toBool(), true);
        QCOMPARE(sent.value(QStringLiteral("rsv")).toInt(), 0);
        QCOMPARE(sent.value(QStringLiteral("masked")).toBool(), true);
        QCOMPARE(sent.value(QStringLiteral("maskingKey")).toString(), QStringLiteral("0a1b2c3d"));
        QCOMPARE(sent.value(QStringLiteral("length")).toInt(), 12);
        QCOMPARE(sent.value(QStringLiteral("head")).toString(),
                 QString::fromLatin1(QByteArray("hello fr").toHex())); // unmasked, 8 bytes
        QCOMPARE(sent.value(QStringLiteral("timeUs")).toInt(), 7);
        QVERIFY(!sent.contains(QStringLiteral("violations")));
        const QJsonObject close = lines.at(1);
        QCOMPARE(close.value(QStringLiteral("direction")).toString(), QStringLiteral("received"));
        QCOMPARE(close.value(QStringLiteral("head")).toString(), QStringLiteral("03e8627965"));
        QVERIFY(!close.contains(QStringLiteral("maskingKey")));
        const QJsonArray violations = lines.at(2).value(QStringLiteral("violations")).toArray();
        QCOMPARE(violations.size(), 1);
        QCOMPARE(violations.at(0).toObject().value(QStringLiteral("section")).toString(),
                 QStringLiteral("5.1"));
        const QFileDevice::Permissions others = QFileDevice::ReadGroup | QFileDevice::WriteGroup |
                                                QFileDevice::ReadOther | QFileDevice::WriteOther;
        QCOMPARE(QFile::permissions(path) & others, QFileDevice::Permissions());
        QVERIFY(QFile::permissions(path) & QFileDevice::WriteOwner);
    }
    void anExportThatCannotFinishLeavesTheOldFile_data()
    {
        QTest::addColumn<QString>("how");
        QTest::newRow("cancelled") << "cancel";
        QTest::newRow("frames dropped by the cap") << "cap";
        QTest::newRow("frames cleared") << "clear";
    }
    void anExportThatCannotFinishLeavesTheOldFile()
    {
        QFETCH(QString, how);
        FrameLog log;
        log.setMaxRows(1000);
        QByteArray many;
        for (int i = 0; i < 1000; ++i)
            many += serverFrame(Opcode::Text, "frame " + QByteArray::number(i));
        readInto(log, FrameSender::Server, many);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("frames.jsonl"));
        QFile old(path);
        QVERIFY(old.open(QIODevice::WriteOnly));
        old.write("the old export\n");
        old.close();
        FrameExporter exporter;
        QSignalSpy cancelled(&exporter, &FrameExporter::cancelled);
        QSignalSpy failed(&exporter, &FrameExporter::failed);
        QSignalSpy finished(&exporter, &FrameExporter::finished);
        QVERIFY(exporter.start(&log, path));
        if (how == QLatin1String("cancel"))
            exporter.cancel();
        else if (how == QLatin1String("cap"))
            readInto(log, FrameSender::Server, serverFrame(Opcode::Text, "one more"));
        else
            log.clear();
        QSignalSpy &ended = how == QLatin1String("cancel") ? cancelled : failed;
        QTRY_COMPARE(ended.size(), 1);
        QCOMPARE(cancelled.size() + failed.size(), 1);
        QCOMPARE(finished.size(), 0);
        QVERIFY(!exporter.isRunning());
        QVERIFY(old.open(QIODevice::ReadOnly));
        QCOMPARE(old.readAll(), QByteArray("the old export\n"));
    }
};

QTEST_GUILESS_MAIN(TestFrameExporter)
#include "tst_frameexporter.moc"
