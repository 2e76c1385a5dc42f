#include "websocketsession.h"

#include "profiles/urlredaction.h"
#include "session/transportguard.h"
#include "wiretap/framelog.h"
#include "wiretap/wiretap.h"

#include <QDateTime>
#include <QLocale>
#include <QNetworkRequest>
#include <QWebSocket>
#include <QWebSocketHandshakeOptions>

WebSocketSession::WebSocketSession(QObject *parent)
    : QObject(parent), m_socket(new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this)),
      m_tap(new WireTap(this)), m_guard(new TransportGuard(m_socket, m_socket)),
      m_log(new MessageLog(this)), m_frames(new FrameLog(this))
{
    connectTap();
    setMaxIncomingMessageBytes(DefaultMaxIncomingMessageBytes);
    connect(m_guard, &TransportGuard::writeBacklogOverflow, this,
            &WebSocketSession::onWriteBacklogOverflow);
    m_connectTimer.setSingleShot(true);
    connect(&m_connectTimer, &QTimer::timeout, this, &WebSocketSession::onConnectTimeout);
    connect(&m_pingTimer, &QTimer::timeout, this, &WebSocketSession::sendPeriodicPing);
    m_framesFlush.setSingleShot(true);
    m_framesFlush.setInterval(FramesFlushMs);
    connect(&m_framesFlush, &QTimer::timeout, this, &WebSocketSession::flushFrames);
    m_relayDeadline.setSingleShot(true);
    connect(&m_relayDeadline, &QTimer::timeout, this, &WebSocketSession::onRelayDeadline);
    m_closeDeadline.setSingleShot(true);
    connect(&m_closeDeadline, &QTimer::timeout, this, &WebSocketSession::onCloseDeadline);
    connect(m_socket, &QWebSocket::bytesWritten, this, &WebSocketSession::onBytesWritten);
    connect(m_socket, &QWebSocket::stateChanged, this, &WebSocketSession::onSocketStateChanged);
    connect(m_socket, &QWebSocket::connected, this, &WebSocketSession::onConnected);
    connect(m_socket, &QWebSocket::disconnected, this, &WebSocketSession::onDisconnected);
    connect(m_socket, &QWebSocket::aboutToClose, this, &WebSocketSession::onAboutToClose);
    // 6.4 has error(), not errorOccurred(); the getter of the same name needs QOverload.
    connect(m_socket, QOverload<QAbstractSocket::SocketError>::of(&QWebSocket::error), this,
            &WebSocketSession::onError);
    connect(m_socket, &QWebSocket::textMessageReceived, this, [this](const QString &message) {
        // The hot path of a flood: encode straight into the log's storage.
        m_stats.bytesReceived += m_log->appendText(m_clock.nowMs(), Direction::Received, message);
        ++m_stats.messagesReceived;
        onQtDelivered();
    });
    connect(m_socket, &QWebSocket::binaryMessageReceived, this, [this](const QByteArray &data) {
        ++m_stats.messagesReceived;
        m_stats.bytesReceived += data.size();
        logEvent(Direction::Received, EventKind::Binary, data, data.size());
        onQtDelivered();
    });
    connect(m_socket, &QWebSocket::pong, this,
            [this](quint64, const QByteArray &data) { onPong(data); });
}

void WebSocketSession::setMaxIncomingMessageBytes(qint64 bytes)
{
    m_socket->setMaxAllowedIncomingMessageSize(quint64(bytes));
    m_socket->setMaxAllowedIncomingFrameSize(quint64(bytes));
}

void WebSocketSession::applyLogLimits(const Profile &profile)
{
    m_log->setMaxRows(profile.maxLogRows);
    m_log->setMemoryBudget(profile.logMemoryBudgetMiB * Limits::MiB);
    // A flood of tiny frames must not grow without end either (32 bytes each).
    m_frames->setMaxRows(profile.maxLogRows > 0 ? profile.maxLogRows : FrameLog::DefaultMaxRows);
}

qint64 WebSocketSession::maxIncomingMessageBytes() const
{
    return qint64(m_socket->maxAllowedIncomingMessageSize());
}

void WebSocketSession::setOutgoingFrameBytes(qint64 bytes)
{
    m_socket->setOutgoingFrameSize(quint64(qMax<qint64>(1, bytes)));
}

void WebSocketSession::onWriteBacklogOverflow(qint64 unsentBytes)
{
    m_endingAs = EndCause::DroppedForBacklog;
    fail(tr("%1 bytes wait to be sent that this client did not send: the server sends "
            "pings faster than it reads the pongs QtWebSockets answers them with "
            "(RFC 6455 5.5.2). Sockscope dropped the connection rather than buffer "
            "them without end.")
             .arg(QLocale().toString(unsentBytes)));
    m_connectTimer.stop();
    m_socket->abort();
}

WebSocketSession::~WebSocketSession()
{
    // QWebSocket's destructor sends 1001 Going Away if still open; this half-destroyed
    // session must not hear about it.
    disconnect(m_socket, nullptr, this, nullptr);
}

