#pragma once

#include "profiles/profile.h"
#include "wiretap/wirerelay.h"

#include <QNetworkProxy>
#include <optional>

/// What a connection needs that a profile never holds: asked for at Connect or read from
/// the OS keychain (ConnectSecretKeeper), never written to a file or the log.
struct ConnectSecrets
{
    QString keyPassphrase; ///< The client key's passphrase (PEM or PKCS#12).
    QString proxyPassword; ///< The proxy user's password (RFC 1929, or HTTP Basic).
};

/// Turns a profile's TLS files and proxy settings into the wire tap's options for one
/// connection (RelayTarget): QSslConfiguration and QNetworkProxy.
namespace ConnectOptions {

/// A TLS file larger than this is refused, in bytes: 1 MiB.
constexpr qint64 MaxTlsFileBytes = 1 << 20;

/// Whether Connect must ask for the client key's passphrase: the PEM key is encrypted
/// (RFC 7468 "ENCRYPTED PRIVATE KEY", or OpenSSL's Proc-Type 4,ENCRYPTED), or the PKCS#12
/// file does not open without one. False when no client certificate is set, or the file
/// cannot be read (connecting then tells why).
bool needsKeyPassphrase(const TlsFiles &tls);
/// Whether Connect must ask for the proxy's password: an HTTP or SOCKS5 proxy with a user.
bool needsProxyPassword(const ProxySettings &proxy);

/// The TLS configuration for @p tls: Qt's default, with the system's roots and
/// tls.caBundleFile's certificates (or those only, when caBundleReplacesSystemRoots),
/// and the client certificate and key. Empty, and @p problem naming the file and what
/// is wrong with it (unreadable, over MaxTlsFileBytes, no PEM certificate in it, a key
/// that does not open with @p secrets' passphrase), when a file cannot be used.
std::optional<QSslConfiguration> tlsConfiguration(const TlsFiles &tls,
                                                  const ConnectSecrets &secrets, QString *problem);
/// The proxy for a connection to @p url: NoProxy, the system's first proxy for a TCP
/// tunnel to @p url's host (QNetworkProxyFactory::systemProxyForQuery), or the
/// profile's HTTP (CONNECT) or SOCKS5 proxy with its user and @p password (none without
/// a user).
QNetworkProxy proxy(const ProxySettings &settings, const QUrl &url, const QString &password);
/// A one-line description for the log: "HTTP proxy 127.0.0.1:3128 (user bob)", "none".
QString describe(const QNetworkProxy &proxy);

/// The relay options for @p profile (close timeout, TLS, proxy), or empty and @p problem.
std::optional<RelayTarget> relayOptions(const Profile &profile, const QUrl &url,
                                        const ConnectSecrets &secrets, QString *problem);

} // namespace ConnectOptions
