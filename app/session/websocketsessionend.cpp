// How a WebSocketSession's connection ends: the close frames that decide it, the end of
// TCP, errors and the deadline, and the one log row each EndCause ends the log with.
#include "session/websocketsession.h"

#include "protocol/handshakefailure.h"
#include "wiretap/wiretap.h"

#include <QDateTime>
#include <QLocale>
#include <QWebSocket>

namespace {

/// The last log row of a connection that ended by a cause (see EndCause).
struct EndRow
{
    EventKind kind;
    int closeCode; ///< 0 = none.
    const char *text;
};

EndRow endRow(WebSocketSession::EndCause cause)
{
    using Cause = WebSocketSession::EndCause;
    switch (cause) {
    case Cause::StoppedByUser:
        return {EventKind::Stopped, 0,
                QT_TRANSLATE_NOOP("WebSocketSession", "no closing handshake")};
    case Cause::AbandonedWhileConnecting:
        return {EventKind::Closed, 0,
                QT_TRANSLATE_NOOP("WebSocketSession", "connection attempt abandoned before the "
                                                      "opening handshake completed")};
    case Cause::DroppedForBacklog:
        // RFC 6455 7.1.5: no close frame was received, so the close code is 1006.
        return {EventKind::Closed, CloseCodeCatalogue::AbnormalClosure,
                QT_TRANSLATE_NOOP("WebSocketSession", "connection dropped by Sockscope: the "
                                                      "server was not reading what it was sent")};
    case Cause::ClosedByServer: // and answered: closeFrameSent() holds the reply
        return {
            EventKind::Closed, 0,
            QT_TRANSLATE_NOOP("WebSocketSession", "connection closed by the server's close frame")};
    case Cause::ClosedByClient:
    case Cause::QtWebSocketsClosed:
        // 6.4 drops TCP right after sending the close frame, without waiting for the
        // server's answer; say so rather than claim a completed handshake.
        return {EventKind::Closed, 0,
                QT_TRANSLATE_NOOP("WebSocketSession",
                                  "connection closed after the close frame was sent")};
    case Cause::DroppedWithoutCloseFrame:
        // RFC 6455 7.1.5: no close frame received, so the close code is 1006.
        return {EventKind::Closed, CloseCodeCatalogue::AbnormalClosure,
                QT_TRANSLATE_NOOP("WebSocketSession", "connection dropped without a close frame")};
    case Cause::HandshakeFailed:
    case Cause::None:      // never ends a connection
    case Cause::StillOpen: // never ends a connection
        break;
    }
    return {EventKind::Closed, 0,
            QT_TRANSLATE_NOOP("WebSocketSession", "the opening handshake did not complete")};
}

} // namespace

QString WebSocketSession::endDescription(EndCause cause)
{
    const EndRow row = endRow(cause);
    const QString text = tr(row.text);
    return row.closeCode == 0
               ? text
               : QStringLiteral("%1: %2").arg(CloseCodeCatalogue::label(row.closeCode), text);
}

bool WebSocketSession::isAskedFor(EndCause cause)
{
    return cause == EndCause::StoppedByUser || cause == EndCause::AbandonedWhileConnecting ||
           cause == EndCause::DroppedForBacklog;
}

void WebSocketSession::onAboutToClose()
{
    // aboutToClose comes from QWebSocket's close(): our own call, or its answer to a
    // close frame from the server (QWebSocketPrivate::processClose). A bare TCP drop
    // never emits it. So one we did not cause means the server sent a close frame, and
    // only now are closeCode()/closeReason() the server's. 6.4 emits it twice: keep one.
    // It also comes from the TCP socket when a handshake fails or is aborted: no frame
    // can come before the opening handshake completes (RFC 6455 4.1), so none did.
    if (!wasOpen() || m_endingAs != EndCause::StillOpen)
        return;
    const QString reason = m_socket->closeReason();
    const QtWebSocketsClose::Reason own = QtWebSocketsClose::classify(reason);
    if (m_tapped) {
        // The close frames themselves come from the wire. Only QtWebSockets' reason for
        // failing the connection is news; its 1002 for a close code it rejects is shown
        // against the server's frame (onCloseFrameReplaced, or the frame's violation).
        // Noting how it ends keeps 6.4's second aboutToClose and the RemoteHostClosed
        // error that follows from being taken for news; the wire still decides the cause.
        if (own == QtWebSocketsClose::Reason::NotOwn ||
            own == QtWebSocketsClose::Reason::InvalidCloseCode) {
            m_endingAs = EndCause::ClosedByServer;
            return;
        }
        onQtWebSocketsClose(reason, own);
        m_endingAs = EndCause::QtWebSocketsClosed;
        return;
    }
    if (own == QtWebSocketsClose::Reason::NotOwn)
        onServerCloseFrame();
    else
        onQtWebSocketsClose(reason, own);
}

