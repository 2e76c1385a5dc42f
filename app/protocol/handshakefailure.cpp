#include "handshakefailure.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QStringList>

namespace {

/// The translation context "HandshakeFailure" for the namespace's texts.
struct HandshakeFailureText
{
    Q_DECLARE_TR_FUNCTIONS(HandshakeFailure)
};

/// "Invalid parameter(s) presented during protocol upgrade: Accept-key size: %1,
/// version: %2.%3, upgrade: %4, connection: %5": a 101 answer missing a part.
QString incompleteUpgrade(const QRegularExpressionMatch &m)
{
    QStringList problems;
    if (m.captured(1) == QLatin1String("0"))
        problems << HandshakeFailureText::tr("there is no Sec-WebSocket-Accept header");
    if (m.captured(2) == QLatin1String("0") || m.captured(3) == QLatin1String("0"))
        problems << HandshakeFailureText::tr("it is HTTP/%1.%2, not HTTP/1.1")
                        .arg(m.captured(2), m.captured(3));
    if (m.captured(4).compare(QLatin1String("websocket"), Qt::CaseInsensitive) != 0)
        problems << (m.captured(4).isEmpty()
                         ? HandshakeFailureText::tr("there is no Upgrade: websocket header")
                         : HandshakeFailureText::tr(
                               "its Upgrade header is \"%1\", not \"websocket\"")
                               .arg(m.captured(4)));
    if (m.captured(5).compare(QLatin1String("upgrade"), Qt::CaseInsensitive) != 0)
        problems << (m.captured(5).isEmpty()
                         ? HandshakeFailureText::tr("there is no Connection: Upgrade header")
                         : HandshakeFailureText::tr(
                               "its Connection header is \"%1\", not \"Upgrade\"")
                               .arg(m.captured(5)));
    return HandshakeFailureText::tr(
               "The server answered 101 Switching Protocols, but %1 (RFC 6455 4.2.2).")
        .arg(problems.join(QStringLiteral("; ")));
}

} // namespace

namespace HandshakeFailure {

QUrl redirectTarget(const QUrl &requestUrl, int status, const QByteArray &location)
{
    constexpr int MaxLocationBytes = 2048;
    const QByteArray trimmed = location.trimmed();
    if (status < 300 || status > 399 || trimmed.isEmpty() || trimmed.size() > MaxLocationBytes)
        return {};
    const QUrl reference = QUrl::fromEncoded(trimmed, QUrl::StrictMode);
    if (!reference.isValid())
        return {};
    QUrl base = requestUrl;
    base.setScheme(requestUrl.scheme() == QLatin1String("wss") ? QStringLiteral("https")
                                                               : QStringLiteral("http"));
    QUrl target = base.resolved(reference);
    const QString scheme = target.scheme().toLower();
    if (scheme == QLatin1String("http") || scheme == QLatin1String("ws"))
        target.setScheme(QStringLiteral("ws"));
    else if (scheme == QLatin1String("https") || scheme == QLatin1String("wss"))
        target.setScheme(QStringLiteral("wss"));
    else
        return {};
    if (target.host().isEmpty() || !target.userInfo().isEmpty() || !target.isValid())
        return {};
    target.setFragment(QString());
    return target;
}

QString describe(const QString &e)
{
    static const QRegularExpression status(
        QStringLiteral("^QWebSocketPrivate::processHandshake: Unhandled http status code: (\\d+) "
                       "\\((.*)\\)\\.$"),
        QRegularExpression::DotMatchesEverythingOption);
    static const QRegularExpression accept(QStringLiteral(
        "^Accept-Key received from server (.*) does not match the client key (.*)\\.$"));
    static const QRegularExpression upgrade(
        QStringLiteral("^Invalid parameter\\(s\\) presented during protocol upgrade: Accept-key "
                       "size: (\\d+), version: (\\d+)\\.(\\d+), upgrade: (.*), connection: (.*)$"));
    static const QRegularExpression subprotocol(
        QStringLiteral("^WebSocket server has chosen protocol (.*) which has not been requested$"));
    static const QRegularExpression version(
        QStringLiteral("^Handshake: Server requests a version that we don't support: (.*)\\.$"));

    if (const auto m = status.match(e); m.hasMatch()) {
        const QString line = QStringLiteral("HTTP %1 %2").arg(m.captured(1), m.captured(2));
        return HandshakeFailureText::tr("The server refused the WebSocket upgrade: %1.")
            .arg(line.trimmed());
    }
    if (e.startsWith(QLatin1String("QWebSocketPrivate::processHandshake: Unknown error")))
        return HandshakeFailureText::tr(
            "The server refused the WebSocket upgrade: HTTP 400 (Bad Request).");
    if (const auto m = version.match(e); m.hasMatch())
        return HandshakeFailureText::tr(
                   "The server refused the WebSocket upgrade with HTTP 400: it speaks version "
                   "%1, not 13 (RFC 6455 4.4).")
            .arg(m.captured(1));
    if (const auto m = accept.match(e); m.hasMatch())
        return HandshakeFailureText::tr(
                   "The server's Sec-WebSocket-Accept %1 is wrong: for this request's key it "
                   "must be %2 (RFC 6455 4.2.2).")
            .arg(m.captured(1), m.captured(2));
    if (const auto m = upgrade.match(e); m.hasMatch())
        return incompleteUpgrade(m);
    if (const auto m = subprotocol.match(e); m.hasMatch())
        return HandshakeFailureText::tr(
                   "The server chose the subprotocol %1, which this client did not offer "
                   "(RFC 6455 4.1).")
            .arg(m.captured(1));
    if (e == QLatin1String("Header is too large"))
        return HandshakeFailureText::tr("The server's handshake response headers are too large.");
    if (e == QLatin1String("Read handshake request status failed"))
        return HandshakeFailureText::tr(
            "The server's answer to the opening handshake does not start with an HTTP "
            "status line.");
    if (e == QLatin1String("Parsing handshake request header failed"))
        return HandshakeFailureText::tr(
            "The headers of the server's answer to the opening handshake cannot be "
            "parsed.");
    return e;
}

} // namespace HandshakeFailure
