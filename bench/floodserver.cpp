#include "floodserver.h"

#include <QCryptographicHash>
#include <QTcpServer>
#include <QTcpSocket>

QByteArray FloodServer::payload(int n, int payloadBytes)
{
    QByteArray p = QByteArray::number(n).rightJustified(9, '0');
    p.append(' ');
    while (p.size() < payloadBytes)
        p.append(char('a' + p.size() % 26));
    p.truncate(payloadBytes);
    return p;
}

FloodServer::FloodServer(int messages, int payloadBytes, quint16 port) : m_wantedPort(port)
{
    Q_ASSERT(payloadBytes < 126); // one-byte length (RFC 6455 5.2)
    m_frames.reserve(qsizetype(messages) * (payloadBytes + 2));
    for (int i = 0; i < messages; ++i) {
        m_frames.append(char(0x81)); // FIN + text
        m_frames.append(char(payloadBytes));
        m_frames.append(payload(i, payloadBytes));
    }
    moveToThread(&m_thread);
    m_thread.start();
    QMetaObject::invokeMethod(this, &FloodServer::listen, Qt::BlockingQueuedConnection);
}

FloodServer::~FloodServer()
{
    QMetaObject::invokeMethod(
        this, [this] { delete m_server; }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

void FloodServer::listen()
{
    m_server = new QTcpServer;
    m_server->listen(QHostAddress::LocalHost, m_wantedPort);
    m_port = m_server->serverPort();
    connect(m_server, &QTcpServer::newConnection, this, &FloodServer::onNewConnection);
}

void FloodServer::onNewConnection()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        auto request = std::make_shared<QByteArray>();
        connect(socket, &QTcpSocket::readyRead, socket, [this, socket, request] {
            if (request->endsWith("\r\n\r\n")) {
                socket->readAll(); // after the handshake: the client's frames are ignored
                return;
            }
            request->append(socket->readAll());
            if (!request->endsWith("\r\n\r\n"))
                return;
            QByteArray key;
            for (const QByteArray &line : request->split('\n')) {
                if (line.toLower().startsWith("sec-websocket-key:"))
                    key = line.mid(18).trimmed();
            }
            const QByteArray accept =
                QCryptographicHash::hash(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11",
                                         QCryptographicHash::Sha1)
                    .toBase64();
            socket->write("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                          "Connection: Upgrade\r\nSec-WebSocket-Accept: " +
                          accept + "\r\n\r\n");
            socket->write(m_frames);
        });
    }
}
