// libFuzzer harness: JsonlImport::fromBytes on any bytes. What it reads must survive
// LogExporter::jsonLine and a second import unchanged (the export's own round trip).
#include "fuzzcheck.h"
#include "import/jsonlimport.h"
#include "log/logexporter.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const ImportResult r = JsonlImport::fromBytes(
        QByteArrayView(reinterpret_cast<const char *>(data), qsizetype(size)));
    checkResult(r);
    if (!r.ok())
        return 0;
    const QList<LogEvent> &events = r.connections.first().events;
    for (qsizetype i = 0; i < events.size(); ++i) {
        const LogEvent &e = events.at(i);
        const QByteArray line = LogExporter::jsonLine(LogEventView{e, e.payload});
        LogEvent again;
        const ImportError error = JsonlImport::readLine(QByteArrayView(line).chopped(1), 1, &again);
        if (!error.isEmpty())
            std::fprintf(stderr, "%s\n%s\n", line.constData(), qPrintable(error.text()));
        fuzzCheck(error.isEmpty(), "an exported line reads back");
        fuzzCheck(again.timestampMs == e.timestampMs, "time");
        fuzzCheck(again.direction == e.direction && again.kind == e.kind, "direction, kind");
        fuzzCheck(again.sizeBytes == e.sizeBytes, "size");
        fuzzCheck(again.closeCode == e.closeCode, "closeCode");
        fuzzCheck(again.payloadKept == e.payloadKept, "payloadKept");
        // Text is written as a JSON string: invalid UTF-8 comes back replaced, so the
        // bytes are compared for the kinds written in base64 and for valid UTF-8.
        fuzzCheck(again.payload == e.payload ||
                      QString::fromUtf8(again.payload) == QString::fromUtf8(e.payload),
                  "payload");
        fuzzCheck(e.kind != EventKind::Pong || e.rttUs < 0 || again.rttUs == e.rttUs, "rtt");
    }
    return 0;
}
