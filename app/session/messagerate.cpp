#include "messagerate.h"

double MessageRate::sample(qint64 messages, qint64 nowMs)
{
    const qint64 elapsed = nowMs - m_lastMs;
    if (elapsed > 0)
        m_rate = double(qMax<qint64>(0, messages - m_lastMessages)) * 1000.0 / double(elapsed);
    m_lastMessages = messages;
    m_lastMs = nowMs;
    return m_rate;
}

QString MessageRate::durationText(qint64 ms)
{
    const qint64 s = ms / 1000;
    return QStringLiteral("%1:%2:%3")
        .arg(s / 3600, 2, 10, QLatin1Char('0'))
        .arg((s / 60) % 60, 2, 10, QLatin1Char('0'))
        .arg(s % 60, 2, 10, QLatin1Char('0'));
}
