// CommandLineImport and ShellTokenizer: wscat, websocat and curl commands as pasted from
// docs become profiles; bad ones are refused naming the word or place and the problem.
#include "import/commandlineimport.h"
#include "import/shelltokenizer.h"

#include <QTest>

class TestCommandLineImport : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void tokenizes_data();
    void tokenizes();
    void tokenizerRefuses_data();
    void tokenizerRefuses();
    void tokenizerBounds();
    void imports_data();
    void imports();
    void warns_data();
    void warns();
    void refuses_data();
    void refuses();
    void secretHeadersAreProposedSecret();
};

namespace {

/// "Name=value|Name2=value2": the headers, for comparing in tables.
QString headerList(const Profile &p)
{
    QStringList out;
    for (const HandshakeHeader &h : p.headers)
        out.append(h.name + QLatin1Char('=') + h.value);
    return out.join(QLatin1Char('|'));
}

} // namespace

void TestCommandLineImport::tokenizes_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("words");
    QTest::newRow("blanks") << "a  b\tc\n d" << QStringList{"a", "b", "c", "d"};
    QTest::newRow("single quotes keep all")
        << R"(a 'b "c" \d $e' f)" << QStringList{"a", R"(b "c" \d $e)", "f"};
    QTest::newRow("double quotes escape four")
        << R"("a \"b\" \\ \$x \n")" << QStringList{R"(a "b" \ $x \n)"};
    QTest::newRow("quotes inside the other quotes")
        << R"("it's" 'say "hi"')" << QStringList{"it's", R"(say "hi")"};
    QTest::newRow("double-quoted backslash before a plain character stays")
        << R"("\a" "a\\")" << QStringList{R"(\a)", R"(a\)"};
    QTest::newRow("adjacent quotes join") << R"(a'b'"c"d)" << QStringList{"abcd"};
    QTest::newRow("empty quotes are a word") << "a '' b" << QStringList{"a", "", "b"};
    QTest::newRow("backslash outside quotes") << R"(a\ b \'c)" << QStringList{"a b", "'c"};
    QTest::newRow("continuation") << "curl \\\n  -H x \\\r\n  url"
                                  << QStringList{"curl", "-H", "x", "url"};
    QTest::newRow("continuation in double quotes") << "\"ab\\\ncd\"" << QStringList{"abcd"};
    QTest::newRow("comment") << "a # b c\nd" << QStringList{"a", "d"};
    QTest::newRow("hash inside a word") << "a#b" << QStringList{"a#b"};
    QTest::newRow("non-ASCII") << "wscat -H 'X-Name: Zoë 日本'"
                               << QStringList{"wscat", "-H", "X-Name: Zoë 日本"};
}

void TestCommandLineImport::tokenizes()
{
    QFETCH(QString, text);
    QFETCH(QStringList, words);
    ImportError error;
    const QList<ShellToken> tokens = ShellTokenizer::split(text, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error.text()));
    QStringList got;
    for (const ShellToken &t : tokens)
        got.append(t.text);
    QCOMPARE(got, words);
}

void TestCommandLineImport::tokenizerRefuses_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("where");
    QTest::addColumn<QString>("problem");
    QTest::newRow("empty") << "  \n "
                           << ""
                           << "empty";
    QTest::newRow("only a comment") << "# nothing"
                                    << ""
                                    << "empty";
    QTest::newRow("unterminated single") << "wscat -c 'ws://x"
                                         << "line 1, column 10"
                                         << "single quote is never closed";
    QTest::newRow("unterminated double on line 2") << "wscat \\\n  -H \"a: b"
                                                   << "line 2, column 6"
                                                   << "double quote is never closed";
    QTest::newRow("escaped closing double quote") << R"(wscat -H "a: b\")"
                                                  << "line 1, column 10"
                                                  << "double quote is never closed";
    QTest::newRow("trailing backslash") << "wscat \\"
                                        << "line 1, column 7"
                                        << "backslash";
    QTest::newRow("ansi-c quoting") << "wscat -H $'a\\tb'"
                                    << "line 1, column 10"
                                    << "$'...'";
    QTest::newRow("pipe") << "wscat -c ws://x | jq"
                          << "line 1, column 17"
                          << "\"|\"";
    QTest::newRow("unquoted ampersand") << "curl ws://h/?a=1&b=2"
                                        << "line 1, column 17"
                                        << "shell operator";
    QTest::newRow("redirection") << "websocat ws://x > out"
                                 << "line 1, column 17"
                                 << "\">\"";
}

