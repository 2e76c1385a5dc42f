// libFuzzer harness: HarImport::fromBytes on any bytes. A success must hold connections
// whose profiles have no problem and whose events are what the HAR can say.
#include "fuzzcheck.h"
#include "import/harimport.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes =
        QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    const ImportResult r = HarImport::fromBytes(bytes);
    checkResult(r);
    fuzzCheck(!r.ok() || !r.connections.isEmpty(), "a HAR read holds a connection");
    for (const RecordedConnection &c : r.connections) {
        fuzzCheck(c.profile.problem().isEmpty(), "the profile has no problem");
        for (const LogEvent &e : c.events) {
            const bool close = e.kind == EventKind::CloseSent || e.kind == EventKind::CloseReceived;
            fuzzCheck(close == (e.closeCode != 0), "a close event, and only one, has a code");
            fuzzCheck(e.direction == Direction::Local || e.sizeBytes >= e.payload.size(),
                      "a frame's sizeBytes holds its payload");
            fuzzCheck(e.timestampMs >= 0, "a time after 1970");
        }
    }
    return 0;
}
