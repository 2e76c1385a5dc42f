#include "profile.h"

#include "profiles/variables.h"

namespace {

bool isTokenChar(QChar c)
{
    // RFC 7230 3.2.6 tchar.
    if (c.unicode() > 0x7e || c.unicode() <= 0x20)
        return false;
    static const QString separators = QStringLiteral("\"(),/:;<=>?@[\\]{}");
    return !separators.contains(c);
}

} // namespace

Profile Profile::localEcho()
{
    Profile p;
    p.name = tr("Local echo");
    p.builtInEchoServer = true;
    return p;
}

QUrl Profile::urlFromText(const QString &text)
{
    return QUrl(text.trimmed(), QUrl::StrictMode);
}

void Profile::setUrlText(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (VariableResolver::hasReferences(trimmed)) {
        url = QUrl();
        urlTemplate = trimmed;
    } else {
        url = urlFromText(trimmed);
        urlTemplate.clear();
    }
}

QString Profile::urlText() const
{
    return urlTemplate.isEmpty() ? url.toString() : urlTemplate;
}

QString Profile::urlTemplateProblem(const QString &text)
{
    if (text.startsWith(QLatin1String("ws://"), Qt::CaseInsensitive) ||
        text.startsWith(QLatin1String("wss://"), Qt::CaseInsensitive) ||
        text.startsWith(QLatin1String("{{")))
        return QString();
    return tr("The URL must start with ws://, wss:// or a {{variable}}.");
}

QString Profile::urlProblem(const QUrl &url)
{
    if (url.isEmpty())
        return tr("The URL is empty.");
    // The scheme first: "example.com:80" fails to parse for want of one, and "it must
    // start with ws://" is the message that helps.
    const QString scheme = url.scheme();
    // "localhost:8765" parses with the scheme "localhost": no "://", no scheme meant.
    if (scheme.isEmpty() || (url.isValid() && !url.toString().contains(QLatin1String("://"))))
        return tr("The URL must start with ws:// or wss://.");
    if (scheme != QLatin1String("ws") && scheme != QLatin1String("wss"))
        return tr("The URL must start with ws:// or wss://, not %1://.").arg(scheme);
    if (!url.isValid()) {
        // QUrl::errorString() goes on with '; source was "..."' and the components,
        // password and query included; this message reaches the banner and the editor.
        const QString error = url.errorString();
        return tr("The URL is not valid: %1.")
            .arg(error.left(error.indexOf(QLatin1String("; source was"))));
    }
    if (url.host().isEmpty())
        return tr("The URL has no host.");
    if (!url.fragment().isEmpty())
        return tr("A WebSocket URL must not have a fragment (RFC 6455 3).");
    return QString();
}

QString Profile::suggestedUrl(const QString &typed)
{
    const QString text = typed.trimmed();
    const qsizetype separator = text.indexOf(QLatin1String("://"));
    const QString scheme = separator < 0 ? QString() : text.left(separator).toLower();
    QString suggestion;
    if (separator < 0 && !text.isEmpty())
        suggestion = QStringLiteral("ws://") + text; // "host:port/path"
    else if (scheme == QLatin1String("http"))
        suggestion = QStringLiteral("ws://") + text.mid(separator + 3);
    else if (scheme == QLatin1String("https"))
        suggestion = QStringLiteral("wss://") + text.mid(separator + 3);
    if (suggestion.isEmpty() || !urlProblem(QUrl(suggestion)).isEmpty())
        return QString();
    return suggestion;
}

QUrl Profile::normalisedUrl(QUrl url)
{
    if (url.path().isEmpty())
        url.setPath(QStringLiteral("/"));
    return url;
}

QString Profile::headerWarning(const QString &name)
{
    if (name.trimmed().compare(QLatin1String("Sec-WebSocket-Extensions"), Qt::CaseInsensitive) != 0)
        return QString();
    return tr("QtWebSockets 6.4 implements no extension: if the server accepts this offer "
              "(permessage-deflate, say), its frames arrive with RSV1 set and QtWebSockets "
              "fails the connection with 1002. The Handshake view shows what was negotiated.");
}

bool HandshakeHeader::proposedSecret(QStringView name)
{
    static const QLatin1StringView names[] = {QLatin1StringView("authorization"),
                                              QLatin1StringView("proxy-authorization"),
                                              QLatin1StringView("cookie")};
    for (QLatin1StringView n : names) {
        if (name.compare(n, Qt::CaseInsensitive) == 0)
            return true;
    }
    return Variable::proposedSecret(name);
}

