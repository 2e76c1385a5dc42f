#pragma once

#include "protocol/frameheaderscanner.h"

#include <QObject>
#include <QPointer>
#include <QTimer>

class QTcpSocket;
class QWebSocket;

/// One client of the echo server, from the accepted TCP connection to its end. It owns
/// the QTcpSocket and, once QWebSocketServer has upgraded it, the QWebSocket around it
/// (QWebSocketServer::nextPendingConnection hands that out without a parent in 6.4).
///
/// It corrects what QtWebSockets 6.4 does not check on the server side:
/// - a client frame without the MASK bit fails the connection with 1002 (RFC 6455 5.1,
///   7.4.1). QWebSocketDataProcessor ignores the bit, so this class reads the frame
///   headers of the byte stream itself (FrameHeaderScanner) before QtWebSockets parses
///   them: its readyRead handler is connected before QtWebSockets' and Qt calls slots in
///   connection order. Bytes that arrived in the same read as the unmasked frame are not
///   processed (RFC 6455 7.1.7: fail at once);
/// - a client that does not read what is echoed is dropped once more than
///   ClientLimits::maxWriteBacklogBytes are unsent, instead of buffering without end (pongs
///   QtWebSockets writes by itself count too);
/// - the opening handshake and the closing handshake have deadlines.
/// Messages and frames over ClientLimits::maxIncomingMessageBytes are refused by QtWebSockets
/// with 1009 (QWebSocket::setMaxAllowedIncomingMessageSize, ...FrameSize).
class EchoConnection final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EchoConnection)
public:
    struct ClientLimits
    {
        qint64 maxIncomingMessageBytes = 0; ///< Per message and per frame, in bytes.
        qint64 maxWriteBacklogBytes = 0;    ///< Unsent bytes (bytesToWrite()), in bytes.
        int handshakeTimeoutMs = 0;         ///< From accept to upgrade, in ms; < 0: none.
    };
    /// How long a close frame may wait to go out before the TCP connection is aborted, in
    /// ms: a client that does not read would otherwise hold it in ClosingState forever.
    static constexpr int CloseLingerMs = 5000;
    /// The reason of the close frame sent for an unmasked client frame.
    static QString unmaskedFrameReason();

    /// Takes @p transport (an accepted socket, not yet read) and watches its bytes. Hand it
    /// to QWebSocketServer::handleConnection() after this, never before.
    explicit EchoConnection(QTcpSocket *transport, const ClientLimits &limits,
                            QObject *parent = nullptr);
    ~EchoConnection() override;

    /// "address:port" of the client.
    QString peer() const { return m_peer; }
    /// True when @p socket is the server-side QWebSocket made from this connection's TCP
    /// socket: QWebSocketPrivate::upgradeFrom (6.4.2) wraps the very QTcpSocket given to
    /// handleConnection() but does not expose it, and a TCP connection on one listening
    /// socket is told apart by its peer address and port.
    bool isTransportOf(const QWebSocket *socket) const;
    /// Takes @p socket, the QWebSocket QWebSocketServer upgraded this connection to, and
    /// starts echoing. Called while QWebSocketServer finishes the handshake.
    void adopt(QWebSocket *socket);
    /// True from adopt() on: the opening handshake completed, whether or not it still lasts.
    bool isUpgraded() const;
    /// The most bytes this client had unsent, measured after each echo and each read.
    qint64 peakWriteBacklogBytes() const { return m_peakBacklog; }

Q_SIGNALS:
    /// The client's close frame arrived with @p code and @p reason; QtWebSockets echoes it.
    void closeFrameReceived(quint16 code, const QString &reason);
    /// The server ended the connection on its own (RFC 6455 7.1.7); @p why says how.
    void failed(const QString &why);
    /// The TCP connection ended. @p closeFrameSeen is false without a client close frame.
    void finished(bool closeFrameSeen);

private:
    void onTransportReadyRead();
    void onTransportReadDone();
    void scanNewBytes(qint64 offset, qint64 count);
    void scanWithinTransaction(qint64 count);
    qint64 scanRequest(QByteArrayView bytes);
    bool noteHeaders(const std::vector<FrameHeader> &headers);
    qint64 consumedPosition() const;
    void failUnmasked();
    bool dropIfBacklogged();
    void notePeakBacklog();
    void onTextMessage(const QString &message);
    void onBinaryMessage(const QByteArray &data);
    void onAboutToClose();
    void onDisconnected();
    void onHandshakeTimeout();
    void onCloseLingerTimeout();

    QPointer<QTcpSocket> m_transport;
    QPointer<QWebSocket> m_webSocket;
    ClientLimits m_limits;
    QString m_peer;
    QTimer m_handshakeTimer;
    QTimer m_lingerTimer;
    FrameHeaderScanner m_scanner;
    /// Stream positions, in bytes from the first byte of the request.
    qint64 m_scanned = 0;         ///< Bytes looked at (every byte that arrived).
    qint64 m_consumed = 0;        ///< Bytes QtWebSockets had read at the last look.
    qint64 m_requestSeen = 0;     ///< Bytes of the HTTP request scanned so far.
    qint64 m_requestBytes = -1;   ///< Length of the HTTP request; -1 until its end is seen.
    qint64 m_clientCloseEnd = -1; ///< Where the client's first close frame ends; -1 if none.
    int m_terminatorMatched = 0;  ///< Bytes of "\r\n\r\n" matched at the end of the scan.
    qint64 m_peakBacklog = 0;
    bool m_unmaskedSeen = false;
    bool m_failing = false; ///< This class closed or aborted the connection itself.
    bool m_closeNoted = false;
    bool m_closeFrameSeen = false;
    bool m_finished = false;
};
