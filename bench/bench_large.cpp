// The large-message part of sockscope_bench: see bench_large.h.
#include "bench_large.h"

#include "benchsupport.h"
#include "floodserver.h"
#include "log/logfiltermodel.h"
#include "log/messagelog.h"
#include "profiles/profilemodel.h"
#include "session/websocketsession.h"
#include "sessiontab.h"

#include <QWebSocket>
#include <algorithm>
#include <cstdio>
#include <malloc.h>
#include <memory>
#include <vector>

namespace {

constexpr qint64 MiB = 1024 * 1024;

/// One flood of large messages.
struct LargeCase
{
    int messages;
    qint64 messageBytes; ///< In bytes.
    QString label() const
    {
        return QStringLiteral("%1 MiB x %2").arg(messageBytes / MiB).arg(messages);
    }
    qint64 totalBytes() const { return messages * messageBytes; }
};

/// What one flood measured.
struct RunResult
{
    double seconds = 0;    ///< From the opening handshake to the last message, in s.
    double stallMs = 0;    ///< The longest UI-thread gap meanwhile, in ms.
    qint64 peakBytes = -1; ///< Peak resident memory over that before, in bytes; -1 unknown.
    bool intact = true;    ///< Every payload arrived whole and in order.
};

/// Gives freed heap back to the system and starts a new resident-memory peak; returns
/// the resident size it starts from, in bytes (-1 if the peak can't be reset).
qint64 startMemoryPeak()
{
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    malloc_trim(0);
    return ResidentMemory::resetPeak() ? ResidentMemory::currentBytes() : -1;
}

qint64 peakSince(qint64 startBytes)
{
    return startBytes < 0 ? -1 : ResidentMemory::peakBytes() - startBytes;
}

/// A bare QWebSocket that only counts, its read buffer unbounded (its default); with
/// @p keep it also keeps every message, as any client that shows them must.
bool runBare(const QUrl &url, const LargeCase &c, int timeoutMs, bool keep, RunResult *result)
{
    QList<QByteArray> kept;
    const qint64 memoryStart = startMemoryPeak();
    QWebSocket ws;
    int count = 0;
    bool ended = false;
    QByteArray last;
    QElapsedTimer clock;
    qint64 endNs = 0;
    GapMeter gaps;
    QObject::connect(&ws, &QWebSocket::connected, &ws, [&] {
        clock.start();
        gaps.start();
    });
    QObject::connect(&ws, &QWebSocket::disconnected, &ws, [&] { ended = true; });
    QObject::connect(&ws, &QWebSocket::binaryMessageReceived, &ws, [&](const QByteArray &data) {
        // Only the cheap part of the check here: the whole of the last one comes after.
        result->intact = result->intact && data.size() == c.messageBytes &&
                         data.startsWith(FloodServer::payload(count, 10));
        if (keep)
            kept.append(data);
        if (++count == c.messages) {
            endNs = clock.nsecsElapsed();
            last = data;
        }
    });
    ws.open(url);
    if (!spinUntil([&] { return count == c.messages || ended; }, timeoutMs) ||
        count != c.messages) {
        std::fprintf(stderr, "%s, bare QWebSocket: %d of %d messages arrived%s\n",
                     qPrintable(c.label()), count, c.messages,
                     ended ? qPrintable(QStringLiteral(", then it closed: ") + ws.errorString())
                           : qPrintable(QStringLiteral(" within %1 ms").arg(timeoutMs)));
        return false;
    }
    result->stallMs = gaps.stopMs();
    result->seconds = double(endNs) / 1e9;
    result->peakBytes = peakSince(memoryStart);
    result->intact = result->intact && FloodServer::isPayload(c.messages - 1, last, c.messageBytes);
    ws.abort();
    return true;
}

/// True when the log's rows after the opened row are @p c's messages, whole.
bool logHoldsFlood(const MessageLog &log, const LargeCase &c)
{
    for (int i = 0; i < c.messages; ++i) {
        const LogEventView row = log.view(i + 1);
        if (row.kind != EventKind::Binary || !row.payloadKept ||
            !FloodServer::isPayload(i, row.payload, c.messageBytes))
            return false;
    }
    return true;
}

/// The whole Sockscope path: a visible tab on profile @p id of @p profiles.
bool runSockscope(ProfileModel *profiles, quint64 id, const LargeCase &c, int timeoutMs,
                  RunResult *result)
{
    auto tab = std::make_unique<SessionTab>(profiles, id, QUrl());
    tab->resize(1200, 800);
    tab->show();
    QCoreApplication::processEvents();
    WebSocketSession *session = tab->session();
    const qint64 memoryStart = startMemoryPeak();
    QElapsedTimer clock;
    GapMeter gaps;
    bool ended = false;
    QObject::connect(session, &WebSocketSession::opened, session, [&] {
        clock.start();
        gaps.start();
    });
    QObject::connect(session, &WebSocketSession::finished, session, [&] { ended = true; });
    tab->connectToServer();
    // Done when every message is a row the view's model shows (opened row + messages).
    const auto allShown = [&] {
        return session->statistics().messagesReceived == c.messages &&
               tab->logFilter()->rowCount() == c.messages + 1;
    };
    if (!spinUntil([&] { return allShown() || ended; }, timeoutMs) || !allShown()) {
        std::fprintf(stderr, "%s, Sockscope: %lld of %d messages arrived%s\n",
                     qPrintable(c.label()), session->statistics().messagesReceived, c.messages,
                     ended ? qPrintable(QStringLiteral(", then it closed: ") + session->lastError())
                           : qPrintable(QStringLiteral(" within %1 ms").arg(timeoutMs)));
        return false;
    }
    const qint64 endNs = clock.nsecsElapsed();
    result->stallMs = gaps.stopMs();
    result->seconds = double(endNs) / 1e9;
    result->peakBytes = peakSince(memoryStart);
    result->intact = logHoldsFlood(*session->log(), c);
    session->stop();
    spinUntil([&] { return session->state() == WebSocketSession::State::Closed; });
    tab.reset(); // this flood's log goes before the next one's arrives
    return true;
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0.0 : v[v.size() / 2];
}

/// What a set of runs of one path comes to: median rate, longest stall, highest peak.
struct Summary
{
    double mibPerSecond = 0;
    double messagesPerSecond = 0;
    double stallMs = 0;
    qint64 peakBytes = -1;
    bool intact = true;
};

Summary summarise(const std::vector<RunResult> &runs, const LargeCase &c)
{
    Summary s;
    std::vector<double> seconds;
    for (const RunResult &r : runs) {
        seconds.push_back(r.seconds);
        s.stallMs = qMax(s.stallMs, r.stallMs);
        s.peakBytes = qMax(s.peakBytes, r.peakBytes);
        s.intact = s.intact && r.intact;
    }
    const double t = qMax(median(seconds), 1e-9);
    s.mibPerSecond = double(c.totalBytes()) / MiB / t;
    s.messagesPerSecond = c.messages / t;
    return s;
}

/// "N MiB (R x the payload)", or "n/a" when the peak is unknown.
QString peakText(qint64 peakBytes, const LargeCase &c)
{
    if (peakBytes < 0)
        return QStringLiteral("n/a");
    return QStringLiteral("%1 (%2x)")
        .arg(num(double(peakBytes) / MiB), num(double(peakBytes) / double(c.totalBytes()), 2));
}

/// The rows for @p c. The stall is judged on what Sockscope adds to the bare socket's:
/// QtWebSockets 6.4 copies each frame's whole payload out of the socket buffer in one go
/// on the UI thread (QWebSocketFrame::readFramePayload), which neither can avoid.
void reportCase(const LargeCase &c, const Summary &s, const Summary &bare, const Summary &kept,
                int runs)
{
    const QString bareText = QStringLiteral(" bare QWebSocket");
    const QString keptText = QStringLiteral(" bare QWebSocket keeping them");
    report(c.label() + QStringLiteral(": arrived intact"),
           QStringLiteral("%1 x %2").arg(c.messages).arg(runs), bareText.trimmed(), QString(),
           QStringLiteral("every message, whole"), s.intact && bare.intact, true);
    report(c.label() + QStringLiteral(": rate (MiB/s, msg/s)"),
           QStringLiteral("%1, %2").arg(num(s.mibPerSecond), num(s.messagesPerSecond, 1)),
           QStringLiteral("%1, %2").arg(num(bare.mibPerSecond), num(bare.messagesPerSecond, 1)) +
               bareText,
           num(s.mibPerSecond / bare.mibPerSecond, 2), QStringLiteral("reported"), true);
    // What a client that keeps every message can't avoid: fresh memory for each one.
    report(c.label() + QStringLiteral(": rate vs keeping them"),
           QStringLiteral("%1, %2").arg(num(s.mibPerSecond), num(s.messagesPerSecond, 1)),
           QStringLiteral("%1, %2").arg(num(kept.mibPerSecond), num(kept.messagesPerSecond, 1)) +
               keptText,
           num(s.mibPerSecond / kept.mibPerSecond, 2), QStringLiteral(">= 0.50x"),
           s.mibPerSecond >= 0.5 * kept.mibPerSecond);
    report(c.label() + QStringLiteral(": longest UI stall (ms)"), num(s.stallMs, 1),
           num(bare.stallMs, 1) + bareText, num(s.stallMs / bare.stallMs, 2),
           QStringLiteral("<= 50 ms over bare"), s.stallMs <= bare.stallMs + 50);
    const bool peaksKnown = s.peakBytes >= 0 && bare.peakBytes > 0;
    report(c.label() + QStringLiteral(": peak RSS growth (MiB)"), peakText(s.peakBytes, c),
           peakText(bare.peakBytes, c) + bareText,
           peaksKnown ? num(double(s.peakBytes) / double(bare.peakBytes), 2) : QString(),
           QStringLiteral("reported"), true);
}

} // namespace

