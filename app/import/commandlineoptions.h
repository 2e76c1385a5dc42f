#pragma once
// The options CommandLineImport knows, per program: one table each, read by the parser.

#include <QStringView>

namespace CommandLineOptions {

enum class Program { Wscat, Websocat, Curl };

/// What an option does to the profile.
enum class Action {
    Url,            ///< The URL (wscat -c, curl --url).
    Header,         ///< "Name: value".
    NamedHeader,    ///< A header whose name the option says (curl -A: User-Agent).
    Subprotocol,    ///< Sec-WebSocket-Protocol (RFC 6455 11.3.4).
    Insecure,       ///< Profile::ignoreTlsErrors.
    BasicAuth,      ///< "user:pass" -> Authorization: Basic (RFC 7617).
    Cookie,         ///< curl -b: "name=value" is a Cookie header, anything else a file.
    CaFile,         ///< TlsFiles::caBundleFile.
    ClientCert,     ///< TlsFiles::clientCertificateFile.
    ClientKey,      ///< TlsFiles::clientKeyFile.
    ConnectTimeout, ///< Seconds -> Profile::connectTimeoutMs.
    PingInterval,   ///< Seconds -> Profile::pingIntervalMs.
    Server,         ///< A server mode: refused, Sockscope is a client.
    Ignored         ///< Read and left out, with a warning saying why.
};

struct Option
{
    const char *longName; ///< Without "--"; null for a short-only option.
    char shortName;       ///< 0 for a long-only option.
    bool takesValue;
    Action action;
    /// NamedHeader: the header's name; Ignored and Server: why (translated in the
    /// "CommandLineImport" context).
    const char *detail = nullptr;
};

/// The option called @p name (without "--") of @p program, or null.
const Option *findLong(Program program, QStringView name);
/// The option -@p letter of @p program, or null.
const Option *findShort(Program program, QChar letter);

/// @p word as a warning or error may quote it, with what may be a secret hidden: a
/// secret-looking header's value ("-HAuthorization: Bearer x" as "-HAuthorization: •••",
/// also without the colon), the value of any "--name=value" but --url's and --header's,
/// and a URL's password and secret-looking query values (UrlRedaction).
QString quotedWord(const QString &word);

} // namespace CommandLineOptions
