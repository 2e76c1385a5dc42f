#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QRegularExpression>
#include <QString>
#include <QStringList>

/// The exit status of `sockscope run`, one per way a run can end (documented in
/// --help and the man page).
enum class RunExit : int {
    Ok = 0,                ///< Every step succeeded and the connection ended as asked.
    Failed = 1,            ///< Something else failed: a send refused, a file unreadable.
    BadArguments = 2,      ///< The command line, or the profile it names, cannot be used.
    HandshakeRefused = 3,  ///< The opening handshake did not complete (RFC 6455 4.1).
    ConnectionLost = 4,    ///< TCP ended without a close frame: 1006 (RFC 6455 7.1.5).
    ExpectTimedOut = 5,    ///< An --expect saw no matching text message in time.
    ServerClosedFirst = 6, ///< The server closed while steps were still to run.
    ProtocolError = 7,     ///< QtWebSockets failed the connection (a protocol violation).
    Interrupted = 130      ///< Ctrl+C (SIGINT): closed with 1001 Going Away.
};

/// One step of `sockscope run`, run in order once the opening handshake completes.
struct RunStep
{
    enum class Kind : quint8 {
        SendText,   ///< --send TEXT: a text message, {{variables}} substituted at send.
        SendBinary, ///< --send-hex, --send-base64: a binary message of bytes.
        SendFile,   ///< --send-file PATH: the file's bytes as one binary message.
        Expect,     ///< --expect REGEX [--timeout MS]: wait for a matching text message.
        Wait,       ///< --wait MS.
        Ping,       ///< --ping [PAYLOAD]: a ping of at most 125 bytes (RFC 6455 5.5).
        Close,      ///< --close CODE [--reason TEXT]: the closing handshake (RFC 6455 7).
        Stop        ///< --stop: abort the TCP connection, no close frame.
    };
    Kind kind = Kind::SendText;
    QString text;               ///< SendText's text, SendFile's path, Close's reason.
    QByteArray bytes;           ///< SendBinary's bytes, Ping's payload.
    QRegularExpression pattern; ///< Expect's pattern.
    int ms = 0;                 ///< Expect's timeout, Wait's time, in ms.
    int code = 0;               ///< Close's status code.
    QString argument;           ///< The step as typed, for messages: "--expect ^ok$".
};

/// What `sockscope run [--profiles FILE] [--environment NAME] PROFILE [STEP]...` asks for.
struct RunPlan
{
    Q_DECLARE_TR_FUNCTIONS(RunPlan)
public:
    /// --expect's timeout when none is given, in ms.
    static constexpr int DefaultExpectTimeoutMs = 10000;
    /// The longest --wait or --timeout, in ms: a day.
    static constexpr int MaxWaitMs = 24 * 60 * 60 * 1000;
    /// The largest --send-file, in bytes (as the composer's Send File: 64 MiB).
    static constexpr qint64 MaxFileBytes = 64 * 1024 * 1024;

    QString profilesFile; ///< Empty: the app's own autosaved profiles file.
    QString environment;  ///< Empty: the file's active environment.
    QString profile;      ///< The profile's name, exactly.
    QList<RunStep> steps;
    bool help = false; ///< --help: print helpText() and exit 0.

    /// Whether the steps end the connection themselves (the last is --close or --stop).
    bool endsConnection() const;

    /// Reads the arguments after "run". Every value is checked here, before anything
    /// connects: a close code or reason CloseCodeCatalogue refuses, bad hex or base64, an
    /// invalid regular expression, a ping payload over 125 bytes, a file that cannot be
    /// sent, a step after --close or --stop. On a problem, @p error names the argument
    /// and what is wrong with it.
    static RunPlan parse(const QStringList &arguments, QString *error);
    /// The text --help prints: the synopsis, the steps and the exit statuses.
    static QString helpText();
};
