#include "session/connectoptions.h"

#include "wiretap/proxyfailure.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QNetworkProxyFactory>
#include <QSslCertificate>
#include <QSslKey>

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(ConnectOptions)
};

QString shown(const QString &path)
{
    return QDir::toNativeSeparators(path);
}

/// The bytes of the TLS file @p path, at most MaxTlsFileBytes, or empty and @p problem.
QByteArray readTlsFile(const QString &path, const QString &what, QString *problem)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *problem =
            Tr::tr("The %1 %2 cannot be read: %3").arg(what, shown(path), file.errorString());
        return {};
    }
    if (file.size() > ConnectOptions::MaxTlsFileBytes) {
        *problem = Tr::tr("The %1 %2 is larger than %3 bytes: it is not a certificate file.")
                       .arg(what, shown(path))
                       .arg(ConnectOptions::MaxTlsFileBytes);
        return {};
    }
    QByteArray bytes = file.read(ConnectOptions::MaxTlsFileBytes);
    if (bytes.isEmpty())
        *problem = Tr::tr("The %1 %2 is empty.").arg(what, shown(path));
    return bytes;
}

/// A PEM private key of any algorithm OpenSSL reads, or a null key.
QSslKey pemKey(const QByteArray &pem, const QString &passphrase)
{
    for (const QSsl::KeyAlgorithm a : {QSsl::Rsa, QSsl::Ec, QSsl::Dsa}) {
        QSslKey key(pem, a, QSsl::Pem, QSsl::PrivateKey, passphrase.toUtf8());
        if (!key.isNull())
            return key;
    }
    return QSslKey();
}

bool addCaBundle(const TlsFiles &tls, QSslConfiguration *config, QString *problem)
{
    const QString what = Tr::tr("CA bundle");
    const QByteArray pem = readTlsFile(tls.caBundleFile, what, problem);
    if (pem.isEmpty())
        return false;
    const QList<QSslCertificate> bundle = QSslCertificate::fromData(pem, QSsl::Pem);
    if (bundle.isEmpty()) {
        *problem =
            Tr::tr("The CA bundle %1 holds no PEM certificate.").arg(shown(tls.caBundleFile));
        return false;
    }
    // Set, not added: addCaCertificates() would stop Qt loading the system's roots.
    config->setCaCertificates(tls.caBundleReplacesSystemRoots
                                  ? bundle
                                  : QSslConfiguration::systemCaCertificates() + bundle);
    return true;
}

bool addPkcs12(const TlsFiles &tls, const ConnectSecrets &secrets, QSslConfiguration *config,
               QString *problem)
{
    const QByteArray bytes =
        readTlsFile(tls.clientCertificateFile, Tr::tr("client certificate"), problem);
    if (bytes.isEmpty())
        return false;
    QByteArray copy = bytes;
    QBuffer buffer(&copy);
    buffer.open(QIODevice::ReadOnly);
    QSslKey key;
    QSslCertificate certificate;
    QList<QSslCertificate> chain;
    if (!QSslCertificate::importPkcs12(&buffer, &key, &certificate, &chain,
                                       secrets.keyPassphrase.toUtf8())) {
        *problem = Tr::tr("The PKCS#12 file %1 does not open: a wrong passphrase, or not "
                          "PKCS#12 with a key and a certificate.")
                       .arg(shown(tls.clientCertificateFile));
        return false;
    }
    config->setPrivateKey(key);
    config->setLocalCertificateChain(QList<QSslCertificate>{certificate} + chain);
    return true;
}

bool addPemClientCertificate(const TlsFiles &tls, const ConnectSecrets &secrets,
                             QSslConfiguration *config, QString *problem)
{
    const QByteArray pem =
        readTlsFile(tls.clientCertificateFile, Tr::tr("client certificate"), problem);
    if (pem.isEmpty())
        return false;
    const QList<QSslCertificate> chain = QSslCertificate::fromData(pem, QSsl::Pem);
    if (chain.isEmpty()) {
        *problem = Tr::tr("The client certificate %1 holds no PEM certificate.")
                       .arg(shown(tls.clientCertificateFile));
        return false;
    }
    const QString keyPath = tls.keyPath();
    const QByteArray keyPem = readTlsFile(keyPath, Tr::tr("client key"), problem);
    if (keyPem.isEmpty())
        return false;
    const QSslKey key = pemKey(keyPem, secrets.keyPassphrase);
    if (key.isNull()) {
        *problem = Tr::tr("The client key %1 does not open: a wrong passphrase, or no PEM "
                          "private key in it.")
                       .arg(shown(keyPath));
        return false;
    }
    config->setPrivateKey(key);
    config->setLocalCertificateChain(chain);
    return true;
}

} // namespace

