#include "wiretap/wirerelay.h"

#include "wiretap/proxyfailure.h"

#include <QNetworkProxy>
#include <QSslCipher>
#include <QSslSocket>
#include <QTcpSocket>

WireRelay::WireRelay(const RelayTarget &target, QObject *parent) : QObject(parent), m_target(target)
{
    m_report.closeTimeoutMs = target.closeTimeoutMs;
    m_closeTimer = new QTimer(this);
    m_closeTimer->setSingleShot(true);
    connect(m_closeTimer, &QTimer::timeout, this, &WireRelay::onCloseTimeout);
}

WireRelay::~WireRelay()
{
    if (m_client)
        disconnect(m_client, nullptr, this, nullptr);
    if (m_upstream)
        disconnect(m_upstream, nullptr, this, nullptr);
}

void WireRelay::adoptClient(qintptr descriptor)
{
    m_clock.start();
    m_client = new QTcpSocket(this);
    m_client->setReadBufferSize(ReadBufferBytes);
    if (!m_client->setSocketDescriptor(descriptor)) {
        m_report.upstreamError = m_client->errorString();
        finishIfDone();
        return;
    }
    connect(m_client, &QTcpSocket::readyRead, this, &WireRelay::onClientReadyRead);
    connect(m_client, &QTcpSocket::disconnected, this, &WireRelay::onClientDisconnected);
    connect(m_client, &QTcpSocket::readChannelFinished, this,
            &WireRelay::onClientReadChannelFinished);
    connect(m_client, &QTcpSocket::bytesWritten, this, &WireRelay::onUpstreamReadyRead);

    // A QSslSocket only for wss://: unencrypted, it would still copy every byte once more.
    m_upstream = m_target.tls ? (m_tlsUpstream = new QSslSocket(this)) : new QTcpSocket(this);
    m_upstream->setProxy(m_target.proxy);
    m_upstream->setReadBufferSize(ReadBufferBytes);
    connect(m_upstream, &QTcpSocket::hostFound, this, [this] { m_report.lookupUs = nowUs(); });
    connect(m_upstream, &QTcpSocket::connected, this, &WireRelay::onUpstreamConnected);
    connect(m_upstream, &QTcpSocket::readyRead, this, &WireRelay::onUpstreamReadyRead);
    connect(m_upstream, &QTcpSocket::disconnected, this, &WireRelay::onUpstreamDisconnected);
    connect(m_upstream, &QTcpSocket::errorOccurred, this, &WireRelay::onUpstreamError);
    connect(m_upstream, &QTcpSocket::bytesWritten, this, &WireRelay::onUpstreamBytesWritten);
    if (!m_tlsUpstream) {
        m_upstream->connectToHost(m_target.host, m_target.port);
        return;
    }
    connect(m_tlsUpstream, &QSslSocket::encryptedBytesWritten, this,
            &WireRelay::onUpstreamBytesWritten);
    connect(m_tlsUpstream, &QSslSocket::encrypted, this, &WireRelay::onUpstreamEncrypted);
    connect(m_tlsUpstream, &QSslSocket::sslErrors, this, &WireRelay::onUpstreamSslErrors);
    m_tlsUpstream->setSslConfiguration(m_target.tlsConfiguration);
    m_tlsUpstream->connectToHostEncrypted(m_target.host, m_target.port, m_target.peerVerifyName);
}

void WireRelay::abortBoth()
{
    if (!m_finished)
        m_report.abortedBySockscope = true;
    noteFirstToClose(RelayReport::TcpCloser::Client);
    if (m_client)
        m_client->abort();
    if (m_upstream)
        m_upstream->abort();
    finishIfDone();
}

void WireRelay::onUpstreamConnected()
{
    m_tcpConnectedUs = nowUs();
    const qint64 lookup = qMax<qint64>(0, m_report.lookupUs);
    m_report.lookupUs = lookup;
    m_report.connectUs = m_tcpConnectedUs - lookup;
    Q_EMIT upstreamConnected(m_report.lookupUs, m_report.connectUs);
    if (!m_target.tls)
        onUpstreamReady(); // for wss://, once the TLS handshake is done
}

