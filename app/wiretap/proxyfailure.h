#pragma once

#include <QAbstractSocket>
#include <QNetworkProxy>
#include <QString>

/// Plain words for why a connection through a proxy did not reach the server: the relay's
/// upstream socket failed before its tunnel was open (Qt's QHttpSocketEngine, RFC 9110
/// 9.3.6 CONNECT, or QSocks5SocketEngine, RFC 1928 and RFC 1929).
///
/// Qt 6.4's texts ("Proxy connection refused", "Connection refused", "Proxy
/// authentication required") name neither the proxy nor the server, and "Connection
/// refused" is the same words whether the proxy or the server refused. These say which
/// proxy, which server, and who refused what; Qt's text follows in brackets.
namespace ProxyFailure {

/// "HTTP proxy 127.0.0.1:3128" or "SOCKS5 proxy proxy.example:1080"; "none" for any other
/// type (QNetworkProxy::NoProxy).
QString name(const QNetworkProxy &proxy);

/// Why the tunnel through @p proxy to @p server ("host:port") did not open, from the
/// socket's @p error and its errorString() @p qtText.
QString describe(const QNetworkProxy &proxy, QAbstractSocket::SocketError error,
                 const QString &qtText, const QString &server);

} // namespace ProxyFailure
