#pragma once

#include <QCoreApplication>
#include <QJsonObject>
#include <QString>
#include <optional>

/// A wss:// profile's TLS files, named by path and read at each Connect (so a renewed
/// certificate is picked up). Passphrases are never part of a profile: they are asked
/// for, held in memory, and kept in the OS keychain if the user says so
/// (ConnectSecretKeeper).
struct TlsFiles
{
    /// PEM file of CA certificates to trust (QSslConfiguration::addCaCertificates); empty
    /// = the system's roots only.
    QString caBundleFile;
    /// Trust caBundleFile's certificates only, not the system's roots as well.
    bool caBundleReplacesSystemRoots = false;
    /// The client certificate (RFC 8446 4.4.2): a PEM certificate with its key in
    /// clientKeyFile, or a PKCS#12 file (.p12, .pfx) holding both.
    QString clientCertificateFile;
    /// The client certificate's PEM private key (RSA, EC or any OpenSSL reads), maybe
    /// encrypted; unused with PKCS#12.
    QString clientKeyFile;

    friend bool operator==(const TlsFiles &a, const TlsFiles &b)
    {
        return a.caBundleFile == b.caBundleFile &&
               a.caBundleReplacesSystemRoots == b.caBundleReplacesSystemRoots &&
               a.clientCertificateFile == b.clientCertificateFile &&
               a.clientKeyFile == b.clientKeyFile;
    }
    /// Whether clientCertificateFile is PKCS#12, from its name: .p12 or .pfx.
    bool clientCertificateIsPkcs12() const;
    /// The file the client key is read from: clientKeyFile, or the certificate file
    /// when that holds the key too (PKCS#12, or a PEM with both).
    QString keyPath() const
    {
        return clientKeyFile.isEmpty() ? clientCertificateFile : clientKeyFile;
    }
    /// The first problem of these fields (a client key without a certificate), or empty.
    QString problem() const;

    Q_DECLARE_TR_FUNCTIONS(TlsFiles)
};

/// The proxy a profile's connection goes through (the wire tap's upstream socket,
/// QAbstractSocket::setProxy). The password is never part of a profile: it is asked
/// for, and held in memory only.
struct ProxySettings
{
    enum class Type : quint8 {
        None,   ///< Straight to the server (QNetworkProxy::NoProxy): the default.
        System, ///< The system's proxy for the URL (QNetworkProxyFactory::systemProxyForQuery).
        Http,   ///< An HTTP proxy, tunnelling with CONNECT (RFC 9110 9.3.6).
        Socks5  ///< A SOCKS5 proxy (RFC 1928), with user and password (RFC 1929) if set.
    };
    Type type = Type::None;
    QString host; ///< Http and Socks5: the proxy's host name or address.
    int port = 0; ///< Http and Socks5: 1-65535.
    QString user; ///< Optional; a user means a password is asked for at Connect.

    friend bool operator==(const ProxySettings &a, const ProxySettings &b)
    {
        return a.type == b.type && a.host == b.host && a.port == b.port && a.user == b.user;
    }
    /// An HTTP or SOCKS5 proxy of the profile's own: host, port and user apply.
    bool hasOwnProxy() const { return type == Type::Http || type == Type::Socks5; }
    /// "none", "system", "http" or "socks5": the profiles file's names.
    static QLatin1StringView typeKey(Type type);
    static std::optional<Type> typeFromKey(const QString &key);
    /// The first problem of these fields (no host, a port out of range), or empty.
    QString problem() const;

    Q_DECLARE_TR_FUNCTIONS(ProxySettings)
};

/// The profiles file's "tls" and "proxy" objects (README.md: the profiles table).
namespace TransportJson {
QJsonObject tlsObject(const TlsFiles &tls);
QJsonObject proxyObject(const ProxySettings &proxy);
/// Reads @p o (the value of "tls") into @p out; a problem naming @p where and the
/// member, or empty.
QString readTls(const QJsonValue &value, const QString &where, TlsFiles *out);
QString readProxy(const QJsonValue &value, const QString &where, ProxySettings *out);
} // namespace TransportJson