/// The server's certificates did not verify (QSslSocket::sslErrors): ignored only when
/// the profile says so; otherwise the handshake fails, and onUpstreamError tells why.
void WireRelay::onUpstreamSslErrors(const QList<QSslError> &errors)
{
    m_tls.chain = m_tlsUpstream->peerCertificateChain();
    for (const QSslError &e : errors)
        m_tls.errors.append(e.errorString());
    if (m_target.ignoreTlsErrors) {
        m_tls.errorsIgnored = true;
        m_tlsUpstream->ignoreSslErrors();
    }
}

void WireRelay::onUpstreamEncrypted()
{
    m_tls.established = true;
    m_tls.handshakeUs = m_report.tlsUs = nowUs() - m_tcpConnectedUs;
    m_tls.chain = m_tlsUpstream->peerCertificateChain();
    const QSslCipher cipher = m_tlsUpstream->sessionCipher();
    m_tls.protocol = cipher.protocolString();
    m_tls.cipher = cipher.name();
    Q_EMIT tlsReported(m_tls);
    onUpstreamReady();
}

/// Bytes may go up now: TCP is connected and, for wss://, TLS is established.
void WireRelay::onUpstreamReady()
{
    m_upstreamReady = m_report.upstreamConnected = true;
    if (!m_pendingUp.isEmpty())
        writeUpstream(std::exchange(m_pendingUp, {}));
    announceRequest();
    onClientReadyRead();
}

/// The request counts as sent, and its clock starts, once it is written to the server.
void WireRelay::announceRequest()
{
    if (!m_unannounced || !m_upstreamReady)
        return;
    m_requestUs = nowUs();
    Q_EMIT requestForwarded(*std::exchange(m_unannounced, std::nullopt));
}

void WireRelay::onUpstreamError()
{
    if (m_report.upstreamConnected) {
        // Before any answer, the error is why the opening handshake failed: a TLS alert
        // (a client certificate the server requires, say), or the server closing.
        if (m_report.upstreamError.isEmpty() && !m_upgraded &&
            m_response.status() == HttpHeadReader::Status::NeedMore)
            m_report.upstreamError = errorBeforeAnswer();
        // The server's close_notify (RFC 8446 6.1) ends its side of TLS, but Qt 6.4's
        // QSslSocket only reports it as this error and keeps TCP open: close it here.
        if (m_target.tls && m_upstream->error() == QAbstractSocket::RemoteHostClosedError &&
            m_upstream->state() == QAbstractSocket::ConnectedState) {
            noteFirstToClose(RelayReport::TcpCloser::Server);
            QMetaObject::invokeMethod(m_upstream, &QAbstractSocket::disconnectFromHost,
                                      Qt::QueuedConnection);
        }
        return; // a drop after connecting: onUpstreamDisconnected tells it
    }
    // Through a proxy, a failure before "connected" is the tunnel's: Qt's words for it
    // name neither the proxy nor the server, nor which of them refused.
    const bool tunnelFailed =
        m_target.proxy.type() != QNetworkProxy::NoProxy && m_tcpConnectedUs < 0;
    m_report.upstreamError =
        tunnelFailed
            ? ProxyFailure::describe(m_target.proxy, m_upstream->error(), m_upstream->errorString(),
                                     QString::fromLatin1(m_target.hostHeader))
            : m_upstream->errorString();
    if (m_target.tls && !m_tls.established && m_tcpConnectedUs >= 0 && m_tls.failure.isEmpty()) {
        m_tls.failure = m_report.upstreamError;
        if (m_tls.chain.isEmpty())
            m_tls.chain = m_tlsUpstream->peerCertificateChain();
        Q_EMIT tlsReported(m_tls);
    }
    if (m_client)
        m_client->disconnectFromHost();
    finishIfDone();
}

/// Why the server's side ended after connecting but before the response head.
QString WireRelay::errorBeforeAnswer() const
{
    if (!m_target.tls)
        return m_upstream->errorString();
    if (m_upstream->error() != QAbstractSocket::RemoteHostClosedError)
        return tr("TLS: %1").arg(m_upstream->errorString());
    // TLS 1.3 servers refuse a client certificate after the handshake, by closing.
    return m_target.tlsConfiguration.localCertificate().isNull()
               ? tr("TLS: the server closed the connection before answering the opening "
                    "handshake. A server that requires a client certificate does that, and "
                    "this profile sets none.")
               : tr("TLS: the server closed the connection before answering the opening "
                    "handshake. It may have refused the client certificate.");
}

void WireRelay::writeUpstream(const QByteArray &bytes)
{
    if (m_upstreamReady && m_upstream->state() == QAbstractSocket::ConnectedState)
        m_upstream->write(bytes);
    else
        m_pendingUp += bytes;
}

