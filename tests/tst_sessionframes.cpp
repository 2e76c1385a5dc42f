// A session's data messages lead to their frames (MessageFrames) on real connections
// through the wire tap: a sent message over QWebSocket's outgoing frame size and its
// fragmented echo (an in-process QWebSocketServer), tests/peers/hostile_peer.py's
// fragments with a ping between them, a reconnect and Clear, and the row cap.
#include "hostilepeer.h"
#include "sessiontestserver.h"
#include "wiretap/messageframes.h"

#include <QSignalSpy>
#include <QTest>

namespace {

constexpr FrameSender client = FrameSender::Client, server = FrameSender::Server;

/// The kept payload bytes of each of @p rows of @p log: which frames were found.
QList<QByteArray> heads(const FrameLog &log, const QList<int> &rows)
{
    QList<QByteArray> out;
    for (const int row : rows)
        out.append(log.keptPayload(row));
    return out;
}

/// The first text or binary message of @p direction in @p log whose payload starts with
/// @p start; -1 if none.
qsizetype findRow(const MessageLog &log, Direction direction, const QByteArray &start)
{
    for (qsizetype row = 0; row < log.rows(); ++row) {
        if (log.direction(row) == direction && log.payload(row).startsWith(start) &&
            (log.kind(row) == EventKind::Text || log.kind(row) == EventKind::Binary))
            return row;
    }
    return -1;
}

/// The opcode and FIN of each of @p rows, as "text", "continuation FIN", "ping FIN"…
QStringList shapes(const FrameLog &log, const QList<int> &rows)
{
    QStringList out;
    for (const int row : rows) {
        const QModelIndex i = log.index(row, 0);
        out.append(FrameLog::opcodeName(quint8(i.data(FrameLog::OpcodeRole).toInt())) +
                   (i.data(FrameLog::FinRole).toBool() ? QStringLiteral(" FIN") : QString()));
    }
    return out;
}

/// The sender of each of @p rows of @p log.
QList<int> senders(const FrameLog &log, const QList<int> &rows)
{
    QList<int> out;
    for (const int row : rows)
        out.append(log.index(row, 0).data(FrameLog::SenderRole).toInt());
    return out;
}

/// Flushes what @p session holds back: its log rows, and its frames (30 ms batches).
void settle(WebSocketSession &session, int frames)
{
    QTRY_VERIFY(session.frames()->rowCount() >= frames);
    session.log()->flush();
}

} // namespace

class TestSessionFrames : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void aSentMessageOverTheFrameSizeIsItsFragments();
    void aReceivedFragmentedMessageHasThePingBetween();
    void messagesOfAnEarlierConnectionHaveNoFrames();
    void theRowCapOnARealConnection();
};

void TestSessionFrames::aSentMessageOverTheFrameSizeIsItsFragments()
{
    // QWebSocket 6.4 sends at most 512 KiB in a frame (DEFAULT_OUTGOING_FRAME_SIZE_IN_BYTES):
    // a longer message goes as fragments (RFC 6455 5.4), and the server's echo too.
    constexpr qint64 frameBytes = 512 * 1024;
    QCOMPARE(QWebSocket().outgoingFrameSize(), quint64(frameBytes));
    TestServer echo;
    WebSocketSession session;
    openAndWait(session, echo);
    const QString big = QString(int(2 * frameBytes + 1000), QLatin1Char('b'));
    QVERIFY(session.sendText(QStringLiteral("before")));
    QVERIFY(session.sendText(big));
    QVERIFY(session.sendBinary("after"));
    QTRY_COMPARE(session.statistics().messagesReceived, 3);
    settle(session, 2 * (1 + 3 + 1));
    MessageLog *log = session.log();
    const qsizetype sent = findRow(*log, Direction::Sent, "bbbb");
    const qsizetype echoed = findRow(*log, Direction::Received, "bbbb");
    QVERIFY(sent > 0 && echoed > sent);
    for (const qsizetype row : {sent, echoed}) {
        const MessageFrames found = MessageFrames::find(*log, row, *session.frames(), true);
        QCOMPARE(found.status, MessageFrames::Status::Found);
        QCOMPARE(found.number, 1);
        QCOMPARE(shapes(*session.frames(), found.frames.rows),
                 (QStringList{"text", "continuation", "continuation FIN"}));
        const int sender = int(row == sent ? client : server);
        QCOMPARE(senders(*session.frames(), found.frames.rows), QList<int>(3, sender));
        qulonglong length = 0;
        for (const int r : found.frames.rows)
            length += session.frames()->index(r, 0).data(FrameLog::PayloadLengthRole).toULongLong();
        QCOMPARE(length, qulonglong(big.size()));
        QCOMPARE(session.frames()
                     ->index(found.frames.rows.first(), 0)
                     .data(FrameLog::PayloadLengthRole)
                     .toULongLong(),
                 qulonglong(frameBytes));
    }
    // The messages around it are one frame each, and theirs.
    const qsizetype after = findRow(*log, Direction::Received, "after");
    const MessageFrames last = MessageFrames::find(*log, after, *session.frames(), true);
    QCOMPARE(last.number, 2);
    QCOMPARE(shapes(*session.frames(), last.frames.rows), QStringList{"binary FIN"});
    QCOMPARE(session.frames()->keptPayload(last.frames.rows.first()), QByteArray("after"));
}

