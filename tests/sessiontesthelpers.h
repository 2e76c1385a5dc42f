#pragma once
// What the network tests share: a profile for a URL, opening a session on it, and
// reading its log.

#include "session/websocketsession.h"

#include <QSignalSpy>
#include <QStringList>
#include <QUrl>

/// A valid profile named "test" for @p url, every other setting at its default.
inline Profile profileFor(const QUrl &url)
{
    Profile p;
    p.name = QStringLiteral("test");
    p.url = url;
    return p;
}

/// Opens @p session with @p profile and waits up to 10 s for the opening handshake.
inline bool openAndWait(WebSocketSession &session, const Profile &profile)
{
    QSignalSpy opened(&session, &WebSocketSession::opened);
    return session.open(profile) && opened.wait(10000) &&
           session.state() == WebSocketSession::State::Open;
}

inline bool openAndWait(WebSocketSession &session, const QUrl &url)
{
    return openAndWait(session, profileFor(url));
}

/// The kinds of @p log's rows, in order, after a flush.
inline QList<EventKind> kinds(MessageLog *log)
{
    log->flush();
    QList<EventKind> result;
    for (qsizetype row = 0; row < log->rows(); ++row)
        result.append(log->kind(row));
    return result;
}

/// Every error row's text in @p log, in order, after a flush.
inline QStringList errorRows(MessageLog *log)
{
    log->flush();
    QStringList rows;
    for (qsizetype row = 0; row < log->rows(); ++row) {
        if (log->kind(row) == EventKind::Error)
            rows.append(QString::fromUtf8(log->event(row).payload));
    }
    return rows;
}

/// The newest row of @p kind in @p log, if any, after a flush: the session's state can
/// change before the log's next batched insert.
inline std::optional<LogEvent> lastOfKind(MessageLog *log, EventKind kind)
{
    log->flush();
    for (int row = log->rowCount() - 1; row >= 0; --row) {
        if (log->kind(row) == kind)
            return log->event(row);
    }
    return std::nullopt;
}
