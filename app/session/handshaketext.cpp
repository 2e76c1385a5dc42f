#include "session/handshaketext.h"

#include "session/websocketsession.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QLocale>

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

} // namespace

QString handshakeText(const WebSocketSession &session)
{
    if (!session.connectedProfile())
        return Tr::tr("No connection yet. Connect, and the opening handshake shows here.");
    if (!session.tapped())
        return Tr::tr("This connection (wss://) went straight to the server: Sockscope's wire "
                      "tap does not speak TLS yet, so the handshake was not recorded.");
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
    const WebSocketSession::HandshakeTimings t = session.handshakeTimings();
    text += Tr::tr("\n== Times ==\nHost lookup: %1\nTCP connect: %2\nRequest to response: %3\n")
                .arg(ms(t.lookupUs), ms(t.connectUs), ms(t.handshakeUs));
    return text;
}
