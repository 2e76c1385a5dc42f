// MessageFrames: a data message of the log leads to its frames. The numbering in
// MessageLog (per direction, past the row cap, the memory budget, Clear and a new
// connection) and in FrameLog (per sender, past the row cap and clear()), fragments with a
// control frame between them and the other side's frames crossing, and the join with its
// words; logs built by hand. tst_sessionframes does the same on real connections.
#include "wiretap/messageframes.h"

#include <QTest>

namespace {

constexpr FrameSender client = FrameSender::Client, server = FrameSender::Server;

/// A frame as WireStream hands it over: masked when the client sends it (RFC 6455 5.1),
/// all of a control payload, the first 16 bytes of a data payload.
WireFrame frame(FrameSender sender, quint8 opcode, const QByteArray &payload, bool fin = true)
{
    WireFrame f;
    f.sender = sender;
    f.header.fin = fin;
    f.header.opcode = opcode;
    f.header.payloadLength = quint64(payload.size());
    f.header.masked = sender == FrameSender::Client;
    f.header.maskingKey = f.header.masked ? 0x01020304 : 0;
    f.payload = f.header.isControl() ? payload : payload.left(16);
    return f;
}

/// What the wire tap hands over for @p frames, as one batch.
void appendFrames(FrameLog &log, const QList<WireFrame> &frames)
{
    WireBatch batch;
    for (const WireFrame &f : frames) {
        FrameRecord r = FrameRecord::of(f.sender, f.header, f.timeUs, false);
        const QByteArray head = f.payload.left(8);
        std::copy_n(head.constData(), std::min<qsizetype>(head.size(), r.headBytes()), r.head);
        batch.records.append(r);
        if (f.header.isControl())
            batch.notable.append(f);
    }
    log.append(batch);
}

/// One unfragmented text message from @p sender, "m" and @p n: its first 8 bytes tell
/// which it is (FrameLog::keptPayload()).
WireFrame message(FrameSender sender, int n)
{
    return frame(sender, Opcode::Text, "m" + QByteArray::number(n).rightJustified(6, '0'));
}

/// The kept payload bytes of each of @p rows of @p log: which frames were found.
QList<QByteArray> heads(const FrameLog &log, const QList<int> &rows)
{
    QList<QByteArray> out;
    for (const int row : rows)
        out.append(log.keptPayload(row));
    return out;
}

LogEvent logEvent(Direction direction, EventKind kind, const QByteArray &payload = "x")
{
    LogEvent e;
    e.direction = direction;
    e.kind = kind;
    e.payload = payload;
    e.sizeBytes = payload.size();
    return e;
}

} // namespace

class TestMessageFrames : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void numbersEachDirectionsMessages();
    void numbersGoOnPastTheCapTheBudgetAndClear();
    void findsFragmentsWithThePingBetween();
    void countsTheMessagesTheRowCapDropped();
    void clearStartsTheFrameCountAgain();
    void joinsALogRowToItsFrames();
};

void TestMessageFrames::numbersEachDirectionsMessages()
{
    MessageLog log;
    log.beginConnection();
    log.append(logEvent(Direction::Local, EventKind::Opened));
    log.append(logEvent(Direction::Sent, EventKind::Text));
    log.appendText(0, Direction::Received, u"echo");
    log.append(logEvent(Direction::Sent, EventKind::Ping));
    LogEvent pong = logEvent(Direction::Received, EventKind::Pong);
    pong.rttUs = 1234;
    log.append(pong);
    log.append(logEvent(Direction::Sent, EventKind::Binary));
    log.append(logEvent(Direction::Received, EventKind::Binary));
    log.flush();
    const QList<qint64> expected = {-1, 0, 0, -1, -1, 1, 1};
    for (qsizetype row = 0; row < log.rows(); ++row)
        QCOMPARE(log.messageNumber(row), expected.at(row));
    // The number shares the record's rttUs slot: a message still reads "no round trip".
    QCOMPARE(log.event(1).rttUs, -1);
    QCOMPARE(log.event(5).rttUs, -1);
    QCOMPARE(log.event(4).rttUs, 1234);
    QCOMPARE(log.index(6, 0).data(MessageLog::RoundTripRole).toInt(), -1);

    // A new connection: the old rows are of an earlier one, the new count starts at 0.
    log.beginConnection();
    log.append(logEvent(Direction::Received, EventKind::Text));
    log.flush();
    QCOMPARE(log.messageNumber(1), -1);
    QCOMPARE(log.messageNumber(6), -1);
    QCOMPARE(log.messageNumber(7), 0);
}