void WebSocketSession::onQtWebSocketsClose(const QString &reason, QtWebSocketsClose::Reason why)
{
    QString text = tr("QtWebSockets closed the connection: %1").arg(reason);
    if (why == QtWebSocketsClose::Reason::InvalidCloseCode)
        text += tr(" The server's close frame carried a code QtWebSockets 6.4 rejects; it "
                   "also wrongly rejects the registered codes 1012-1014. The code the "
                   "server sent is not available.");
    if (why == QtWebSocketsClose::Reason::OverLimit)
        text += tr(" The server sent a message over the limit of %1 bytes.")
                    .arg(m_socket->maxAllowedIncomingMessageSize());
    fail(text);
    if (m_tapped)
        return; // its close frame is logged as it crosses the wire
    m_endingAs = EndCause::QtWebSocketsClosed;
    const auto code = quint16(m_socket->closeCode());
    const QByteArray reasonUtf8 = reason.toUtf8();
    m_closeSent = CloseFrame{code, reason};
    logEvent(Direction::Sent, EventKind::CloseSent, reasonUtf8, 2 + reasonUtf8.size(), code);
}

void WebSocketSession::onServerCloseFrame()
{
    m_endingAs = EndCause::ClosedByServer;
    const auto code = quint16(m_socket->closeCode());
    const QString reason = m_socket->closeReason();
    const QByteArray reasonUtf8 = reason.toUtf8();
    m_closeReceived = CloseFrame{code, reason};
    // 6.4 reports an empty close frame as 1000 with no reason (RFC 6455 7.1.5 says 1005):
    // then the frame's size is not known, and the row says so rather than guess.
    const bool ambiguous = code == CloseCodeCatalogue::NormalClosure && reason.isEmpty();
    logEvent(Direction::Received, EventKind::CloseReceived, reasonUtf8,
             ambiguous ? UnknownSize : 2 + reasonUtf8.size(), code);
    // QWebSocket answers with a close frame of its own carrying the same code and reason
    // (QWebSocketPrivate::processClose, RFC 6455 5.5.1): that reply crossed the wire too.
    m_closeSent = CloseFrame{code, reason};
    logEvent(Direction::Sent, EventKind::CloseSent, reasonUtf8, 2 + reasonUtf8.size(), code);
}

/// The close timeout with nothing sent since the closing handshake began: by now this
/// client's close frame has crossed the wire (and the relay waits for the answer),
/// unless what was queued ahead of it is still on the way because the server stopped
/// reading. Then no closing handshake can happen, and Sockscope drops the connection
/// (RFC 6455 7.1.5: 1006). A server that reads, however slowly, restarts the wait
/// (onBytesWritten).
void WebSocketSession::onCloseDeadline()
{
    const bool crossed =
        m_tapped ? m_clientCloseSeen : m_socket->state() == QAbstractSocket::UnconnectedState;
    if (hasEnded() || crossed || !wasOpen())
        return;
    m_endingAs = EndCause::DroppedForBacklog;
    const qint64 unsent = m_socket->bytesToWrite();
    fail(unsent > 0
             ? tr("The close frame did not leave: nothing was sent for %1 ms, with %2 bytes "
                  "queued ahead of it, as the server is not reading. Sockscope dropped the "
                  "connection.")
                   .arg(m_profile->closeTimeoutMs)
                   .arg(QLocale().toString(unsent))
             : tr("The close frame did not reach the server: nothing moved for %1 ms, and what "
                  "was sent before it is still on the way, as the server is not reading. "
                  "Sockscope dropped the connection.")
                   .arg(m_profile->closeTimeoutMs));
    m_socket->abort(); // when QWebSocket has already let go, the relay's report ends it
    if (m_tapped)
        m_tap->abort();
}

