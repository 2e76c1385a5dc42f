#include "wiretap/wiretap.h"

#include <QNetworkProxy>
#include <QTcpServer>

/// Accepts one connection, QWebSocket's, and hands its descriptor on (the relay adopts
/// it on its own thread), then stops listening.
class RelayListener final : public QTcpServer
{
    Q_OBJECT
public:
    using QTcpServer::QTcpServer;

Q_SIGNALS:
    void accepted(qintptr descriptor);

protected:
    void incomingConnection(qintptr descriptor) override
    {
        close();
        Q_EMIT accepted(descriptor);
    }
};

WireTap::WireTap(QObject *parent) : QObject(parent), m_listener(new RelayListener(this))
{
    static const int registered = [] {
        qRegisterMetaType<WireFrame>();
        qRegisterMetaType<WireBatch>();
        qRegisterMetaType<RelayReport>();
        qRegisterMetaType<HttpHead>();
        qRegisterMetaType<TlsReport>();
        return 0;
    }();
    Q_UNUSED(registered)
    m_listener->setProxy(QNetworkProxy::NoProxy);
    connect(m_listener, &RelayListener::accepted, this, &WireTap::onAccepted);
    m_thread.setObjectName(QStringLiteral("wire tap"));
    m_thread.start();
}

WireTap::~WireTap()
{
    releaseRelay();
    m_thread.quit();
    m_thread.wait();
}

void WireTap::releaseRelay()
{
    ++m_generation;
    if (m_relay) {
        QMetaObject::invokeMethod(m_relay, &WireRelay::abortBoth, Qt::QueuedConnection);
        m_relay->deleteLater();
        m_relay = nullptr;
    }
}

QUrl WireTap::start(const QUrl &url, const RelayTarget &options, QString *problem)
{
    releaseRelay();
    m_listener->close();
    if (!m_listener->listen(QHostAddress::LocalHost, 0)) {
        *problem =
            tr("The wire tap could not listen on 127.0.0.1: %1").arg(m_listener->errorString());
        return {};
    }
    RelayTarget target = options;
    target.tls = url.scheme() == QLatin1String("wss");
    target.host = target.peerVerifyName = url.host();
    target.port = quint16(url.port(target.tls ? 443 : 80));
    QUrl authority = url;
    authority.setUserInfo(QString());
    target.hostHeader = authority.authority(QUrl::FullyEncoded).toLatin1();
    auto *relay = new WireRelay(target);
    relay->moveToThread(&m_thread);
    m_relay = relay;
    connectRelay(relay);

    QUrl local = url;
    local.setScheme(QStringLiteral("ws"));
    local.setHost(QStringLiteral("127.0.0.1"));
    local.setPort(m_listener->serverPort());
    return local;
}

void WireTap::connectRelay(WireRelay *relay)
{
    // The tap repeats each relay signal, for the current relay only.
    repeat(relay, &WireRelay::upstreamConnected, &WireTap::upstreamConnected);
    repeat(relay, &WireRelay::tlsReported, &WireTap::tlsReported);
    repeat(relay, &WireRelay::requestForwarded, &WireTap::requestForwarded);
    repeat(relay, &WireRelay::responseReceived, &WireTap::responseReceived);
    repeat(relay, &WireRelay::framesSeen, &WireTap::framesSeen);
    repeat(relay, &WireRelay::closeFrameReplaced, &WireTap::closeFrameReplaced);
    repeat(relay, &WireRelay::finished, &WireTap::finished);
    repeat(relay, &WireRelay::serverTookBytes, &WireTap::serverTookBytes);
}

template <typename... Args>
void WireTap::repeat(WireRelay *relay, void (WireRelay::*from)(Args...),
                     void (WireTap::*to)(Args...))
{
    const quint64 generation = m_generation; // a replaced relay's late signals are dropped
    connect(relay, from, this, [this, generation, to](Args... args) {
        if (generation == m_generation)
            (this->*to)(args...);
    });
}

void WireTap::onAccepted(qintptr descriptor)
{
    WireRelay *relay = m_relay;
    if (relay) // runs on the relay's thread
        QMetaObject::invokeMethod(relay, [relay, descriptor] { relay->adoptClient(descriptor); });
}

void WireTap::abort()
{
    if (m_relay)
        QMetaObject::invokeMethod(m_relay, &WireRelay::abortBoth, Qt::QueuedConnection);
}

#include "wiretap.moc"