void WireRelay::onClientReadyRead()
{
    // Back-pressure: while the server has not taken what was sent, leave the client's
    // bytes in its socket (bounded by ReadBufferBytes) so TCP slows it down.
    if (!m_client || !m_upstream || upstreamBacklog() > HighWaterBytes)
        return;
    if (!m_upstreamReady && !m_pendingUp.isEmpty())
        return;
    readClient(m_client->readAll());
}

void WireRelay::onUpstreamBytesWritten()
{
    const qint64 now = m_clock.nsecsElapsed();
    if (m_lastProgressNs < 0 || now - m_lastProgressNs >= ProgressIntervalMs * 1000000) {
        m_lastProgressNs = now;
        Q_EMIT serverTookBytes();
    }
    onClientReadyRead(); // room toward the server: read on from the client
}

/// Bytes written toward the server and not yet on the network, in bytes: for wss://,
/// both what waits to be encrypted and what waits to be sent.
qint64 WireRelay::upstreamBacklog() const
{
    return m_upstream->bytesToWrite() +
           (m_tlsUpstream ? m_tlsUpstream->encryptedBytesToWrite() : 0);
}

void WireRelay::readClient(const QByteArray &bytes)
{
    // Once the server's side has closed, nothing more reaches it: QWebSocket's late
    // bytes (its answer to the server's close frame, say) are not frames that crossed.
    const bool serverGone =
        m_report.upstreamConnected && m_upstream->state() != QAbstractSocket::ConnectedState;
    if (bytes.isEmpty() || serverGone)
        return;
    if (m_request.status() == HttpHeadReader::Status::NeedMore)
        readRequestHead(bytes);
    else if (m_upgraded)
        forwardClientFrames(bytes);
    else
        writeUpstream(bytes);
}

void WireRelay::readRequestHead(const QByteArray &bytes)
{
    QByteArray rest;
    m_requestBytes += bytes;
    const HttpHeadReader::Status status = m_request.feed(bytes, &rest);
    if (status == HttpHeadReader::Status::NeedMore)
        return;
    if (status != HttpHeadReader::Status::Complete) {
        // Not ours to judge: QWebSocket wrote it. Every byte of it goes on.
        writeUpstream(std::exchange(m_requestBytes, {}));
        return;
    }
    m_requestBytes.clear();
    HttpHead request = m_request.head();
    request.replaceHost(m_target.hostHeader);
    writeUpstream(request.raw);
    m_unannounced = request;
    announceRequest();
    if (!rest.isEmpty())
        writeUpstream(rest);
}

void WireRelay::onUpstreamReadyRead()
{
    if (!m_client || !m_upstream)
        return;
    const bool clientGone = m_client->state() != QAbstractSocket::ConnectedState;
    if (!clientGone && m_client->bytesToWrite() > HighWaterBytes)
        return;
    readUpstream(m_upstream->readAll());
}

void WireRelay::writeClient(const QByteArray &bytes)
{
    if (m_client && m_client->state() == QAbstractSocket::ConnectedState)
        m_client->write(bytes);
}

void WireRelay::readUpstream(const QByteArray &bytes)
{
    if (bytes.isEmpty())
        return;
    if (m_upgraded)
        forwardServerFrames(bytes);
    else if (!m_opaque && m_response.status() == HttpHeadReader::Status::NeedMore)
        readResponseHead(bytes);
    else {
        if (m_report.responseBody.size() < RelayReport::MaxBodyBytes)
            m_report.responseBody +=
                bytes.left(RelayReport::MaxBodyBytes - m_report.responseBody.size());
        writeClient(bytes);
    }
}

void WireRelay::readResponseHead(const QByteArray &bytes)
{
    QByteArray rest;
    const HttpHeadReader::Status status = m_response.feed(bytes, &rest);
    if (status == HttpHeadReader::Status::NeedMore) {
        writeClient(bytes);
        return;
    }
    if (status != HttpHeadReader::Status::Complete) {
        m_opaque = true;
        m_report.responseProblem = m_response.problem();
        writeClient(bytes);
        return;
    }
    const HttpHead &response = m_response.head();
    m_report.handshakeUs = nowUs() - m_requestUs;
    Q_EMIT responseReceived(response, m_report.handshakeUs);
    writeClient(bytes.left(bytes.size() - rest.size()));
    m_upgraded = response.statusCode() == 101;
    m_serverFrames.setExtensionsNegotiated(response.has("Sec-WebSocket-Extensions"));
    if (rest.isEmpty())
        return;
    if (m_upgraded) {
        forwardServerFrames(rest);
    } else {
        m_report.responseBody = rest.left(RelayReport::MaxBodyBytes);
        writeClient(rest);
    }
}

