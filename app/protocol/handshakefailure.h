#pragma once

#include <QByteArray>
#include <QString>
#include <QUrl>

/// Plain words for why QtWebSockets 6.4 failed an opening handshake (RFC 6455 4.1,
/// 4.2.2), from QWebSocket::errorString().
///
/// 6.4 reports a failed handshake with messages such as "QWebSocketPrivate::
/// processHandshake: Unhandled http status code: 401 (Unauthorized)." or "Invalid
/// parameter(s) presented during protocol upgrade: Accept-key size: 0, …". A person
/// debugging a server wants the HTTP status line, the header that is wrong, and what
/// it should have been. Messages 6.4 does not produce for the handshake pass through
/// unchanged. The words quoted from the server (a reason phrase, a header value) stay
/// as they came: the caller shows them as plain text.
namespace HandshakeFailure {

/// @p qtErrorString, reworded when it is one of QtWebSockets 6.4.2's handshake messages
/// (read from qwebsocket_p.cpp, QWebSocketPrivate::processHandshake).
QString describe(const QString &qtErrorString);

/// Where a redirect sends the client: for a 3xx answer (RFC 9110 15.4) to the opening
/// handshake of @p requestUrl with the Location field @p location (Latin-1, as sent),
/// the WebSocket URL to offer: relative references resolved against @p requestUrl,
/// http -> ws and https -> wss (RFC 6455 3). Empty for another status, no Location, or
/// a Location that is not a usable ws:// or wss:// URL (over 2048 bytes, no host,
/// another scheme, user info). Never followed silently: the user is offered it.
QUrl redirectTarget(const QUrl &requestUrl, int status, const QByteArray &location);

} // namespace HandshakeFailure
