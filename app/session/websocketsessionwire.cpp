// What a tapped WebSocketSession learns from its WireTap: the close frames, pings, pongs
// and violations that crossed the wire, the handshake's heads, and the relay's account
// of the end, which the last log row reports.
#include "session/websocketsession.h"

#include "protocol/handshakefailure.h"
#include "wiretap/framelog.h"
#include "wiretap/wiretap.h"

#include <QDateTime>
#include <QLocale>
#include <QWebSocket>

void WebSocketSession::connectTap()
{
    connect(m_tap, &WireTap::framesSeen, this, &WebSocketSession::onWireFrames);
    connect(m_tap, &WireTap::closeFrameReplaced, this, &WebSocketSession::onCloseFrameReplaced);
    connect(m_tap, &WireTap::finished, this, &WebSocketSession::onRelayFinished);
    connect(m_tap, &WireTap::serverTookBytes, this, &WebSocketSession::onBytesWritten);
    connect(m_tap, &WireTap::upstreamConnected, this, &WebSocketSession::onUpstreamConnected);
    connect(m_tap, &WireTap::tlsReported, this, &WebSocketSession::onTlsReported);
    connect(m_tap, &WireTap::requestForwarded, this, &WebSocketSession::onRequestForwarded);
    connect(m_tap, &WireTap::responseReceived, this, &WebSocketSession::onResponseReceived);
}

void WebSocketSession::onUpstreamConnected(qint64 lookupUs, qint64 connectUs)
{
    m_timings.lookupUs = lookupUs;
    m_timings.connectUs = connectUs;
    Q_EMIT handshakeChanged();
}

/// The relay's TLS handshake toward the server: its errors are logged (a refused
/// certificate also fails the connection, in the relay's report), and ignored ones
/// mark the whole connection "TLS not verified".
void WebSocketSession::onTlsReported(const TlsReport &report)
{
    m_tlsReport = report;
    m_timings.tlsUs = report.handshakeUs;
    for (const QString &e : report.errors)
        logEvent(Direction::Local, EventKind::Error, tr("TLS: %1").arg(e).toUtf8());
    if (report.errorsIgnored) {
        logEvent(Direction::Local, EventKind::Error,
                 tr("TLS errors ignored, as this profile asks").toUtf8());
        if (!m_tlsErrorsIgnored) {
            m_tlsErrorsIgnored = true;
            Q_EMIT tlsErrorsIgnoredChanged(true);
        }
    }
    Q_EMIT handshakeChanged();
}

void WebSocketSession::onRequestForwarded(const HttpHead &request)
{
    m_request = redactedHead(request);
    Q_EMIT handshakeChanged();
}

void WebSocketSession::onResponseReceived(const HttpHead &response, qint64 handshakeUs)
{
    m_response = redactedHead(response);
    m_timings.handshakeUs = handshakeUs;
    Q_EMIT handshakeChanged();
}

void WebSocketSession::onWireFrames(const WireBatch &batch)
{
    if (!m_tapped)
        return;
    // What crossed the wire, even after a Stop: stored now, so a flood's cost is spread
    // out, and rows of the Frames view every FramesFlushMs, as the log takes its rows, so
    // a flood costs few model inserts.
    if (!batch.records.isEmpty()) {
        if (m_frames->stagedFrames() == 0)
            m_framesWaitingSinceUs = batch.records.first().timeUs;
        m_frames->stage(batch);
    }
    // As the log does: judged by the frames' own times, however late the timer runs.
    const bool waitedLong =
        !batch.records.isEmpty() && batch.records.last().timeUs - m_framesWaitingSinceUs >=
                                        qint64(MessageLog::FloodFlushIntervalMs) * 1000;
    if (waitedLong || m_frames->stagedFrames() >= MessageLog::MaxPendingRows)
        flushFrames();
    else if (!m_framesFlush.isActive())
        m_framesFlush.start();
    if (hasEnded())
        return;
    for (const WireFrame &frame : batch.notable) {
        const quint8 op = frame.header.opcode;
        if (frame.sender == FrameSender::Client && op == Opcode::Close)
            m_clientCloseSeen = true; // its row may wait, but it left QWebSocket
        // A server's pong is logged from QWebSocket's pong(), with its round trip, and this
        // client's ping by ping(); the others have rows of their own.
        const bool serverPong = frame.sender == FrameSender::Server && op == Opcode::Pong;
        const bool clientPing = frame.sender == FrameSender::Client && op == Opcode::Ping;
        if (!frame.violations.isEmpty() || (!serverPong && !clientPing))
            m_wireRows.append({frame.deliverableBefore, frame});
    }
    releaseWireRows(false);
}

