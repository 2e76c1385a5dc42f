#pragma once
// The proxies the proxy tests start: Debian's tinyproxy (an HTTP proxy that tunnels with
// CONNECT, RFC 9110 9.3.6) and tests/peers/socks5_proxy.py (RFC 1928, RFC 1929); and
// what those tests share: a profile through a proxy, a session's message reaching the
// server, a connection that must fail.

#include "peerprocess.h"
#include "sessiontesthelpers.h"

#include <QFile>
#include <QNetworkProxy>
#include <QProcess>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>

/// tests/peers/socks5_proxy.py: no authentication, or @p user and @p password required
/// (see its docstring for the events).
class Socks5Peer : public PeerProcess
{
public:
    explicit Socks5Peer(const QString &user = QString(), const QString &password = QString())
        : PeerProcess(arguments(user, password))
    {}

private:
    static QStringList arguments(const QString &user, const QString &password)
    {
        QStringList a{QStringLiteral(SOCKSCOPE_SOCKS5_PEER_SCRIPT)};
        if (!user.isEmpty())
            a << user << password;
        return a;
    }
};

/// A port on 127.0.0.1 that was free a moment ago: bound to port 0, then closed. Nothing
/// listens there unless another program took it since.
inline quint16 freeLocalPort()
{
    QTcpServer server;
    server.setProxy(QNetworkProxy::NoProxy);
    if (!server.listen(QHostAddress::LocalHost, 0))
        return 0;
    return server.serverPort();
}

/// Debian's tinyproxy (package tinyproxy-bin, installed by scripts/deps.sh), run in the
/// foreground (-d) with a config file of its own in a temporary folder: it listens on
/// 127.0.0.1, serves 127.0.0.1 only and logs every request (LogLevel Info) to log().
class TinyProxy
{
public:
    struct Options
    {
        /// The only port CONNECT may reach (tinyproxy answers 403 for the others); 0 for
        /// any port: tinyproxy allows all when the config has no ConnectPort line.
        quint16 connectPort = 0;
        QString user;     ///< With password: "BasicAuth user password" (HTTP Basic, 407).
        QString password; ///< tinyproxy's config cannot quote: no spaces in either.
    };

    explicit TinyProxy(const Options &options) : m_options(options) {}
    ~TinyProxy() { stop(); }
    TinyProxy(const TinyProxy &) = delete;
    TinyProxy &operator=(const TinyProxy &) = delete;

    /// Starts tinyproxy on a free port and waits until it accepts connections. tinyproxy
    /// cannot listen on port 0, so the port is one freeLocalPort() found; when another
    /// program took it first, tinyproxy exits and another port is tried. False, with
    /// @p problem, when tinyproxy is not installed or does not start.
    bool start(QString *problem)
    {
        const QString program = QStandardPaths::findExecutable(QStringLiteral("tinyproxy"));
        if (program.isEmpty()) {
            *problem = QStringLiteral("tinyproxy is not installed: run scripts/deps.sh, which "
                                      "installs Debian's tinyproxy-bin");
            return false;
        }
        if (!m_dir.isValid()) {
            *problem = QStringLiteral("no temporary folder: %1").arg(m_dir.errorString());
            return false;
        }
        for (int attempt = 0; attempt < 5; ++attempt) {
            if (startOn(program, freeLocalPort(), problem))
                return true;
        }
        return false;
    }
    void stop()
    {
        if (m_process.state() == QProcess::NotRunning)
            return;
        m_process.terminate(); // SIGTERM: tinyproxy shuts down
        if (!m_process.waitForFinished(3000))
            m_process.kill();
        m_process.waitForFinished(1000);
    }

    /// Everything tinyproxy has logged so far.
    QString log() const
    {
        QFile file(logPath());
        return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
    }
    quint16 port = 0;

private:
    QString logPath() const { return m_dir.filePath(QStringLiteral("tinyproxy.log")); }

    bool startOn(const QString &program, quint16 candidate, QString *problem)
    {
        const QString config = m_dir.filePath(QStringLiteral("tinyproxy.conf"));
        QFile::remove(logPath());
        if (!writeConfig(config, candidate)) {
            *problem = QStringLiteral("cannot write %1").arg(config);
            return false;
        }
        m_process.setProcessChannelMode(QProcess::MergedChannels);
        m_process.start(program, {QStringLiteral("-d"), QStringLiteral("-c"), config});
        const bool ready = QTest::qWaitFor(
            [this] {
                return m_process.state() == QProcess::NotRunning ||
                       log().contains(QLatin1String("Accepting connections"));
            },
            15000);
        if (ready && m_process.state() == QProcess::Running) {
            port = candidate;
            return true;
        }
        stop();
        *problem = QStringLiteral("tinyproxy did not start on port %1: %2%3")
                       .arg(candidate)
                       .arg(QString::fromLocal8Bit(m_process.readAll()), log());
        return false;
    }

    bool writeConfig(const QString &path, quint16 listenPort) const
    {
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return false;
        QStringList lines{QStringLiteral("Port %1").arg(listenPort),
                          QStringLiteral("Listen 127.0.0.1"),
                          QStringLiteral("Allow 127.0.0.1"),
                          QStringLiteral("Timeout 60"),
                          QStringLiteral("MaxClients 20"),
                          QStringLiteral("LogLevel Info"),
                          QStringLiteral("LogFile \"%1\"").arg(logPath())};
        if (m_options.connectPort != 0)
            lines << QStringLiteral("ConnectPort %1").arg(m_options.connectPort);
        if (!m_options.user.isEmpty())
            lines << QStringLiteral("BasicAuth %1 %2").arg(m_options.user, m_options.password);
        return file.write(lines.join(QLatin1Char('\n')).toUtf8() + '\n') > 0;
    }

    Options m_options;
    QTemporaryDir m_dir;
    QProcess m_process;
};

/// Where the proxies and servers listen.
inline const QString Loopback = QStringLiteral("127.0.0.1");

/// A profile for @p url through the @p type proxy on 127.0.0.1:@p port.
inline Profile through(const QUrl &url, ProxySettings::Type type, quint16 port,
                       const QString &user = QString())
{
    Profile p = profileFor(url);
    p.proxy.type = type;
    p.proxy.host = Loopback;
    p.proxy.port = port;
    p.proxy.user = user;
    return p;
}

/// The Host field of the last opening handshake @p server received.
inline QString receivedHost(const PeerProcess &server)
{
    const QJsonObject open = server.last(QStringLiteral("open"));
    return open.value(QStringLiteral("headers"))
        .toObject()
        .value(QStringLiteral("host"))
        .toString();
}

/// Sends @p text and waits for @p server to print it as received.
inline bool reachesServer(WebSocketSession &session, const PeerProcess &server, const QString &text)
{
    const auto received = [&server, &text] {
        return server.last(QStringLiteral("message")).value(QStringLiteral("text")) == text;
    };
    return session.sendText(text) && QTest::qWaitFor(received, 10000);
}

/// Opens @p profile, which must fail, and waits for the end: the error row's text.
inline QString failedOpen(WebSocketSession &session, const Profile &profile)
{
    if (!session.open(profile))
        return session.lastError();
    const auto ended = [&session] {
        return session.endCause() != WebSocketSession::EndCause::StillOpen;
    };
    return QTest::qWaitFor(ended, 15000) ? session.lastError()
                                         : QStringLiteral("(still connecting after 15 s)");
}
