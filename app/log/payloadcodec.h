#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <optional>

/// How the composer's text becomes a message payload.
enum class PayloadFormat : quint8 {
    Text,  ///< Sent as a text message (opcode 0x1), UTF-8.
    Hex,   ///< Hex digits, sent as a binary message (opcode 0x2).
    Base64 ///< Base64 or base64url (RFC 4648), sent as a binary message.
};

/// A parsed payload, or why the text could not be parsed (then nothing may be sent).
struct ParsedPayload
{
    QByteArray bytes;
    QString error; ///< Empty when parsing succeeded.
    bool ok() const { return error.isEmpty(); }
};

/// Payload parsing and presentation shared by the composer, snippets and detail pane.
namespace PayloadCodec {

/// The profiles file's name for @p format: "text", "hex" or "base64".
QString formatKey(PayloadFormat format);
/// The inverse of formatKey(); nullopt for anything else.
std::optional<PayloadFormat> formatFromKey(const QString &key);

/// Parses hex digits. Bytes may be written together ("deadbeef") or separated by
/// whitespace, ':', '-' or ',', each group optionally prefixed "0x". A group with an
/// odd number of digits or a non-hex character is an error naming its 1-based column.
ParsedPayload parseHex(QStringView text);
/// Parses base64 or base64url (RFC 4648 4 and 5), ignoring whitespace, with
/// QByteArray::fromBase64Encoding's strict mode; a bad character, bad padding or
/// truncated input is an error.
ParsedPayload parseBase64(QStringView text);
/// Parses @p text in @p format: Text gives its UTF-8 bytes.
ParsedPayload parse(PayloadFormat format, const QString &text);

/// A hex dump of the first @p maxBytes of @p data: 16 bytes per line, as
/// "offset(8 hex)  hex bytes in two groups of 8  |ASCII|", '.' for non-printable bytes.
/// When @p data is longer, a last line says how many bytes were left out.
QString hexDump(QByteArrayView data, qsizetype maxBytes = 64 * 1024);

/// @p data indented by 4 spaces per level if it parses as JSON (QJsonDocument decides);
/// nullopt otherwise. Keys keep their order and numbers their exact text, unlike
/// QJsonDocument::toJson(), which sorts keys and rounds numbers through double.
std::optional<QString> prettyJson(QByteArrayView data);

} // namespace PayloadCodec