void TestCommandLineImport::tokenizerRefuses()
{
    QFETCH(QString, text);
    QFETCH(QString, where);
    QFETCH(QString, problem);
    ImportError error;
    QVERIFY(ShellTokenizer::split(text, &error).isEmpty());
    QCOMPARE(error.where, where);
    QVERIFY2(error.problem.contains(problem), qPrintable(error.problem));
    // The same through the importer.
    const ImportResult r = CommandLineImport::fromText(text);
    QVERIFY(!r.ok());
    QVERIFY(r.connections.isEmpty());
    QCOMPARE(r.error.where, where);
}

void TestCommandLineImport::tokenizerBounds()
{
    ImportError error;
    const QString longest =
        QStringLiteral("curl ") + QString(ShellTokenizer::MaxInputBytes - 5, u'a');
    QVERIFY(!ShellTokenizer::split(longest, &error).isEmpty());
    QVERIFY(error.isEmpty());
    QVERIFY(ShellTokenizer::split(longest + u'a', &error).isEmpty());
    QVERIFY2(error.problem.contains(QLatin1String("64 KiB")), qPrintable(error.problem));
    // Counted in UTF-8 bytes: 30,000 three-byte characters are 90 KB.
    QVERIFY(ShellTokenizer::split(QString(30000, QChar(0x65e5)), &error).isEmpty());
    QVERIFY(error.problem.contains(QLatin1String("64 KiB")));

    QString words = QStringLiteral("curl");
    for (int i = 1; i < ShellTokenizer::MaxTokens; ++i)
        words += QStringLiteral(" a");
    QCOMPARE(ShellTokenizer::split(words, &error).size(), ShellTokenizer::MaxTokens);
    QVERIFY(ShellTokenizer::split(words + QStringLiteral(" b"), &error).isEmpty());
    QCOMPARE(error.where, QStringLiteral("line 1, column %1").arg(words.size() + 2));
    QVERIFY(error.problem.contains(QLatin1String("more than 1000 words")));
}

