#pragma once

#include <QString>

class WebSocketSession;

/// The Handshake view's text for a session's current or last connection: the opening
/// handshake (RFC 6455 4.1, 4.2.2) as it crossed the wire through the wire tap: the
/// request exactly as sent (with the headers QWebSocket adds), the response's status
/// line and headers, the body of a non-101 answer (at most RelayReport::MaxBodyBytes,
/// pretty-printed when it is JSON), what was negotiated, and the times in ms. Plain
/// text: every byte from the server is shown as it came (non-printable bytes escaped).
QString handshakeText(const WebSocketSession &session);
