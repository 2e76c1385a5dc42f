#pragma once

#include <QByteArray>
#include <QElapsedTimer>
#include <deque>

/// The pings a client sent and is waiting to hear answered, matched to pongs by payload.
///
/// RFC 6455 5.5.3: a pong carries the payload of the ping it answers, and a peer may
/// answer only the latest of several. QWebSocket 6.4's own pong elapsedTime counts from
/// the latest ping() whatever its payload, so each ping keeps its own clock here.
class PingTracker final
{
public:
    /// Pings waiting for their pong are kept up to this many; older ones are dropped.
    static constexpr int MaxPending = 256;

    PingTracker() { m_clock.start(); }

    /// Notes a ping carrying @p payload, sent now.
    void sent(const QByteArray &payload);
    /// The round trip of the oldest waiting ping that carried @p payload, in µs, or -1
    /// when none did (an unsolicited pong). That ping and the ones before it stop
    /// waiting: they will get no pong of their own.
    qint32 answered(const QByteArray &payload);
    void clear() { m_pending.clear(); }
    int pending() const { return int(m_pending.size()); }

private:
    struct Ping
    {
        QByteArray payload;
        qint64 sentNs;
    };
    QElapsedTimer m_clock;
    std::deque<Ping> m_pending;
};
