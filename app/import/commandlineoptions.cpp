#include "import/commandlineoptions.h"

#include "profiles/profile.h"
#include "profiles/urlredaction.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <iterator>

namespace CommandLineOptions {
namespace {

// wscat 5 (websockets/wscat, bin/wscat: its commander options).
const Option wscat[] = {
    {"connect", 'c', true, Action::Url},
    {"header", 'H', true, Action::Header},
    {"subprotocol", 's', true, Action::Subprotocol},
    {"no-check", 'n', false, Action::Insecure},
    {"origin", 'o', true, Action::NamedHeader, "Origin"},
    {"auth", 0, true, Action::BasicAuth},
    {"ca", 0, true, Action::CaFile},
    {"cert", 0, true, Action::ClientCert},
    {"key", 0, true, Action::ClientKey},
    {"listen", 'l', true, Action::Server,
     QT_TRANSLATE_NOOP("CommandLineImport", "wscat -l listens as a server")},
    {"protocol", 'p', true, Action::Ignored,
     QT_TRANSLATE_NOOP("CommandLineImport", "QtWebSockets speaks protocol version 13")},
    {"passphrase", 0, true, Action::Ignored,
     QT_TRANSLATE_NOOP("CommandLineImport", "Sockscope asks for a key's passphrase")},
    {"execute", 'x', true, Action::Ignored,
     QT_TRANSLATE_NOOP("CommandLineImport", "send it from the composer")},
    {"wait", 'w', true, Action::Ignored, nullptr},
    {"host", 0, true, Action::Ignored,
     QT_TRANSLATE_NOOP("CommandLineImport", "the Host header follows the URL")},
    {"max-redirects", 0, true, Action::Ignored, nullptr},
    {"location", 'L', false, Action::Ignored,
     QT_TRANSLATE_NOOP("CommandLineImport", "Sockscope offers a redirect when it gets one")},
    {"show-ping-pong", 'P', false, Action::Ignored,
     QT_TRANSLATE_NOOP("CommandLineImport", "the log always shows pings and pongs")},
    {"slash", 0, false, Action::Ignored, nullptr},
    {"no-color", 0, false, Action::Ignored, nullptr},
    {"version", 'V', false, Action::Ignored, nullptr},
    {"help", 'h', false, Action::Ignored, nullptr},
};

// websocat 1.x (vi/websocat, its --help): client-side options.
const Option websocat[] = {
    {"header", 'H', true, Action::Header},
    {"protocol", 0, true, Action::Subprotocol},
    {"insecure", 'k', false, Action::Insecure},
    {"origin", 0, true, Action::NamedHeader, "Origin"},
    {"basic-auth", 0, true, Action::BasicAuth},
    {"ping-interval", 0, true, Action::PingInterval},
    {"server-mode", 's', false, Action::Server,
     QT_TRANSLATE_NOOP("CommandLineImport", "websocat -s listens as a server")},
    {"text", 't', false, Action::Ignored,
     QT_TRANSLATE_NOOP("CommandLineImport", "the composer chooses text or binary")},
    {"binary", 'b', false, Action::Ignored,
     QT_TRANSLATE_NOOP("CommandLineImport", "the composer chooses text or binary")},
    {"no-close", 'n', false, Action::Ignored, nullptr},
    {"exit-on-eof", 'E', false, Action::Ignored, nullptr},
    {"unidirectional", 'u', false, Action::Ignored, nullptr},
    {"unidirectional-reverse", 'U', false, Action::Ignored, nullptr},
    {"one-message", '1', false, Action::Ignored, nullptr},
    {"quiet", 'q', false, Action::Ignored, nullptr},
    {"verbose", 'v', false, Action::Ignored, nullptr},
    {"no-line", 0, false, Action::Ignored, nullptr},
    {"null-terminated", '0', false, Action::Ignored, nullptr},
    {"strict", 0, false, Action::Ignored, nullptr},
    {"jsonrpc", 0, false, Action::Ignored, nullptr},
    {"ping-timeout", 0, true, Action::Ignored, nullptr},
    {"max-messages", 0, true, Action::Ignored, nullptr},
    {"max-messages-rev", 0, true, Action::Ignored, nullptr},
    {"buffer-size", 'B', true, Action::Ignored, nullptr},
    {"text-prefix", 0, true, Action::Ignored, nullptr},
    {"binary-prefix", 0, true, Action::Ignored, nullptr},
    {"ws-c-uri", 0, true, Action::Ignored, nullptr},
    {"client-pkcs12-der", 0, true, Action::Ignored,
     QT_TRANSLATE_NOOP("CommandLineImport", "set the client certificate in the profile")},
};

// curl (curl.se/docs/manpage.html): what a WebSocket handshake can use.
const Option curl[] = {
    {"url", 0, true, Action::Url},
    {"header", 'H', true, Action::Header},
    {"insecure", 'k', false, Action::Insecure},
    {"user-agent", 'A', true, Action::NamedHeader, "User-Agent"},
    {"referer", 'e', true, Action::NamedHeader, "Referer"},
    {"cookie", 'b', true, Action::Cookie},
    {"user", 'u', true, Action::BasicAuth},
    {"connect-timeout", 0, true, Action::ConnectTimeout},
    {"cacert", 0, true, Action::CaFile},
    {"cert", 'E', true, Action::ClientCert},
    {"key", 0, true, Action::ClientKey},
    {"proxy-user", 'U', true, Action::Ignored,
     QT_TRANSLATE_NOOP("CommandLineImport",
                       "set the proxy and its user in the profile; the password is asked for "
                       "at Connect")},
    {"include", 'i', false, Action::Ignored,
     QT_TRANSLATE_NOOP("CommandLineImport", "the Handshake view shows the response")},
    {"no-buffer", 'N', false, Action::Ignored, nullptr},
    {"silent", 's', false, Action::Ignored, nullptr},
    {"show-error", 'S', false, Action::Ignored, nullptr},
    {"verbose", 'v', false, Action::Ignored, nullptr},
    {"location", 'L', false, Action::Ignored,
     QT_TRANSLATE_NOOP("CommandLineImport", "Sockscope offers a redirect when it gets one")},
    {"http1.1", 0, false, Action::Ignored, nullptr},
    {"compressed", 0, false, Action::Ignored, nullptr},
    {"fail", 'f', false, Action::Ignored, nullptr},
    {"globoff", 'g', false, Action::Ignored, nullptr},
    {"raw", 0, false, Action::Ignored, nullptr},
    {"request", 'X', true, Action::Ignored,
     QT_TRANSLATE_NOOP("CommandLineImport", "the opening handshake is a GET (RFC 6455 4.1)")},
    {"data", 'd', true, Action::Ignored,
     QT_TRANSLATE_NOOP("CommandLineImport", "the opening handshake has no body")},
    {"data-raw", 0, true, Action::Ignored,
     QT_TRANSLATE_NOOP("CommandLineImport", "the opening handshake has no body")},
    {"data-binary", 0, true, Action::Ignored,
     QT_TRANSLATE_NOOP("CommandLineImport", "the opening handshake has no body")},
    {"output", 'o', true, Action::Ignored, nullptr},
    {"max-time", 'm', true, Action::Ignored, nullptr},
    {"write-out", 'w', true, Action::Ignored, nullptr},
    {"resolve", 0, true, Action::Ignored, nullptr},
    {"proxy", 'x', true, Action::Ignored,
     QT_TRANSLATE_NOOP("CommandLineImport", "set the proxy in the profile")},
};

template <std::size_t N>
const Option *findIn(const Option (&table)[N], QStringView name, QChar letter)
{
    for (const Option &o : table) {
        if (!name.isEmpty() && o.longName && name == QLatin1String(o.longName))
            return &o;
        if (name.isEmpty() && o.shortName && letter == QLatin1Char(o.shortName))
            return &o;
    }
    return nullptr;
}

const Option *find(Program program, QStringView name, QChar letter)
{
    switch (program) {
    case Program::Wscat:
        return findIn(wscat, name, letter);
    case Program::Websocat:
        return findIn(websocat, name, letter);
    case Program::Curl:
        return findIn(curl, name, letter);
    }
    return nullptr;
}

} // namespace

const Option *findLong(Program program, QStringView name)
{
    return name.isEmpty() ? nullptr : find(program, name, QChar());
}

const Option *findShort(Program program, QChar letter)
{
    return letter.isNull() ? nullptr : find(program, QStringView(), letter);
}

QString quotedWord(const QString &word)
{
    // A header, maybe after -H or --header=: "Name: value", or "Name value" with the colon
    // forgotten.
    QString header = word;
    if (header.startsWith(u"--header="))
        header = header.mid(9);
    else if (header.startsWith(u"-H"))
        header = header.mid(2);
    const qsizetype end = header.indexOf(QRegularExpression(QStringLiteral("[: ]")));
    if (end > 0 && HandshakeHeader::proposedSecret(header.left(end).trimmed()))
        return word.left(word.size() - header.size() + end + 1) +
               (header.at(end) == u':' ? QStringLiteral(" ") : QString()) + UrlRedaction::Mask;
    // Any other --name=value: the option is named, its value may be a password.
    const qsizetype equals = word.indexOf(u'=');
    if (word.startsWith(u"--") && equals > 2) {
        if (word.startsWith(u"--url="))
            return word.left(6) + UrlRedaction::redactedUrlTemplate(word.mid(6), false);
        if (!word.startsWith(u"--header="))
            return word.left(equals + 1) + UrlRedaction::Mask;
    }
    if (word.contains(u"://"))
        return UrlRedaction::redactedUrlTemplate(word, false);
    return word;
}

} // namespace CommandLineOptions
