#pragma once
// A WebSocket client written by hand on a QTcpSocket, for tests that need frames no
// well-behaved client sends: unmasked, split anywhere, or never read.

#include <QTcpSocket>
#include <QTest>
#include <utility>

/// A client frame (RFC 6455 5.2), masked with @p key unless @p masked is false. A key of 0
/// leaves the payload as it is on the wire.
inline QByteArray clientFrame(quint8 first, const QByteArray &payload, bool masked = true,
                              quint32 key = 0x37FA213D)
{
    QByteArray f(1, char(first));
    const quint64 n = quint64(payload.size());
    const char maskBit = masked ? char(0x80) : char(0);
    int lengthBytes = 0;
    if (n > 0xFFFF) {
        f.append(char(maskBit | 127));
        lengthBytes = 8;
    } else if (n >= 126) {
        f.append(char(maskBit | 126));
        lengthBytes = 2;
    } else {
        f.append(char(maskBit | char(n)));
    }
    for (int i = lengthBytes - 1; i >= 0; --i)
        f.append(char((n >> (8 * i)) & 0xFF));
    if (!masked)
        return f + payload;
    char k[4];
    for (int i = 0; i < 4; ++i) {
        k[i] = char((key >> (8 * (3 - i))) & 0xFF);
        f.append(k[i]);
    }
    QByteArray body = payload;
    for (qsizetype i = 0; i < body.size(); ++i)
        body[i] = char(body[i] ^ k[i % 4]);
    return f + body;
}

inline QByteArray closePayload(quint16 code, const QByteArray &reason)
{
    return QByteArray(1, char(code >> 8)) + char(code & 0xFF) + reason;
}

/// Payload bytes that read as unmasked frame headers: a server that lost its place in the
/// stream would find unmasked frames in them.
inline QByteArray headerLikeBytes(qsizetype bytes)
{
    QByteArray out;
    while (out.size() < bytes)
        out.append("\x81\x05hello\x82\x7e\x01\x00", 11);
    out.truncate(bytes);
    return out;
}

/// A frame as the server sent it (servers do not mask, RFC 6455 5.1).
struct ServerFrame
{
    quint8 first = 0;
    bool masked = false;
    QByteArray payload;
    int opcode() const { return first & 0x0F; }
    int closeCode() const
    {
        return payload.size() >= 2 ? (quint8(payload[0]) << 8) | quint8(payload[1]) : -1;
    }
    QByteArray closeReason() const { return payload.mid(2); }
};

/// The complete frames in @p bytes; an incomplete last one is left out.
inline QList<ServerFrame> parseServerFrames(const QByteArray &bytes)
{
    QList<ServerFrame> frames;
    qsizetype at = 0;
    while (bytes.size() - at >= 2) {
        ServerFrame f;
        f.first = quint8(bytes[at]);
        f.masked = (quint8(bytes[at + 1]) & 0x80) != 0;
        quint64 n = quint8(bytes[at + 1]) & 0x7F;
        qsizetype header = 2;
        const int lengthBytes = n == 126 ? 2 : n == 127 ? 8 : 0;
        if (bytes.size() - at < header + lengthBytes)
            break;
        if (lengthBytes > 0) {
            n = 0;
            for (int i = 0; i < lengthBytes; ++i)
                n = (n << 8) | quint8(bytes[at + 2 + i]);
        }
        header += lengthBytes + (f.masked ? 4 : 0);
        if (quint64(bytes.size() - at - header) < n)
            break;
        f.payload = bytes.mid(at + header, qsizetype(n));
        frames.append(f);
        at += header + qsizetype(n);
    }
    return frames;
}

/// A WebSocket client written by hand on a QTcpSocket: the opening handshake of
/// RFC 6455 4.1 (the key and accept value of its example), then whatever bytes a test
/// writes. Records every byte after the server's response.
class RawClient : public QObject
{
public:
    /// Connects to @p port and sends the request, followed at once by @p withRequest.
    explicit RawClient(quint16 port, const QByteArray &withRequest = {})
    {
        connect(&socket, &QTcpSocket::connected, this, [this, port, withRequest] {
            socket.write("GET / HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(port) +
                         "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                         "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                         "Sec-WebSocket-Version: 13\r\n\r\n" +
                         withRequest);
        });
        connect(&socket, &QTcpSocket::readyRead, this, &RawClient::onReadyRead);
        connect(&socket, &QTcpSocket::disconnected, this, [this] { ended = true; });
        socket.connectToHost(QHostAddress::LocalHost, port);
    }
    void onReadyRead()
    {
        const QByteArray bytes = socket.readAll();
        if (upgraded) {
            received += bytes;
            return;
        }
        response += bytes;
        const qsizetype end = response.indexOf("\r\n\r\n");
        if (end < 0)
            return;
        received = response.mid(end + 4);
        response.truncate(end + 4);
        upgraded = response.startsWith("HTTP/1.1 101") &&
                   response.contains("Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
    }
    bool waitUpgraded()
    {
        return QTest::qWaitFor([this] { return upgraded; }, 10000);
    }
    bool waitEnded(int ms = 10000)
    {
        return QTest::qWaitFor([this] { return ended; }, ms);
    }
    /// Stops reading: the kernel's buffers fill and the server's writes back up.
    void stopReading()
    {
        disconnect(&socket, &QTcpSocket::readyRead, this, &RawClient::onReadyRead);
        socket.setReadBufferSize(1);
    }
    QList<ServerFrame> frames() const { return parseServerFrames(received); }

    QTcpSocket socket;
    QByteArray response;
    QByteArray received;
    bool upgraded = false;
    bool ended = false;
};

/// The data messages in @p frames, their fragments joined (RFC 6455 5.4): QWebSocket sends
/// a message longer than its outgoing frame size (512 KiB) in fragments.
inline QList<QByteArray> dataMessages(const QList<ServerFrame> &frames)
{
    QList<QByteArray> messages;
    QByteArray partial;
    for (const ServerFrame &f : frames) {
        if (f.opcode() > 0x2)
            continue;
        partial += f.payload;
        if (f.first & 0x80)
            messages.append(std::exchange(partial, {}));
    }
    return messages;
}

/// The opcodes of @p frames, for comparing with what a test expects.
inline QList<int> opcodes(const QList<ServerFrame> &frames)
{
    QList<int> out;
    for (const ServerFrame &f : frames)
        out.append(f.opcode());
    return out;
}
