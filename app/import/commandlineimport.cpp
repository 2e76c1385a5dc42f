#include "import/commandlineimport.h"

#include "import/commandlineoptions.h"
#include "import/shelltokenizer.h"
#include "profiles/urlredaction.h"

#include <QHash>

#include <cmath>

using namespace CommandLineOptions;

namespace {

/// The handshake headers QtWebSockets writes itself (RFC 6455 4.1), lowercase.
bool writtenByHandshake(const QString &lowerName)
{
    static const QStringList names = {
        QStringLiteral("host"), QStringLiteral("connection"), QStringLiteral("upgrade"),
        QStringLiteral("sec-websocket-key"), QStringLiteral("sec-websocket-version")};
    return names.contains(lowerName);
}

/// RFC 7230 3.2.6 token, as a subprotocol must be (RFC 6455 4.1).
bool isToken(const QString &s)
{
    if (s.isEmpty())
        return false;
    for (const QChar c : s) {
        if (c.unicode() <= 0x20 || c.unicode() > 0x7e ||
            QStringView(u"\"(),/:;<=>?@[\\]{}").contains(c))
            return false;
    }
    return true;
}

/// Reads the words of one command into a profile.
class Parser
{
    Q_DECLARE_TR_FUNCTIONS(CommandLineImport)
public:
    explicit Parser(const QList<ShellToken> &tokens) : t(tokens) {}
    bool run();

    Profile p;
    ImportError error;
    /// The warnings, each naming its word; said once every word is known to be secret
    /// or not.
    QStringList warnings() const
    {
        QStringList said;
        for (const auto &[at, text] : m_warnings)
            said.append(place(at) + QStringLiteral(": ") + text);
        return said;
    }

private:
    QString place(qsizetype i) const
    {
        const QString &typed = t.at(i).text;
        QString word = m_maskFrom.contains(i) ? typed.left(m_maskFrom.value(i)) + UrlRedaction::Mask
                                              : quotedWord(typed);
        if (word.size() > 40)
            word = word.left(39) + QChar(0x2026);
        return tr("token %1 (\"%2\")").arg(i + 1).arg(word);
    }
    bool fail(qsizetype i, const QString &problem)
    {
        error = ImportError{place(i), problem};
        return false;
    }
    void warn(qsizetype i, const QString &text) { m_warnings.append({i, text}); }
    bool program();
    bool option(qsizetype &i);
    bool positional(qsizetype i);
    bool apply(const Option &o, qsizetype at, qsizetype valueAt, const QString &value);
    bool setUrl(qsizetype at, const QString &text);
    bool clientCertificate(qsizetype at, qsizetype valueAt, const QString &value);
    /// An unknown option may take the next word as its value (curl -U user:password):
    /// that word is never quoted, when @p mayTakeNext and it is no option itself.
    void maskPossibleValue(qsizetype i, bool mayTakeNext)
    {
        if (mayTakeNext && i + 1 < t.size() && !t.at(i + 1).text.startsWith(u'-'))
            m_maskFrom.insert(i + 1, 0);
    }
    bool headerWord(qsizetype at, const QString &word);
    bool addHeader(qsizetype at, const QString &name, const QString &value);
    bool addSubprotocols(qsizetype at, const QString &list);
    bool seconds(qsizetype at, const QString &value, int minMs, int maxMs, int *outMs);
    bool finish();

