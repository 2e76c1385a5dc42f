#pragma once

#include "wiretap/httphead.h"
#include "wiretap/wireframe.h"
#include "wiretap/wirestream.h"

#include <QElapsedTimer>
#include <QNetworkProxy>
#include <QObject>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QTimer>
#include <optional>

class QSslError;
class QSslSocket;
class QTcpSocket;

/// Where a WireRelay connects, and how long it waits for the server's side of the
/// closing handshake.
struct RelayTarget
{
    QString host;
    quint16 port = 0;
    /// The Host field the server must see (RFC 9110 7.2): the profile URL's authority.
    QByteArray hostHeader;
    /// How long the server has to answer a close frame and close TCP (RFC 6455 7.1.1),
    /// in ms, once QWebSocket has dropped its side.
    int closeTimeoutMs = 5000;
    /// wss://: TLS toward the server (QSslSocket::connectToHostEncrypted), verified as
    /// tlsConfiguration says (its CA certificates, its client certificate and key).
    bool tls = false;
    QSslConfiguration tlsConfiguration;
    /// The name the server's certificate must carry (RFC 6125): the URL's host.
    QString peerVerifyName;
    /// Accept the certificate whatever is wrong with it (QSslSocket::ignoreSslErrors).
    bool ignoreTlsErrors = false;
    /// The upstream socket's proxy (QAbstractSocket::setProxy): NoProxy, an HTTP
    /// CONNECT or a SOCKS5 proxy.
    QNetworkProxy proxy = QNetworkProxy(QNetworkProxy::NoProxy);
};

/// The TLS session toward a wss:// server, as the relay saw it: told once, when the
/// handshake is done or has been refused.
struct TlsReport
{
    bool established = false;     ///< The handshake completed (QSslSocket::encrypted).
    QString protocol;             ///< e.g. "TLS 1.3"; empty when not established.
    QString cipher;               ///< e.g. "TLS_AES_256_GCM_SHA384"; empty when not established.
    QList<QSslCertificate> chain; ///< The server's certificates, its own first; also when refused.
    QStringList errors;           ///< What was wrong with them (QSslError::errorString).
    bool errorsIgnored = false;   ///< errors were ignored, as the profile asked.
    QString failure;              ///< Why the handshake failed, when it did.
    qint64 handshakeUs = -1;      ///< From TCP connected to the handshake's end, in µs.
};

/// What the relay saw of a connection's end: the facts QWebSocket does not have.
struct RelayReport
{
    /// Who ended the TCP connection to the server first, as seen on that wire (RFC 6455
    /// 7.1.1: the server should, once the close frames have crossed): the server; the
    /// relay passing on QWebSocket's drop or Stop, when no closing handshake holds the
    /// server's side open (Client); or the relay at the close timeout (Relay).
    /// QWebSocket's own drop of its side, during a closing handshake, is not counted.
    enum class TcpCloser : quint8 { Nobody, Client, Server, Relay };
    TcpCloser firstToClose = TcpCloser::Nobody;
    QString upstreamError; ///< The upstream socket's error text, if it failed to connect.
    bool upstreamConnected = false;
    qint64 lookupUs = -1;    ///< Host lookup, in µs; -1 if it did not complete.
    qint64 connectUs = -1;   ///< TCP connect after the lookup, in µs; -1 if it did not complete.
    qint64 handshakeUs = -1; ///< From the request going up to the response head, in µs.
    /// From the client's close frame going up to the server's close frame, in µs; -1
    /// when the client's came second, or there was no answer.
    qint64 closeAnswerUs = -1;
    /// The close timeout ran out (closeTimeoutMs) with nothing more taken by the server:
    /// counted from the client's close frame going up, and again each time the bytes
    /// ahead of it were found to have moved (WireRelay::unacknowledgedUpstream()).
    bool closeTimedOut = false;
    /// When the close timeout ran out, the bytes toward the server that its TCP stack had
    /// not acknowledged, in bytes: more than 0 means the client's close frame, the last
    /// of them, never reached the server.
    qint64 closeStuckBytes = 0;
    bool abortedBySockscope = false; ///< abortBoth(): Stop, or the session's deadline.
    int closeTimeoutMs = 0;
    qint64 tlsUs = -1;       ///< The TLS handshake, in µs; -1 for ws:// or if it did not complete.
    QByteArray responseBody; ///< A non-101 answer's body, at most MaxBodyBytes.
    QString responseProblem; ///< Why the response head could not be read, if it could not.

    static constexpr int MaxBodyBytes = 64 * 1024;
};

Q_DECLARE_METATYPE(RelayReport)
Q_DECLARE_METATYPE(HttpHead)
Q_DECLARE_METATYPE(TlsReport)

/// The wire tap's relay for one connection: it sits between QWebSocket (the client side,
/// on 127.0.0.1) and the server (upstream), forwards the bytes both ways and reads what
/// crosses: the opening handshake (RFC 6455 4) and every frame (5.2). It changes only:
/// - the request's Host field, so the server sees the profile's URL;
/// - QtWebSockets 6.4's answer 1002 to a server's valid close code 1012-1014, replaced
///   by the server's own code, as RFC 6455 5.5.1 expects (closeFrameReplaced());
/// - the end: after QWebSocket drops its side, the server side stays open until the
///   server has answered the close frame and closed TCP, or closeTimeoutMs (7.1.1).
/// Lives on a worker thread; everything it learns is a signal.
class WireRelay final : public QObject
{
    Q_OBJECT
public:
    /// Unread bytes queued toward one side, in bytes, past which the other side is not
    /// read (TCP's own flow control then slows the sender).
    static constexpr qint64 HighWaterBytes = 4 << 20;
    /// Bytes buffered from a socket before it is read, in bytes.
    static constexpr qint64 ReadBufferBytes = 1 << 20;

