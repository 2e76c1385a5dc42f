#include "websocketsession.h"

#include "profiles/urlredaction.h"
#include "protocol/handshakefailure.h"
#include "session/transportguard.h"

#include <QDateTime>
#include <QLocale>
#include <QNetworkRequest>
#include <QSslError>
#include <QWebSocket>
#include <QWebSocketHandshakeOptions>

namespace {

// The reasons QtWebSockets 6.4.2 puts in the close frames it sends by itself when it
// finds a protocol violation (QWebSocketDataProcessor, read from the installed
// library). Such a close reaches us through aboutToClose exactly like the answer to a
// server's close frame, so the reason is the only way to tell the two apart.
bool isQtWebSocketsOwnCloseReason(const QString &reason)
{
    static const QStringList exact = {
        QStringLiteral("Payload of close frame is too small."),
        QStringLiteral("Invalid UTF-8 code encountered."),
        QStringLiteral("Control frame is larger than 125 bytes"),
        QStringLiteral("Control frames cannot be fragmented"),
        QStringLiteral("Rsv field is non-zero"),
        QStringLiteral("Used reserved opcode"),
        QStringLiteral("Received Continuation frame, while there is nothing to continue."),
        QStringLiteral("All data frames after the initial data frame must have opcode 0 "
                       "(continuation)."),
        QStringLiteral("Received message is too big."),
        QStringLiteral("Maximum framesize exceeded."),
        QStringLiteral("Highest bit of payload length is not 0."),
        QStringLiteral("Lengths smaller than 126 must be expressed as one byte."),
        QStringLiteral("Lengths smaller than 65536 (2^16) must be expressed as 2 bytes."),
        QStringLiteral("Timeout when reading data from socket.")};
    return exact.contains(reason) || reason.startsWith(QLatin1String("Invalid close code ")) ||
           reason.startsWith(QLatin1String("Invalid opcode detected: "));
}

} // namespace

