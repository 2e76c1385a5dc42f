#pragma once

#include "log/payloadcodec.h"
#include "profiles/transportoptions.h"
#include "protocol/peerlimits.h"

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

/// One extra header sent with the opening handshake (RFC 6455 4.1).
struct HandshakeHeader
{
    HandshakeHeader() = default;
    HandshakeHeader(QString name, QString value, bool secret = false, QString secretRef = {})
        : name(std::move(name)), value(std::move(value)), secret(secret),
          secretRef(std::move(secretRef))
    {}
    QString name;
    QString value; ///< For a secret: the keychain's value in this run, or empty.
    /// The value is kept in the OS keychain (SecretStore) under secretRef, never in the
    /// profiles file, and shown as VariableResolver::Redacted in the log.
    bool secret = false;
    QString secretRef; ///< The keychain entry of a secret's value; ProfileModel assigns it.
    friend bool operator==(const HandshakeHeader &a, const HandshakeHeader &b)
    {
        return a.name == b.name && a.value == b.value && a.secret == b.secret &&
               a.secretRef == b.secretRef;
    }
    /// Whether a header called @p name is proposed as secret: Authorization,
    /// Proxy-Authorization, Cookie, and names holding "token", "secret", "password" or
    /// "key" (X-Api-Key, Sec-WebSocket-Key-like names), case-insensitively.
    static bool proposedSecret(QStringView name);
};

/// A saved composer message, stored with its profile.
struct Snippet
{
    QString name;    ///< Shown in the snippet list; non-empty.
    QString payload; ///< The composer text, in format.
    PayloadFormat format = PayloadFormat::Text;
    friend bool operator==(const Snippet &a, const Snippet &b)
    {
        return a.name == b.name && a.payload == b.payload && a.format == b.format;
    }
};

/// A named connection profile: everything needed to open one WebSocket connection.
struct Profile
{
    static constexpr int DefaultConnectTimeoutMs = 10000;
    static constexpr int MinConnectTimeoutMs = 100;
    static constexpr int MaxConnectTimeoutMs = 600000;
    /// How long the server has to answer a close frame and close TCP (RFC 6455 7.1.1).
    static constexpr int DefaultCloseTimeoutMs = 5000;
    static constexpr int MinCloseTimeoutMs = 10;
    static constexpr int MaxCloseTimeoutMs = 600000;
    static constexpr int MinPingIntervalMs = 100;
    static constexpr int MaxPingIntervalMs = 3600000;
    static constexpr int MaxSnippets = 1000;

    QString name; ///< Unique, non-empty, trimmed.
    QUrl url;     ///< ws:// or wss://; unused when builtInEchoServer.
    /// The URL as typed when it holds `{{name}}` references (VariableResolver), which
    /// QUrl would percent-encode; url is then empty, and ProfileResolver gives it at
    /// Connect from the active environment.
    QString urlTemplate;
    bool builtInEchoServer = false; ///< Connect to the echo server the app runs on loopback.
    QList<HandshakeHeader> headers; ///< Extra opening-handshake headers, in order.
    QStringList subprotocols;       ///< Offered in Sec-WebSocket-Protocol (RFC 6455 1.9).
    int connectTimeoutMs = DefaultConnectTimeoutMs; ///< Opening-handshake deadline, in ms.
    /// How long the server has to answer this client's close frame and close TCP, in ms,
    /// once QtWebSockets has dropped its side (the wire tap waits; RFC 6455 7.1.1).
    int closeTimeoutMs = DefaultCloseTimeoutMs;
    bool ignoreTlsErrors = false; ///< Accept any certificate (QSslSocket::ignoreSslErrors).
    TlsFiles tls;                 ///< wss://: CA bundle and client certificate files.
    ProxySettings proxy;          ///< The proxy toward the server; none by default.
    int pingIntervalMs = 0;       ///< Periodic ping (RFC 6455 5.5.2) every this many ms; 0 = off.
    int maxLogRows = 0;           ///< Keep at most this many log rows (oldest go); 0 = all.
    /// The largest message accepted from the server, in MiB (1 MiB = 2^20 bytes).
    int maxIncomingMessageMiB = Limits::DefaultMaxIncomingMessageMiB;
    /// The tab's log memory budget, in MiB: past it the oldest payloads are dropped.
    int logMemoryBudgetMiB = Limits::DefaultLogMemoryBudgetMiB;
    QList<Snippet> snippets; ///< Saved composer messages, in order.
    /// Show secret-looking query values in the log, exports and URL labels; the
    /// password is hidden regardless (UrlRedaction::redactedUrl).
    bool showSecretsInLog = false;