void TestMessageFrames::numbersGoOnPastTheCapTheBudgetAndClear()
{
    MessageLog log;
    log.beginConnection();
    log.setMaxRows(5);
    for (int i = 0; i < 20; ++i)
        log.append(logEvent(i % 2 ? Direction::Received : Direction::Sent, EventKind::Text,
                            QByteArray::number(i)));
    log.flush();
    QCOMPARE(log.rows(), qsizetype(5));
    // Row 0 is message 15 overall: the 8th received (15 / 2).
    for (qsizetype row = 0; row < 5; ++row) {
        const qint64 i = log.payload(row).toLongLong();
        QCOMPARE(i, 15 + row);
        QCOMPARE(log.messageNumber(row), i / 2);
    }
    // Clear empties the log, not the connection: the count goes on.
    log.clear();
    log.append(logEvent(Direction::Sent, EventKind::Binary));
    log.flush();
    QCOMPARE(log.messageNumber(0), qint64(10));

    // The memory budget drops whole blocks of rows once the records alone pass it (and
    // payloads before that: each message's time says which it is).
    MessageLog big;
    big.beginConnection();
    big.setMemoryBudget(MessageLog::MinMemoryBudgetBytes);
    const int n = int(MessageLog::MinMemoryBudgetBytes / 32) + 40000;
    for (int i = 0; i < n; ++i)
        big.appendText(i, Direction::Received, u"m");
    big.flush();
    QVERIFY(big.droppedEvents() > 0);
    for (const qsizetype row : {qsizetype(0), big.rows() / 2, big.rows() - 1})
        QCOMPARE(big.messageNumber(row), big.view(row).timestampMs);
}

void TestMessageFrames::findsFragmentsWithThePingBetween()
{
    FrameLog log;
    appendFrames(log, {
                          frame(server, Opcode::Text, "Hel", false), // 0
                          frame(client, Opcode::Pong, "mid"),        // 1: the other side
                          frame(server, Opcode::Ping, "mid"),        // 2
                          frame(client, Opcode::Text, "hi"),         // 3
                          frame(server, Opcode::Continuation, "lo"), // 4
                          frame(server, Opcode::Binary, "b", false), // 5
                          frame(server, Opcode::Continuation, "c", false),
                          frame(server, Opcode::Pong, "p"), // 7
                      });
    FrameLog::MessageRows found = log.findMessage(server, 0);
    QCOMPARE(found.rows, (QList<int>{0, 2, 4}));
    QCOMPARE(found.dataFrames, 2);
    QCOMPARE(found.controlFrames, 1);
    QVERIFY(found.complete);
    QVERIFY(!found.firstDropped && !found.dropped);
    QCOMPARE(log.findMessage(client, 0).rows, QList<int>{3});
    QVERIFY(log.findMessage(client, 0).complete);
    // A message still arriving: what came of it so far, not complete.
    found = log.findMessage(server, 1);
    QCOMPARE(found.rows, (QList<int>{5, 6, 7}));
    QVERIFY(!found.complete);
    // Not begun yet.
    found = log.findMessage(server, 2);
    QVERIFY(found.rows.isEmpty());
    QVERIFY(!found.dropped);
    QVERIFY(log.findMessage(client, 1).rows.isEmpty());
    // A message begun before the last one's FIN (RFC 6455 5.4 forbids it) ends the search.
    appendFrames(log, {frame(server, Opcode::Text, "new")});
    QCOMPARE(log.findMessage(server, 1).rows, (QList<int>{5, 6, 7}));
    QCOMPARE(log.findMessage(server, 2).rows, QList<int>{8});
}

void TestMessageFrames::countsTheMessagesTheRowCapDropped()
{
    FrameLog log;
    log.setMaxRows(6);
    // Messages 0-3 of the server unfragmented, with the client's between; then message 4
    // in three fragments with a ping between them.
    QList<WireFrame> frames;
    for (int i = 0; i < 4; ++i)
        frames << message(server, i) << message(client, i);
    frames << frame(server, Opcode::Text, "m000004a", false) << frame(server, Opcode::Ping, "p")
           << frame(server, Opcode::Continuation, "m000004b", false)
           << frame(server, Opcode::Continuation, "m000004c");
    for (const WireFrame &f : frames)
        appendFrames(log, {f}); // batch by batch: dropOldest() counts what it drops
    QCOMPARE(log.rowCount(), 6);
    QVERIFY(log.findMessage(server, 0).dropped);
    QVERIFY(log.findMessage(server, 2).dropped);
    QCOMPARE(heads(log, log.findMessage(server, 3).rows), QList<QByteArray>{"m000003"});
    QCOMPARE(heads(log, log.findMessage(client, 3).rows), QList<QByteArray>{"m000003"});
    QVERIFY(log.findMessage(client, 2).dropped);
    FrameLog::MessageRows found = log.findMessage(server, 4);
    QCOMPARE(heads(log, found.rows), (QList<QByteArray>{"m000004a", "p", "m000004b", "m000004c"}));
    QVERIFY(found.complete && !found.firstDropped);

    // Three more frames drop message 4's first: the rest is still found, and says so.
    appendFrames(log, {message(client, 4), message(client, 5), message(client, 6)});
    found = log.findMessage(server, 4);
    QCOMPARE(heads(log, found.rows), (QList<QByteArray>{"p", "m000004b", "m000004c"}));
    QVERIFY(found.firstDropped && found.complete && !found.dropped);
    QCOMPARE(found.dataFrames, 2);
    QCOMPARE(heads(log, log.findMessage(client, 4).rows), QList<QByteArray>{"m000004"});
    // Until its last fragment goes too.
    appendFrames(log, {message(client, 7), message(client, 8), message(client, 9)});
    QVERIFY(log.findMessage(server, 4).dropped);
    QCOMPARE(heads(log, log.findMessage(client, 4).rows), QList<QByteArray>{"m000004"});
    QCOMPARE(heads(log, log.findMessage(client, 9).rows), QList<QByteArray>{"m000009"});

    // A batch longer than the cap counts the frames it never stores as well.
    QList<WireFrame> batch;
    for (int i = 0; i < 10; ++i)
        batch << message(server, 5 + i);
    appendFrames(log, batch);
    QCOMPARE(log.rowCount(), 6);
    QVERIFY(log.findMessage(server, 8).dropped);
    QCOMPARE(heads(log, log.findMessage(server, 9).rows), QList<QByteArray>{"m000009"});
    QCOMPARE(heads(log, log.findMessage(server, 14).rows), QList<QByteArray>{"m000014"});
    QVERIFY(log.findMessage(client, 7).dropped);
}

