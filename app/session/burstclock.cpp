#include "session/burstclock.h"

#include <QAbstractEventDispatcher>
#include <QDateTime>

BurstClock::BurstClock(QObject *parent) : QObject(parent)
{
    if (QAbstractEventDispatcher *dispatcher = QAbstractEventDispatcher::instance()) {
        // Emitted before the loop may block, so the first row after a wait reads anew.
        connect(dispatcher, &QAbstractEventDispatcher::awake, this, &BurstClock::expire);
        m_watching = true;
    }
}

qint64 BurstClock::read()
{
    m_ms = QDateTime::currentMSecsSinceEpoch();
    m_uses = 1;
    return m_ms;
}