    explicit WireRelay(const RelayTarget &target, QObject *parent = nullptr);
    ~WireRelay() override;

    /// Takes the accepted client connection @p descriptor and connects upstream.
    void adoptClient(qintptr descriptor);
    /// Drops both sides at once, with no closing handshake.
    void abortBoth();

Q_SIGNALS:
    /// The upstream TCP connection is up; the times are in µs.
    void upstreamConnected(qint64 lookupUs, qint64 connectUs);
    /// wss:// only: the TLS handshake toward the server is done, or was refused.
    void tlsReported(const TlsReport &report);
    /// The opening handshake's request, as it went to the server (Host rewritten).
    void requestForwarded(const HttpHead &request);
    /// The response head, as the server sent it, @p handshakeUs (µs) after the request.
    void responseReceived(const HttpHead &response, qint64 handshakeUs);
    /// Frames read in one go from one direction, in stream order.
    void framesSeen(const WireBatch &batch);
    /// QtWebSockets wrote @p written; the relay sent @p sent to the server instead.
    void closeFrameReplaced(const WireFrame &written, const WireFrame &sent);
    /// Both sides are closed; sent once.
    void finished(const RelayReport &report);
    /// The server took bytes this relay wrote toward it (it is reading): at most every
    /// ProgressIntervalMs.
    void serverTookBytes();

private:
    void onClientReadyRead();
    void onUpstreamBytesWritten();
    static constexpr qint64 ProgressIntervalMs = 100;
    qint64 m_lastProgressNs = -1;
    void onUpstreamReadyRead();
    void onClientDisconnected();
    void onClientReadChannelFinished();
    void readClient(const QByteArray &bytes);
    void writeClient(const QByteArray &bytes);
    void announceRequest();
    void onUpstreamDisconnected();
    void onUpstreamConnected();
    void onUpstreamEncrypted();
    void onUpstreamSslErrors(const QList<QSslError> &errors);
    void onUpstreamReady();
    qint64 upstreamBacklog() const;
    qint64 unacknowledgedUpstream() const;
    QString errorBeforeAnswer() const;
    void onUpstreamError();
    void onCloseTimeout();
    void readUpstream(const QByteArray &bytes);
    void readRequestHead(const QByteArray &bytes);
    void readResponseHead(const QByteArray &bytes);
    void forwardClientFrames(const QByteArray &bytes);
    void forwardServerFrames(const QByteArray &bytes);
    void releaseHeldClose(WireBatch *batch);
    static void replaceRecord(WireBatch *batch, const WireFrame &sent);
    QByteArray replacementClose(const WireFrame &written, WireFrame *sent) const;
    void writeUpstream(const QByteArray &bytes);
    void noteFirstToClose(RelayReport::TcpCloser who);
    void finishIfDone();
    qint64 nowUs() const { return m_clock.nsecsElapsed() / 1000; }

    RelayTarget m_target;
    QTcpSocket *m_client = nullptr;
    QTcpSocket *m_upstream = nullptr;    ///< The server side: a QSslSocket for wss://.
    QSslSocket *m_tlsUpstream = nullptr; ///< m_upstream for wss://, else null.
    bool m_upstreamReady = false;        ///< Connected, and for wss:// encrypted: bytes may go up.
    qint64 m_tcpConnectedUs = -1;
    TlsReport m_tls;
    QElapsedTimer m_clock;
    QTimer *m_closeTimer = nullptr; ///< The close timeout (a child, so it moves thread).
    RelayReport m_report;
    HttpHeadReader m_request;
    HttpHeadReader m_response;
    QByteArray m_pendingUp;    ///< Client bytes waiting for the upstream connection.
    QByteArray m_requestBytes; ///< The request head so far, forwarded whole if unreadable.
    std::optional<HttpHead> m_unannounced; ///< Written, but the upstream is not connected yet.
    QByteArray m_carry; ///< A client header's first bytes, until the header is whole.
    WireStream m_clientFrames{FrameSender::Client};
    WireStream m_serverFrames{FrameSender::Server};
    bool m_upgraded = false; ///< A 101 answer was read: frames follow both ways.
    bool m_opaque = false;   ///< The response could not be read: bytes pass unread.
    bool m_holdingClose = false;
    QByteArray m_heldClose; ///< The client's close frame (and after), held to judge it.
    qint64 m_heldFrom = 0;  ///< Stream offset of m_heldClose's first byte.
    bool m_closeForwarded = false;
    /// unacknowledgedUpstream() when the close timeout last started, in bytes.
    qint64 m_closeWaitQueued = 0;
    qint64 m_clientCloseUs = -1;
    qint64 m_requestUs = -1;
    std::optional<WireFrame> m_serverClose;
    bool m_finished = false;
    /// A masked server frame came (RFC 6455 5.1): server bytes from it on are read and
    /// recorded, but no longer given to QWebSocket.
    bool m_withholding = false;
};