void TestCommandLineImport::imports_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("headers");
    QTest::addColumn<QStringList>("subprotocols");
    QTest::addColumn<bool>("ignoreTls");

    QTest::newRow("wscat -c") << "wscat -c wss://echo.example.com/chat"
                              << "wscat: echo.example.com"
                              << "wss://echo.example.com/chat"
                              << "" << QStringList() << false;
    QTest::newRow("wscat long options")
        << "wscat --connect ws://127.0.0.1:8765/ --header 'X-A: 1' --subprotocol chat "
           "--no-check"
        << "wscat: 127.0.0.1"
        << "ws://127.0.0.1:8765/"
        << "X-A=1" << QStringList{"chat"} << true;
    QTest::newRow("wscat short options, repeated")
        << "wscat -n -H \"X-A: 1\" -H 'X-B:two words ' -s a -s b -c ws://h:1/p?q=1"
        << "wscat: h"
        << "ws://h:1/p?q=1"
        << "X-A=1|X-B=two words" << QStringList{"a", "b"} << true;
    QTest::newRow("wscat --header=, -Hvalue") << "wscat --header=X-A:1 -HX-B:2 --connect=ws://h"
                                              << "wscat: h"
                                              << "ws://h"
                                              << "X-A=1|X-B=2" << QStringList() << false;
    QTest::newRow("wscat without a scheme is ws") << "wscat -c localhost:8080"
                                                  << "wscat: localhost"
                                                  << "ws://localhost:8080"
                                                  << "" << QStringList() << false;
    QTest::newRow("wscat origin and auth")
        << "wscat -o https://app.example -c ws://h --auth user:pa:ss"
        << "wscat: h"
        << "ws://h"
        << "Origin=https://app.example|Authorization=Basic dXNlcjpwYTpzcw==" << QStringList()
        << false;
    QTest::newRow("npx wscat, with a path") << "npx /opt/bin/wscat -c ws://h"
                                            << "wscat: h"
                                            << "ws://h"
                                            << "" << QStringList() << false;
    QTest::newRow("websocat") << "websocat -H 'Authorization: Bearer t0k' --protocol v1.chat "
                                 "wss://api.example.com/ws"
                              << "websocat: api.example.com"
                              << "wss://api.example.com/ws"
                              << "Authorization=Bearer t0k" << QStringList{"v1.chat"} << false;
    QTest::newRow("websocat -k, --header=, --insecure") << "websocat -k --header=X-A:1 ws://h:9/"
                                                        << "websocat: h"
                                                        << "ws://h:9/"
                                                        << "X-A=1" << QStringList() << true;
    QTest::newRow("websocat --insecure, protocol list")
        << "websocat --insecure --protocol 'a, b' ws://h"
        << "websocat: h"
        << "ws://h"
        << "" << QStringList{"a", "b"} << true;
    QTest::newRow("curl as in the docs")
        << "curl --include \\\n     --no-buffer \\\n     --header \"Connection: Upgrade\" \\\n"
           "     --header \"Upgrade: websocket\" \\\n     --header \"Host: example.com:80\" \\\n"
           "     --header \"Origin: http://example.com:80\" \\\n"
           "     --header \"Sec-WebSocket-Key: SGVsbG8sIHdvcmxkIQ==\" \\\n"
           "     --header \"Sec-WebSocket-Version: 13\" \\\n     http://example.com:80/"
        << "curl: example.com"
        << "ws://example.com:80/"
        << "Origin=http://example.com:80" << QStringList() << false;
    QTest::newRow("curl https and protocol header")
        << "curl -k -H 'Sec-WebSocket-Protocol: graphql-ws, graphql-transport-ws' "
           "-A sockscope/1 https://h/graphql"
        << "curl: h"
        << "wss://h/graphql"
        << "User-Agent=sockscope/1" << QStringList{"graphql-ws", "graphql-transport-ws"} << true;
    QTest::newRow("curl ws:// and --url, -X GET") << "curl -X GET --url ws://h/x"
                                                  << "curl: h"
                                                  << "ws://h/x"
                                                  << "" << QStringList() << false;
    QTest::newRow("curl bare host is http") << "curl h:8080/ws"
                                            << "curl: h"
                                            << "ws://h:8080/ws"
                                            << "" << QStringList() << false;
    QTest::newRow("curl -b cookie, -u user")
        << "curl -b 'a=1; b=2' -u me:pw ws://h"
        << "curl: h"
        << "ws://h"
        << "Cookie=a=1; b=2|Authorization=Basic bWU6cHc=" << QStringList() << false;
    QTest::newRow("curl grouped short flags") << "curl -skH 'X-A: 1' ws://h"
                                              << "curl: h"
                                              << "ws://h"
                                              << "X-A=1" << QStringList() << true;
    QTest::newRow("after -- a dash word is the URL") << "curl -- ws://h/-x"
                                                     << "curl: h"
                                                     << "ws://h/-x"
                                                     << "" << QStringList() << false;
    QTest::newRow("IPv6 host") << "wscat -c 'ws://[::1]:8765/'"
                               << "wscat: ::1"
                               << "ws://[::1]:8765/"
                               << "" << QStringList() << false;
}