bool runLargeMessageBenchmarks(bool smoke)
{
    const std::vector<LargeCase> cases =
        smoke ? std::vector<LargeCase>{{5, 1 * MiB}, {1, 8 * MiB}}
              : std::vector<LargeCase>{{200, 1 * MiB}, {10, 16 * MiB}, {1, 200 * MiB}};
    const int runs = smoke ? 1 : 3;
    const int timeoutMs = smoke ? 20000 : 300000;
    ProfileModel profiles;
    for (const LargeCase &c : cases) {
        FloodServer server(FloodServer::Binary{c.messages, c.messageBytes});
        Profile profile = Profile::localEcho();
        profile.name = c.label();
        profile.builtInEchoServer = false;
        profile.url = QUrl(QStringLiteral("ws://127.0.0.1:%1/large").arg(server.port()));
        const int row = profiles.createProfile();
        profiles.updateProfile(row, profile);
        // Alternately, so that the machine's noise falls on both alike.
        std::vector<RunResult> bareRuns(runs), keptRuns(runs), sockscopeRuns(runs);
        for (int i = 0; i < runs; ++i) {
            if (!runBare(profile.url, c, timeoutMs, false, &bareRuns[i]) ||
                !runBare(profile.url, c, timeoutMs, true, &keptRuns[i]) ||
                !runSockscope(&profiles, profiles.idAt(row), c, timeoutMs, &sockscopeRuns[i]))
                return false;
            std::printf(
                "  %s run %d: bare %.0f MiB/s, Sockscope %.0f MiB/s, stall %.1f ms\n",
                qPrintable(c.label()), i + 1, double(c.totalBytes()) / MiB / bareRuns[i].seconds,
                double(c.totalBytes()) / MiB / sockscopeRuns[i].seconds, sockscopeRuns[i].stallMs);
            std::fflush(stdout);
        }
        reportCase(c, summarise(sockscopeRuns, c), summarise(bareRuns, c), summarise(keptRuns, c),
                   runs);
    }
    return true;
}
