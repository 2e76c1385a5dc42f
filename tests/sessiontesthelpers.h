#pragma once
// What the network tests share: a profile for a URL, and opening a session on it.

#include "session/websocketsession.h"

#include <QSignalSpy>
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