void TestCommandLineImport::imports()
{
    QFETCH(QString, command);
    QFETCH(QString, name);
    QFETCH(QString, url);
    QFETCH(QString, headers);
    QFETCH(QStringList, subprotocols);
    QFETCH(bool, ignoreTls);
    const ImportResult r = CommandLineImport::fromText(command);
    QVERIFY2(r.ok(), qPrintable(r.error.text()));
    QCOMPARE(r.connections.size(), 1);
    const Profile &p = r.connections.first().profile;
    QVERIFY(r.connections.first().events.isEmpty());
    QCOMPARE(p.name, name);
    QCOMPARE(p.url.toString(), url);
    QCOMPARE(headerList(p), headers);
    QCOMPARE(p.subprotocols, subprotocols);
    QCOMPARE(p.ignoreTlsErrors, ignoreTls);
    QCOMPARE(p.problem(), QString());
}

void TestCommandLineImport::warns_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<QStringList>("warnings"); // each a substring of one warning, in order
    QTest::newRow("curl drops handshake headers")
        << "curl -i -N -H 'Connection: Upgrade' -H 'Upgrade: websocket' "
           "-H 'Sec-WebSocket-Key: x' -H 'Sec-WebSocket-Version: 13' http://h/"
        << QStringList{"token 2 (\"-i\"): ignored: the Handshake view",
                       "token 3 (\"-N\"): ignored",
                       "token 5 (\"Connection: Upgrade\"): the Connection header is dropped",
                       "token 7 (\"Upgrade: websocket\"): the Upgrade header is dropped",
                       "token 9 (\"Sec-WebSocket-Key: •••\"): the Sec-WebSocket-Key header",
                       "token 11 (\"Sec-WebSocket-Version: 13\"): the Sec-WebSocket-Version"};
    QTest::newRow("wscat ignored options")
        << "wscat -P --slash -x hello -c ws://h --frobnicate"
        << QStringList{"token 2 (\"-P\"): ignored: the log always shows pings",
                       "token 3 (\"--slash\"): ignored", "token 4 (\"-x\"): ignored: send it",
                       "token 8 (\"--frobnicate\"): not a wscat option"};
    QTest::newRow("wscat http is read as ws")
        << "wscat -c http://h" << QStringList{"token 3 (\"http://h\"): read as ws://"};
    QTest::newRow("websocat other address")
        << "websocat -t - ws://h"
        << QStringList{"token 2 (\"-t\"): ignored", "token 3 (\"-\"): not a WebSocket URL"};
    QTest::newRow("shell variable kept")
        << "websocat -H \"Authorization: Bearer $TOKEN\" ws://h"
        << QStringList{"token 3 (\"Authorization: •••\"): a shell would expand"};
    // A quoted word that holds a secret is hidden: the warnings may be shown or copied.
    QTest::newRow("secret header quoted")
        << "curl -H \"Cookie: sid=s3cret$x\" -HAuthorization:s3cret$y ws://h"
        << QStringList{"token 3 (\"Cookie: •••\"): a shell would expand",
                       "token 4 (\"-HAuthorization: •••\"): a shell would expand"};
    QTest::newRow("curl -u quoted")
        << "curl -u bob:s3cret$ --user=bob:s3cret` ws://h"
        << QStringList{"token 3 (\"•••\"): a shell would expand",
                       "token 4 (\"--user=•••\"): a shell would expand"};
    QTest::newRow("unknown --name=value")
        << "wscat -c ws://h --passphrase=s3cret" << QStringList{"token 4 (\"--passphrase=•••\")"};
    QTest::newRow("proxy user") << "curl -U bob:s3cret ws://h"
                                << QStringList{"token 2 (\"-U\"): ignored: set the proxy"};
    QTest::newRow("unknown option's value word")
        << "wscat -c ws://h -Z \"s3cret$x\""
        << QStringList{"token 5 (\"•••\"): a shell would", "token 4 (\"-Z\"): -Z is not",
                       "token 5 (\"•••\"): wscat takes its URL after -c"};
    QTest::newRow("ignored option's value")
        << "curl --data \"pw=s3cret$x\" ws://h"
        << QStringList{"token 3 (\"•••\"): a shell would", "token 2 (\"--data\"): ignored"};
    QTest::newRow("ignored --name=value")
        << "curl --data=password=s3cret ws://h" << QStringList{"token 2 (\"--data=•••\"): ignored"};
    QTest::newRow("secret header holding a URL")
        << "curl -H \"Cookie: sid=s3cret; next=https://x/$y\" ws://h"
        << QStringList{"token 3 (\"Cookie: •••\"): a shell would expand"};
    QTest::newRow("certificate password")
        << "curl -E cert.pem:s3cret ws://h"
        << QStringList{"token 3 (\"cert.pem:•••\"): the certificate's password"};
    QTest::newRow("URL quoted") << "wscat -c \"http://u:s3cret@h/?token=s3cret&x=$y\""
                                << QStringList{"token 3 (\"http://u:•••@h/?token=•••&x=$y\")",
                                               "token 3 (\"http://u:•••@h/?token=•••&x=$y\")"};
    QTest::newRow("second URL") << "curl ws://a ws://b"
                                << QStringList{"token 3 (\"ws://b\"): a second URL"};
    QTest::newRow("empty header value")
        << "curl -H 'X-Empty:' ws://h" << QStringList{"the X-Empty header has no value"};
    QTest::newRow("extensions offer") << "curl -H 'Sec-WebSocket-Extensions: permessage-deflate' "
                                         "ws://h"
                                      << QStringList{"implements no extension"};
    QTest::newRow("cookie file") << "curl -b cookies.txt ws://h"
                                 << QStringList{"token 3 (\"cookies.txt\"): a cookie file"};
    QTest::newRow("curl -X POST") << "curl -X POST ws://h"
                                  << QStringList{"token 2 (\"-X\"): ignored: the opening "
                                                 "handshake is a GET"};
}

