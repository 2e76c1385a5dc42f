#pragma once
// tests/peers/ws_peer.py, Debian's python3-websockets, as a peer the test starts.

#include "peerprocess.h"

/// tests/peers/ws_peer.py in "server" mode (see its docstring for the events).
class PythonServer : public PeerProcess
{
public:
    PythonServer() : PeerProcess({QStringLiteral(SOCKSCOPE_PEER_SCRIPT), QStringLiteral("server")})
    {}
};

/// tests/peers/ws_peer.py in "tls-server" mode: the same server over TLS with
/// tests/data/ca-server.crt (signed by tests/data/test-ca.crt), requiring a client
/// certificate signed by the test CA when @p requireClientCertificate.
class PythonTlsServer : public PeerProcess
{
public:
    explicit PythonTlsServer(bool requireClientCertificate = false)
        : PeerProcess(arguments(requireClientCertificate))
    {}
    QUrl wssUrl(const QString &path = QStringLiteral("/")) const
    {
        return QUrl(QStringLiteral("wss://127.0.0.1:%1%2").arg(port).arg(path));
    }

private:
    static QStringList arguments(bool requireClientCertificate)
    {
        QStringList a{QStringLiteral(SOCKSCOPE_PEER_SCRIPT), QStringLiteral("tls-server"),
                      QStringLiteral(SOCKSCOPE_TEST_DATA "/ca-server.crt"),
                      QStringLiteral(SOCKSCOPE_TEST_DATA "/ca-server.key")};
        if (requireClientCertificate)
            a.append(QStringLiteral(SOCKSCOPE_TEST_DATA "/test-ca.crt"));
        return a;
    }
};
