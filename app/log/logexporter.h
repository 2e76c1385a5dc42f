#pragma once

#include "log/messagelog.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QSaveFile>
#include <QTimer>
#include <memory>
#include <vector>

/// Writes log rows to a file as JSON Lines or CSV, in slices on the UI thread, with
/// progress and cancel.
///
/// The file is written through QSaveFile: it appears only when the export completes; a
/// cancelled or failed export leaves any existing file untouched. While running, the
/// exporter holds the log (MessageLog::holdRows) so its row cap cannot move rows; a
/// clear() of the log fails the export.
///
/// JSON Lines: one JSON object per line (QJsonDocument, compact):
///   {"time":"2026-11-22T10:00:00.123Z","direction":"received","kind":"text","size":64,
///    "payload":"..."}
/// time is ISO 8601 UTC with ms; direction is sent/received/local; kind is
/// MessageLog::kindKey(); size is bytes on the wire. Binary, ping and pong payloads are
/// in "payloadBase64" (RFC 4648) instead of "payload"; close rows add "closeCode",
/// matched pongs add "rttMs".
/// CSV (RFC 4180): header time,direction,kind,size,close_code,rtt_ms,payload,encoding,
/// where encoding is "utf-8" or "base64".
class LogExporter final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LogExporter)
public:
    enum class Format { JsonLines, Csv };
    Q_ENUM(Format)

    /// Longest one export slice runs before yielding to the event loop, in ms.
    static constexpr int SliceMs = 15;

    explicit LogExporter(QObject *parent = nullptr);
    ~LogExporter() override;

    /// .csv means CSV; anything else JSON Lines.
    static Format formatForPath(const QString &path);
    /// One exported line, with its trailing newline.
    static QByteArray jsonLine(const LogEventView &event);
    static QByteArray csvHeader();
    static QByteArray csvRow(const LogEventView &event);

    /// Starts writing @p rows (log row numbers, ascending) of @p log to @p path. Returns
    /// false with error() set when the file cannot be opened or an export is running.
    bool start(MessageLog *log, std::vector<quint32> rows, Format format, const QString &path);
    /// Flushes @p log (MessageLog::flush) and starts writing every one of its rows, the
    /// events buffered until now included; otherwise as start().
    bool startAll(MessageLog *log, Format format, const QString &path);
    /// Stops a running export; the target file is left as it was. Emits cancelled().
    void cancel();
    bool isRunning() const { return m_file != nullptr || m_committing; }
    QString error() const { return m_error; }

Q_SIGNALS:
    void progress(qsizetype written, qsizetype total);
    void finished(const QString &path, qsizetype rows, qint64 elapsedMs);
    void failed(const QString &error);
    void cancelled();

private:
    void step();
    void finish(const QString &error);
    /// Stops the slices and lets go of the log and the row list.
    void letGo();

    QPointer<MessageLog> m_log;
    std::vector<quint32> m_rows;
    Format m_format = Format::JsonLines;
    std::unique_ptr<QSaveFile> m_file;
    qsizetype m_next = 0;
    bool m_committing = false;
    QString m_error;
    QElapsedTimer m_clock;
    QTimer m_timer;
};
