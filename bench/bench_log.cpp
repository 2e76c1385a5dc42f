// sockscope_bench: the message log at scale, measured against baselines from the same
// run (machines here are noisy, so ratios are the figures; absolutes are for reference).
//
//   memory   compact MessageLog vs std::vector<LogEvent> (a QByteArray per row)
//   ingest   socket -> session -> log -> filter proxy -> visible view, vs a bare
//            QWebSocket that only counts messages; both read the same flood
//   stalls   the UI thread's longest event-loop gap during each flood
//   stop     Stop clicked mid-flood until the session reports Closed
//   filter   chunked LogFilterModel vs QSortFilterProxyModel on the same rows
//   export   JSON Lines and CSV of every row vs writing the raw payloads
//   large    1 MiB x 200, 16 MiB x 10 and one 200 MiB binary message through the same
//            path vs the bare QWebSocket: rate, stall, peak memory (bench_large.cpp)
#include "bench_large.h"
#include "bench_variables.h"
#include "benchsupport.h"
#include "floodserver.h"
#include "log/logexporter.h"
#include "log/logfiltermodel.h"
#include "log/messagelog.h"
#include "logview.h"
#include "profiles/profilemodel.h"
#include "session/websocketsession.h"
#include "sessiontab.h"
#include "wiretap/framelog.h"
#include "wiretap/wiretap.h"

#include <QAbstractButton>
#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QSaveFile>
#include <QSortFilterProxyModel>
#include <QTemporaryDir>
#include <QTimer>
#include <QWebSocket>
#include <algorithm>
#include <cstdio>
#include <malloc.h>

namespace {

qint64 heapInUse()
{
    malloc_trim(0);
    const struct mallinfo2 m = mallinfo2();
    return qint64(m.uordblks + m.hblkhd); // small blocks plus mmapped ones
}

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Sockscope message-log benchmark"));
    parser.addHelpOption();
    const QCommandLineOption messagesOption(QStringLiteral("messages"),
                                            QStringLiteral("Messages per flood (default 1000000)."),
                                            QStringLiteral("n"), QStringLiteral("1000000"));
    const QCommandLineOption payloadOption(QStringLiteral("payload"),
                                           QStringLiteral("Bytes per message (default 64)."),
                                           QStringLiteral("bytes"), QStringLiteral("64"));
    const QCommandLineOption smokeOption(
        QStringLiteral("smoke"),
        QStringLiteral("Check that everything arrives; judge no speed (for CTest)."));
    const QCommandLineOption ingestOnlyOption(
        QStringLiteral("ingest-only"),
        QStringLiteral("Measure the Sockscope flood only (for profiling)."));
    const QCommandLineOption ingestOption(
        QStringLiteral("ingest"),
        QStringLiteral("Measure the floods only: bare, relay alone and Sockscope (for A/B runs)."));
    const QCommandLineOption serveOption(
        QStringLiteral("serve"),
        QStringLiteral("Only serve the flood on 127.0.0.1:<port> until interrupted, to look at "
                       "a full tab in the app by hand."),
        QStringLiteral("port"));
    const QCommandLineOption largeOnlyOption(
        QStringLiteral("large-only"),
        QStringLiteral("Measure the large binary messages only (1 MiB x 200, 16 MiB x 10, "
                       "200 MiB x 1; with --smoke 1 MiB x 5 and 8 MiB x 1)."));
    const QCommandLineOption variablesOption(
        QStringLiteral("variables"),
        QStringLiteral("Measure {{name}} substitution at Send only (64 B and 16 MiB messages)."));
    parser.addOptions({messagesOption, payloadOption, smokeOption, ingestOnlyOption, ingestOption,
                       largeOnlyOption, serveOption, variablesOption});
    parser.process(app);
    const int n = parser.value(messagesOption).toInt();
    const int payloadBytes = parser.value(payloadOption).toInt();
    const bool smoke = parser.isSet(smokeOption);
    const bool ingestOnly = parser.isSet(ingestOnlyOption);
    const bool floodsOnly = ingestOnly || parser.isSet(ingestOption);
    if (n < 1000 || payloadBytes < 16 || payloadBytes > 125) {
        std::fprintf(stderr, "--messages must be >= 1000 and --payload 16-125\n");
        return 2;
    }
    if (parser.isSet(serveOption)) {
        FloodServer server(n, payloadBytes, quint16(parser.value(serveOption).toUInt()));
        if (server.port() == 0) {
            std::fprintf(stderr, "cannot listen on port %s\n",
                         qPrintable(parser.value(serveOption)));
            return 1;
        }
        std::printf("Serving %d text messages of %d bytes to each client of ws://127.0.0.1:%u/\n",
                    n, payloadBytes, server.port());
        std::fflush(stdout);
        return app.exec();
    }
    if (parser.isSet(variablesOption)) {
        std::printf("Sockscope benchmark: {{name}} substitution at Send, Qt %s\n", qVersion());
        runVariableBenchmarks(smoke);
        return printRows(smoke) ? 0 : 1;
    }
    if (parser.isSet(largeOnlyOption)) {
        std::printf("Sockscope benchmark: large binary messages, Qt %s\n", qVersion());
        std::fflush(stdout);
        return runLargeMessageBenchmarks(smoke) && printRows(smoke) ? 0 : 1;
    }
    std::printf("Sockscope benchmark: %d text messages of %d bytes per flood, Qt %s\n", n,
                payloadBytes, qVersion());
    std::fflush(stdout);
    bool failed = false;