void WebSocketSession::flushFrames()
{
    m_framesFlush.stop();
    const qint64 frames = m_frames->stagedFrames(); // under the row cap, rows stop growing
    if (frames == 0)
        return;
    m_frames->flush();
    // Flooded, wait as the log does: each flush costs the view's header a pass over
    // every row (QHeaderView::sectionsInserted), and ten a second is plenty to read.
    m_framesFlush.setInterval(frames >= MessageLog::FloodRows ? MessageLog::FloodFlushIntervalMs
                                                              : FramesFlushMs);
}

void WebSocketSession::onQtDelivered()
{
    ++m_qtDelivered;
    if (!m_wireRows.isEmpty())
        releaseWireRows(false);
}

/// Logs the waiting wire rows whose turn has come: once the connection is open and
/// QWebSocket has delivered what came before them; with @p all, every one (the end).
void WebSocketSession::releaseWireRows(bool all)
{
    qsizetype done = 0;
    for (; done < m_wireRows.size(); ++done) {
        const WireRow &row = m_wireRows.at(done);
        if (!all && (!wasOpen() || row.deliveredBefore > m_qtDelivered))
            break;
        logWireFrame(row.frame);
    }
    m_wireRows.remove(0, done);
}

void WebSocketSession::logWireFrame(const WireFrame &frame)
{
    if (frame.sender == FrameSender::Server) {
        onWireServerFrame(frame);
    } else if (frame.isClose()) {
        onWireClose(frame);
    } else if (frame.header.opcode == Opcode::Pong) {
        // This client's own pings are logged by ping(); a pong it sends is QtWebSockets
        // answering a server's ping by itself (RFC 6455 5.5.2).
        logEvent(Direction::Sent, EventKind::Pong, frame.payload,
                 qint64(frame.header.payloadLength));
    }
}

void WebSocketSession::onWireServerFrame(const WireFrame &frame)
{
    for (const FrameViolation &v : frame.violations)
        logEvent(Direction::Local, EventKind::Error,
                 tr("The server broke RFC 6455 %1: %2.").arg(v.section, v.rule).toUtf8());
    if (frame.failsConnection)
        failForMaskedFrame();
    if (frame.isClose())
        onWireClose(frame);
    else if (frame.header.opcode == Opcode::Ping)
        logEvent(Direction::Received, EventKind::Ping, frame.payload,
                 qint64(frame.header.payloadLength));
    // Data frames are logged from QWebSocket's messages; pongs with their round trip.
}

void WebSocketSession::onWireClose(const WireFrame &frame)
{
    const CloseFrame close{frame.closeCode(), QString::fromUtf8(frame.closeReason())};
    const auto size = qint64(frame.header.payloadLength);
    if (frame.sender == FrameSender::Client) {
        if (m_replacedClose) {
            const WireFrame written = *std::exchange(m_replacedClose, std::nullopt);
            logReplacedClose(written, frame);
        }
        if (m_firstClose == FirstClose::None)
            m_firstClose = FirstClose::Client;
        m_clientCloseUs = frame.timeUs;
        m_closeSent = close;
        logEvent(Direction::Sent, EventKind::CloseSent, frame.closeReason(), size, close.code);
        return;
    }
    if (m_firstClose == FirstClose::None)
        m_firstClose = FirstClose::Server;
    m_closeReceived = close;
    // The server's answer to this client's close frame carries its delay.
    const qint64 answerUs =
        m_firstClose == FirstClose::Client ? frame.timeUs - m_clientCloseUs : -1;
    logEvent(Direction::Received, EventKind::CloseReceived, frame.closeReason(), size, close.code,
             qint32(qBound(qint64(-1), answerUs, qint64(std::numeric_limits<qint32>::max()))));
}

