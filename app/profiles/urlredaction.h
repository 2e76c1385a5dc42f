#pragma once

#include <QString>
#include <QUrl>

/// The one place that decides how a connection URL is shown: in the log's opened row
/// (and so in every export), the tab's URL label, tooltips and the profile list.
/// What goes on the wire is never redacted; only the profile editor's URL field shows
/// the URL as typed.
namespace UrlRedaction {

/// What a redacted password or query value is replaced with.
inline const QString Mask = QStringLiteral("\u2022\u2022\u2022");

/// Whether a query parameter named @p name (percent-decoded) looks like it carries a
/// secret: it contains, ignoring case, one of token, key, secret, password, auth or
/// sig (so access_token, apiKey and X-Amz-Signature all do).
bool isSecretQueryName(const QString &name);

/// @p url as QUrl::toString() shows it, with two things hidden:
/// - the password of the userinfo (RFC 3986 3.2.1 calls putting one in a URI deprecated
///   and says applications should not render it in clear text), always:
///   ws://user:•••@host/;
/// - unless @p showQuerySecrets, the value of each query parameter whose name
///   isSecretQueryName(), e.g. ?access_token=•••&x=1. The query (RFC 3986 3.4) is taken
///   as QUrl::FullyEncoded and split on '&' only, so every other parameter, the order,
///   empty and repeated parameters and their percent-encoding stay exactly as they
///   were; a parameter with an empty value or no '=' has nothing to hide and is kept.
/// The fragment (RFC 3986 3.5; never sent, and refused in a WebSocket URL) is kept.
QString redactedUrl(const QUrl &url, bool showQuerySecrets);

/// A URL template as typed (Profile::urlTemplate, with {{name}} references) with the same
/// two things hidden, found in the text itself since QUrl would percent-encode the braces:
/// the userinfo's password (after the first ':' of what comes before the authority's last
/// '@') and, unless @p showQuerySecrets, secret-looking query values. A password or value
/// that is only {{name}} references is kept: a reference is not a secret, and what it
/// stands for is hidden where it is substituted (SecretRedactor).
QString redactedUrlTemplate(const QString &urlTemplate, bool showQuerySecrets);

} // namespace UrlRedaction
