#pragma once

/// Large binary messages, so that a frame larger than the session's read buffer can't
/// stop arriving again unnoticed: 1 MiB x 200, 16 MiB x 10 and one 200 MiB message
/// (under @p smoke 1 MiB x 5 and one 8 MiB message), each through socket -> session ->
/// log -> filter proxy -> visible tab and through a bare QWebSocket that only counts,
/// with its read buffer unbounded (its default), in the same run. Reports rate, the
/// longest UI-thread stall and the peak resident memory of each with report().
/// Returns false, saying why on stderr, when a flood's messages don't all arrive within
/// the timeout (20 s per flood under @p smoke, 300 s otherwise).
bool runLargeMessageBenchmarks(bool smoke);