WebSocketSession::WebSocketSession(QObject *parent)
    : QObject(parent), m_socket(new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this)),
      m_guard(new TransportGuard(m_socket, m_socket)), m_log(new MessageLog(this))
{
    setMaxIncomingMessageBytes(DefaultMaxIncomingMessageBytes);
    connect(m_guard, &TransportGuard::writeBacklogOverflow, this,
            &WebSocketSession::onWriteBacklogOverflow);
    m_connectTimer.setSingleShot(true);
    connect(&m_connectTimer, &QTimer::timeout, this, &WebSocketSession::onConnectTimeout);
    connect(&m_pingTimer, &QTimer::timeout, this, &WebSocketSession::sendPeriodicPing);
    connect(m_socket, &QWebSocket::stateChanged, this, &WebSocketSession::onSocketStateChanged);
    connect(m_socket, &QWebSocket::connected, this, &WebSocketSession::onConnected);
    connect(m_socket, &QWebSocket::disconnected, this, &WebSocketSession::onDisconnected);
    connect(m_socket, &QWebSocket::aboutToClose, this, &WebSocketSession::onAboutToClose);
    // 6.4 has error(), not errorOccurred(); the getter of the same name needs QOverload.
    connect(m_socket, QOverload<QAbstractSocket::SocketError>::of(&QWebSocket::error), this,
            &WebSocketSession::onError);
    connect(m_socket, &QWebSocket::sslErrors, this, &WebSocketSession::onSslErrors);
    connect(m_socket, &QWebSocket::textMessageReceived, this, [this](const QString &message) {
        // The hot path of a flood: encode straight into the log's storage.
        m_stats.bytesReceived +=
            m_log->appendText(QDateTime::currentMSecsSinceEpoch(), Direction::Received, message);
        ++m_stats.messagesReceived;
    });
    connect(m_socket, &QWebSocket::binaryMessageReceived, this, [this](const QByteArray &data) {
        ++m_stats.messagesReceived;
        m_stats.bytesReceived += data.size();
        logEvent(Direction::Received, EventKind::Binary, data, data.size());
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
    m_backlogOverflow = true;
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

bool WebSocketSession::open(const Profile &profile)
{
    if (m_state != State::Closed) {
        fail(tr("Already connected: close or stop this connection first."));
        return false;
    }
    m_lastError.clear();
    // problem() skips the URL of a built-in echo profile; by now the caller has put the
    // echo server's URL in, and that is checked like any other.
    QString problem = profile.problem();
    if (problem.isEmpty())
        problem = Profile::urlProblem(profile.url);
    if (!problem.isEmpty()) {
        fail(problem);
        return false;
    }
    m_closeSent.reset();
    m_closeReceived.reset();
    m_subprotocol.clear();
    m_stopRequested = m_abandoned = m_wasOpen = m_backlogOverflow = false;
    m_endDeferred = false;
    m_finished = false;
    m_ignoreTlsErrors = profile.ignoreTlsErrors;
    if (m_tlsErrorsIgnored) {
        m_tlsErrorsIgnored = false;
        Q_EMIT tlsErrorsIgnoredChanged(false);
    }
    m_showSecretsInLog = profile.showSecretsInLog;
    m_stats = Statistics();
    m_pings.clear();
    m_pingTimer.setInterval(profile.pingIntervalMs);
    setMaxIncomingMessageBytes(profile.maxIncomingMessageMiB * Limits::MiB);
    applyLogLimits(profile);

    QNetworkRequest request(Profile::normalisedUrl(profile.url));
    for (const HandshakeHeader &h : profile.headers)
        request.setRawHeader(h.name.toLatin1(), h.value.toLatin1());
    QWebSocketHandshakeOptions options;
    options.setSubprotocols(profile.subprotocols);
    m_connectTimer.start(profile.connectTimeoutMs);
    m_socket->open(request, options);
    m_guard->attach();
    return true;
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
        m_abandoned = true;
        m_connectTimer.stop();
        m_socket->abort();
        return check;
    case State::Open:
        break;
    }
    m_closeSent = CloseFrame{quint16(code), reason};
    logEvent(Direction::Sent, EventKind::CloseSent, reason.toUtf8(), 2 + check.reasonBytes,
             quint16(code));
    m_guard->noteQueued(2 + check.reasonBytes);
    m_socket->close(QWebSocketProtocol::CloseCode(code), reason);
    return check;
}

void WebSocketSession::stop()
{
    if (m_state == State::Closed)
        return;
    m_stopRequested = true;
    m_connectTimer.stop();
    m_socket->abort();
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
    m_wasOpen = true;
    m_stats.openedAtMs = QDateTime::currentMSecsSinceEpoch();
    if (m_pingTimer.interval() > 0)
        m_pingTimer.start();
    m_subprotocol = m_socket->subprotocol();
    // The log is exported and shared: it shows the URL redacted, the wire gets it whole.
    QString text = UrlRedaction::redactedUrl(m_socket->requestUrl(), m_showSecretsInLog);
    if (!m_subprotocol.isEmpty())
        text += tr(" (subprotocol %1)").arg(m_subprotocol);
    logEvent(Direction::Local, EventKind::Opened, text.toUtf8());
    Q_EMIT opened();
}

void WebSocketSession::onAboutToClose()
{
    // aboutToClose comes from QWebSocket's close(): our own call, or its answer to a
    // close frame from the server (QWebSocketPrivate::processClose). A bare TCP drop
    // never emits it. So one we did not cause means the server sent a close frame, and
    // only now are closeCode()/closeReason() the server's. 6.4 emits it twice: keep one.
    // It also comes from the TCP socket when a handshake fails or is aborted: no frame
    // can come before the opening handshake completes (RFC 6455 4.1), so none did.
    if (!m_wasOpen || m_closeSent || m_closeReceived || m_stopRequested || m_abandoned ||
        m_backlogOverflow)
        return;
    const auto code = quint16(m_socket->closeCode());
    const QString reason = m_socket->closeReason();
    const QByteArray reasonUtf8 = reason.toUtf8();
    if (isQtWebSocketsOwnCloseReason(reason)) {
        // QtWebSockets found a protocol violation and sent this close frame itself.
        QString text = tr("QtWebSockets closed the connection: %1").arg(reason);
        if (reason.startsWith(QLatin1String("Invalid close code ")))
            text += tr(" The server's close frame carried a code QtWebSockets 6.4 rejects; it "
                       "also wrongly rejects the registered codes 1012-1014. The code the "
                       "server sent is not available.");
        if (reason == QLatin1String("Maximum framesize exceeded.") ||
            reason == QLatin1String("Received message is too big."))
            text += tr(" The server sent a message over the limit of %1 bytes.")
                        .arg(m_socket->maxAllowedIncomingMessageSize());
        fail(text);
        m_closeSent = CloseFrame{code, reason};
        logEvent(Direction::Sent, EventKind::CloseSent, reasonUtf8, 2 + reasonUtf8.size(), code);
        return;
    }
    m_closeReceived = CloseFrame{code, reason};
    // 6.4 reports an empty close frame as 1000 with no reason (RFC 6455 7.1.5 says 1005):
    // then the frame's size is not known, and the row says so rather than guess.
    const bool ambiguous = code == 1000 && reason.isEmpty();
    logEvent(Direction::Received, EventKind::CloseReceived, reasonUtf8,
             ambiguous ? UnknownSize : 2 + reasonUtf8.size(), code);
    // QWebSocket answers with a close frame of its own carrying the same code and reason
    // (QWebSocketPrivate::processClose, RFC 6455 5.5.1): that reply crossed the wire too.
    m_closeSent = CloseFrame{code, reason};
    logEvent(Direction::Sent, EventKind::CloseSent, reasonUtf8, 2 + reasonUtf8.size(), code);
}

void WebSocketSession::onDisconnected()
{
    m_connectTimer.stop();
    m_pingTimer.stop();
    if (m_stats.closedAtMs == 0 && m_stats.openedAtMs != 0)
        m_stats.closedAtMs = QDateTime::currentMSecsSinceEpoch();
    if (m_finished) {
        setState(State::Closed);
        return;
    }
    if (!m_wasOpen && !m_stopRequested && !m_abandoned && m_lastError.isEmpty() && !m_endDeferred) {
        // 6.4 emits disconnected() before error() when the TCP connection is refused:
        // wait a turn, so that the error comes first in the log, as it did on the wire.
        m_endDeferred = true;
        QTimer::singleShot(0, this, &WebSocketSession::onDisconnected);
        return;
    }
    m_finished = true;
    if (m_stopRequested) {
        logEvent(Direction::Local, EventKind::Stopped, tr("no closing handshake").toUtf8());
    } else if (m_backlogOverflow) {
        // RFC 6455 7.1.5: no close frame was received, so the close code is 1006.
        logEvent(Direction::Local, EventKind::Closed,
                 tr("connection dropped by Sockscope: the server was not reading what it was "
                    "sent")
                     .toUtf8(),
                 0, 1006);
    } else if (m_abandoned) {
        logEvent(
            Direction::Local, EventKind::Closed,
            tr("connection attempt abandoned before the opening handshake completed").toUtf8());
    } else if (m_closeReceived) { // and answered: m_closeSent holds the reply
        logEvent(Direction::Local, EventKind::Closed,
                 tr("connection closed by the server's close frame").toUtf8());
    } else if (m_closeSent) {
        // 6.4 drops TCP right after sending the close frame, without waiting for the
        // server's answer; say so rather than claim a completed handshake.
        logEvent(Direction::Local, EventKind::Closed,
                 tr("connection closed after the close frame was sent").toUtf8());
    } else if (m_wasOpen) {
        // RFC 6455 7.1.5: no close frame received, so the close code is 1006.
        logEvent(Direction::Local, EventKind::Closed,
                 tr("connection dropped without a close frame").toUtf8(), 0, 1006);
    } else {
        logEvent(Direction::Local, EventKind::Closed,
                 tr("the opening handshake did not complete").toUtf8());
    }
    setState(State::Closed);
    Q_EMIT finished();
}

void WebSocketSession::onError(QAbstractSocket::SocketError error)
{
    // The peer closing TCP after a close frame went either way is the normal end.
    if (error == QAbstractSocket::RemoteHostClosedError && (m_closeSent || m_closeReceived))
        return;
    if (m_stopRequested || m_abandoned || m_backlogOverflow)
        return;
    fail(HandshakeFailure::describe(m_socket->errorString()));
    // 6.4 emits error() without disconnected() for a non-101 answer to the opening
    // handshake. Once the signal has returned, make sure the connection really ends.
    QTimer::singleShot(0, this, &WebSocketSession::settleAfterError);
}

void WebSocketSession::settleAfterError()
{
    if (m_state == State::Closed && m_finished)
        return;
    if (m_socket->state() != QAbstractSocket::UnconnectedState)
        m_socket->abort(); // emits stateChanged and disconnected
    if (!m_finished)
        onDisconnected(); // the socket was already unconnected and will say nothing more
}

void WebSocketSession::onSslErrors(const QList<QSslError> &errors)
{
    for (const QSslError &e : errors)
        fail(tr("TLS: %1").arg(e.errorString()));
    if (m_ignoreTlsErrors) {
        logEvent(Direction::Local, EventKind::Error,
                 tr("TLS errors ignored, as this profile asks").toUtf8());
        m_socket->ignoreSslErrors();
        if (!m_tlsErrorsIgnored) {
            m_tlsErrorsIgnored = true;
            Q_EMIT tlsErrorsIgnoredChanged(true);
        }
    }
}

void WebSocketSession::onConnectTimeout()
{
    if (m_state != State::Connecting)
        return;
    fail(tr("No answer to the opening handshake within %1 ms.").arg(m_connectTimer.interval()));
    m_socket->abort();
    if (!m_finished)
        onDisconnected();
}

void WebSocketSession::setState(State state)
{
    if (m_state == state)
        return;
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
    e.timestampMs = QDateTime::currentMSecsSinceEpoch();
    e.sizeBytes = size;
    e.payload = payload;
    e.closeCode = closeCode;
    e.direction = direction;
    e.kind = kind;
    e.rttUs = rttUs;
    m_log->append(e);
}