    // --- Memory: the compact log vs a vector of LogEvent (a QByteArray per row).
    const QString sample = QString::fromLatin1(FloodServer::payload(0, payloadBytes));
    double compactPerMsg = 0, naivePerMsg = 0;
    qint64 selfReported = 0;
    if (!floodsOnly) {
        const qint64 before = heapInUse();
        auto *log = new MessageLog;
        for (int i = 0; i < n; ++i)
            log->appendText(1700000000000 + i, Direction::Received, sample);
        log->flush();
        compactPerMsg = double(heapInUse() - before) / n;
        selfReported = log->memoryBytes();
        delete log;
    }
    double framePerMsg = 0;
    if (!floodsOnly) {
        // Each message's frame in the Frames view, handed over as the wire tap does.
        const qint64 before = heapInUse();
        auto *frames = new FrameLog;
        FrameHeader header;
        header.fin = true;
        header.opcode = Opcode::Text;
        header.payloadLength = quint64(payloadBytes);
        constexpr int BatchFrames = 64; // about what one socket read holds
        for (int i = 0; i < n; i += BatchFrames) {
            WireBatch batch;
            for (int j = i; j < qMin(n, i + BatchFrames); ++j)
                batch.records.append(FrameRecord::of(FrameSender::Server, header, j, false));
            frames->append(batch);
        }
        framePerMsg = double(heapInUse() - before) / n;
        delete frames;
    }
    if (!floodsOnly) {
        const qint64 before = heapInUse();
        auto *naive = new std::vector<LogEvent>;
        for (int i = 0; i < n; ++i) {
            LogEvent e;
            e.timestampMs = 1700000000000 + i;
            e.payload = sample.toUtf8();
            e.sizeBytes = e.payload.size();
            e.direction = Direction::Received;
            naive->push_back(std::move(e));
        }
        naivePerMsg = double(heapInUse() - before) / n;
        delete naive;
    }
    if (!floodsOnly) {
        report("log memory per message (bytes)", num(compactPerMsg, 1),
               num(naivePerMsg, 1) + QStringLiteral(" vector<LogEvent>"),
               num(compactPerMsg / naivePerMsg, 2), QStringLiteral("<= 128 (64 over payload)"),
               compactPerMsg <= payloadBytes + 64);
        report("log memory it reports (bytes/msg)", num(double(selfReported) / n, 1), QString(),
               QString(), QStringLiteral("close to the above"), true);
        report("Frames view memory per message's frame (bytes)", num(framePerMsg, 1), QString(),
               QString(), QStringLiteral("reported"), true);
        report("log + frame memory per message (bytes)", num(compactPerMsg + framePerMsg, 1),
               QString(), QString(), QStringLiteral("<= 128"), compactPerMsg + framePerMsg <= 128);
    }

    FloodServer server(n, payloadBytes);
    const QUrl url(QStringLiteral("ws://127.0.0.1:%1/flood").arg(server.port()));

