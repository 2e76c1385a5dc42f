#pragma once

#include <QByteArray>
#include <QByteArrayView>

/// Facts of RFC 6455's opening handshake (section 4) that both ends compute.
namespace OpeningHandshake {

/// The Sec-WebSocket-Accept value a server answers @p key (the client's
/// Sec-WebSocket-Key, as sent: base64 of 16 bytes) with: base64 of the SHA-1 of the key
/// and the GUID "258EAFA5-E914-47DA-95CA-C5AB0DC85B11" (RFC 6455 4.2.2, step 5.4).
QByteArray acceptKey(QByteArrayView key);

/// The Sec-WebSocket-Key value of the HTTP request @p request (the header's name in any
/// case, RFC 7230 3.2), trimmed; empty when it has none.
QByteArray clientKey(QByteArrayView request);

} // namespace OpeningHandshake
