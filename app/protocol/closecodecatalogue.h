#pragma once

#include <QCoreApplication>
#include <QList>
#include <QString>

/// How a close frame's status code is classified by RFC 6455 section 7.4 and the
/// IANA "WebSocket Close Code Number Registry".
enum class CloseCodeClass : quint8 {
    Unused,     ///< 0-999: RFC 6455 7.4.2, not used.
    Standard,   ///< A registered 1000-1014 code that an endpoint may send.
    NeverSent,  ///< 1005, 1006, 1015: RFC 6455 7.4.1 "MUST NOT be set ... by an endpoint".
    Reserved,   ///< 1004 and 1016-2999: reserved for the protocol.
    Registered, ///< 3000-3999: registered with IANA for libraries, frameworks, applications.
    PrivateUse, ///< 4000-4999: private use.
    OutOfRange  ///< 5000 and above: outside every range RFC 6455 7.4.2 defines.
};

/// One named status code of the IANA registry (1000-1015).
struct CloseCodeInfo
{
    quint16 code;
    QString name;        ///< IANA name, e.g. "Going Away".
    QString description; ///< RFC 6455 7.4.1 meaning, one sentence.
};

/// Outcome of checking a close request before it reaches the wire.
struct CloseCheck
{
    bool ok = false;
    QString problem;     ///< Why the close frame may not be sent; empty when ok.
    int reasonBytes = 0; ///< UTF-8 length of the reason, in bytes.
};

/// The one catalogue of RFC 6455 close status codes.
///
/// The close-code dropdown, the validation before QWebSocket::close(), the tooltips
/// and the message log's wording all read this class; nothing else lists codes.
/// QWebSocket 6.4 validates none of this (see shared notes), and
/// QWebSocketProtocol::CloseCode lacks 1012-1014 and the 3000-4999 ranges.
class CloseCodeCatalogue final
{
    Q_DECLARE_TR_FUNCTIONS(CloseCodeCatalogue)
public:
    /// A close frame payload is at most 125 bytes (RFC 6455 5.5); 2 hold the code.
    static constexpr int MaxReasonBytes = 123;
    static constexpr int MinApplicationCode = 3000;
    static constexpr int MaxApplicationCode = 4999;

    /// Status codes named where the engine or the close controls use them (RFC 6455
    /// 7.4.1; the rest are in namedCodes()).
    static constexpr int NormalClosure = 1000;
    static constexpr int GoingAway = 1001;
    static constexpr int NoStatusReceived = 1005; ///< Reported locally, never sent.
    static constexpr int AbnormalClosure = 1006;  ///< Reported locally, never sent.
    static constexpr int TlsHandshake = 1015;     ///< Reported locally, never sent.
    static constexpr int FirstPrivateUse = 4000;  ///< 4000-4999: private use (RFC 6455 7.4.2).

    /// The named codes 1000-1015 in ascending order, including those never sent.
    static const QList<CloseCodeInfo> &namedCodes();
    /// Named codes an endpoint may send, for the dropdown (1000-1003, 1007-1014).
    static QList<CloseCodeInfo> sendableNamedCodes();

    static CloseCodeClass classify(int code);
    /// True when RFC 6455 7.4 allows an endpoint to put @p code in a close frame.
    static bool maySend(int code);
    /// IANA name for a named code, else the name of its range ("Private use", ...).
    static QString name(int code);
    /// RFC 6455 meaning for a named code, else what its range is for.
    static QString description(int code);
    /// "1001 Going Away": how a code is shown in the dropdown and the log.
    static QString label(int code);
    /// Checks a close request: a sendable code and a reason of at most
    /// MaxReasonBytes UTF-8 bytes. The reason is never cut: QWebSocket would cut it
    /// mid-character and the peer would fail the connection with 1007.
    static CloseCheck check(int code, const QString &reason);
};
