#pragma once

#include "wiretap/wirerelay.h"

#include <QObject>
#include <QPointer>
#include <QThread>
#include <QUrl>

class RelayListener;

/// The wire tap of one session: a worker thread, and for each connection a WireRelay on
/// it with a listener on 127.0.0.1, port 0, for QWebSocket to connect to. The relay's
/// signals are repeated here, on the tap's thread, for the current connection only.
class WireTap final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WireTap)
public:
    explicit WireTap(QObject *parent = nullptr);
    ~WireTap() override;

    /// Starts a relay toward @p url's host and port and returns the URL for QWebSocket to
    /// open instead: ws://127.0.0.1:PORT with @p url's path and query. For wss://, the
    /// relay speaks TLS to the server (QWebSocket's side stays plain, on loopback). The
    /// relay gives the server @p url's authority as its Host. From @p options it takes
    /// closeTimeoutMs, tlsConfiguration, ignoreTlsErrors and proxy; the rest comes from
    /// @p url. An empty URL and @p problem when no local port could be opened.
    QUrl start(const QUrl &url, const RelayTarget &options, QString *problem);
    /// Drops the current relay's two sides at once, with no closing handshake.
    void abort();
    /// Forgets the current relay (dropping it), so none of its signals come any more.
    void release() { releaseRelay(); }

Q_SIGNALS:
    void upstreamConnected(qint64 lookupUs, qint64 connectUs);
    void tlsReported(const TlsReport &report);
    void requestForwarded(const HttpHead &request);
    void responseReceived(const HttpHead &response, qint64 handshakeUs);
    void framesSeen(const WireBatch &batch);
    void closeFrameReplaced(const WireFrame &written, const WireFrame &sent);
    void finished(const RelayReport &report);
    void serverTookBytes(); ///< See WireRelay::serverTookBytes().

private:
    void connectRelay(WireRelay *relay);
    void onAccepted(qintptr descriptor);
    template <typename... Args>
    void repeat(WireRelay *relay, void (WireRelay::*from)(Args...), void (WireTap::*to)(Args...));
    void releaseRelay();

    QThread m_thread;
    RelayListener *m_listener = nullptr;
    QPointer<WireRelay> m_relay;
    quint64 m_generation = 0; ///< Counts relays, so a replaced one's late signals are dropped.
};
