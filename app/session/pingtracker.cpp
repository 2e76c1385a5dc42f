#include "pingtracker.h"

#include <climits>

void PingTracker::sent(const QByteArray &payload)
{
    if (m_pending.size() >= std::size_t(MaxPending))
        m_pending.pop_front();
    m_pending.push_back({payload, m_clock.nsecsElapsed()});
}

qint32 PingTracker::answered(const QByteArray &payload)
{
    const qint64 now = m_clock.nsecsElapsed();
    for (auto it = m_pending.begin(); it != m_pending.end(); ++it) {
        if (it->payload == payload) {
            const auto rttUs = qint32(qMin<qint64>((now - it->sentNs) / 1000, INT_MAX));
            m_pending.erase(m_pending.begin(), it + 1);
            return rttUs;
        }
    }
    return -1;
}
