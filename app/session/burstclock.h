#pragma once

#include <QObject>

/// The wall-clock time for a burst of log rows, read once per burst: the one clock of
/// a session's rows, so that rows of one burst keep their order in time.
///
/// A flood hands the session thousands of messages from one socket read, in one turn
/// of the event loop; reading the clock for each (QDateTime::currentMSecsSinceEpoch(),
/// a clock_gettime() call) cost more than storing the message. The time read is kept
/// until the event loop wakes again (QAbstractEventDispatcher::awake) or until it has
/// been handed out ReuseLimit times, so the rows of one read share it and no row is
/// ever older than its read by more than a few µs.
class BurstClock final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BurstClock)
public:
    /// Rows that may share one reading of the clock.
    static constexpr int ReuseLimit = 64;

    /// Watches the event dispatcher of the calling thread (none: every call reads).
    explicit BurstClock(QObject *parent = nullptr);

    /// Milliseconds since the Unix epoch (UTC), as QDateTime::currentMSecsSinceEpoch().
    qint64 nowMs()
    {
        if (!m_watching || m_uses == 0 || m_uses >= ReuseLimit)
            return read();
        ++m_uses;
        return m_ms;
    }

private:
    qint64 read();
    void expire() { m_uses = 0; }

    qint64 m_ms = 0;
    int m_uses = 0;          ///< Times m_ms was handed out; 0 = read again.
    bool m_watching = false; ///< A dispatcher tells when the event loop wakes.
};