QString Profile::headerProblem(const QString &name, const QString &value)
{
    if (name.isEmpty())
        return tr("A header has no name.");
    for (const QChar c : name) {
        if (!isTokenChar(c))
            return tr("The header name \"%1\" is not a valid HTTP token.").arg(name);
    }
    static const QStringList builtIn = {QStringLiteral("host"),
                                        QStringLiteral("upgrade"),
                                        QStringLiteral("connection"),
                                        QStringLiteral("sec-websocket-key"),
                                        QStringLiteral("sec-websocket-version"),
                                        QStringLiteral("sec-websocket-protocol")};
    if (builtIn.contains(name.toLower()))
        return tr("The %1 header is written by the opening handshake itself; "
                  "it cannot be set here (subprotocols have their own field).")
            .arg(name);
    // QNetworkRequest::setRawHeader() treats an empty value as "remove the header", so
    // an empty header would silently not be sent.
    if (value.isEmpty())
        return tr("The header \"%1\" has no value; QtWebSockets cannot send an empty header.")
            .arg(name);
    for (const QChar c : value) {
        if (c == QLatin1Char('\r') || c == QLatin1Char('\n') || c.isNull())
            return tr("The value of header \"%1\" holds a line break or NUL.").arg(name);
        if (c.unicode() > 0xff)
            return tr("The value of header \"%1\" is not Latin-1.").arg(name);
    }
    return QString();
}

QString Profile::nameProblem(const QString &name)
{
    if (name.trimmed().isEmpty())
        return tr("A profile needs a name.");
    if (name != name.trimmed())
        return tr("A profile name must not start or end with spaces.");
    return QString();
}

QString Profile::problem() const
{
    if (QString p = nameProblem(name); !p.isEmpty())
        return p;
    if (!builtInEchoServer) {
        // A template is checked once resolved, at Connect (ProfileResolver).
        if (QString p = urlTemplate.isEmpty() ? urlProblem(url) : urlTemplateProblem(urlTemplate);
            !p.isEmpty())
            return p;
    }
    for (const HandshakeHeader &h : headers) {
        // A template is checked once resolved, at Connect (ProfileResolver).
        if (VariableResolver::hasReferences(h.name) || VariableResolver::hasReferences(h.value))
            continue;
        // A secret's value comes from the keychain, and may not have come yet.
        const QString value = h.secret && h.value.isEmpty() ? QStringLiteral("x") : h.value;
        if (QString p = headerProblem(h.name, value); !p.isEmpty())
            return p;
    }
    for (const QString &s : subprotocols) {
        if (VariableResolver::hasReferences(s))
            continue;
        if (s.isEmpty())
            return tr("A subprotocol is empty.");
        for (const QChar c : s) {
            if (!isTokenChar(c))
                return tr("The subprotocol \"%1\" is not a valid token (RFC 6455 4.1).").arg(s);
        }
    }
    if (QString p = tls.problem(); !p.isEmpty())
        return p;
    if (QString p = proxy.problem(); !p.isEmpty())
        return p;
    if (connectTimeoutMs < MinConnectTimeoutMs || connectTimeoutMs > MaxConnectTimeoutMs)
        return tr("The connect timeout must be %1-%2 ms.")
            .arg(MinConnectTimeoutMs)
            .arg(MaxConnectTimeoutMs);
    if (closeTimeoutMs < MinCloseTimeoutMs || closeTimeoutMs > MaxCloseTimeoutMs)
        return tr("The close timeout must be %1-%2 ms.")
            .arg(MinCloseTimeoutMs)
            .arg(MaxCloseTimeoutMs);
    if (pingIntervalMs != 0 &&
        (pingIntervalMs < MinPingIntervalMs || pingIntervalMs > MaxPingIntervalMs))
        return tr("The ping interval must be 0 (off) or %1-%2 ms.")
            .arg(MinPingIntervalMs)
            .arg(MaxPingIntervalMs);
    if (maxLogRows < 0)
        return tr("The log row cap must be 0 (keep all) or more.");
    if (maxIncomingMessageMiB < Limits::MinMaxIncomingMessageMiB ||
        maxIncomingMessageMiB > Limits::MaxMaxIncomingMessageMiB)
        return tr("The incoming message limit must be %1-%2 MiB.")
            .arg(Limits::MinMaxIncomingMessageMiB)
            .arg(Limits::MaxMaxIncomingMessageMiB);
    if (logMemoryBudgetMiB < Limits::MinLogMemoryBudgetMiB ||
        logMemoryBudgetMiB > Limits::MaxLogMemoryBudgetMiB)
        return tr("The log memory budget must be %1-%2 MiB.")
            .arg(Limits::MinLogMemoryBudgetMiB)
            .arg(Limits::MaxLogMemoryBudgetMiB);
    if (snippets.size() > MaxSnippets)
        return tr("A profile holds at most %1 snippets.").arg(MaxSnippets);
    for (const Snippet &s : snippets) {
        if (s.name.trimmed().isEmpty())
            return tr("A snippet has no name.");
    }
    return QString();
}
