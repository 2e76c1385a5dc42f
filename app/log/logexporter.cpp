#include "logexporter.h"

#include "log/ownerfile.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QThreadPool>
#include <numeric>

namespace {

bool payloadIsBytes(EventKind kind)
{
    return kind == EventKind::Binary || kind == EventKind::Ping || kind == EventKind::Pong;
}

QString isoTime(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

// RFC 4180 2.6-2.7: quote a field holding a comma, quote, CR or LF; double the quotes.
void appendCsvField(QByteArray &out, QByteArrayView field)
{
    bool quote = false;
    for (char c : field) {
        if (c == ',' || c == '"' || c == '\r' || c == '\n') {
            quote = true;
            break;
        }
    }
    if (!quote) {
        out.append(field);
        return;
    }
    out.append('"');
    for (char c : field) {
        if (c == '"')
            out.append('"');
        out.append(c);
    }
    out.append('"');
}

} // namespace

LogExporter::LogExporter(QObject *parent) : QObject(parent)
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(0);
    connect(&m_timer, &QTimer::timeout, this, &LogExporter::step);
}

LogExporter::~LogExporter()
{
    if (m_file)
        m_file->cancelWriting();
    if (m_log && m_file)
        m_log->releaseRows();
}

LogExporter::Format LogExporter::formatForPath(const QString &path)
{
    return path.endsWith(QLatin1String(".csv"), Qt::CaseInsensitive) ? Format::Csv
                                                                     : Format::JsonLines;
}

QByteArray LogExporter::jsonLine(const LogEventView &e)
{
    QJsonObject o;
    o.insert(QStringLiteral("time"), isoTime(e.timestampMs));
    o.insert(QStringLiteral("direction"), MessageLog::directionKey(e.direction));
    o.insert(QStringLiteral("kind"), MessageLog::kindKey(e.kind));
    if (e.sizeBytes == UnknownSize)
        o.insert(QStringLiteral("size"), QJsonValue::Null);
    else
        o.insert(QStringLiteral("size"), e.sizeBytes);
    if (!e.payloadKept)
        o.insert(QStringLiteral("payloadKept"), false); // dropped by the memory budget
    else if (payloadIsBytes(e.kind))
        o.insert(QStringLiteral("payloadBase64"),
                 QString::fromLatin1(e.payload.toByteArray().toBase64()));
    else
        o.insert(QStringLiteral("payload"), QString::fromUtf8(e.payload));
    if (e.closeCode != 0)
        o.insert(QStringLiteral("closeCode"), int(e.closeCode));
    if (e.kind == EventKind::Pong && e.rttUs >= 0)
        o.insert(QStringLiteral("rttMs"), double(e.rttUs) / 1000.0);
    QByteArray line = QJsonDocument(o).toJson(QJsonDocument::Compact);
    line.append('\n');
    return line;
}

QByteArray LogExporter::csvHeader()
{
    return QByteArrayLiteral("time,direction,kind,size,close_code,rtt_ms,payload,encoding\r\n");
}

QByteArray LogExporter::csvRow(const LogEventView &e)
{
    QByteArray out;
    out.reserve(e.payload.size() + 96);
    out.append(isoTime(e.timestampMs).toLatin1()).append(',');
    out.append(MessageLog::directionKey(e.direction).toLatin1()).append(',');
    out.append(MessageLog::kindKey(e.kind).toLatin1()).append(',');
    if (e.sizeBytes != UnknownSize)
        out.append(QByteArray::number(e.sizeBytes));
    out.append(',');
    if (e.closeCode != 0)
        out.append(QByteArray::number(e.closeCode));
    out.append(',');
    if (e.kind == EventKind::Pong && e.rttUs >= 0)
        out.append(QByteArray::number(double(e.rttUs) / 1000.0, 'f', 3));
    out.append(',');
    if (!e.payloadKept) {
        out.append(",not-kept\r\n"); // dropped by the memory budget
    } else if (payloadIsBytes(e.kind)) {
        out.append(e.payload.toByteArray().toBase64()).append(",base64\r\n");
    } else {
        appendCsvField(out, e.payload);
        out.append(",utf-8\r\n");
    }
    return out;
}