void TestCommandLineImport::warns()
{
    QFETCH(QString, command);
    QFETCH(QStringList, warnings);
    const ImportResult r = CommandLineImport::fromText(command);
    QVERIFY2(r.ok(), qPrintable(r.error.text()));
    QVERIFY2(r.warnings.size() == warnings.size(), qPrintable(r.warnings.join(u'|')));
    for (qsizetype i = 0; i < warnings.size(); ++i) {
        QVERIFY2(r.warnings.at(i).contains(warnings.at(i)), qPrintable(r.warnings.at(i)));
        QVERIFY2(!r.warnings.at(i).contains(QLatin1String("s3cret")), qPrintable(r.warnings.at(i)));
    }
}

void TestCommandLineImport::refuses_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<QString>("where");
    QTest::addColumn<QString>("problem");
    QTest::newRow("unknown program") << "nc -v h 80"
                                     << "token 1 (\"nc\")"
                                     << "unknown program";
    QTest::newRow("wscat without -c") << "wscat -H 'a: b'"
                                      << "token 1 (\"wscat\")"
                                      << "no URL (wscat needs -c URL)";
    QTest::newRow("websocat without URL") << "websocat -t -"
                                          << "token 1 (\"websocat\")"
                                          << "no URL";
    QTest::newRow("curl without URL") << "curl -i"
                                      << "token 1 (\"curl\")"
                                      << "no URL";
    QTest::newRow("bad scheme") << "curl ftp://h/"
                                << "token 2 (\"ftp://h/\")"
                                << "must start with ws:// or wss://, not ftp://";
    QTest::newRow("websocat bad scheme") << "websocat tcp://h:1"
                                         << "token 2 (\"tcp://h:1\")"
                                         << "not tcp://";
    QTest::newRow("no host") << "wscat -c ws:///x"
                             << "token 3 (\"ws:///x\")"
                             << "no host";
    QTest::newRow("fragment") << "wscat -c ws://h/#f"
                              << "token 3 (\"ws://h/#f\")"
                              << "fragment";
    QTest::newRow("header without colon") << "wscat -c ws://h -H NoColon"
                                          << "token 5 (\"NoColon\")"
                                          << "needs a colon";
    QTest::newRow("--header= without colon") << "websocat --header=NoColon ws://h"
                                             << "token 2 (\"--header=NoColon\")"
                                             << "needs a colon";
    QTest::newRow("bad header name") << "curl -H 'Bad Name: v' ws://h"
                                     << "token 3 (\"Bad Name: v\")"
                                     << "not a valid HTTP token";
    QTest::newRow("header value with a line break") << "curl -H $'X: a' ws://h"
                                                    << "line 1, column 9"
                                                    << "$'...'";
    QTest::newRow("option missing its value") << "wscat -c"
                                              << "token 2 (\"-c\")"
                                              << "-c needs a value";
    QTest::newRow("long option missing its value") << "curl ws://h --header"
                                                   << "token 3 (\"--header\")"
                                                   << "--header needs a value";
    QTest::newRow("secret header without its colon")
        << "curl -H \"Authorization Bearer s3cret\" ws://h"
        << "token 3 (\"Authorization •••\")"
        << "needs a colon";
    QTest::newRow("flag given a value") << "curl --insecure=yes ws://h"
                                        << "token 2 (\"--insecure=•••\")"
                                        << "takes no value";
    QTest::newRow("wscat server") << "wscat -l 8080"
                                  << "token 2 (\"-l\")"
                                  << "listens as a server";
    QTest::newRow("bad subprotocol") << "wscat -c ws://h -s 'a b'"
                                     << "token 5 (\"a b\")"
                                     << "not a valid subprotocol";
    QTest::newRow("empty subprotocol in list") << "curl -H 'Sec-WebSocket-Protocol: a,,b' ws://h"
                                               << "token 3 (\"Sec-WebSocket-Protocol: a,,b\")"
                                               << "\"\" is not a valid subprotocol";
    QTest::newRow("bad timeout") << "curl --connect-timeout soon ws://h"
                                 << "token 3 (\"soon\")"
                                 << "number of seconds from 0.1 to 600";
    QTest::newRow("nan timeout") << "curl --connect-timeout nan ws://h"
                                 << "token 3 (\"nan\")"
                                 << "number of seconds";
    QTest::newRow("huge ping interval") << "websocat --ping-interval 1e300 ws://h"
                                        << "token 3 (\"1e300\")"
                                        << "number of seconds";
    QTest::newRow("a long word is cut short in the place")
        << "curl ftp://h/" + QString(100, u'a')
        << "token 2 (\"ftp://h/" + QString(31, u'a') + QChar(0x2026) + "\")"
        << "not ftp://";
}