void WebSocketSession::onBytesWritten()
{
    // The server is reading: the close frame moves closer, and the relay is not stuck.
    if (m_closeDeadline.isActive())
        m_closeDeadline.start();
    if (m_relayDeadline.isActive())
        m_relayDeadline.start();
}

void WebSocketSession::onDisconnected()
{
    m_connectTimer.stop();
    m_pingTimer.stop();
    if (m_stats.closedAtMs == 0 && m_stats.openedAtMs != 0)
        m_stats.closedAtMs = QDateTime::currentMSecsSinceEpoch();
    if (hasEnded()) {
        setState(State::Closed);
        return;
    }
    if (m_tapped) {
        onTappedDisconnect();
        return;
    }
    if (endCauseNow() == EndCause::HandshakeFailed && m_lastError.isEmpty()) {
        // 6.4 emits disconnected() before error() when the TCP connection is refused:
        // wait a turn, so that the error comes first in the log, as it did on the wire.
        QTimer::singleShot(0, this, &WebSocketSession::finishAfterLateError);
        return;
    }
    finish(endCauseNow());
}

void WebSocketSession::finishAfterLateError()
{
    if (!hasEnded())
        finish(endCauseNow());
}

WebSocketSession::EndCause WebSocketSession::endCauseNow() const
{
    if (m_endingAs != EndCause::StillOpen)
        return m_endingAs;
    return wasOpen() ? EndCause::DroppedWithoutCloseFrame : EndCause::HandshakeFailed;
}

void WebSocketSession::finish(EndCause cause)
{
    m_endCause = cause;
    m_closeDeadline.stop();
    const EndRow row = endRow(cause);
    QString text = m_tapped ? wireEndText(cause) : QString();
    if (text.isEmpty())
        text = tr(row.text);
    m_endText = row.closeCode == 0
                    ? text
                    : QStringLiteral("%1: %2").arg(CloseCodeCatalogue::label(row.closeCode), text);
    logEvent(Direction::Local, row.kind, text.toUtf8(), 0, quint16(row.closeCode));
    setState(State::Closed);
    Q_EMIT finished();
}

void WebSocketSession::onError(QAbstractSocket::SocketError error)
{
    if (isAskedFor(m_endingAs))
        return;
    // The peer closing TCP after a close frame went either way is the normal end.
    if (error == QAbstractSocket::RemoteHostClosedError && m_endingAs != EndCause::StillOpen)
        return;
    if (m_tapped && !wasOpen()) {
        // The relay knows more (the upstream error, the response head): its report
        // decides what the error row says.
        m_qtHandshakeError = HandshakeFailure::describe(m_socket->errorString());
    } else {
        fail(HandshakeFailure::describe(m_socket->errorString()));
    }
    // 6.4 emits error() without disconnected() for a non-101 answer to the opening
    // handshake. Once the signal has returned, make sure the connection really ends.
    QTimer::singleShot(0, this, &WebSocketSession::settleAfterError);
}

void WebSocketSession::settleAfterError()
{
    if (m_state == State::Closed && hasEnded())
        return;
    if (m_socket->state() != QAbstractSocket::UnconnectedState)
        m_socket->abort(); // emits stateChanged and disconnected
    if (!hasEnded())
        onDisconnected(); // the socket was already unconnected and will say nothing more
}

void WebSocketSession::onConnectTimeout()
{
    if (m_state != State::Connecting)
        return;
    fail(tr("No answer to the opening handshake within %1 ms.").arg(m_connectTimer.interval()));
    m_socket->abort();
    if (!hasEnded())
        onDisconnected();
}
