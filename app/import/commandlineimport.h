#pragma once

#include "import/recordedlog.h"

#include <QCoreApplication>
#include <QString>

/// Turns a pasted wscat, websocat or curl command line into a Profile.
///
/// The text is split as a POSIX shell would (ShellTokenizer: quotes, backslash-newline
/// continuations; at most 64 KiB and 1000 words). The program is the first word's file
/// name ("/usr/bin/wscat", "wscat.cmd" and "npx wscat" are wscat too). Then:
/// - wscat (websockets/wscat 5): `-c/--connect URL`, `-H/--header "Name: value"`,
///   `-s/--subprotocol p`, `-n/--no-check` (ignoreTlsErrors), `-o/--origin`,
///   `--auth user:pass` (an Authorization: Basic header, RFC 7617), `--ca`, `--cert`,
///   `--key` (TLS files). A URL without a scheme is read as ws:// (as wscat does).
/// - websocat (vi/websocat 1.x): the first address is the URL, `-H/--header`,
///   `--protocol p`, `-k/--insecure`, `--origin`, `--basic-auth user:pass`,
///   `--ping-interval seconds`.
/// - curl: the first URL (or `--url`), `-H/--header`, `-k/--insecure`,
///   `-A/--user-agent`, `-e/--referer`, `-b/--cookie name=value`, `-u/--user user:pass`,
///   `--connect-timeout seconds`, `--cacert`, `-E/--cert`, `--key`. http:// becomes
///   ws:// and https:// wss:// (RFC 6455 3); a bare host is http:// as curl reads it.
/// Long options may be written `--name=value`, short ones `-Hvalue`. The headers a
/// WebSocket handshake writes itself (Host, Connection, Upgrade, Sec-WebSocket-Key,
/// Sec-WebSocket-Version; RFC 6455 4.1) are dropped with a warning, as QtWebSockets
/// sends its own; Sec-WebSocket-Protocol becomes subprotocols (RFC 6455 11.3.4). A
/// header whose name HandshakeHeader::proposedSecret() flags is marked secret, its
/// value kept for this run. Options read but not used (wscat -P, curl --include,
/// websocat -t...) are warnings naming the word; unknown options are warnings too.
/// `$VAR` is kept as written, with a warning.
///
/// Errors name the word ("token 3 (\"-H\")") or the place ("line 2, column 9") and the
/// problem: an empty or too long text, an unterminated quote, an unknown program, a
/// missing URL, a URL that is not ws, wss, http or https, a header without a colon or
/// with a bad name, an option missing its value, a server mode (wscat -l).
///
/// On success the result holds one connection, with no events, named after the program
/// and the URL's host ("wscat: echo.example.com").
class CommandLineImport
{
    Q_DECLARE_TR_FUNCTIONS(CommandLineImport)
public:
    static ImportResult fromText(const QString &commandLine);
};
