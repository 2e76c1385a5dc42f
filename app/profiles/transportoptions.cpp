#include "profiles/transportoptions.h"

#include "profiles/profilekeys.h"

#include <cmath>

namespace {

constexpr QLatin1StringView ModeAdd("add");
constexpr QLatin1StringView ModeReplace("replace");

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(ProfileStore) // the profiles file's messages
};

QString wrongType(const QString &where, QLatin1StringView object, QLatin1StringView key,
                  const QString &type)
{
    return Tr::tr("%1.%2.%3 must be %4.").arg(where, object, key, type);
}

/// The optional string member @p key of @p o into @p out, or a problem.
QString optionalString(const QJsonObject &o, const QString &where, QLatin1StringView object,
                       QLatin1StringView key, QString *out)
{
    const QJsonValue v = o.value(key);
    if (!v.isUndefined() && !v.isString())
        return wrongType(where, object, key, Tr::tr("a string"));
    *out = v.toString();
    return QString();
}

} // namespace

bool TlsFiles::clientCertificateIsPkcs12() const
{
    return clientCertificateFile.endsWith(QLatin1String(".p12"), Qt::CaseInsensitive) ||
           clientCertificateFile.endsWith(QLatin1String(".pfx"), Qt::CaseInsensitive);
}

QString TlsFiles::problem() const
{
    if (!clientKeyFile.isEmpty() && clientCertificateFile.isEmpty())
        return tr("A client key is set without its client certificate.");
    if (caBundleReplacesSystemRoots && caBundleFile.isEmpty())
        return tr("Trusting only the CA bundle needs a CA bundle file.");
    return QString();
}

QLatin1StringView ProxySettings::typeKey(Type type)
{
    switch (type) {
    case Type::None:
        return QLatin1StringView("none");
    case Type::System:
        return QLatin1StringView("system");
    case Type::Http:
        return QLatin1StringView("http");
    case Type::Socks5:
        return QLatin1StringView("socks5");
    }
    return QLatin1StringView("none");
}

std::optional<ProxySettings::Type> ProxySettings::typeFromKey(const QString &key)
{
    for (const Type t : {Type::None, Type::System, Type::Http, Type::Socks5}) {
        if (key == typeKey(t))
            return t;
    }
    return std::nullopt;
}

QString ProxySettings::problem() const
{
    if (!hasOwnProxy())
        return QString();
    if (host.trimmed().isEmpty())
        return tr("The proxy needs a host.");
    if (port < 1 || port > 65535)
        return tr("The proxy port must be 1-65535.");
    return QString();
}

namespace TransportJson {

QJsonObject tlsObject(const TlsFiles &tls)
{
    return QJsonObject{{Key::CaBundleFile, tls.caBundleFile},
                       {Key::CaBundleMode, tls.caBundleReplacesSystemRoots ? ModeReplace : ModeAdd},
                       {Key::ClientCertificateFile, tls.clientCertificateFile},
                       {Key::ClientKeyFile, tls.clientKeyFile}};
}

QJsonObject proxyObject(const ProxySettings &proxy)
{
    return QJsonObject{{Key::Type, ProxySettings::typeKey(proxy.type)},
                       {Key::Host, proxy.host},
                       {Key::Port, proxy.port},
                       {Key::User, proxy.user}};
}

QString readTls(const QJsonValue &value, const QString &where, TlsFiles *out)
{
    *out = TlsFiles();
    if (value.isUndefined())
        return QString();
    if (!value.isObject())
        return Tr::tr("%1.%2 must be an object.").arg(where, Key::Tls);
    const QJsonObject o = value.toObject();
    QString mode;
    for (const auto &[key, field] :
         {std::pair{Key::CaBundleFile, &out->caBundleFile}, std::pair{Key::CaBundleMode, &mode},
          std::pair{Key::ClientCertificateFile, &out->clientCertificateFile},
          std::pair{Key::ClientKeyFile, &out->clientKeyFile}}) {
        if (QString e = optionalString(o, where, Key::Tls, key, field); !e.isEmpty())
            return e;
    }
    if (!mode.isEmpty() && mode != ModeAdd && mode != ModeReplace)
        return wrongType(where, Key::Tls, Key::CaBundleMode, Tr::tr("\"add\" or \"replace\""));
    out->caBundleReplacesSystemRoots = mode == ModeReplace;
    if (QString e = out->problem(); !e.isEmpty())
        return QStringLiteral("%1.%2: %3").arg(where, Key::Tls, e);
    return QString();
}

QString readProxy(const QJsonValue &value, const QString &where, ProxySettings *out)
{
    *out = ProxySettings();
    if (value.isUndefined())
        return QString();
    if (!value.isObject())
        return Tr::tr("%1.%2 must be an object.").arg(where, Key::Proxy);
    const QJsonObject o = value.toObject();
    QString type;
    for (const auto &[key, field] : {std::pair{Key::Type, &type}, std::pair{Key::Host, &out->host},
                                     std::pair{Key::User, &out->user}}) {
        if (QString e = optionalString(o, where, Key::Proxy, key, field); !e.isEmpty())
            return e;
    }
    const auto parsed = ProxySettings::typeFromKey(type.isEmpty() ? QStringLiteral("none") : type);
    if (!parsed)
        return wrongType(where, Key::Proxy, Key::Type,
                         Tr::tr("\"none\", \"system\", \"http\" or \"socks5\""));
    out->type = *parsed;
    const QJsonValue port = o.value(Key::Port);
    const double n = port.toDouble(-1);
    if (!port.isUndefined() && (!port.isDouble() || n != std::floor(n) || n < 0 || n > 65535))
        return wrongType(where, Key::Proxy, Key::Port, Tr::tr("a whole number 0-65535"));
    out->port = port.isUndefined() ? 0 : int(n);
    if (QString e = out->problem(); !e.isEmpty())
        return QStringLiteral("%1.%2: %3").arg(where, Key::Proxy, e);
    return QString();
}

} // namespace TransportJson
