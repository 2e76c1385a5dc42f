#pragma once

#include "import/recordedlog.h"
#include "protocol/peerlimits.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

/// Reads the WebSocket connections of a HAR file (HTTP Archive 1.2,
/// http://www.softwareishard.com/blog/har-12-spec/) as saved by Chrome's DevTools
/// ("Save all as HAR", creator "WebInspector") or Firefox's.
///
/// An entry of log.entries[] is a WebSocket connection when its `_resourceType` is
/// "websocket" (Chrome), its request.url is ws:// or wss://, or its request has an
/// `Upgrade: websocket` header (Firefox, RFC 6455 4.1). Each one becomes a
/// RecordedConnection:
/// - profile: named "HAR: <host>" ("HAR: <host> (2)" for the second to the same host);
///   url from request.url, http:// read as ws:// and https:// as wss://; headers from
///   request.headers[] {name, value}, less those QtWebSockets writes itself (Host,
///   Connection, Upgrade, Sec-WebSocket-Key, -Version, -Extensions) and HTTP/2
///   pseudo-headers (":authority", RFC 9113 8.3); Sec-WebSocket-Protocol becomes
///   subprotocols. A header Profile::headerProblem() refuses is left out with a warning.
///   Headers HandshakeHeader::proposedSecret() flags (Cookie, Authorization) are secret,
///   their value kept for this run.
/// - events: from Chrome's `_webSocketMessages[]`, each
///   {type: "send" | "receive" | "error", time: seconds since the Unix epoch (a double),
///    opcode: 1 | 2 | 8 | 9 | 10 (RFC 6455 5.2), data: string}.
///   Opcode 1's data is the text; any other opcode's is base64 (RFC 4648 4), as Chrome's
///   DevTools protocol gives it (Network.WebSocketFrame.payloadData). "send" is
///   Direction::Sent and "receive" Direction::Received; opcode 1, 2, 9, 10 are Text,
///   Binary, Ping, Pong; 8 is CloseSent or CloseReceived, its first two bytes the
///   closeCode (RFC 6455 5.5.1; an empty one is 1005, RFC 6455 7.1.5) and the rest the
///   payload (the reason). An "error" item is a Local Error event, data its text.
///   timestampMs is time in ms, rounded; sizeBytes is the payload's size in bytes as
///   sent (2 + reason bytes for a close).
///   An entry without `_webSocketMessages` (Firefox saves none) gives a connection with
///   no events, and a warning.
///
/// Errors carry the JSON path and the problem
/// ("log.entries[3]._webSocketMessages[7].opcode: must be a number"); JSON syntax
/// errors carry the line and column. Refused: a file over MaxFileBytes (before it is
/// read), more than MaxMessages messages in all, and a HAR with no WebSocket entry
/// ("no WebSocket connections in this HAR").
class HarImport
{
    Q_DECLARE_TR_FUNCTIONS(HarImport)
public:
    static constexpr qint64 MaxFileBytes = 256 * Limits::MiB;
    /// Messages read from one HAR, over all its connections.
    static constexpr qsizetype MaxMessages = 1000000;
    /// The most WebSocket connections one HAR may hold (each becomes a profile).
    static constexpr qsizetype MaxConnections = 1000;

    static ImportResult fromFile(const QString &path);
    /// @p json is the whole file.
    static ImportResult fromBytes(const QByteArray &json);
};
