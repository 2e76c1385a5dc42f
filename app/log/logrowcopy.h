#pragma once

#include "log/messagelog.h"

#include <QModelIndexList>
#include <QString>

/// What Copy puts on the clipboard for rows of a MessageLog's view: read through
/// MessageLog's roles, so the rows may come through any proxy (LogFilterModel).
namespace LogRowCopy {

/// The event the row of @p index shows (any column, through any proxy), read from
/// MessageLog::Role; a default LogEvent for an invalid index.
LogEvent eventAt(const QModelIndex &index);
/// @p event's payload as text to paste: binary messages as hex ("48 65 6c", which the
/// composer's Hex format reads back), anything else as its UTF-8 text, or as hex when
/// it is not valid UTF-8; a close frame as its code and reason, as the log shows it
/// ("4001 Private Use 'bye'"); "(payload not kept)" when the memory budget dropped it.
QString payloadText(const LogEvent &event);
/// The payloads of the rows of @p indexes (one row may appear once per column), one
/// per line, in row order.
QString payloads(const QModelIndexList &indexes);
/// The rows of @p indexes as JSON Lines, in the export format (LogExporter::jsonLine),
/// in row order.
QString jsonLines(const QModelIndexList &indexes);

} // namespace LogRowCopy