    // --- Ingest: a bare QWebSocket that only counts, then the whole Sockscope path into a
    // visible tab, alternately, Runs times each; the medians are compared.
    constexpr int Runs = 3;
    // The same, through the wire tap's relay alone (no session, no log, no GUI).
    const auto runBare = [&](double *rate, double *gap, double *cpuNs, bool viaRelay = false) {
        WireTap tap;
        QString problem;
        QWebSocket ws;
        qint64 count = 0;
        QElapsedTimer clock;
        qint64 endNs = 0;
        GapMeter gaps;
        qint64 cpuStart = 0, cpuEnd = 0;
        QObject::connect(&ws, &QWebSocket::connected, [&] {
            clock.start();
            gaps.start();
            cpuStart = threadCpuNs();
        });
        QObject::connect(&ws, &QWebSocket::textMessageReceived, [&](const QString &) {
            if (++count == n) {
                endNs = clock.nsecsElapsed();
                cpuEnd = threadCpuNs();
            }
        });
        ws.open(viaRelay ? tap.start(url, RelayTarget(), &problem) : url);
        if (!spinUntil([&] { return count == n; })) {
            std::fprintf(stderr, "baseline flood timed out at %lld messages\n", count);
            return false;
        }
        *gap = gaps.stopMs();
        *rate = n / (double(endNs) / 1e9);
        *cpuNs = double(cpuEnd - cpuStart) / n;
        ws.abort();
        return true;
    };

    ProfileModel profiles;
    Profile profile = Profile::localEcho();
    profile.name = QStringLiteral("Flood");
    profile.builtInEchoServer = false;
    profile.url = url;
    const int row = profiles.createProfile();
    profiles.updateProfile(row, profile);
    const quint64 id = profiles.idAt(row);

    std::unique_ptr<SessionTab> floodTab;
    double gapCpuMs = 0; // the UI thread's CPU time in the last run's longest stall
    const auto runSockscope = [&](double *rate, double *gap, double *cpuNs) {
        floodTab.reset(); // the previous run's million rows go first
        floodTab = std::make_unique<SessionTab>(&profiles, id, QUrl());
        SessionTab &tab = *floodTab;
        tab.resize(1200, 800);
        tab.show();
        QCoreApplication::processEvents();
        WebSocketSession *session = tab.session();
        QElapsedTimer clock;
        GapMeter gaps;
        qint64 cpuStart = 0;
        QObject::connect(session, &WebSocketSession::opened, [&] {
            clock.start();
            gaps.start();
            cpuStart = threadCpuNs();
        });
        tab.connectToServer();
        // Done when every message is a row the view's model shows (opened row + n).
        const auto allShown = [&] {
            return session->statistics().messagesReceived == n &&
                   tab.logFilter()->rowCount() == n + 1;
        };
        if (!spinUntil(allShown)) {
            std::fprintf(stderr, "sockscope flood timed out at %lld messages, %d rows\n",
                         session->statistics().messagesReceived, tab.logFilter()->rowCount());
            return false;
        }
        const qint64 endNs = clock.nsecsElapsed();
        *cpuNs = double(threadCpuNs() - cpuStart) / n;
        *gap = gaps.stopMs();
        gapCpuMs = gaps.longestGapCpuMs();
        *rate = n / (double(endNs) / 1e9);
        const QByteArray last = session->log()->event(n).payload;
        if (last != FloodServer::payload(n - 1, payloadBytes)) {
            std::fprintf(stderr, "last row holds the wrong payload: %s\n", last.constData());
            failed = true;
        }
        session->stop();
        spinUntil([&] { return session->state() == WebSocketSession::State::Closed; });
        return true;
    };

