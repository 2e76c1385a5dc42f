#pragma once

#include "import/recordedlog.h"
#include "protocol/peerlimits.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

/// Reads Sockscope's own JSON Lines log export (LogExporter::jsonLine; JSON Lines,
/// https://jsonlines.org) back into events: one JSON object per line,
///   {"time":"2026-11-22T10:00:00.123Z","direction":"received","kind":"text","size":64,
///    "payload":"..."}
/// - time: ISO 8601 with ms (Qt::ISODateWithMs; "Z" or an offset, none = local time)
///   -> timestampMs, ms since the Unix epoch (UTC);
/// - direction: "sent", "received" or "local" (MessageLog::directionKey);
/// - kind: MessageLog::kindKey(): "text", "binary", "ping", "pong", "opened",
///   "close-sent", "close-received", "closed", "stopped", "error";
/// - size: bytes on the wire, a whole number, or null for UnknownSize -> sizeBytes;
/// - exactly one of "payload" (a string, kept as UTF-8), "payloadBase64" (RFC 4648 4)
///   or "payloadKept": false (the log had dropped it: payloadKept false, no payload);
/// - optional "closeCode" (1-65535, RFC 6455 7.4) and "rttMs" (ms, with µs in its
///   decimals) -> rttUs.
/// Unknown keys are ignored; blank lines are skipped; a line may end in CR LF.
///
/// Errors name the line (from 1) and the key: `line 3: "direction" must be one of sent,
/// received, local`. Refused: a file over MaxFileBytes (before it is read), a line over
/// MaxLineBytes, more than MaxEvents events, a file with no event.
///
/// The result holds one connection whose events are the lines, in order; its profile
/// has only a name (the file's name, or "Imported log"): the log does not say the URL.
class JsonlImport
{
    Q_DECLARE_TR_FUNCTIONS(JsonlImport)
public:
    /// The default log memory budget (MessageLog::DefaultMemoryBudgetBytes).
    static constexpr qint64 MaxFileBytes = Limits::DefaultLogMemoryBudgetMiB * Limits::MiB;
    /// A 256 MiB message (Limits::DefaultMaxIncomingMessageMiB) in base64 fits.
    static constexpr qint64 MaxLineBytes = 400 * Limits::MiB;
    static constexpr qsizetype MaxEvents = 10000000;

    static ImportResult fromFile(const QString &path);
    /// @p data is the whole file; the profile is named @p name.
    static ImportResult fromBytes(QByteArrayView data, const QString &name = QString());
    /// One line, without its line break, numbered @p number: the event or the error.
    static ImportError readLine(QByteArrayView line, qsizetype number, LogEvent *out);
};
