#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QSaveFile>
#include <QTimer>
#include <memory>

class FrameLog;

/// Writes every frame of a FrameLog to a file as JSON Lines, in slices on the UI thread
/// (at most SliceMs each), through QSaveFile: the file appears, owner-only (0600), only
/// when the export completes; a cancelled or failed one leaves any old file as it was.
///
/// One compact JSON object per frame, in wire order:
///   {"timeUs":1234,"direction":"sent","opcode":"text","opcodeValue":1,"fin":true,"rsv":0,
///    "masked":true,"maskingKey":"0a1b2c3d","length":64,"head":"68656c6c6f20...",
///    "violations":[{"section":"5.1","rule":"..."}]}
/// timeUs counts µs from when the wire tap took the connection; direction is sent (the
/// client's frames) or received; head is the kept payload bytes in hex (the first 8 of a
/// data frame, all of a control frame); maskingKey and violations appear only when set.
/// Frames the log's row cap drops during the export, or a clear(), fail it.
class FrameExporter final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FrameExporter)
public:
    static constexpr int SliceMs = 15;

    explicit FrameExporter(QObject *parent = nullptr);
    ~FrameExporter() override;

    /// One exported line for @p row of @p log, with its trailing newline.
    static QByteArray jsonLine(const FrameLog &log, int row);
    /// Starts writing every frame @p log holds now to @p path. False, with error() set,
    /// when the file cannot be opened or an export is running.
    bool start(FrameLog *log, const QString &path);
    void cancel();
    bool isRunning() const { return m_file != nullptr; }
    QString error() const { return m_error; }

Q_SIGNALS:
    void progress(qint64 written, qint64 total);
    void finished(const QString &path, qint64 frames, qint64 elapsedMs);
    void failed(const QString &error);
    void cancelled();

private:
    void step();
    void fail(const QString &error);
    void onLogReset();

    std::unique_ptr<QSaveFile> m_file;
    QPointer<FrameLog> m_log;
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_start = 0; ///< The first frame to write, counted from the connection's first.
    qint64 m_next = 0;  ///< The next frame to write, counted the same way.
    qint64 m_end = 0;   ///< One past the last frame to write, counted the same way.
    QString m_error;
};