    friend bool operator==(const Profile &a, const Profile &b)
    {
        return a.name == b.name && a.url == b.url && a.urlTemplate == b.urlTemplate &&
               a.builtInEchoServer == b.builtInEchoServer && a.headers == b.headers &&
               a.subprotocols == b.subprotocols && a.connectTimeoutMs == b.connectTimeoutMs &&
               a.closeTimeoutMs == b.closeTimeoutMs && a.ignoreTlsErrors == b.ignoreTlsErrors &&
               a.tls == b.tls && a.proxy == b.proxy && a.pingIntervalMs == b.pingIntervalMs &&
               a.maxLogRows == b.maxLogRows && a.maxIncomingMessageMiB == b.maxIncomingMessageMiB &&
               a.logMemoryBudgetMiB == b.logMemoryBudgetMiB && a.snippets == b.snippets &&
               a.showSecretsInLog == b.showSecretsInLog;
    }
    friend bool operator!=(const Profile &a, const Profile &b) { return !(a == b); }

    /// The default profile a first-time user gets: the built-in echo server.
    static Profile localEcho();

    /// Why @p url cannot be connected to (not ws/wss, no host, malformed); empty if fine.
    static QString urlProblem(const QUrl &url);
    /// The WebSocket URL that @p typed most likely means when it lacks the ws:// or
    /// wss:// scheme (RFC 6455 3): "127.0.0.1:8765" -> "ws://127.0.0.1:8765",
    /// "http://host/x" -> "ws://host/x", "https://host" -> "wss://host". Empty when
    /// @p typed has a WebSocket scheme already, or when the suggestion would not be a
    /// valid URL (urlProblem()) either.
    static QString suggestedUrl(const QString &typed);
    /// Parses user text strictly; an unparsable string gives an invalid QUrl.
    static QUrl urlFromText(const QString &text);
    /// Sets url, or urlTemplate when @p text holds `{{…}}` references (trimmed).
    void setUrlText(const QString &text);
    /// The URL as the user typed it: urlTemplate, or url as text.
    QString urlText() const;
    /// Why @p text, a URL template, cannot become a WebSocket URL whatever its variables
    /// hold (it must start with ws://, wss:// or a reference); empty if fine.
    static QString urlTemplateProblem(const QString &text);
    /// @p url with an empty path replaced by "/": QtWebSockets 6.4 would otherwise send
    /// the request line "GET ?x=1 HTTP/1.1" (QTBUG-120492).
    static QUrl normalisedUrl(QUrl url);
    /// Why a handshake header cannot be sent; empty if fine. Names must be RFC 7230
    /// tokens, values must be non-empty (QNetworkRequest drops an empty one) Latin-1
    /// without CR, LF or NUL, and the headers QWebSocket writes
    /// itself (Host, Upgrade, Connection, Sec-WebSocket-Key/-Version/-Protocol) are refused:
    /// QWebSocket 6.4 would send them twice.
    static QString headerProblem(const QString &name, const QString &value);
    /// A warning for a header that is sent but will not work as typed, or empty: a
    /// Sec-WebSocket-Extensions offer (RFC 6455 9.1), since QtWebSockets 6.4 implements
    /// no extension and fails the connection on the RSV bits of any the server accepts.
    static QString headerWarning(const QString &name);
    /// Why @p name is not a usable profile name (empty); uniqueness is the model's job.
    static QString nameProblem(const QString &name);
    /// The first problem of this profile's own fields, or empty.
    QString problem() const;

    // Last: the macro leaves what follows private. Context "Profile".
    Q_DECLARE_TR_FUNCTIONS(Profile)
};
