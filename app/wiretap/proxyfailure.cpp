#include "wiretap/proxyfailure.h"

#include <QCoreApplication>

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(ProxyFailure)
};

/// Qt 6.4 reads an HTTP proxy's answer to CONNECT other than 200, 403-405, 407 and 503
/// as a protocol error and keeps no status line: tinyproxy's 500 for a server it cannot
/// reach, and also its second 407 when the password was wrong (Qt sends the password
/// after the first 407; the proxy closes after each, and Qt reports "Error communicating
/// with HTTP proxy" rather than asking again).
QString protocolError(const QNetworkProxy &proxy, const QString &who, const QString &server)
{
    if (proxy.type() != QNetworkProxy::HttpProxy)
        return Tr::tr("The %1 broke its protocol while opening a tunnel to %2").arg(who, server);
    if (proxy.user().isEmpty())
        return Tr::tr("The %1 did not open a tunnel to %2: it could not reach the server, or "
                      "it refused the request")
            .arg(who, server);
    return Tr::tr("The %1 did not open a tunnel to %2: it refused the user %3 and this "
                  "password, or it could not reach the server")
        .arg(who, server, proxy.user());
}

} // namespace

namespace ProxyFailure {

QString name(const QNetworkProxy &proxy)
{
    QString kind;
    switch (proxy.type()) {
    case QNetworkProxy::HttpProxy:
        kind = Tr::tr("HTTP proxy");
        break;
    case QNetworkProxy::Socks5Proxy:
        kind = Tr::tr("SOCKS5 proxy");
        break;
    default:
        return Tr::tr("none");
    }
    const QString host = proxy.hostName();
    const QString shown = host.contains(QLatin1Char(':')) ? QStringLiteral("[%1]").arg(host) : host;
    return QStringLiteral("%1 %2:%3").arg(kind, shown).arg(proxy.port());
}

QString describe(const QNetworkProxy &proxy, QAbstractSocket::SocketError error,
                 const QString &qtText, const QString &server)
{
    const QString who = name(proxy);
    QString text;
    switch (error) {
    case QAbstractSocket::ProxyConnectionRefusedError:
        text = Tr::tr("The %1 refused the connection, or is not running there").arg(who);
        break;
    case QAbstractSocket::ProxyNotFoundError:
        text = Tr::tr("The %1 was not found: its host name does not resolve").arg(who);
        break;
    case QAbstractSocket::ProxyConnectionTimeoutError:
        text = Tr::tr("The %1 did not answer in time").arg(who);
        break;
    case QAbstractSocket::ProxyConnectionClosedError:
        text = Tr::tr("The %1 closed the connection before its tunnel to %2 was open")
                   .arg(who, server);
        break;
    case QAbstractSocket::ProxyAuthenticationRequiredError:
        // Qt sends the profile's user and password when the proxy asks (HTTP 407, or
        // SOCKS5 choosing method 0x02); this error means they were refused, or missing.
        text = proxy.user().isEmpty()
                   ? Tr::tr("The %1 asks for a user and password; this profile sets no proxy "
                            "user")
                         .arg(who)
                   : Tr::tr("The %1 refused the user %2 and this password").arg(who, proxy.user());
        break;
    case QAbstractSocket::SocketAccessError: // HTTP 403 or 405 to the CONNECT
        text = Tr::tr("The %1 refused to open a tunnel to %2").arg(who, server);
        break;
    case QAbstractSocket::ConnectionRefusedError: // a SOCKS5 reply, or HTTP 503
    case QAbstractSocket::HostNotFoundError:      // a SOCKS5 reply, or HTTP 404
    case QAbstractSocket::NetworkError:
    case QAbstractSocket::SocketTimeoutError:
        text = Tr::tr("The %1 could not connect to %2").arg(who, server);
        break;
    case QAbstractSocket::ProxyProtocolError:
        text = protocolError(proxy, who, server);
        break;
    default:
        text = Tr::tr("The connection through the %1 to %2 failed").arg(who, server);
        break;
    }
    return Tr::tr("%1 (Qt: %2).").arg(text, qtText);
}

} // namespace ProxyFailure
