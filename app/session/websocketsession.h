#pragma once

#include "log/messagelog.h"
#include "profiles/profile.h"
#include "profiles/variables.h"
#include "protocol/closecodecatalogue.h"
#include "protocol/frameheaderscanner.h"
#include "protocol/peerlimits.h"
#include "session/burstclock.h"
#include "session/connectoptions.h"
#include "session/pingtracker.h"
#include "session/qtwebsocketsclose.h"
#include "session/transportguard.h"
#include "wiretap/wirerelay.h"

#include <QAbstractSocket>
#include <QObject>
#include <QTimer>
#include <optional>

class QWebSocket;
class WireTap;
class FrameLog;

/// One client connection and its message log: the engine behind a tab.
///
/// Wraps a QWebSocket (Qt 6.4) and corrects what 6.4 gets wrong for a debugger:
/// - close() refuses codes and reasons RFC 6455 7.4 forbids (CloseCodeCatalogue::check)
///   instead of letting QWebSocket send them or cut the reason mid-character;
/// - the session records the close frames it sent and received itself, because
///   QWebSocket::closeCode() starts at 1000, is never reset and says 1000 after a TCP
///   drop: a drop without a close frame is reported as 1006 Abnormal Closure;
/// - the opening handshake has a deadline (QWebSocket has none);
/// - a handshake answered with a non-101 status ends in Closed even though 6.4 emits
///   error() without disconnected().
/// State and log rows come only from QWebSocket's signals, never from the request. How
/// each connection ended is one EndCause, and it alone chooses the connection's last
/// log row.
///
/// A ws:// connection goes through a WireTap: the log's close frames, the server's pings,
/// the pongs QtWebSockets answers them with, and the server's protocol violations come
/// from what the relay saw cross the wire, not from QWebSocket's account; and the end is
/// reported once QWebSocket has disconnected and the relay has finished with the server
/// (its answer to the close frame, the close timeout, or its drop).
class WebSocketSession final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WebSocketSession)
public:
    /// The connection state as a person reads it, from QWebSocket::stateChanged.
    enum class State { Closed, Connecting, Open, Closing };
    Q_ENUM(State)

    /// How a connection ended: one value per way (RFC 6455 7.1.5-7.1.7, and what
    /// QtWebSockets 6.4 does). Each gives the connection's last log row, a Closed row
    /// unless said otherwise.
    enum class EndCause {
        None,          ///< No connection was started yet.
        StillOpen,     ///< From open() until finished().
        StoppedByUser, ///< stop(): QWebSocket::abort(), no closing handshake. A Stopped row.
        /// close() while Connecting: no connection to carry a close frame yet (7.1.7).
        AbandonedWhileConnecting,
        /// Sockscope dropped it: the server did not read what it was sent. Code 1006.
        DroppedForBacklog,
        ClosedByServer, ///< The server's close frame came, and QWebSocket answered it.
        /// close() sent a close frame; 6.4 then drops TCP without waiting for the answer.
        ClosedByClient,
        /// QtWebSockets found a protocol violation and sent a close frame of its own
        /// (QtWebSocketsClose); lastError() says which.
        QtWebSocketsClosed,
        /// TCP ended with no close frame either way: 1006 Abnormal Closure (7.1.5).
        DroppedWithoutCloseFrame,
        /// The opening handshake did not complete (RFC 6455 4.1): connection refused,
        /// the deadline, TLS, a non-101 answer. lastError() says which.
        HandshakeFailed
    };
    Q_ENUM(EndCause)

    /// A close frame's status code and reason (RFC 6455 5.5.1).
    struct CloseFrame
    {
        quint16 code = 0;
        QString reason;
    };

    /// Data messages (text and binary, RFC 6455 5.6) and their payload bytes on the
    /// current or last connection; reset by open().
    struct Statistics
    {
        qint64 messagesSent = 0;
        qint64 messagesReceived = 0;
        qint64 bytesSent = 0;     ///< Payload bytes, in bytes.
        qint64 bytesReceived = 0; ///< Payload bytes, in bytes.
        qint64 openedAtMs = 0;    ///< When the opening handshake completed (ms since
                                  ///< epoch); 0 if it never did.
        qint64 closedAtMs = 0;    ///< When the connection ended; 0 while it lasts.
    };

    /// Pings waiting for their pong are kept up to this many; older ones are dropped.
    static constexpr int MaxPendingPings = PingTracker::MaxPending;
    /// The underlying socket's read buffer between large frames, in bytes. Bounding it
    /// bounds how many frames QtWebSockets parses in one go, so a flood never holds the
    /// event loop for long (bench/); a larger frame grows it (TransportGuard).
    static constexpr qint64 ReadBufferBytes = TransportGuard::ReadBufferBytes;
    /// Unsent bytes that this client did not queue itself (pongs QtWebSockets writes for
    /// every ping, RFC 6455 5.5.2), in bytes. Past it the server is flooding faster than
    /// it reads, and the session drops the connection instead of buffering without end.
    static constexpr qint64 MaxWriteBacklogBytes = Limits::MaxWriteBacklogBytes;

    /// The largest message (and frame) accepted from a server, in bytes, by default.
    /// QtWebSockets closes with 1009 Message Too Big (RFC 6455 7.4.1) beyond it, which
    /// the log reports; without a limit a hostile server could fill memory.
    static constexpr qint64 DefaultMaxIncomingMessageBytes =
        Limits::DefaultMaxIncomingMessageMiB * Limits::MiB;

    explicit WebSocketSession(QObject *parent = nullptr);
    ~WebSocketSession() override;

    MessageLog *log() const { return m_log; }
    /// Every frame of the current or last tapped connection, both ways (the Frames view).
    FrameLog *frames() const { return m_frames; }
    State state() const { return m_state; }
    static QString stateName(State state);
    /// The subprotocol the server accepted (QWebSocket::subprotocol()); empty if none.
    QString acceptedSubprotocol() const { return m_subprotocol; }
    /// The last error message, or empty. Cleared by open().
    QString lastError() const { return m_lastError; }
    /// How the last connection ended: valid once finished() has been emitted; StillOpen
    /// from open() until then, None before the first open().
    EndCause endCause() const { return m_endCause; }
    /// How a connection that ended with @p cause ended, in the words of its last log row
    /// ("connection dropped without a close frame"), after the close code that row
    /// carries, if any ("1006 Abnormal Closure: …").
    static QString endDescription(EndCause cause);
    /// How the last connection ended, in the words of its last log row, after its close
    /// code if any: endDescription(), or for a tapped connection what the wire tap saw
    /// ("closing handshake complete; the server closed TCP first"). Empty before the end.
    QString endText() const { return m_endText; }
    /// The profile the current or last connection was opened with, as open() applied it
    /// (the built-in echo server's URL filled in); nullopt before the first open().
    std::optional<Profile> connectedProfile() const { return m_profile; }

    /// The environment open() resolves `{{name}}` references against (ProfileResolver),
    /// copied; nullopt: only the built-in dynamic variables. Takes effect at the next
    /// open(); the connection keeps the one it was opened with.
    void setEnvironment(const std::optional<Environment> &environment)
    {
        m_environment = environment;
    }
    /// The name of the environment the connection was opened with; empty for none.
    QString connectedEnvironment() const
    {
        return m_connectedEnvironment ? m_connectedEnvironment->name : QString();
    }
    /// Substitutes @p text (a composer message, a close reason) against the environment
    /// the connection was opened with; @p where names it for errors (VariableResolver).
    VariableResolver::Result resolveText(QStringView text, const QString &where) const;
    /// The secrets of this connection (secret headers, the environment's secret
    /// variables), hidden as ••• in the log, the Frames previews and the handshake heads.
    const SecretRedactor &redactor() const { return m_redactor; }
    /// The connection's URL as it may be shown: secret values as •••.
    QString redactedUrl() const { return m_redactedUrl; }
    /// The close frame this client sent on the current/last connection, if any.
    std::optional<CloseFrame> closeFrameSent() const { return m_closeSent; }
    /// The close frame the server sent on the current/last connection, if any.
    std::optional<CloseFrame> closeFrameReceived() const { return m_closeReceived; }
    const Statistics &statistics() const { return m_stats; }
    /// Sets the incoming message and frame limit, in bytes
    /// (QWebSocket::setMaxAllowedIncomingMessageSize / ...FrameSize). open() sets it from
    /// the profile.
    void setMaxIncomingMessageBytes(qint64 bytes);
    qint64 maxIncomingMessageBytes() const;
    /// Sets the largest frame this client sends, in bytes (QWebSocket::
    /// setOutgoingFrameSize; 512 KiB by default): a longer message is sent as fragments
    /// (RFC 6455 5.4).
    void setOutgoingFrameBytes(qint64 bytes);
    /// Pings sent whose pong has not come yet.
    int pendingPings() const { return m_pings.pending(); }
    /// True when the current or last connection went through the wire tap: every one
    /// whose local port could be opened (ws:// and wss://).
    bool tapped() const { return m_tapped; }
    /// What the wire tap saw of the last connection's end; nullopt while it lasts, and
    /// for a connection that was not tapped.
    std::optional<RelayReport> relayReport() const { return m_relayReport; }
    /// The opening handshake's request as it went to the server, and the server's
    /// response head (tapped connections only; empty until seen).
    HttpHead handshakeRequest() const { return m_request; }
    HttpHead handshakeResponse() const { return m_response; }
    /// The URL a 3xx answer to the last opening handshake points to, as a WebSocket URL
    /// to offer the user (HandshakeFailure::redirectTarget); empty when there is none.
    QUrl redirectTarget() const;
    /// The opening handshake's times (tapped connections), in µs; -1 until known.
    struct HandshakeTimings
    {
        qint64 lookupUs = -1;    ///< Host lookup.
        qint64 connectUs = -1;   ///< TCP connect, after the lookup.
        qint64 handshakeUs = -1; ///< From the request to the response head.
        qint64 tlsUs = -1;       ///< wss://: the TLS handshake, after TCP connect.
    };
    /// wss://: the TLS session toward the server (protocol, cipher, certificate chain,
    /// errors); nullopt for ws:// and until the relay has told it.
    std::optional<TlsReport> tlsReport() const { return m_tlsReport; }
    /// Sets the client key's passphrase and the proxy's password that the next open()
    /// uses (ConnectOptions); held in memory only, kept until set again.
    void setSecrets(const ConnectSecrets &secrets) { m_secrets = secrets; }
    /// The proxy the current or last connection went through ("none", or e.g. "HTTP
    /// proxy 127.0.0.1:3128 (user bob)": ConnectOptions::describe).
    QString proxyDescription() const { return m_proxyDescription; }
    HandshakeTimings handshakeTimings() const { return m_timings; }
    /// True from the moment this connection's TLS errors were ignored (the profile's
    /// ignoreTlsErrors) until the next open(): the server's certificate is not verified.
    bool tlsErrorsIgnored() const { return m_tlsErrorsIgnored; }

    /// Applies @p profile's log row cap and memory budget to log(); open() does too.
    void applyLogLimits(const Profile &profile);
    /// Where the built-in echo server listens (EchoServer::url()); empty while it does
    /// not run. open() connects a Profile::builtInEchoServer profile there.
    void setBuiltInEchoUrl(const QUrl &url) { m_builtInEchoUrl = url; }
    QUrl builtInEchoUrl() const { return m_builtInEchoUrl; }
    /// Applies the whole of @p profile and starts the opening handshake to its URL; for a
    /// built-in echo profile, to builtInEchoUrl(), or to the profile's own URL when that
    /// is empty (a caller that resolved it already). Returns false, logging why, when
    /// the session is not Closed, the profile is invalid or the built-in echo server is
    /// not running; a network failure is reported asynchronously.
    bool open(const Profile &profile);
    /// Sends a text message (opcode 0x1). Returns false when not Open.
    bool sendText(const QString &message);
    /// Sends a binary message (opcode 0x2). Returns false when not Open.
    bool sendBinary(const QByteArray &data);
    /// Sends a ping (opcode 0x9) with at most 125 bytes of payload (RFC 6455 5.5; more is
    /// refused, not cut). False when not Open or the payload is too long. The pong that
    /// carries the same payload is logged with the round trip (RFC 6455 5.5.3): 6.4's own
    /// QWebSocket::pong elapsedTime counts from the latest ping(), whatever its payload,
    /// so the session keeps its own clock per ping.
    bool ping(const QByteArray &payload = {});
    /// The control-frame payload limit, in bytes (RFC 6455 5.5).
    static constexpr int MaxPingPayloadBytes = int(MaxControlPayloadBytes);
    /// Starts the closing handshake (RFC 6455 7.1.2) with @p code and @p reason.
    /// Nothing reaches the wire unless CloseCodeCatalogue::check() passes; the result
    /// says why it did not. While Connecting, the attempt is abandoned instead (there is
    /// no connection to send a close frame on yet).
    CloseCheck close(int code, const QString &reason);
    /// Drops the connection at once with QWebSocket::abort(): no close frame is sent.
    void stop();

