#pragma once
// One item of Chrome's _webSocketMessages[] as a LogEvent; HarImport documents the shape.

#include "import/recordedlog.h"

#include <QJsonValue>

namespace HarMessages {

/// The latest time accepted, in seconds since the Unix epoch: 9999-12-31T23:59:59Z.
constexpr double MaxSeconds = 253402300799.0;

/// Reads @p item, found at @p where ("log.entries[0]._webSocketMessages[3]"), into
/// @p out. Returns the problem (where names the member), or an empty error.
ImportError read(const QJsonValue &item, const QString &where, LogEvent *out);

} // namespace HarMessages