    std::vector<double> bareRates, bareGaps, rates, gaps, gapCpus, relayRates, bareCpu, cpu;
    for (int i = 0; i < (ingestOnly ? 1 : Runs); ++i) {
        double r = 0, g = 0, c = 0;
        if (!ingestOnly) {
            if (!runBare(&r, &g, &c))
                return 1;
            bareRates.push_back(r);
            bareGaps.push_back(g);
            bareCpu.push_back(c);
            if (!runBare(&r, &g, &c, true))
                return 1;
            relayRates.push_back(r);
        }
        if (!runSockscope(&r, &g, &c))
            return 1;
        rates.push_back(r);
        gaps.push_back(g);
        gapCpus.push_back(gapCpuMs);
        cpu.push_back(c);
        std::printf("  run %d: bare %.0f msg/s %.0f ns/msg, Sockscope %.0f msg/s %.0f ns/msg of "
                    "UI-thread CPU, stall %.1f ms (%.1f ms of it on the CPU)\n",
                    i + 1, bareRates.empty() ? 0.0 : bareRates.back(),
                    bareCpu.empty() ? 0.0 : bareCpu.back(), r, c, g, gapCpuMs);
        std::fflush(stdout);
    }
    const auto median = [](std::vector<double> v) {
        std::sort(v.begin(), v.end());
        return v.empty() ? 1.0 : v[v.size() / 2];
    };
    const double bareRate = median(bareRates), rate = median(rates);
    const double bareGap =
        bareGaps.empty() ? 1.0 : *std::max_element(bareGaps.begin(), bareGaps.end());
    const auto longest = std::max_element(gaps.begin(), gaps.end());
    const double gap = *longest, gapCpu = gapCpus[std::size_t(longest - gaps.begin())];
    SessionTab &tab = *floodTab;
    if (ingestOnly) {
        std::printf("ingest %.0f msg/s, %.0f ns/msg of UI-thread CPU, longest stall %.1f ms "
                    "(%.1f ms on the CPU)\n",
                    rate, median(cpu), gap, gapCpu);
        return 0;
    }
    report("ingest rate, median of 3 (msg/s)", num(rate),
           num(bareRate) + QStringLiteral(" bare QWebSocket"), num(rate / bareRate, 2),
           QStringLiteral(">= 0.50x"), rate >= 0.5 * bareRate);
    report("UI-thread CPU per message, median (ns)", num(median(cpu)),
           num(median(bareCpu)) + QStringLiteral(" bare QWebSocket"),
           num(median(cpu) / median(bareCpu), 2), QStringLiteral("<= 1.25x (0.8x the rate)"),
           median(cpu) <= 1.25 * median(bareCpu), false);
    const double relayRate = median(relayRates);
    report("relay alone: bare QWebSocket via the wire tap", num(relayRate),
           num(bareRate) + QStringLiteral(" bare QWebSocket"), num(relayRate / bareRate, 2),
           QStringLiteral(">= 0.80x"), relayRate >= 0.8 * bareRate, false);
    report("longest UI stall in any flood (ms)", num(gap, 1),
           num(bareGap, 1) + QStringLiteral(" bare QWebSocket"), num(gap / bareGap, 2),
           QStringLiteral("<= 16 goal, <= 50 ms"), gap <= 50);
    // Far below the stall, the UI thread was not running: waiting for one of the cores.
    report("  of which the UI thread on the CPU (ms)", num(gapCpu, 1), QString(), QString(),
           QStringLiteral("reported"), true);

    if (floodsOnly)
        return printRows(false) ? 0 : 1;

    // --- Stop mid-flood, through the tab's Stop button.
    double stopMs = 0;
    qint64 afterStop = 0;
    {
        SessionTab stopTab(&profiles, id, QUrl());
        stopTab.resize(1200, 800);
        stopTab.show();
        WebSocketSession *session = stopTab.session();
        QAbstractButton *stopButton = nullptr;
        for (QAbstractButton *b : stopTab.findChildren<QAbstractButton *>()) {
            if (b->accessibleName() == QLatin1String("Stop"))
                stopButton = b;
        }
        if (!stopButton) {
            std::fprintf(stderr, "no Stop button\n");
            return 1;
        }
        stopTab.connectToServer();
        spinUntil([&] { return session->statistics().messagesReceived >= n / 2; });
        QElapsedTimer clock;
        qint64 atClick = 0;
        clock.start();
        // Posted like a user's click: it waits its turn in the flooded event loop.
        QTimer::singleShot(0, stopButton, [&] {
            atClick = session->statistics().messagesReceived;
            stopButton->click();
        });
        spinUntil([&] { return session->state() == WebSocketSession::State::Closed; });
        stopMs = double(clock.nsecsElapsed()) / 1e6;
        QCoreApplication::processEvents();
        afterStop = session->statistics().messagesReceived - atClick;
    }
    report("Stop mid-flood until Closed (ms)", num(stopMs, 1), QString(), QString(),
           QStringLiteral("<= 100 ms"), stopMs <= 100);
    report("messages logged after Stop", QString::number(afterStop), QString(), QString(),
           QStringLiteral("0"), afterStop == 0, true);

