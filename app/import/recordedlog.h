#pragma once

#include "log/messagelog.h"
#include "profiles/profile.h"

#include <QList>
#include <QString>
#include <QStringList>

/// One connection read from a file or a pasted command: the profile that opens it
/// again and the events recorded on it, oldest first (none for a command line).
struct RecordedConnection
{
    Profile profile;
    /// LogEvent as MessageLog holds it: timestampMs in ms since the Unix epoch (UTC),
    /// sizeBytes in bytes (payload bytes on the wire), payload the message bytes.
    QList<LogEvent> events;
};

/// Where an import failed and why, worded for a person: where is "line 3", "token 4
/// (\"-H\")", "line 1, column 17" or a JSON path such as
/// "log.entries[2]._webSocketMessages[0].opcode"; problem says what is wrong there
/// ("must be a number"). Both are empty when nothing failed.
struct ImportError
{
    QString where;
    QString problem;

    bool isEmpty() const { return problem.isEmpty(); }
    /// "where: problem", or the problem alone when it has no place.
    QString text() const
    {
        return where.isEmpty() ? problem : where + QStringLiteral(": ") + problem;
    }
};

/// What an importer returns: the connections read, the warnings a person should see
/// (things read but changed or left out), and the error that stopped it. On error,
/// connections is empty and warnings may say what was seen before it.
struct ImportResult
{
    QList<RecordedConnection> connections;
    QStringList warnings;
    ImportError error;

    bool ok() const { return error.isEmpty(); }
    /// A failed result.
    static ImportResult failure(QString where, QString problem)
    {
        ImportResult r;
        r.error = ImportError{std::move(where), std::move(problem)};
        return r;
    }
};
