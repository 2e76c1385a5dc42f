#include "wiretap/frameexporter.h"

#include "log/ownerfile.h"

#include "wiretap/framelog.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

FrameExporter::FrameExporter(QObject *parent) : QObject(parent)
{
    m_timer.setInterval(0);
    connect(&m_timer, &QTimer::timeout, this, &FrameExporter::step);
}

FrameExporter::~FrameExporter() = default;

QByteArray FrameExporter::jsonLine(const FrameLog &log, int row)
{
    const QModelIndex at = log.index(row, 0);
    const int opcode = at.data(FrameLog::OpcodeRole).toInt();
    QJsonObject o;
    o.insert(QStringLiteral("timeUs"), at.data(FrameLog::TimeUsRole).toLongLong());
    o.insert(QStringLiteral("direction"), at.data(FrameLog::SenderRole).toInt() == 0
                                              ? QStringLiteral("sent")
                                              : QStringLiteral("received"));
    o.insert(QStringLiteral("opcode"), FrameLog::opcodeName(quint8(opcode)));
    o.insert(QStringLiteral("opcodeValue"), opcode);
    o.insert(QStringLiteral("fin"), at.data(FrameLog::FinRole).toBool());
    o.insert(QStringLiteral("rsv"), at.data(FrameLog::RsvRole).toInt());
    const bool masked = at.data(FrameLog::MaskedRole).toBool();
    o.insert(QStringLiteral("masked"), masked);
    if (masked)
        o.insert(QStringLiteral("maskingKey"),
                 QStringLiteral("%1").arg(at.data(FrameLog::MaskingKeyRole).toUInt(), 8, 16,
                                          QLatin1Char('0')));
    // A JSON number is exact to 2^53; a hostile 64-bit length is written as a string.
    const qulonglong length = at.data(FrameLog::PayloadLengthRole).toULongLong();
    if (length < (qulonglong(1) << 53))
        o.insert(QStringLiteral("length"), qint64(length));
    else
        o.insert(QStringLiteral("length"), QString::number(length));
    o.insert(QStringLiteral("head"), QString::fromLatin1(log.keptPayload(row).toHex()));
    QJsonArray violations;
    for (const FrameViolation &v : log.violations(row))
        violations.append(
            QJsonObject{{QStringLiteral("section"), v.section}, {QStringLiteral("rule"), v.rule}});
    if (!violations.isEmpty())
        o.insert(QStringLiteral("violations"), violations);
    return QJsonDocument(o).toJson(QJsonDocument::Compact) + '\n';
}

bool FrameExporter::start(FrameLog *log, const QString &path)
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
    m_start = m_next = log->droppedFrames();
    m_end = m_next + log->rowCount();
    connect(log, &QAbstractItemModel::modelReset, this, &FrameExporter::onLogReset);
    m_clock.start();
    m_timer.start();
    return true;
}

void FrameExporter::step()
{
    if (!m_log) {
        fail(tr("The frames went before the export was done."));
        return;
    }
    QElapsedTimer slice;
    slice.start();
    QByteArray chunk;
    while (m_next < m_end && slice.elapsed() < SliceMs) {
        const qint64 row = m_next - m_log->droppedFrames();
        if (row < 0) {
            fail(tr("The Frames view's row cap dropped frames before they were written."));
            return;
        }
        chunk += jsonLine(*m_log, int(row));
        ++m_next;
    }
    if (m_file->write(chunk) != chunk.size()) {
        fail(tr("Cannot write \"%1\": %2").arg(m_file->fileName(), m_file->errorString()));
        return;
    }
    Q_EMIT progress(m_next - m_start, m_end - m_start);
    if (m_next < m_end)
        return;
    m_timer.stop();
    const QString path = m_file->fileName();
    const qint64 frames = m_end - m_start;
    if (!m_file->commit()) {
        m_error = tr("Cannot write \"%1\": %2").arg(path, m_file->errorString());
        m_file.reset();
        Q_EMIT failed(m_error);
        return;
    }
    m_file.reset();
    disconnect(m_log, nullptr, this, nullptr);
    Q_EMIT finished(path, frames, m_clock.elapsed());
}

void FrameExporter::onLogReset()
{
    fail(tr("The frames were cleared (a new connection) before the export was done."));
}

void FrameExporter::fail(const QString &error)
{
    m_timer.stop();
    m_error = error;
    m_file.reset(); // QSaveFile without commit(): the old file stays as it was
    if (m_log)
        disconnect(m_log, nullptr, this, nullptr);
    Q_EMIT failed(error);
}

void FrameExporter::cancel()
{
    if (!isRunning())
        return;
    m_timer.stop();
    m_file.reset();
    if (m_log)
        disconnect(m_log, nullptr, this, nullptr);
    Q_EMIT cancelled();
}