namespace ConnectOptions {

bool needsKeyPassphrase(const TlsFiles &tls)
{
    if (tls.clientCertificateFile.isEmpty())
        return false;
    QString ignored;
    if (tls.clientCertificateIsPkcs12()) {
        QSslConfiguration config;
        return QFile::exists(tls.clientCertificateFile) &&
               !addPkcs12(tls, ConnectSecrets(), &config, &ignored);
    }
    const QString keyPath = tls.keyPath();
    const QByteArray pem = readTlsFile(keyPath, QString(), &ignored);
    return pem.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----") ||
           pem.contains("Proc-Type: 4,ENCRYPTED");
}

bool needsProxyPassword(const ProxySettings &proxy)
{
    return proxy.hasOwnProxy() && !proxy.user.isEmpty();
}

std::optional<QSslConfiguration> tlsConfiguration(const TlsFiles &tls,
                                                  const ConnectSecrets &secrets, QString *problem)
{
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    if (!tls.caBundleFile.isEmpty() && !addCaBundle(tls, &config, problem))
        return std::nullopt;
    if (!tls.clientCertificateFile.isEmpty()) {
        const bool added = tls.clientCertificateIsPkcs12()
                               ? addPkcs12(tls, secrets, &config, problem)
                               : addPemClientCertificate(tls, secrets, &config, problem);
        if (!added)
            return std::nullopt;
    }
    return config;
}

QNetworkProxy proxy(const ProxySettings &settings, const QUrl &url, const QString &password)
{
    using Type = ProxySettings::Type;
    switch (settings.type) {
    case Type::None:
        break;
    case Type::System: {
        const QNetworkProxyQuery query(url.host(),
                                       url.port(url.scheme() == QLatin1String("wss") ? 443 : 80),
                                       url.scheme(), QNetworkProxyQuery::TcpSocket);
        const QList<QNetworkProxy> found = QNetworkProxyFactory::systemProxyForQuery(query);
        for (const QNetworkProxy &p : found) {
            if (p.type() == QNetworkProxy::HttpProxy || p.type() == QNetworkProxy::Socks5Proxy)
                return p;
        }
        break;
    }
    case Type::Http:
    case Type::Socks5:
        // A password without a user (one left from before the user was removed) would
        // make Qt offer SOCKS5 method 0x02 alone, which a proxy without auth refuses.
        return QNetworkProxy(settings.type == Type::Http ? QNetworkProxy::HttpProxy
                                                         : QNetworkProxy::Socks5Proxy,
                             settings.host.trimmed(), quint16(settings.port), settings.user,
                             settings.user.isEmpty() ? QString() : password);
    }
    return QNetworkProxy(QNetworkProxy::NoProxy);
}

QString describe(const QNetworkProxy &proxy)
{
    QString text = ProxyFailure::name(proxy);
    const bool named =
        proxy.type() == QNetworkProxy::HttpProxy || proxy.type() == QNetworkProxy::Socks5Proxy;
    if (named && !proxy.user().isEmpty())
        text += Tr::tr(" (user %1)").arg(proxy.user());
    return text;
}

std::optional<RelayTarget> relayOptions(const Profile &profile, const QUrl &url,
                                        const ConnectSecrets &secrets, QString *problem)
{
    RelayTarget options;
    options.closeTimeoutMs = profile.closeTimeoutMs;
    options.ignoreTlsErrors = profile.ignoreTlsErrors;
    options.proxy = proxy(profile.proxy, url, secrets.proxyPassword);
    if (url.scheme() == QLatin1String("wss")) {
        std::optional<QSslConfiguration> tls = tlsConfiguration(profile.tls, secrets, problem);
        if (!tls)
            return std::nullopt;
        options.tlsConfiguration = *tls;
    }
    return options;
}

} // namespace ConnectOptions
