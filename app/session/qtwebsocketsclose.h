#pragma once

#include <QString>

/// The close frames QtWebSockets 6.4.2 sends by itself when it finds a protocol
/// violation (QWebSocketDataProcessor, read from the installed library).
///
/// Such a close reaches WebSocketSession through QWebSocket::aboutToClose exactly like
/// QWebSocket's answer to a server's close frame (RFC 6455 5.5.1), with the same
/// closeCode()/closeReason(); the reason text is the only way to tell the two apart. A
/// server that sends one of these exact texts as its own reason is misreported (README,
/// Known limits).
namespace QtWebSocketsClose {

/// Whose close frame a QWebSocket::closeReason() is, and why.
enum class Reason {
    NotOwn,           ///< Not one of QtWebSockets' texts: the server's close frame.
    InvalidCloseCode, ///< "Invalid close code …": 6.4 rejected the server's code
                      ///< (wrongly so for 1012-1014).
    OverLimit,        ///< A message or frame over the incoming limit (1009).
    OtherViolation    ///< Any other violation QtWebSockets failed the connection for.
};

/// Classifies @p reason, a QWebSocket::closeReason(), by its exact text.
Reason classify(const QString &reason);

} // namespace QtWebSocketsClose
