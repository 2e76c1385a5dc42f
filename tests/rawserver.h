#pragma once
// A raw TCP server that answers the opening handshake by hand, for tests of what a
// misbehaving server sends: canned HTTP responses, then frames written byte for byte.

#include "protocol/openinghandshake.h"

#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>
#include <QUrl>
#include <functional>

/// Answers each client's opening handshake with response(), in which "%ACCEPT%" becomes
/// the right Sec-WebSocket-Accept for the client's key (RFC 6455 4.2.2), so a response
/// can be valid but for the one header under test. Then afterHandshake, if set, gets the
/// socket (the server keeps owning it).
class RawServer : public QObject
{
public:
    static QByteArray switchingProtocols()
    {
        return QByteArrayLiteral("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                                 "Connection: Upgrade\r\nSec-WebSocket-Accept: %ACCEPT%\r\n\r\n");
    }

    explicit RawServer(const QByteArray &response = switchingProtocols()) : m_response(response)
    {
        connect(&m_server, &QTcpServer::newConnection, this, &RawServer::onNewConnection);
        QVERIFY(m_server.listen(QHostAddress::LocalHost, 0));
    }
    QUrl url() const
    {
        return QUrl(QStringLiteral("ws://127.0.0.1:%1/").arg(m_server.serverPort()));
    }

    QPointer<QTcpSocket> socket; ///< The latest client.
    QByteArray request;          ///< What the latest client sent up to the handshake's end.
    std::function<void(QTcpSocket *)> afterHandshake;
    int answerDelayMs = 0; ///< How long the server waits before it answers the request.

private:
    void onNewConnection()
    {
        socket = m_server.nextPendingConnection();
        request.clear();
        connect(socket, &QTcpSocket::readyRead, this, &RawServer::onRequest);
    }
    void onRequest()
    {
        if (request.contains("\r\n\r\n"))
            return; // the handshake is answered; what follows is the test's
        request += socket->readAll();
        if (!request.contains("\r\n\r\n"))
            return;
        if (answerDelayMs > 0)
            QTimer::singleShot(answerDelayMs, this, &RawServer::answer);
        else
            answer();
    }
    void answer()
    {
        if (!socket)
            return;
        const QByteArray accept = OpeningHandshake::acceptKey(OpeningHandshake::clientKey(request));
        socket->write(QByteArray(m_response).replace("%ACCEPT%", accept));
        if (afterHandshake)
            afterHandshake(socket);
    }

    QTcpServer m_server;
    QByteArray m_response;
};

/// An unmasked server frame (RFC 6455 5.2): FIN as given, opcode @p opcode, the shortest
/// length encoding, and @p payload.
inline QByteArray serverFrame(quint8 opcode, const QByteArray &payload, bool fin = true)
{
    QByteArray f;
    f.append(char((fin ? 0x80 : 0) | opcode));
    const qint64 n = payload.size();
    if (n < 126) {
        f.append(char(n));
    } else if (n < 65536) {
        f.append(char(126)).append(char(n >> 8)).append(char(n & 0xff));
    } else {
        f.append(char(127));
        for (int shift = 56; shift >= 0; shift -= 8)
            f.append(char((n >> shift) & 0xff));
    }
    return f + payload;
}