Q_SIGNALS:
    void stateChanged(WebSocketSession::State state);
    /// An error to show the user; it is in the log too.
    void errorOccurred(const QString &message);
    /// The opening handshake completed; acceptedSubprotocol() is set.
    void opened();
    /// The connection ended (the last log row for it has been appended).
    void finished();
    /// handshakeRequest(), handshakeResponse(), handshakeTimings() or the relay report's
    /// response body changed.
    void handshakeChanged();
    /// tlsErrorsIgnored() changed.
    void tlsErrorsIgnoredChanged(bool ignored);

private:
    void onSocketStateChanged(QAbstractSocket::SocketState socketState);
    void onConnected();
    void onDisconnected();
    void finishAfterLateError();
    void finish(EndCause cause);
    EndCause endCauseNow() const;
    /// The causes the user or the engine asked for: each aborts the socket itself, so the
    /// errors that follow are expected, and the end is reported at once.
    static bool isAskedFor(EndCause cause);
    bool hasEnded() const { return m_endCause != EndCause::StillOpen; }
    /// Whether the opening handshake completed on this connection (one fact: the time).
    bool wasOpen() const { return m_stats.openedAtMs != 0; }
    QString resolveProblem(Profile *profile) const;
    // websocketsessionvariables.cpp
    bool resolveVariables(const Profile &requested, Profile *profile);
    HttpHead redactedHead(HttpHead head) const;
    void onServerCloseFrame();
    void onQtWebSocketsClose(const QString &reason, QtWebSocketsClose::Reason why);
    void onAboutToClose();
    void onError(QAbstractSocket::SocketError error);
    void onConnectTimeout();
    void settleAfterError();
    void setState(State state);
    void fail(const QString &message);
    void logEvent(Direction direction, EventKind kind, const QByteArray &payload, qint64 size = 0,
                  quint16 closeCode = 0, qint32 rttUs = -1);
    void onPong(const QByteArray &payload);
    void sendPeriodicPing();
    void onWriteBacklogOverflow(qint64 unsentBytes);
    QUrl startTap(const QUrl &url);
    // The wire tap's reports (websocketsessionwire.cpp).
    void connectTap();
    void onWireFrames(const WireBatch &batch);
    void onUpstreamConnected(qint64 lookupUs, qint64 connectUs);
    void onTlsReported(const TlsReport &report);
    void failForMaskedFrame();
    void onRequestForwarded(const HttpHead &request);
    void onResponseReceived(const HttpHead &response, qint64 handshakeUs);
    void onQtDelivered();
    void flushFrames();
    /// How often frames reach frames(), in ms; while flooded, as often as the log's rows
    /// (MessageLog::FloodFlushIntervalMs).
    static constexpr int FramesFlushMs = 30;
    void releaseWireRows(bool all);
    void logWireFrame(const WireFrame &frame);
    void onWireServerFrame(const WireFrame &frame);
    void onWireClose(const WireFrame &frame);
    void onCloseFrameReplaced(const WireFrame &written, const WireFrame &sent);
    void logReplacedClose(const WireFrame &written, const WireFrame &sent);
    void onRelayFinished(const RelayReport &report);
    void onTappedDisconnect();
    void onRelayDeadline();
    void onCloseDeadline();
    void onBytesWritten();
    /// How long past the close timeout the session waits for the relay's report, in ms.
    static constexpr int RelayDeadlineMarginMs = 1000;
    void finishTapped();
    EndCause wireEndCause() const;
    QString wireEndText(EndCause cause) const;
    QString handshakeProblem() const;

    QWebSocket *m_socket = nullptr;
    WireTap *m_tap = nullptr;
    TransportGuard *m_guard = nullptr;
    MessageLog *m_log = nullptr;
    FrameLog *m_frames = nullptr;
    QTimer m_connectTimer;
    QTimer m_pingTimer;
    QTimer m_relayDeadline; ///< onRelayDeadline().
    QTimer m_closeDeadline; ///< onCloseDeadline(), from Open to Closing.
    BurstClock m_clock;     ///< Received messages' timestamps, one reading per burst.
    QTimer m_framesFlush;   ///< flushFrames().
    PingTracker m_pings;
    quint64 m_periodicPings = 0;
    Statistics m_stats;
    State m_state = State::Closed;
    QString m_subprotocol;
    QString m_lastError;
    std::optional<CloseFrame> m_closeSent;
    std::optional<CloseFrame> m_closeReceived;
    std::optional<Profile> m_profile;                  ///< connectedProfile().
    std::optional<Environment> m_environment;          ///< setEnvironment().
    std::optional<Environment> m_connectedEnvironment; ///< The one open() used.
    SecretRedactor m_redactor;
    QString m_redactedUrl;
    QUrl m_builtInEchoUrl;
    bool m_tlsErrorsIgnored = false;
    bool m_tapped = false;
    bool m_qtDisconnected = false;     ///< QWebSocket's disconnected() came (tapped only).
    bool m_clientCloseSeen = false;    ///< The wire tap saw this client's close frame.
    qint64 m_framesWaitingSinceUs = 0; ///< The first staged frame's time, in µs.
    /// Which side's close frame crossed the wire first (tapped only).
    enum class FirstClose : quint8 { None, Client, Server } m_firstClose = FirstClose::None;
    qint64 m_clientCloseUs = -1; ///< When the client's close frame crossed, in µs.
    std::optional<RelayReport> m_relayReport;
    std::optional<TlsReport> m_tlsReport;
    ConnectSecrets m_secrets;
    QString m_proxyDescription;
    /// A frame the wire tap saw that has a row of its own, waiting until QWebSocket has
    /// delivered the messages and pongs before it on the wire, so the log keeps the
    /// wire's order.
    struct WireRow
    {
        qint64 deliveredBefore; ///< Server messages and pongs ahead of it on the wire.
        WireFrame frame;
    };
    QList<WireRow> m_wireRows;
    qint64 m_qtDelivered = 0;                 ///< Of those, what QWebSocket has delivered.
    std::optional<WireFrame> m_replacedClose; ///< QtWebSockets' close frame the relay replaced.
    HttpHead m_request;
    HttpHead m_response;
    HandshakeTimings m_timings;
    QString m_qtHandshakeError;
    QString
        m_endText; ///< endText(). ///< QWebSocket's handshake error, held for the relay's report.
    /// How the connection ends, once the user (stop, close), the engine (the backlog
    /// drop) or a close frame has decided it; StillOpen until then. When TCP ends it
    /// becomes m_endCause (endCauseNow()).
    EndCause m_endingAs = EndCause::StillOpen;
    EndCause m_endCause = EndCause::None;
};
