#pragma once
// The bounds on what a peer or a file can make Sockscope hold, in one place. Profiles
// carry their own values for some of them; these are the defaults and the ranges.

#include <QtGlobal>

namespace Limits {

constexpr qint64 MiB = qint64(1) << 20;

/// The largest message (and frame) accepted from a peer by default, in MiB. QtWebSockets
/// closes with 1009 Message Too Big (RFC 6455 7.4.1) beyond it.
constexpr int DefaultMaxIncomingMessageMiB = 256;
/// The range a profile may choose, in MiB. QtWebSockets 6.4 reads a frame's payload into
/// one QByteArray (QWebSocketFrame::readFramePayload), so 1 GiB is the top.
constexpr int MinMaxIncomingMessageMiB = 1;
constexpr int MaxMaxIncomingMessageMiB = 1024;

/// A tab's log memory budget by default, in MiB (MessageLog::setMemoryBudget).
constexpr int DefaultLogMemoryBudgetMiB = 1024;
/// The range a profile may choose, in MiB: a few payload chunks and record blocks at
/// least; 64 GiB at most.
constexpr int MinLogMemoryBudgetMiB = 16;
constexpr int MaxLogMemoryBudgetMiB = 65536;

/// Unsent bytes a connection may pile up that its own side did not queue (pongs for a
/// peer's pings, RFC 6455 5.5.2), in bytes. Past it the peer is not reading.
constexpr qint64 MaxWriteBacklogBytes = 16 * MiB;

} // namespace Limits
