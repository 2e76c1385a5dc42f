#include "floodserver.h"

#include "protocol/openinghandshake.h"

#include <QTcpServer>
#include <QTcpSocket>
#include <QtEndian>
#include <cstring>

namespace {

/// Bytes of the "%09d " message number that starts every payload.
constexpr qsizetype NumberBytes = 10;

QByteArray messageNumber(int n)
{
    return QByteArray::number(n).rightJustified(NumberBytes - 1, '0') + ' ';
}

/// An unmasked binary frame's header with FIN set, in the shortest length encoding
/// (RFC 6455 5.2 requires it).
QByteArray binaryFrameHeader(qint64 payloadBytes)
{
    QByteArray header(1, char(0x82)); // FIN + binary
    if (payloadBytes < 126) {
        header.append(char(payloadBytes));
    } else if (payloadBytes < 65536) {
        header.append(char(126));
        char length[2];
        qToBigEndian(quint16(payloadBytes), length);
        header.append(length, 2);
    } else {
        header.append(char(127));
        char length[8];
        qToBigEndian(quint64(payloadBytes), length);
        header.append(length, 8);
    }
    return header;
}

} // namespace

QByteArray FloodServer::payload(int n, int payloadBytes)
{
    QByteArray p = messageNumber(n);
    while (p.size() < payloadBytes)
        p.append(char('a' + p.size() % 26));
    p.truncate(payloadBytes);
    return p;
}

bool FloodServer::isPayload(int n, QByteArrayView data, qint64 bytes)
{
    if (data.size() != bytes || bytes < NumberBytes ||
        data.first(NumberBytes) != QByteArrayView(messageNumber(n)))
        return false;
    QByteArray filler(ChunkBytes + 26, Qt::Uninitialized);
    for (qsizetype i = 0; i < filler.size(); ++i)
        filler[i] = char('a' + i % 26);
    for (qint64 at = NumberBytes; at < bytes; at += ChunkBytes) {
        const qint64 length = qMin(ChunkBytes, bytes - at);
        if (std::memcmp(data.data() + at, filler.constData() + at % 26, std::size_t(length)) != 0)
            return false;
    }
    return true;
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
    start();
}

FloodServer::FloodServer(Binary binary, quint16 port) : m_binary(binary), m_wantedPort(port)
{
    Q_ASSERT(binary.messageBytes >= 16);
    m_filler.resize(ChunkBytes + 26);
    for (qsizetype i = 0; i < m_filler.size(); ++i)
        m_filler[i] = char('a' + i % 26);
    start();
}

void FloodServer::start()
{
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
        auto stream = std::make_shared<Stream>();
        connect(socket, &QTcpSocket::readyRead, socket, [this, socket, request, stream] {
            onHandshakeRead(socket, request.get(), stream);
        });
    }
}

void FloodServer::onHandshakeRead(QTcpSocket *socket, QByteArray *request,
                                  const std::shared_ptr<Stream> &stream)
{
    if (request->endsWith("\r\n\r\n")) {
        socket->readAll(); // after the handshake: the client's frames are ignored
        return;
    }
    request->append(socket->readAll());
    if (!request->endsWith("\r\n\r\n"))
        return;
    const QByteArray accept = OpeningHandshake::acceptKey(OpeningHandshake::clientKey(*request));
    socket->write("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                  "Connection: Upgrade\r\nSec-WebSocket-Accept: " +
                  accept + "\r\n\r\n");
    if (m_binary.messages == 0) {
        socket->write(m_frames);
        return;
    }
    connect(socket, &QTcpSocket::bytesWritten, socket,
            [this, socket, stream] { pump(socket, stream.get()); });
    pump(socket, stream.get());
}

void FloodServer::pump(QTcpSocket *socket, Stream *stream)
{
    while (stream->message < m_binary.messages && socket->bytesToWrite() < ChunkBytes) {
        if (stream->offset == 0) {
            socket->write(binaryFrameHeader(m_binary.messageBytes) +
                          messageNumber(stream->message));
            stream->offset = NumberBytes;
        }
        const qint64 length = qMin(ChunkBytes, m_binary.messageBytes - stream->offset);
        socket->write(m_filler.constData() + stream->offset % 26, length);
        stream->offset += length;
        if (stream->offset == m_binary.messageBytes) {
            ++stream->message;
            stream->offset = 0;
        }
    }
}