QString WebSocketSession::stateName(State state)
{
    switch (state) {
    case State::Closed:
        return tr("Closed");
    case State::Connecting:
        return tr("Connecting");
    case State::Open:
        return tr("Open");
    case State::Closing:
        return tr("Closing");
    }
    return QString();
}

QString WebSocketSession::resolveProblem(Profile *profile) const
{
    if (profile->builtInEchoServer && !m_builtInEchoUrl.isEmpty())
        profile->url = m_builtInEchoUrl;
    // problem() skips the URL of a built-in echo profile; by now its URL is in, and that
    // is checked like any other.
    QString problem = profile->problem();
    if (problem.isEmpty() && profile->builtInEchoServer && profile->url.isEmpty())
        problem = tr("The built-in echo server is not running.");
    if (problem.isEmpty())
        problem = Profile::urlProblem(profile->url);
    return problem;
}

bool WebSocketSession::open(const Profile &requested)
{
    if (m_state != State::Closed) {
        fail(tr("Already connected: close or stop this connection first."));
        return false;
    }
    m_lastError.clear();
    Profile profile;
    if (!resolveVariables(requested, &profile))
        return false;
    if (const QString problem = resolveProblem(&profile); !problem.isEmpty()) {
        fail(problem);
        return false;
    }
    m_profile = profile;
    m_closeSent.reset();
    m_closeReceived.reset();
    m_subprotocol.clear();
    m_endingAs = m_endCause = EndCause::StillOpen;
    if (m_tlsErrorsIgnored) {
        m_tlsErrorsIgnored = false;
        Q_EMIT tlsErrorsIgnoredChanged(false);
    }
    m_stats = Statistics();
    m_tapped = m_qtDisconnected = m_clientCloseSeen = false;
    m_firstClose = FirstClose::None;
    m_clientCloseUs = -1;
    m_relayReport.reset();
    m_tlsReport.reset();
    m_framesFlush.stop();
    m_closeDeadline.stop();
    m_relayDeadline.stop();
    m_frames->clear();
    m_log->beginConnection(); // its messages are numbered as frames() counts them
    m_wireRows.clear();
    m_qtDelivered = 0;
    m_replacedClose.reset();
    m_request = m_response = HttpHead();
    m_timings = HandshakeTimings();
    m_qtHandshakeError.clear();
    m_endText.clear();
    m_pings.clear();
    m_pingTimer.setInterval(profile.pingIntervalMs);
    setMaxIncomingMessageBytes(profile.maxIncomingMessageMiB * Limits::MiB);
    applyLogLimits(profile);

    const QUrl url = startTap(Profile::normalisedUrl(profile.url));
    if (url.isEmpty())
        return false;
    QNetworkRequest request(url);
    for (const HandshakeHeader &h : profile.headers)
        request.setRawHeader(h.name.toLatin1(), h.value.toLatin1());
    QWebSocketHandshakeOptions options;
    options.setSubprotocols(profile.subprotocols);
    m_connectTimer.start(profile.connectTimeoutMs);
    m_socket->open(request, options);
    m_guard->attach();
    return true;
}

/// The URL QWebSocket opens for @p url: the wire tap's, on 127.0.0.1, which speaks TLS
/// to a wss:// server itself. Empty, logged, when a TLS file cannot be used or the tap
/// cannot listen.
QUrl WebSocketSession::startTap(const QUrl &url)
{
    QString problem;
    const std::optional<RelayTarget> options =
        ConnectOptions::relayOptions(*m_profile, url, m_secrets, &problem);
    const QUrl local = options ? m_tap->start(url, *options, &problem) : QUrl();
    m_tapped = !local.isEmpty();
    if (!m_tapped) {
        m_tap->release(); // a relay still finishing must not speak for this connection
        m_endCause = EndCause::None;
        fail(problem);
        return {};
    }
    m_proxyDescription = ConnectOptions::describe(options->proxy);
    return local;
}

bool WebSocketSession::sendText(const QString &message)
{
    if (m_state != State::Open)
        return false;
    const QByteArray utf8 = message.toUtf8();
    m_guard->noteQueued(utf8.size());
    m_socket->sendTextMessage(message);
    ++m_stats.messagesSent;
    m_stats.bytesSent += utf8.size();
    logEvent(Direction::Sent, EventKind::Text, utf8, utf8.size());
    return true;
}

bool WebSocketSession::sendBinary(const QByteArray &data)
{
    if (m_state != State::Open)
        return false;
    m_guard->noteQueued(data.size());
    m_socket->sendBinaryMessage(data);
    ++m_stats.messagesSent;
    m_stats.bytesSent += data.size();
    logEvent(Direction::Sent, EventKind::Binary, data, data.size());
    return true;
}

bool WebSocketSession::ping(const QByteArray &payload)
{
    // RFC 6455 5.5: a control frame's payload is at most 125 bytes; QWebSocket would cut
    // it silently.
    if (m_state != State::Open || payload.size() > MaxPingPayloadBytes)
        return false;
    m_pings.sent(payload);
    m_guard->noteQueued(payload.size());
    m_socket->ping(payload);
    logEvent(Direction::Sent, EventKind::Ping, payload, payload.size());
    return true;
}

