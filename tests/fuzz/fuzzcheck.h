#pragma once
// What every import result must satisfy, whatever the input: checked by each harness,
// a failure aborts (libFuzzer then saves the input as a crash).

#include "import/recordedlog.h"

#include <cstdio>
#include <cstdlib>

inline void fuzzCheck(bool ok, const char *what)
{
    if (!ok) {
        std::fprintf(stderr, "invariant broken: %s\n", what);
        std::abort();
    }
}

/// Succeeded xor failed with a place-less or placed problem; no connection on failure;
/// every event as MessageLog could hold it.
inline void checkResult(const ImportResult &r)
{
    fuzzCheck(r.ok() == r.error.problem.isEmpty(), "ok() is !error");
    fuzzCheck(r.ok() || r.connections.isEmpty(), "a failure holds no connection");
    fuzzCheck(r.error.where.isEmpty() || !r.error.problem.isEmpty(), "a place has a problem");
    for (const RecordedConnection &c : r.connections) {
        fuzzCheck(!c.profile.name.trimmed().isEmpty(), "a profile has a name");
        for (const LogEvent &e : c.events) {
            fuzzCheck(e.sizeBytes >= 0 || e.sizeBytes == UnknownSize, "sizeBytes");
            fuzzCheck(e.rttUs >= -1, "rttUs");
            fuzzCheck(e.payloadKept || e.payload.isEmpty(), "a dropped payload is empty");
        }
    }
}