void TestCommandLineImport::refuses()
{
    QFETCH(QString, command);
    QFETCH(QString, where);
    QFETCH(QString, problem);
    const ImportResult r = CommandLineImport::fromText(command);
    QVERIFY(!r.ok());
    QVERIFY(r.connections.isEmpty());
    QCOMPARE(r.error.where, where);
    QVERIFY2(r.error.problem.contains(problem), qPrintable(r.error.problem));
    QVERIFY(r.error.text().startsWith(where + ": "));
    QVERIFY2(!r.error.text().contains(QLatin1String("s3cret")), qPrintable(r.error.text()));
}

void TestCommandLineImport::secretHeadersAreProposedSecret()
{
    // curl -E's "certificate:password": the file is kept, the password nowhere.
    const ImportResult cert =
        CommandLineImport::fromText(QStringLiteral("curl -E c.pem:s3cret ws://h"));
    QVERIFY(cert.ok());
    QCOMPARE(cert.connections.first().profile.tls.clientCertificateFile, QStringLiteral("c.pem"));

    const ImportResult r = CommandLineImport::fromText(
        "curl -H 'Authorization: Bearer abc' -H 'X-Api-Key: k' -H 'X-Plain: p' ws://h");
    QVERIFY(r.ok());
    const QList<HandshakeHeader> &h = r.connections.first().profile.headers;
    QCOMPARE(h.size(), 3);
    QVERIFY(h.at(0).secret);
    QCOMPARE(h.at(0).value, QStringLiteral("Bearer abc")); // this run's value
    QVERIFY(h.at(1).secret);
    QVERIFY(!h.at(2).secret);
}

QTEST_GUILESS_MAIN(TestCommandLineImport)
#include "tst_commandlineimport.moc"