void TestMessageFrames::clearStartsTheFrameCountAgain()
{
    FrameLog log;
    log.setMaxRows(2);
    appendFrames(log, {message(server, 0), message(server, 1), message(server, 2)});
    QVERIFY(log.findMessage(server, 0).dropped);
    log.clear(); // a new connection
    appendFrames(log, {message(server, 7)});
    const FrameLog::MessageRows found = log.findMessage(server, 0);
    QCOMPARE(heads(log, found.rows), QList<QByteArray>{"m000007"});
    QVERIFY(!found.dropped);
}

void TestMessageFrames::joinsALogRowToItsFrames()
{
    MessageLog log;
    FrameLog frames;
    log.append(logEvent(Direction::Received, EventKind::Text, "old")); // an earlier connection
    log.beginConnection();
    log.append(logEvent(Direction::Local, EventKind::Opened));
    log.append(logEvent(Direction::Sent, EventKind::Text, "one"));
    log.append(logEvent(Direction::Received, EventKind::Text, "one"));
    log.append(logEvent(Direction::Sent, EventKind::Ping, "p"));
    log.append(logEvent(Direction::Sent, EventKind::Binary, "two"));
    log.flush();
    appendFrames(frames,
                 {frame(client, Opcode::Text, "one"), frame(server, Opcode::Text, "o", false),
                  frame(server, Opcode::Ping, "x"), frame(server, Opcode::Continuation, "ne")});
    using S = MessageFrames::Status;
    QCOMPARE(MessageFrames::find(log, 0, frames, true).status, S::EarlierConnection);
    QCOMPARE(MessageFrames::find(log, 1, frames, true).status, S::NotAMessage);
    QCOMPARE(MessageFrames::find(log, 4, frames, true).status, S::NotAMessage);
    MessageFrames found = MessageFrames::find(log, 2, frames, true);
    QCOMPARE(found.status, S::Found);
    QCOMPARE(found.frames.rows, QList<int>{0});
    QCOMPARE(found.description(), QStringLiteral("Sent text message 1: 1 frame."));
    found = MessageFrames::find(log, 3, frames, true);
    QCOMPARE(found.frames.rows, (QList<int>{1, 2, 3}));
    QCOMPARE(found.description(), QStringLiteral("Received text message 1: 2 fragments, with 1 "
                                                 "control frame between them."));
    // Sent, and not (yet) on the wire.
    found = MessageFrames::find(log, 5, frames, true);
    QCOMPARE(found.status, S::NotSeen);
    QVERIFY2(found.description().startsWith(
                 QLatin1String("Sent binary message 2: its frames are not in the Frames view")),
             qPrintable(found.description()));
    // A wss:// connection is not tapped: no frames, and the words say why.
    found = MessageFrames::find(log, 2, frames, false);
    QCOMPARE(found.status, S::NotTapped);
    QVERIFY(found.frames.rows.isEmpty());
    QVERIFY(found.description().contains(QLatin1String("did not go through the wire tap")));
    QVERIFY(MessageFrames::find(log, 0, frames, true)
                .description()
                .contains(QLatin1String("earlier connection")));
    // The frame log's cap drops the sent message's frame.
    frames.setMaxRows(3);
    found = MessageFrames::find(log, 2, frames, true);
    QCOMPARE(found.status, S::Dropped);
    QVERIFY(found.description().contains(QLatin1String("row cap dropped them")));
    QCOMPARE(MessageFrames::find(log, 3, frames, true).status, S::Found);
}

QTEST_MAIN(TestMessageFrames)
#include "tst_messageframes.moc"