void WebSocketSession::onCloseFrameReplaced(const WireFrame &written, const WireFrame &)
{
    m_replacedClose = written; // its row goes before the close frame that was sent
}

void WebSocketSession::logReplacedClose(const WireFrame &written, const WireFrame &sent)
{
    logEvent(Direction::Local, EventKind::Error,
             tr("QtWebSockets 6.4 answered the server's %1 with %2 '%3', rejecting a valid "
                "code; Sockscope sent %4 to the server instead (RFC 6455 5.5.1).")
                 .arg(CloseCodeCatalogue::label(sent.closeCode()),
                      CloseCodeCatalogue::label(written.closeCode()),
                      QString::fromUtf8(written.closeReason()), QString::number(sent.closeCode()))
                 .toUtf8());
}

void WebSocketSession::onTappedDisconnect()
{
    m_qtDisconnected = true;
    if (isAskedFor(m_endingAs)) {
        // Stop and the engine's drops end at once; the relay drops the server side.
        m_tap->abort();
        releaseWireRows(true);
        finish(m_endingAs);
        return;
    }
    if (m_relayReport) {
        finishTapped();
        return;
    }
    // The relay waits for the server at most the close timeout; should it not see the
    // end at all (a server that stopped reading holds its bytes), end it a little later.
    m_relayDeadline.start(m_profile->closeTimeoutMs + RelayDeadlineMarginMs);
}

void WebSocketSession::onRelayDeadline()
{
    if (!hasEnded() && !m_relayReport)
        m_tap->abort(); // the relay's finished() follows, saying Sockscope dropped it
}

void WebSocketSession::onRelayFinished(const RelayReport &report)
{
    if (!m_tapped)
        return;
    m_relayReport = report;
    m_relayReport->responseBody = m_redactor.redacted(report.responseBody); // echoes happen
    Q_EMIT handshakeChanged(); // a refused upgrade's body is in the report
    if (!hasEnded() && m_qtDisconnected)
        finishTapped();
}

void WebSocketSession::finishTapped()
{
    flushFrames();
    m_relayDeadline.stop();
    if (wasOpen())
        releaseWireRows(true); // after a refused 101, frames stay in the Frames view only
    m_wireRows.clear();
    const EndCause cause = wireEndCause();
    if (cause == EndCause::HandshakeFailed && m_lastError.isEmpty())
        fail(handshakeProblem());
    finish(cause);
}

/// The end cause from what crossed the wire: whose close frame came first decides it.
WebSocketSession::EndCause WebSocketSession::wireEndCause() const
{
    if (isAskedFor(m_endingAs))
        return m_endingAs;
    // Frames after a 101 that QWebSocket refused were never part of a connection.
    if (!wasOpen())
        return EndCause::HandshakeFailed;
    switch (m_firstClose) {
    case FirstClose::Server:
        return EndCause::ClosedByServer;
    case FirstClose::Client:
        return m_endingAs == EndCause::ClosedByClient ? EndCause::ClosedByClient
                                                      : EndCause::QtWebSocketsClosed;
    case FirstClose::None:
        break;
    }
    return wasOpen() ? EndCause::DroppedWithoutCloseFrame : EndCause::HandshakeFailed;
}

namespace {

/// A peer's header bytes for an error row: Latin-1 (RFC 9110 5.5), control characters
/// escaped, at most 200 characters.
QString shownHeader(const QByteArray &bytes)
{
    constexpr int MaxChars = 200;
    QString out;
    for (const char c : bytes.left(MaxChars)) {
        const auto u = quint8(c);
        out += u < 0x20 || u == 0x7F ? QStringLiteral("\\x%1").arg(u, 2, 16, QLatin1Char('0'))
                                     : QString(QChar(u));
    }
    return bytes.size() > MaxChars ? out + QChar(0x2026) : out;
}

} // namespace

QUrl WebSocketSession::redirectTarget() const
{
    if (!m_profile)
        return {};
    return HandshakeFailure::redirectTarget(Profile::normalisedUrl(m_profile->url),
                                            m_response.statusCode(), m_response.value("Location"));
}

