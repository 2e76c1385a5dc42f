// A server that closes first (RFC 6455 7.1.2): the log shows the close frame received and
// the reply QWebSocket sent, exactly as the server read it off the wire; an empty close
// frame's size is not invented.
#include "rawserver.h"
#include "session/websocketsession.h"
#include "sessiontesthelpers.h"

#include <QSignalSpy>
#include <QTest>
#include <QtEndian>

namespace {

/// The payload of the first complete client frame in @p bytes, unmasked (RFC 6455 5.3),
/// if its opcode is @p opcode; no value when there is none yet.
std::optional<QByteArray> clientFramePayload(const QByteArray &bytes, quint8 opcode)
{
    if (bytes.size() < 2 || (quint8(bytes[0]) & 0x0f) != opcode || !(quint8(bytes[1]) & 0x80))
        return std::nullopt;
    qsizetype length = quint8(bytes[1]) & 0x7f;
    qsizetype at = 2;
    if (length == 126) {
        length = qFromBigEndian<quint16>(bytes.constData() + 2);
        at = 4;
    }
    if (bytes.size() < at + 4 + length)
        return std::nullopt;
    const QByteArray mask = bytes.mid(at, 4);
    QByteArray payload = bytes.mid(at + 4, length);
    for (qsizetype i = 0; i < payload.size(); ++i)
        payload[i] = char(payload[i] ^ mask[i % 4]);
    return payload;
}

/// Sends @p closeFrame after the handshake and collects what the client sends back.
class ClosingFirstServer : public RawServer
{
public:
    explicit ClosingFirstServer(const QByteArray &closeFrame)
    {
        afterHandshake = [this, closeFrame](QTcpSocket *s) {
            connect(s, &QTcpSocket::readyRead, this, [this, s] { received += s->readAll(); });
            s->write(closeFrame);
        };
    }
    QByteArray received;
};

} // namespace

class TestClosingReply : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void replyIsLoggedAsItCrossedTheWire_data();
    void replyIsLoggedAsItCrossedTheWire();
};

void TestClosingReply::replyIsLoggedAsItCrossedTheWire_data()
{
    QTest::addColumn<QByteArray>("closePayload");
    QTest::addColumn<bool>("sizeKnown");
    QTest::newRow("1001 with a reason") << QByteArray("\x03\xe9"
                                                      "bye",
                                                      5)
                                        << true;
    QTest::newRow("4000 without a reason") << QByteArray("\x0f\xa0", 2) << true;
    QTest::newRow("empty close frame") << QByteArray() << true;
}

void TestClosingReply::replyIsLoggedAsItCrossedTheWire()
{
    QFETCH(QByteArray, closePayload);
    QFETCH(bool, sizeKnown);
    ClosingFirstServer server(serverFrame(0x8, closePayload));
    WebSocketSession session;
    QSignalSpy finished(&session, &WebSocketSession::finished);
    QVERIFY(session.open(profileFor(server.url())));
    QVERIFY(finished.wait(10000));
    std::optional<QByteArray> reply;
    QTRY_VERIFY((reply = clientFramePayload(server.received, 0x8)).has_value());

    MessageLog *log = session.log();
    log->flush();
    QCOMPARE(log->rows(), 4); // opened, close received, close sent, closed
    const LogEvent received = log->event(1);
    const LogEvent sent = log->event(2);
    QCOMPARE(received.kind, EventKind::CloseReceived);
    QCOMPARE(sent.kind, EventKind::CloseSent);
    QCOMPARE(log->event(3).kind, EventKind::Closed);
    // The reply row is what the server read: its code, its reason, its size.
    QCOMPARE(sent.closeCode, qFromBigEndian<quint16>(reply->constData()));
    QCOMPARE(sent.payload, reply->mid(2));
    QCOMPARE(sent.sizeBytes, reply->size());
    if (sizeKnown && closePayload.isEmpty()) {
        // RFC 6455 7.1.5: no status code in the frame reads as 1005 (6.4 says 1000).
        QCOMPARE(received.sizeBytes, 0);
        QCOMPARE(received.closeCode, quint16(1005));
        QVERIFY2(MessageLog::preview(received).contains(QLatin1String("empty close frame")),
                 qPrintable(MessageLog::preview(received)));
    } else if (sizeKnown) {
        QCOMPARE(received.sizeBytes, closePayload.size());
        QCOMPARE(received.closeCode, qFromBigEndian<quint16>(closePayload.constData()));
        QCOMPARE(received.payload, closePayload.mid(2));
    } else {
        // QtWebSockets 6.4 reads "88 00" as 1000: the row must not claim 2 bytes.
        QCOMPARE(received.sizeBytes, UnknownSize);
        QVERIFY2(MessageLog::preview(received).contains(QLatin1String("empty close frame")),
                 qPrintable(MessageLog::preview(received)));
        QCOMPARE(log->data(log->index(1, MessageLog::SizeColumn)).toString(), QStringLiteral("?"));
    }
}

QTEST_GUILESS_MAIN(TestClosingReply)
#include "tst_closingreply.moc"