bool LogExporter::start(MessageLog *log, std::vector<quint32> rows, Format format,
                        const QString &path)
{
    m_error.clear();
    if (isRunning()) {
        m_error = tr("An export is already running.");
        return false;
    }
    m_file = openOwnerOnly(path, &m_error); // the export is the owner's alone (0600)
    if (!m_file)
        return false;
    m_log = log;
    m_log->holdRows();
    // Row numbers mean nothing once the log is cleared.
    connect(m_log, &QAbstractItemModel::modelAboutToBeReset, this,
            [this] { finish(tr("The log was cleared during the export; nothing was written.")); });
    m_rows = std::move(rows);
    m_format = format;
    m_next = 0;
    m_clock.start();
    if (m_format == Format::Csv)
        m_file->write(csvHeader());
    m_timer.start();
    return true;
}

bool LogExporter::startAll(MessageLog *log, Format format, const QString &path)
{
    log->flush();
    std::vector<quint32> rows(std::size_t(log->rows()));
    std::iota(rows.begin(), rows.end(), quint32(0));
    return start(log, std::move(rows), format, path);
}

void LogExporter::step()
{
    if (!m_file)
        return;
    if (!m_log) {
        finish(tr("The log was closed during the export."));
        return;
    }
    QElapsedTimer slice;
    slice.start();
    QByteArray buffer;
    const qsizetype total = qsizetype(m_rows.size());
    while (m_next < total && slice.elapsed() < SliceMs) {
        const qsizetype end = qMin(total, m_next + 1024);
        for (; m_next < end; ++m_next) {
            const qsizetype row = m_rows[std::size_t(m_next)];
            if (row >= m_log->totalEvents())
                continue; // cleared meanwhile
            const LogEventView e = m_log->view(row);
            buffer.append(m_format == Format::Csv ? csvRow(e) : jsonLine(e));
        }
        if (m_file->write(buffer) != buffer.size()) {
            finish(tr("Cannot write \"%1\": %2").arg(m_file->fileName(), m_file->errorString()));
            return;
        }
        buffer.clear();
    }
    Q_EMIT progress(m_next, total);
    if (m_next < total) {
        m_timer.start();
        return;
    }
    finish(QString());
}

void LogExporter::letGo()
{
    m_timer.stop();
    if (m_log) {
        disconnect(m_log, nullptr, this, nullptr);
        m_log->releaseRows();
    }
    m_rows.clear();
    m_rows.shrink_to_fit();
}

void LogExporter::finish(const QString &error)
{
    std::unique_ptr<QSaveFile> file = std::move(m_file);
    const qsizetype rows = qsizetype(m_rows.size());
    letGo();
    if (!error.isEmpty()) {
        file->cancelWriting();
        m_error = error;
        Q_EMIT failed(error);
        return;
    }
    // QSaveFile::commit() flushes the file to disk (fsync) before renaming it into place;
    // for a big export that takes tens of ms, so it runs off the UI thread. Nothing else
    // touches the file meanwhile.
    m_committing = true;
    QSaveFile *raw = file.release();
    QPointer<LogExporter> self(this);
    QThreadPool::globalInstance()->start([raw, rows, self] {
        const bool ok = raw->commit();
        const QString name = raw->fileName();
        const QString why = raw->errorString();
        delete raw;
        QMetaObject::invokeMethod(
            qApp,
            [self, ok, name, why, rows] {
                if (!self)
                    return;
                self->m_committing = false;
                if (!ok) {
                    self->m_error = tr("Cannot save \"%1\": %2").arg(name, why);
                    Q_EMIT self->failed(self->m_error);
                    return;
                }
                Q_EMIT self->finished(name, rows, self->m_clock.elapsed());
            },
            Qt::QueuedConnection);
    });
}

void LogExporter::cancel()
{
    if (!m_file)
        return;
    m_file->cancelWriting();
    m_file.reset();
    letGo();
    Q_EMIT cancelled();
}