/// RFC 6455 5.1: "The client MUST close a connection if it detects a masked frame";
/// QtWebSockets 6.4 would deliver it, so the relay withheld it, and this closes with
/// 1002 Protocol Error (7.1.7, 7.4.1).
void WebSocketSession::failForMaskedFrame()
{
    logEvent(Direction::Local, EventKind::Error,
             tr("Sockscope fails the connection, as RFC 6455 5.1 asks of a client: the server "
                "masked a frame. Neither it nor anything after it was delivered as a message.")
                 .toUtf8());
    if (m_state == State::Open)
        close(1002, QStringLiteral("masked frame from the server (RFC 6455 5.1)"));
}

/// Why the opening handshake failed, from the best witness: the server's non-101 answer,
/// naming the header that matters; the upstream connection's error; or QtWebSockets'.
QString WebSocketSession::handshakeProblem() const
{
    const int status = m_response.statusCode();
    if (status != 0 && status != 101) {
        QString text = tr("The server refused the WebSocket upgrade: HTTP %1 %2")
                           .arg(status)
                           .arg(shownHeader(m_response.reasonPhrase()));
        for (const char *name : {"WWW-Authenticate", "Location", "Retry-After"}) {
            if (m_response.has(name))
                text += QStringLiteral(": %1: %2")
                            .arg(QLatin1String(name), shownHeader(m_response.value(name)));
        }
        return text + QLatin1Char('.');
    }
    if (m_relayReport && !m_relayReport->upstreamError.isEmpty())
        return HandshakeFailure::describe(m_relayReport->upstreamError);
    return m_qtHandshakeError.isEmpty() ? tr("The opening handshake did not complete.")
                                        : m_qtHandshakeError;
}

/// The last row's words for a tapped connection that ended by @p cause, from the relay's
/// report (RFC 6455 7.1.1: the server closes TCP first once the close frames crossed);
/// empty to keep endDescription()'s.
QString WebSocketSession::wireEndText(EndCause cause) const
{
    if (cause == EndCause::StoppedByUser && m_firstClose != FirstClose::None)
        return tr("stopped during the closing handshake: both sides dropped at once");
    if (!m_relayReport)
        return {};
    const RelayReport &r = *m_relayReport;
    if (r.abortedBySockscope && !r.closeTimedOut && cause != EndCause::StoppedByUser)
        return tr("the server took nothing more within %1 ms (it stopped reading); Sockscope "
                  "closed the connection")
            .arg(r.closeTimeoutMs);
    const QString firstToClose = r.firstToClose == RelayReport::TcpCloser::Server
                                     ? tr("the server closed TCP first")
                                     : tr("the client closed TCP first");
    switch (cause) {
    case EndCause::ClosedByClient:
    case EndCause::QtWebSocketsClosed:
        if (r.closeTimedOut && r.closeStuckBytes > 0 && !m_closeReceived)
            return tr("the close frame did not reach the server: nothing moved toward it for "
                      "%1 ms, with %2 bytes not yet taken by the server, the close frame "
                      "last (it stopped reading); Sockscope closed the connection")
                .arg(r.closeTimeoutMs)
                .arg(QLocale().toString(r.closeStuckBytes));
        if (r.closeTimedOut && !m_closeReceived)
            return tr("no answer from the server within %1 ms; Sockscope closed the connection")
                .arg(r.closeTimeoutMs);
        if (r.closeTimedOut)
            return tr("the server answered but did not close TCP within %1 ms, so Sockscope "
                      "did")
                .arg(r.closeTimeoutMs);
        if (!m_closeReceived)
            return tr("the server closed TCP without answering the close frame");
        return tr("closing handshake complete; %1").arg(firstToClose);
    case EndCause::ClosedByServer:
        if (!m_closeSent)
            return tr("the server closed TCP right after its close frame, before an answer "
                      "reached it");
        if (r.closeTimedOut)
            return tr("closing handshake complete; the server did not close TCP within %1 ms, "
                      "so Sockscope did")
                .arg(r.closeTimeoutMs);
        return tr("closing handshake complete; %1").arg(firstToClose);
    default:
        return {};
    }
}