void WireRelay::forwardServerFrames(const QByteArray &bytes)
{
    const qint64 chunkStart = m_serverFrames.position();
    WireBatch batch;
    m_serverFrames.feed(bytes, nowUs(), &batch);
    qsizetype deliver = m_withholding ? 0 : bytes.size();
    for (WireFrame &frame : batch.notable) {
        if (frame.isClose() && !m_serverClose) {
            m_serverClose = frame;
            if (m_clientCloseUs >= 0)
                m_report.closeAnswerUs = frame.timeUs - m_clientCloseUs;
        }
        // RFC 6455 5.1: a client fails the connection on a masked frame from the server.
        // QtWebSockets 6.4 would deliver it as a message, so from it on, nothing more
        // reaches QWebSocket; the session closes with 1002 (failsConnection).
        if (frame.header.masked && !m_withholding) {
            frame.failsConnection = true;
            m_withholding = true;
            deliver = qsizetype(qMax<qint64>(0, frame.header.offset - chunkStart));
        }
    }
    if (!batch.records.isEmpty())
        Q_EMIT framesSeen(batch);
    writeClient(deliver == bytes.size() ? bytes : bytes.left(deliver));
}

void WireRelay::noteFirstToClose(RelayReport::TcpCloser who)
{
    if (m_report.firstToClose == RelayReport::TcpCloser::Nobody)
        m_report.firstToClose = who;
}

/// QWebSocket's side ended: what it wrote last is taken now, whatever the server's
/// backlog, so a close frame behind a large send still goes up.
void WireRelay::onClientReadChannelFinished()
{
    if (m_client->bytesAvailable() > 0)
        readClient(m_client->readAll());
}

void WireRelay::onClientDisconnected()
{
    if (m_client->isOpen() && m_client->bytesAvailable() > 0)
        readClient(m_client->readAll());
    // A close frame from the client went up (its own, or its answer to the server's).
    const bool closingHandshake = m_closeForwarded;
    const bool serverOpen = m_upstream && m_upstream->state() != QAbstractSocket::UnconnectedState;
    if (closingHandshake && serverOpen && m_report.upstreamConnected) {
        // RFC 6455 7.1.1: the server closes TCP once the close frames have crossed; the
        // client waits for that, up to the close timeout, reading all the server sends.
        m_closeWaitQueued = unacknowledgedUpstream();
        m_closeTimer->start(m_target.closeTimeoutMs);
        onUpstreamReadyRead();
        return;
    }
    if (m_holdingClose)
        writeUpstream(std::exchange(m_heldClose, {}));
    noteFirstToClose(RelayReport::TcpCloser::Client); // QWebSocket's drop, passed on
    if (m_upstream)
        m_upstream->abort(); // no close frame either way: Stop, or a handshake that failed
    finishIfDone();
}

void WireRelay::onUpstreamDisconnected()
{
    noteFirstToClose(RelayReport::TcpCloser::Server);
    m_closeTimer->stop();
    // What back-pressure held back. Only when there is some: through an HTTP proxy, an
    // aborted QSslSocket is still open while its inner socket is not, and reading warns.
    if (m_client && m_upstream->isOpen() && m_upstream->bytesAvailable() > 0)
        readUpstream(m_upstream->readAll());
    if (m_client && m_client->state() == QAbstractSocket::ConnectedState)
        m_client->disconnectFromHost(); // after what is queued for it
    finishIfDone();
}

void WireRelay::finishIfDone()
{
    const auto closed = [](QTcpSocket *s) {
        return !s || s->state() == QAbstractSocket::UnconnectedState;
    };
    if (m_finished || !closed(m_client) || !closed(m_upstream))
        return;
    m_finished = true;
    m_closeTimer->stop();
    // A text frame cut off by the end still has its record, and its rows come first.
    WireBatch cutOff;
    m_serverFrames.finish(&cutOff);
    m_clientFrames.finish(&cutOff);
    if (!cutOff.records.isEmpty())
        Q_EMIT framesSeen(cutOff);
    Q_EMIT finished(m_report);
}