void WebSocketSession::onPong(const QByteArray &payload)
{
    logEvent(Direction::Received, EventKind::Pong, payload, payload.size(), 0,
             m_pings.answered(payload));
    onQtDelivered();
}

void WebSocketSession::sendPeriodicPing()
{
    if (m_state != State::Open) {
        m_pingTimer.stop();
        return;
    }
    // A payload of its own, so its pong is told apart from the user's pings.
    ping(QByteArrayLiteral("sockscope ") + QByteArray::number(++m_periodicPings));
}

CloseCheck WebSocketSession::close(int code, const QString &reason)
{
    CloseCheck check = CloseCodeCatalogue::check(code, reason);
    if (!check.ok)
        return check;
    switch (m_state) {
    case State::Closed:
        check.ok = false;
        check.problem = tr("Not connected.");
        return check;
    case State::Closing:
        check.ok = false;
        check.problem = tr("The closing handshake is already under way.");
        return check;
    case State::Connecting:
        // There is no WebSocket connection to carry a close frame yet (RFC 6455 7.1.7).
        m_endingAs = EndCause::AbandonedWhileConnecting;
        m_connectTimer.stop();
        m_socket->abort();
        return check;
    case State::Open:
        break;
    }
    m_endingAs = EndCause::ClosedByClient;
    if (!m_tapped) { // a tapped close frame is logged when it crosses the wire
        m_closeSent = CloseFrame{quint16(code), reason};
        logEvent(Direction::Sent, EventKind::CloseSent, reason.toUtf8(), 2 + check.reasonBytes,
                 quint16(code));
    }
    m_guard->noteQueued(2 + check.reasonBytes);
    m_socket->close(QWebSocketProtocol::CloseCode(code), reason);
    return check;
}

void WebSocketSession::stop()
{
    if (m_state == State::Closed)
        return;
    m_endingAs = EndCause::StoppedByUser;
    m_connectTimer.stop();
    m_socket->abort();
    if (m_tapped)
        m_tap->abort(); // both sides at once: no closing handshake toward the server
}

void WebSocketSession::onSocketStateChanged(QAbstractSocket::SocketState socketState)
{
    switch (socketState) {
    case QAbstractSocket::HostLookupState:
    case QAbstractSocket::ConnectingState:
        setState(State::Connecting);
        break;
    case QAbstractSocket::ConnectedState:
        setState(State::Open);
        break;
    case QAbstractSocket::ClosingState:
        setState(State::Closing);
        break;
    case QAbstractSocket::UnconnectedState:
    case QAbstractSocket::BoundState:
    case QAbstractSocket::ListeningState:
        // disconnected() follows and writes the last row; it moves the state to Closed
        // so the row is in the log before anyone sees Closed.
        break;
    }
}

void WebSocketSession::onConnected()
{
    m_connectTimer.stop();
    m_stats.openedAtMs = QDateTime::currentMSecsSinceEpoch();
    if (m_pingTimer.interval() > 0)
        m_pingTimer.start();
    m_subprotocol = m_socket->subprotocol();
    // The log is exported and shared: it shows the URL redacted, the wire gets it whole.
    // The profile's URL, not the wire tap's local one.
    QString text = UrlRedaction::redactedUrl(Profile::normalisedUrl(m_profile->url),
                                             m_profile->showSecretsInLog);
    if (!m_subprotocol.isEmpty())
        text += tr(" (subprotocol %1)").arg(m_subprotocol);
    logEvent(Direction::Local, EventKind::Opened, text.toUtf8());
    releaseWireRows(false); // frames that came with the 101 answer
    Q_EMIT opened();
}

void WebSocketSession::setState(State state)
{
    if (m_state == state)
        return;
    // However the closing handshake began (this client's Close, QtWebSockets answering
    // the server's close frame or failing the connection), a close frame stuck behind an
    // unread send must not hold it in Closing: see onCloseDeadline().
    if (state == State::Closing && m_state == State::Open && m_profile)
        m_closeDeadline.start(m_profile->closeTimeoutMs);
    m_state = state;
    Q_EMIT stateChanged(state);
}

void WebSocketSession::fail(const QString &message)
{
    m_lastError = message;
    logEvent(Direction::Local, EventKind::Error, message.toUtf8());
    Q_EMIT errorOccurred(message);
}

void WebSocketSession::logEvent(Direction direction, EventKind kind, const QByteArray &payload,
                                qint64 size, quint16 closeCode, qint32 rttUs)
{
    LogEvent e;
    // The same clock as received text, so rows of one burst never go back in time.
    e.timestampMs = m_clock.nowMs();
    e.sizeBytes = size;
    e.payload = payload;
    e.closeCode = closeCode;
    e.direction = direction;
    e.kind = kind;
    e.rttUs = rttUs;
    m_log->append(e);
}