    const QList<ShellToken> &t;
    QList<std::pair<qsizetype, QString>> m_warnings;
    /// Words that hold a secret (-u user:password), and where in each it starts.
    QHash<qsizetype, qsizetype> m_maskFrom;
    Program m_program = Program::Wscat;
    QString m_name;            ///< "wscat", "websocat" or "curl".
    qsizetype m_programAt = 0; ///< The program's word.
    qsizetype m_urlAt = -1;
};

bool Parser::program()
{
    const auto baseName = [](const QString &word) {
        QString name = word.mid(qMax(word.lastIndexOf(u'/'), word.lastIndexOf(u'\\')) + 1);
        name = name.toLower();
        for (const QLatin1StringView suffix :
             {QLatin1StringView(".exe"), QLatin1StringView(".cmd")}) {
            if (name.endsWith(suffix))
                name.chop(suffix.size());
        }
        return name;
    };
    QString name = baseName(t.at(0).text);
    if (name == u"npx" && t.size() > 1) {
        m_programAt = 1; // "npx wscat -c ..." as wscat's README has it
        name = baseName(t.at(1).text);
    }
    static const QLatin1StringView names[] = {
        QLatin1StringView("wscat"), QLatin1StringView("websocat"), QLatin1StringView("curl")};
    for (int k = 0; k < 3; ++k) {
        if (name == names[k]) {
            m_program = Program(k);
            m_name = names[k];
            return true;
        }
    }
    return fail(m_programAt, tr("unknown program; Sockscope reads wscat, websocat and curl "
                                "commands"));
}

bool Parser::run()
{
    if (!program())
        return false;
    for (qsizetype i = 0; i < t.size(); ++i) {
        if (t.at(i).hasExpansion)
            warn(i, tr("a shell would expand the $ or ` in it; it is kept as written"));
    }
    bool afterDashDash = false;
    for (qsizetype i = m_programAt + 1; i < t.size(); ++i) {
        const QString &w = t.at(i).text;
        if (!afterDashDash && w == u"--") {
            afterDashDash = true;
            continue;
        }
        const bool isOption = !afterDashDash && w.size() > 1 && w.startsWith(u'-');
        if (!(isOption ? option(i) : positional(i)))
            return false;
    }
    return finish();
}

bool Parser::option(qsizetype &i)
{
    const QString w = t.at(i).text;
    if (w.startsWith(u"--")) {
        const qsizetype eq = w.indexOf(u'=');
        const QString name = w.mid(2, eq < 0 ? -1 : eq - 2);
        const Option *o = findLong(m_program, name);
        if (!o) {
            warn(i, tr("not a %1 option Sockscope knows; ignored").arg(m_name));
            maskPossibleValue(i, eq < 0);
            return true;
        }
        if (!o->takesValue) {
            if (eq >= 0)
                return fail(i, tr("--%1 takes no value").arg(name));
            return apply(*o, i, i, QString());
        }
        if (eq >= 0)
            return apply(*o, i, i, w.mid(eq + 1));
        if (i + 1 >= t.size())
            return fail(i, tr("--%1 needs a value").arg(name));
        ++i;
        return apply(*o, i - 1, i, t.at(i).text);
    }
    // Short options, maybe grouped ("-kv"); the first taking a value takes the rest.
    for (qsizetype k = 1; k < w.size(); ++k) {
        const Option *o = findShort(m_program, w.at(k));
        if (!o) {
            warn(i, tr("-%1 is not a %2 option Sockscope knows; ignored").arg(w.at(k)).arg(m_name));
            maskPossibleValue(i, k + 1 == w.size());
            return true;
        }
        if (!o->takesValue) {
            if (!apply(*o, i, i, QString()))
                return false;
            continue;
        }
        if (k + 1 < w.size())
            return apply(*o, i, i, w.mid(k + 1));
        if (i + 1 >= t.size())
            return fail(i, tr("-%1 needs a value").arg(w.at(k)));
        ++i;
        return apply(*o, i - 1, i, t.at(i).text);
    }
    return true;
}

bool Parser::positional(qsizetype i)
{
    const QString &w = t.at(i).text;
    switch (m_program) {
    case Program::Wscat:
        warn(i, tr("wscat takes its URL after -c; this word is ignored"));
        return true;
    case Program::Websocat:
        // The other address of websocat's two (stdio "-", "tcp-l:...") is Sockscope.
        if (!w.contains(u"://")) {
            warn(i, tr("not a WebSocket URL; websocat's other address is ignored"));
            return true;
        }
        return setUrl(i, w);
    case Program::Curl:
        return setUrl(i, w);
    }
    return true;
}

bool Parser::apply(const Option &o, qsizetype at, qsizetype valueAt, const QString &value)
{
    switch (o.action) {
    case Action::Url:
        return setUrl(valueAt, value);
    case Action::Header:
        return headerWord(valueAt, value);
    case Action::NamedHeader:
        return addHeader(valueAt, QLatin1String(o.detail), value);
    case Action::Subprotocol:
        return addSubprotocols(valueAt, value);
    case Action::Insecure:
        p.ignoreTlsErrors = true;
        return true;
    case Action::BasicAuth:
        m_maskFrom.insert(valueAt, valueAt == at ? t.at(at).text.size() - value.size() : 0);
        // RFC 7617 2: "user:pass" in base64, UTF-8 (2.1).
        return addHeader(valueAt, QStringLiteral("Authorization"),
                         QStringLiteral("Basic ") + QString::fromLatin1(value.toUtf8().toBase64()));
    case Action::Cookie:
        if (value.contains(u'=')) {
            m_maskFrom.insert(valueAt, valueAt == at ? t.at(at).text.size() - value.size() : 0);
            return addHeader(valueAt, QStringLiteral("Cookie"), value);
        }
        warn(valueAt, tr("a cookie file; ignored (add its cookies as a Cookie header)"));
        return true;
    case Action::CaFile:
        p.tls.caBundleFile = value;
        return true;
    case Action::ClientCert:
        return clientCertificate(at, valueAt, value);
    case Action::ClientKey:
        p.tls.clientKeyFile = value;
        return true;
    case Action::ConnectTimeout:
        return seconds(valueAt, value, Profile::MinConnectTimeoutMs, Profile::MaxConnectTimeoutMs,
                       &p.connectTimeoutMs);
    case Action::PingInterval:
        return seconds(valueAt, value, Profile::MinPingIntervalMs, Profile::MaxPingIntervalMs,
                       &p.pingIntervalMs);
    case Action::Server:
        return fail(at, tr("%1; Sockscope connects as a client").arg(tr(o.detail)));
    case Action::Ignored:
        if (o.longName && QLatin1String(o.longName) == u"request" && value == u"GET")
            return true;
        if (o.takesValue && valueAt != at) // an ignored option's value may be a password
            m_maskFrom.insert(valueAt, 0);
        warn(at, o.detail ? tr("ignored: %1").arg(tr(o.detail)) : tr("ignored"));
        return true;
    }
    return true;
}

bool Parser::setUrl(qsizetype at, const QString &text)
{
    if (m_urlAt >= 0) {
        warn(at, tr("a second URL; the profile keeps the first"));
        return true;
    }
    QString s = text.trimmed();
    if (!s.contains(u"://")) // wscat adds ws://; curl reads a bare host as http://
        s.prepend(m_program == Program::Curl ? u"http://" : u"ws://");
    QUrl url = Profile::urlFromText(s);
    const QString scheme = url.scheme().toLower();
    if (scheme == u"http" || scheme == u"https") {
        url.setScheme(scheme == u"http" ? QStringLiteral("ws") : QStringLiteral("wss"));
        if (m_program != Program::Curl)
            warn(at, tr("read as %1 (RFC 6455 3)").arg(url.scheme() + QStringLiteral("://")));
    }
    if (const QString problem = Profile::urlProblem(url); !problem.isEmpty())
        return fail(at, problem);
    p.url = url;
    m_urlAt = at;
    return true;
}

/// curl -E "certificate[:password]": the file, and never the password (Sockscope asks
/// for the key's passphrase at Connect). A drive letter's colon (C:\\) is the path's.
bool Parser::clientCertificate(qsizetype at, qsizetype valueAt, const QString &value)
{
    qsizetype colon = value.indexOf(u':', 2);
    while (colon > 0 && value.at(colon - 1) == u'\\')
        colon = value.indexOf(u':', colon + 1);
    if (m_program != Program::Curl || colon < 0) {
        p.tls.clientCertificateFile = value;
        return true;
    }
    p.tls.clientCertificateFile =
        value.left(colon).replace(QStringLiteral("\\:"), QStringLiteral(":"));
    m_maskFrom.insert(valueAt,
                      (valueAt == at ? t.at(at).text.size() - value.size() : 0) + colon + 1);
    warn(valueAt, tr("the certificate's password after the colon is not kept; Sockscope asks "
                     "for the key's passphrase at Connect"));
    return true;
}

bool Parser::headerWord(qsizetype at, const QString &word)
{
    const qsizetype colon = word.indexOf(u':');
    if (colon < 0)
        return fail(at, tr("a header needs a colon between its name and value (\"Name: value\")"));
    return addHeader(at, word.left(colon).trimmed(), word.mid(colon + 1).trimmed());
}

bool Parser::addHeader(qsizetype at, const QString &name, const QString &value)
{
    const QString lower = name.toLower();
    if (writtenByHandshake(lower)) {
        warn(at,
             tr("the %1 header is dropped: QtWebSockets writes its own (RFC 6455 4.1)").arg(name));
        return true;
    }
    if (lower == u"sec-websocket-protocol")
        return addSubprotocols(at, value);
    if (const QString problem = Profile::headerProblem(name, QStringLiteral("x"));
        !problem.isEmpty())
        return fail(at, problem);
    if (value.isEmpty()) {
        warn(at, tr("the %1 header has no value and is dropped; QtWebSockets cannot send an "
                    "empty header")
                     .arg(name));
        return true;
    }
    if (const QString problem = Profile::headerProblem(name, value); !problem.isEmpty())
        return fail(at, problem);
    if (const QString warning = Profile::headerWarning(name); !warning.isEmpty())
        warn(at, warning);
    p.headers.append(HandshakeHeader(name, value, HandshakeHeader::proposedSecret(name)));
    return true;
}

bool Parser::addSubprotocols(qsizetype at, const QString &list)
{
    // RFC 6455 11.3.4: the header's value is a comma-separated list of tokens.
    for (const QString &part : list.split(u',')) {
        const QString s = part.trimmed();
        if (!isToken(s))
            return fail(at, tr("\"%1\" is not a valid subprotocol (an RFC 7230 token, RFC 6455 "
                               "4.1)")
                                .arg(s));
        if (!p.subprotocols.contains(s))
            p.subprotocols.append(s);
    }
    return true;
}

bool Parser::seconds(qsizetype at, const QString &value, int minMs, int maxMs, int *outMs)
{
    bool ok = false;
    const double ms = value.toDouble(&ok) * 1000.0;
    // The range is checked on the double: NaN fails it, and no out-of-range conversion.
    if (!ok || !(ms >= minMs && ms <= maxMs))
        return fail(at, tr("must be a number of seconds from %1 to %2")
                            .arg(minMs / 1000.0)
                            .arg(maxMs / 1000.0));
    *outMs = int(std::lround(ms));
    return true;
}

bool Parser::finish()
{
    if (m_urlAt < 0)
        return fail(m_programAt,
                    m_program == Program::Wscat ? tr("no URL (wscat needs -c URL)") : tr("no URL"));
    p.name = tr("%1: %2").arg(m_name, p.url.host());
    if (const QString problem = p.problem(); !problem.isEmpty())
        return fail(m_programAt, problem);
    return true;
}

} // namespace

ImportResult CommandLineImport::fromText(const QString &commandLine)
{
    ImportError error;
    const QList<ShellToken> tokens = ShellTokenizer::split(commandLine, &error);
    if (!error.isEmpty())
        return ImportResult::failure(error.where, error.problem);
    Parser parser(tokens);
    ImportResult result;
    if (!parser.run()) {
        result.error = parser.error;
        result.warnings = parser.warnings();
        return result;
    }
    result.connections.append(RecordedConnection{parser.p, {}});
    result.warnings = parser.warnings();
    return result;
}