    // --- Filter the flood's rows: chunked proxy vs QSortFilterProxyModel.
    MessageLog *log = tab.session()->log();
    const QString pattern = QStringLiteral("^0000[0-4]\\d{4} ");
    double filterMs = 0, filterGap = 0, sortFilterMs = 0;
    int matches = 0, sortFilterMatches = 0;
    {
        GapMeter gaps;
        bool finished = false;
        const QMetaObject::Connection done =
            QObject::connect(tab.logFilter(), &LogFilterModel::filterFinished, &app,
                             [&](qint64, qsizetype) { finished = true; });
        QElapsedTimer clock;
        clock.start();
        gaps.start();
        LogFilter filter;
        filter.text = pattern;
        filter.regularExpression = true;
        tab.logFilter()->setFilter(filter);
        spinUntil([&] { return finished; });
        filterMs = double(clock.nsecsElapsed()) / 1e6;
        filterGap = gaps.stopMs();
        matches = tab.logFilter()->rowCount();
        QObject::disconnect(done);
    }
    {
        QSortFilterProxyModel proxy;
        proxy.setSourceModel(log);
        proxy.setFilterKeyColumn(MessageLog::PreviewColumn);
        QElapsedTimer clock;
        clock.start();
        proxy.setFilterRegularExpression(QRegularExpression(pattern));
        sortFilterMatches = proxy.rowCount();
        sortFilterMs = double(clock.nsecsElapsed()) / 1e6;
    }
    const int expectedMatches = qMin(n, 50000);
    report("regex filter over all rows (ms)", num(filterMs, 0),
           num(sortFilterMs, 0) + QStringLiteral(" QSortFilterProxyModel"),
           num(filterMs / sortFilterMs, 2), QStringLiteral("responsive"), true);
    report("longest UI stall while filtering (ms)", num(filterGap, 1),
           num(sortFilterMs, 1) + QStringLiteral(" QSortFilterProxyModel"),
           num(filterGap / sortFilterMs, 3), QStringLiteral("<= 50 ms"), filterGap <= 50);
    report("filter matches", QString::number(matches),
           QString::number(sortFilterMatches) + QStringLiteral(" QSortFilterProxyModel"), QString(),
           QString::number(expectedMatches),
           matches == expectedMatches && sortFilterMatches == expectedMatches, true);
    tab.logFilter()->setFilter(LogFilter());
    spinUntil([&] { return !tab.logFilter()->isFiltering(); });

    // --- Export every row: JSON Lines and CSV vs the raw payloads.
    QTemporaryDir dir;
    double rawMs = 0;
    {
        QElapsedTimer clock;
        clock.start();
        QSaveFile raw(dir.filePath(QStringLiteral("raw.bin")));
        raw.open(QIODevice::WriteOnly);
        for (qsizetype r = 0; r < log->rows(); ++r)
            raw.write(log->payload(r).data(), log->payload(r).size());
        raw.commit();
        rawMs = double(clock.nsecsElapsed()) / 1e6;
    }
    for (const auto format : {LogExporter::Format::JsonLines, LogExporter::Format::Csv}) {
        LogExporter exporter;
        bool done = false;
        QObject::connect(&exporter, &LogExporter::finished, &app,
                         [&](const QString &, qsizetype, qint64) { done = true; });
        QObject::connect(&exporter, &LogExporter::failed, &app, [&](const QString &e) {
            std::fprintf(stderr, "export failed: %s\n", qPrintable(e));
            done = true;
            failed = true;
        });
        GapMeter gaps;
        QElapsedTimer clock;
        clock.start();
        gaps.start();
        exporter.start(log, tab.logFilter()->sourceRows(), format,
                       dir.filePath(format == LogExporter::Format::Csv
                                        ? QStringLiteral("log.csv")
                                        : QStringLiteral("log.jsonl")));
        spinUntil([&] { return done; });
        const double ms = double(clock.nsecsElapsed()) / 1e6;
        const double exportGap = gaps.stopMs();
        const bool csv = format == LogExporter::Format::Csv;
        report(csv ? "CSV export of all rows (ms)" : "JSON Lines export of all rows (ms)",
               num(ms, 0), num(rawMs, 0) + QStringLiteral(" raw payloads"), num(ms / rawMs, 1),
               QStringLiteral("progress + cancel"), true);
        report(csv ? "longest UI stall, CSV export (ms)" : "longest UI stall, JSONL export (ms)",
               num(exportGap, 1), QString(), QString(), QStringLiteral("<= 50 ms"),
               exportGap <= 50);
    }

    // --- Large binary messages, each flood's log freed before the next one's.
    floodTab.reset(); // the flood's million rows go first
    if (!runLargeMessageBenchmarks(smoke))
        return 1;

    if (!printRows(smoke))
        failed = true;
    return failed ? 1 : 0;
}