void TestSessionFrames::aReceivedFragmentedMessageHasThePingBetween()
{
    HostilePeer peer({QStringLiteral("fragments-with-ping")});
    QVERIFY(peer.waitListening());
    WebSocketSession session;
    QVERIFY(openAndWait(session, profileFor(peer.url())));
    QTRY_COMPARE(session.statistics().messagesReceived, 1);
    settle(session, 4); // the server's three frames and QtWebSockets' pong
    const qsizetype row = findRow(*session.log(), Direction::Received, "Hello");
    QVERIFY(row > 0);
    const MessageFrames found = MessageFrames::find(*session.log(), row, *session.frames(), true);
    QCOMPARE(found.status, MessageFrames::Status::Found);
    QCOMPARE(shapes(*session.frames(), found.frames.rows),
             (QStringList{"text", "ping FIN", "continuation FIN"}));
    QCOMPARE(heads(*session.frames(), found.frames.rows), (QList<QByteArray>{"Hel", "mid", "lo"}));
    // The pong QtWebSockets answered with crossed too, but it is the client's frame.
    QCOMPARE(senders(*session.frames(), found.frames.rows), QList<int>(3, int(server)));
    QCOMPARE(found.description(), QStringLiteral("Received text message 1: 2 fragments, with "
                                                 "1 control frame between them."));
}

void TestSessionFrames::messagesOfAnEarlierConnectionHaveNoFrames()
{
    TestServer echo;
    WebSocketSession session;
    openAndWait(session, echo);
    QVERIFY(session.sendText(QStringLiteral("first connection")));
    QTRY_COMPARE(session.statistics().messagesReceived, 1);
    session.stop();
    QTRY_COMPARE(session.state(), WebSocketSession::State::Closed);
    openAndWait(session, echo);
    QVERIFY(session.sendText(QStringLiteral("second connection")));
    QTRY_COMPARE(session.statistics().messagesReceived, 1);
    settle(session, 2);
    MessageLog *log = session.log();
    const qsizetype old = findRow(*log, Direction::Received, "first");
    QCOMPARE(MessageFrames::find(*log, old, *session.frames(), true).status,
             MessageFrames::Status::EarlierConnection);
    const qsizetype now = findRow(*log, Direction::Received, "second");
    const MessageFrames found = MessageFrames::find(*log, now, *session.frames(), true);
    QCOMPARE(found.number, 0);
    QCOMPARE(heads(*session.frames(), found.frames.rows), QList<QByteArray>{"second c"});
    // Clear while connected: the next message still finds its own frames.
    log->clear();
    QVERIFY(session.sendText(QStringLiteral("third message")));
    QTRY_COMPARE(session.statistics().messagesReceived, 2);
    settle(session, 4);
    const qsizetype third = findRow(*log, Direction::Received, "third");
    QCOMPARE(heads(*session.frames(),
                   MessageFrames::find(*log, third, *session.frames(), true).frames.rows),
             QList<QByteArray>{"third me"});
}

void TestSessionFrames::theRowCapOnARealConnection()
{
    TestServer echo;
    WebSocketSession session;
    Profile profile = profileFor(echo.url());
    profile.maxLogRows = 12; // both logs: 12 rows, 12 frames
    openAndWait(session, echo, profile);
    // Each sent message in 2-byte fragments: 4 frames for 8 bytes, echoed in one.
    session.setOutgoingFrameBytes(2);
    for (int i = 0; i < 6; ++i)
        QVERIFY(session.sendText(QStringLiteral("msg%1 ok").arg(i)));
    QTRY_COMPARE(session.statistics().messagesReceived, 6);
    QTRY_COMPARE(session.frames()->droppedFrames() + session.frames()->rowCount(), qint64(6 * 5));
    session.log()->flush();
    MessageLog *log = session.log();
    QCOMPARE(log->rows(), qsizetype(12));
    int found = 0, dropped = 0;
    for (qsizetype row = 0; row < log->rows(); ++row) {
        const MessageFrames m = MessageFrames::find(*log, row, *session.frames(), true);
        if (m.status == MessageFrames::Status::Dropped) {
            ++dropped;
            continue;
        }
        if (m.status != MessageFrames::Status::Found)
            continue;
        ++found;
        // The frames found are the message's own: their bytes put together are it (7 bytes,
        // all kept).
        QByteArray bytes;
        for (const int r : m.frames.rows)
            bytes += session.frames()->keptPayload(r);
        if (!m.frames.firstDropped)
            QCOMPARE(bytes, log->payload(row).toByteArray());
        else
            QVERIFY(log->payload(row).endsWith(bytes));
    }
    QVERIFY2(found >= 2 && dropped >= 2,
             qPrintable(QStringLiteral("%1 %2").arg(found).arg(dropped)));
    // The newest message both ways is always found.
    const qsizetype lastEcho = findRow(*log, Direction::Received, "msg5");
    QCOMPARE(heads(*session.frames(),
                   MessageFrames::find(*log, lastEcho, *session.frames(), true).frames.rows),
             QList<QByteArray>{"msg5 ok"});
}

QTEST_MAIN(TestSessionFrames)
#include "tst_sessionframes.moc"
