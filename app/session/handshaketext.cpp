#include "session/handshaketext.h"

#include "session/websocketsession.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QLocale>
#include <QSslCertificate>

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(HandshakeText)
};

/// @p bytes as readable text: Latin-1 for HTTP heads (RFC 9110 5.5), control characters
/// but line ends shown as \xNN.
QString readable(const QByteArray &bytes)
{
    QString out;
    out.reserve(bytes.size());
    for (const char c : bytes) {
        const auto u = quint8(c);
        if (c == '\n' || (u >= 0x20 && u != 0x7F))
            out.append(QChar(u));
        else if (c != '\r')
            out.append(QStringLiteral("\\x%1").arg(u, 2, 16, QLatin1Char('0')));
    }
    return out;
}

/// A body as text: pretty JSON when it is JSON and stays within 4 times its size (a
/// deeply nested body would grow without bound), else its bytes, controls escaped.
QString body(const QByteArray &bytes)
{
    QJsonParseError error;
    const QJsonDocument json = QJsonDocument::fromJson(bytes, &error);
    if (error.error == QJsonParseError::NoError && !json.isNull()) {
        const QByteArray pretty = json.toJson(QJsonDocument::Indented);
        if (pretty.size() <= 4 * bytes.size() + 64)
            return QString::fromUtf8(pretty);
    }
    QString out;
    for (const QChar c : QString::fromUtf8(bytes)) {
        if (c == QLatin1Char('\n') || c == QLatin1Char('\t') ||
            (!c.isNonCharacter() && c.isPrint()))
            out.append(c);
        else if (c != QLatin1Char('\r'))
            out.append(QStringLiteral("\\u%1").arg(c.unicode(), 4, 16, QLatin1Char('0')));
    }
    return out;
}

QString ms(qint64 us)
{
    return us < 0 ? Tr::tr("not reached") : Tr::tr("%1 ms").arg(double(us) / 1000.0, 0, 'f', 2);
}

/// A distinguished name from a certificate, "CN=127.0.0.1, O=Example": the server's
/// text, each value escaped and cut at 200 characters.
QString distinguishedName(const QSslCertificate &c, bool issuer)
{
    QStringList parts;
    const QList<QByteArray> attributes =
        issuer ? c.issuerInfoAttributes() : c.subjectInfoAttributes();
    for (const QByteArray &a : attributes) {
        const QStringList values = issuer ? c.issuerInfo(a) : c.subjectInfo(a);
        for (const QString &v : values)
            parts.append(
                readable(a) + QLatin1Char('=') +
                readable(v.left(200).toUtf8()).replace(QLatin1Char('\n'), QStringLiteral("\\x0a")));
    }
    return parts.isEmpty() ? Tr::tr("(none)") : parts.join(QStringLiteral(", "));
}

/// The server's certificate chain, its own first, at most MaxShown certificates.
QString chainText(const QList<QSslCertificate> &chain)
{
    constexpr int MaxShown = 10;
    if (chain.isEmpty())
        return Tr::tr("Certificate chain: none received\n");
    QString text = Tr::tr("Certificate chain (the server's own first):\n");
    const QString dateFormat = QStringLiteral("yyyy-MM-dd HH:mm 'UTC'");
    for (qsizetype i = 0; i < chain.size() && i < MaxShown; ++i) {
        const QSslCertificate &c = chain.at(i);
        text += Tr::tr("%1. Subject: %2\n   Issuer: %3\n   Valid: %4 to %5\n   SHA-256: %6\n")
                    .arg(i + 1)
                    .arg(distinguishedName(c, false), distinguishedName(c, true),
                         c.effectiveDate().toUTC().toString(dateFormat),
                         c.expiryDate().toUTC().toString(dateFormat),
                         QString::fromLatin1(
                             c.digest(QCryptographicHash::Sha256).toHex(':').toUpper()));
    }
    if (chain.size() > MaxShown)
        text += Tr::tr("(and %1 more)\n").arg(chain.size() - MaxShown);
    return text;
}

/// The TLS section: protocol, cipher, whether the certificate was verified, the chain.
QString tlsText(const TlsReport &tls)
{
    QString text = Tr::tr("\n== TLS ==\n");
    if (tls.established)
        text += Tr::tr("Protocol: %1\nCipher: %2\n").arg(tls.protocol, tls.cipher);
    if (!tls.failure.isEmpty())
        text += Tr::tr("The TLS handshake failed: %1\n").arg(tls.failure);
    if (tls.errors.isEmpty() && tls.established)
        text += Tr::tr("Certificate: verified\n");
    for (const QString &e : tls.errors)
        text += Tr::tr("Certificate error: %1\n").arg(e);
    if (tls.errorsIgnored)
        text += Tr::tr("TLS NOT VERIFIED: these errors were ignored, as the profile asks.\n");
    return text + chainText(tls.chain);
}

} // namespace

QString handshakeText(const WebSocketSession &session)
{
    if (!session.connectedProfile())
        return Tr::tr("No connection yet. Connect, and the opening handshake shows here.");
    if (!session.tapped())
        return Tr::tr("This connection did not start: %1").arg(session.lastError());
    const HttpHead request = session.handshakeRequest();
    const HttpHead response = session.handshakeResponse();
    QString text = Tr::tr("== Request, as sent to the server ==\n");
    text += request.raw.isEmpty() ? Tr::tr("(not sent yet)\n")
                                  : readable(request.raw).trimmed() + QLatin1Char('\n');
    text += Tr::tr("\n== Response ==\n");
    text += response.raw.isEmpty() ? Tr::tr("(no answer yet)\n")
                                   : readable(response.raw).trimmed() + QLatin1Char('\n');
    const std::optional<RelayReport> report = session.relayReport();
    if (report && !report->responseBody.isEmpty()) {
        text += Tr::tr("\n== Body (%1 bytes kept) ==\n")
                    .arg(QLocale().toString(report->responseBody.size()));
        text += body(report->responseBody) + QLatin1Char('\n');
    }
    if (report && !report->responseProblem.isEmpty())
        text += Tr::tr("\nThe response could not be read: %1\n").arg(report->responseProblem);
    if (response.statusCode() == 101) {
        const QString subprotocol = QString::fromLatin1(response.value("Sec-WebSocket-Protocol"));
        const QString extensions = QString::fromLatin1(response.value("Sec-WebSocket-Extensions"));
        text += Tr::tr("\n== Negotiated ==\nSubprotocol: %1\nExtensions: %2\n")
                    .arg(subprotocol.isEmpty() ? Tr::tr("none") : subprotocol,
                         extensions.isEmpty()
                             ? Tr::tr("none")
                             : Tr::tr("%1 (QtWebSockets 6.4 implements none: frames with RSV "
                                      "bits set fail the connection)")
                                   .arg(extensions));
    }
    if (const std::optional<TlsReport> tls = session.tlsReport())
        text += tlsText(*tls);
    const WebSocketSession::HandshakeTimings t = session.handshakeTimings();
    text += Tr::tr("\n== Route and times ==\nProxy: %1\nHost lookup: %2\nTCP connect: %3\n")
                .arg(session.proxyDescription(), ms(t.lookupUs), ms(t.connectUs));
    if (session.connectedProfile()->url.scheme() == QLatin1String("wss"))
        text += Tr::tr("TLS handshake: %1\n").arg(ms(t.tlsUs));
    text += Tr::tr("Request to response: %1\n").arg(ms(t.handshakeUs));
    return text;
}
