#pragma once

#include <QString>
#include <QtGlobal>

/// Data messages per second, for the statistics line: each sample() takes the count of
/// messages so far and a time, and the rate is the messages since the previous sample
/// over the time since it. Times are in ms from any fixed start (a QElapsedTimer's
/// elapsed()), so tests inject them.
///
/// A count lower than the previous one (the session's statistics restart at open())
/// counts as no new messages, never as a negative rate.
class MessageRate final
{
public:
    /// Takes a sample: @p messages counted so far, at @p nowMs (ms). A sample at the same
    /// time as the previous one keeps the last rate. Returns perSecond().
    double sample(qint64 messages, qint64 nowMs);
    /// The rate at the last sample, in messages per second; 0 before the first.
    double perSecond() const { return m_rate; }

    /// A span of @p ms milliseconds as "hh:mm:ss" (hours go past 24; the ms are cut).
    static QString durationText(qint64 ms);

private:
    qint64 m_lastMessages = 0;
    qint64 m_lastMs = 0;
    double m_rate = 0;
};
