#pragma once

#include "log/messagelog.h"
#include "wiretap/framelog.h"

#include <QCoreApplication>

/// The frames that carried a data message of the log, for "Show frames": a MessageLog row
/// joined to the FrameLog rows of its first frame (text or binary) through its FIN frame,
/// with the control frames its sender sent between them (RFC 6455 5.4).
///
/// The join is by count: the n-th data message of a direction in the log
/// (MessageLog::messageNumber()) is the n-th message that sender began on the wire
/// (FrameLog::findMessage()), since QWebSocket delivers, and sends, whole messages in
/// wire order. Both counts start with the connection and go on past the rows either log
/// drops (row cap, memory budget, Clear), so a message whose frames are gone says so
/// rather than pointing at another's. It costs no memory per message; a search scans the
/// frame log (a few ms for a million frames).
struct MessageFrames
{
    Q_DECLARE_TR_FUNCTIONS(MessageFrames)
public:
    enum class Status {
        Found,             ///< frames.rows holds its frames (or the rest: firstDropped).
        NotAMessage,       ///< The row is not a text or binary message.
        EarlierConnection, ///< Of an earlier connection: the frame log has the current one's.
        NotTapped,         ///< The connection did not go through the wire tap (wss://).
        Dropped,           ///< The frame log's row cap dropped all of its frames.
        NotSeen            ///< Not in the frame log: not come yet, or never crossed the wire.
    };

    Status status = Status::NotAMessage;
    Direction direction = Direction::Local;
    EventKind kind = EventKind::Text;
    qint64 number = -1; ///< MessageLog::messageNumber() of the row; -1 if none.
    FrameLog::MessageRows frames;

    /// The frames of the message at @p row of @p log (0 <= row < log.totalEvents()) in
    /// @p frameLog, the frames of the current connection; @p tapped says whether that
    /// connection went through the wire tap (WebSocketSession::tapped()).
    static MessageFrames find(const MessageLog &log, qsizetype row, const FrameLog &frameLog,
                              bool tapped);
    /// What was found, in a sentence for the status line: "Received text message 3:
    /// 2 fragments, with 1 control frame between them.", or why there are no frames.
    QString description() const;

private:
    QString messageName() const;
};
