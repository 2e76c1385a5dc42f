#include "wiretap/messageframes.h"

#include <QLocale>

MessageFrames MessageFrames::find(const MessageLog &log, qsizetype row, const FrameLog &frameLog,
                                  bool tapped)
{
    MessageFrames found;
    found.direction = log.direction(row);
    found.kind = log.kind(row);
    const bool message = (found.kind == EventKind::Text || found.kind == EventKind::Binary) &&
                         found.direction != Direction::Local;
    if (!message)
        return found;
    found.number = log.messageNumber(row);
    if (found.number < 0) {
        found.status = Status::EarlierConnection;
        return found;
    }
    if (!tapped) {
        found.status = Status::NotTapped;
        return found;
    }
    const FrameSender sender =
        found.direction == Direction::Sent ? FrameSender::Client : FrameSender::Server;
    found.frames = frameLog.findMessage(sender, found.number);
    found.status = !found.frames.rows.isEmpty() ? Status::Found
                   : found.frames.dropped       ? Status::Dropped
                                                : Status::NotSeen;
    return found;
}

QString MessageFrames::messageName() const
{
    const bool sent = direction == Direction::Sent;
    const bool text = kind == EventKind::Text;
    const QString name =
        sent ? (text ? tr("Sent text message %1") : tr("Sent binary message %1"))
             : (text ? tr("Received text message %1") : tr("Received binary message %1"));
    return name.arg(number + 1);
}

QString MessageFrames::description() const
{
    switch (status) {
    case Status::NotAMessage:
        return tr("Only text and binary messages lead to their frames.");
    case Status::EarlierConnection:
        return tr("This message was on an earlier connection; the Frames view holds only the "
                  "current connection's frames.");
    case Status::NotTapped:
        return tr("No frames: this connection did not go through the wire tap, so its frames "
                  "were not recorded.");
    case Status::Dropped:
        return tr("%1: its frames are no longer kept; the Frames view's row cap dropped them.")
            .arg(messageName());
    case Status::NotSeen:
        return tr("%1: its frames are not in the Frames view (yet): they have not crossed the "
                  "wire tap, or the connection ended before they did.")
            .arg(messageName());
    case Status::Found:
        break;
    }
    const QLocale locale;
    const bool oneFrame = frames.dataFrames == 1 && frames.complete && !frames.firstDropped;
    QString text =
        oneFrame ? tr("%1: 1 frame").arg(messageName())
        : frames.dataFrames == 1
            ? tr("%1: 1 fragment").arg(messageName())
            : tr("%1: %2 fragments").arg(messageName(), locale.toString(frames.dataFrames));
    if (frames.controlFrames == 1)
        text += tr(", with 1 control frame between them");
    else if (frames.controlFrames > 1)
        text +=
            tr(", with %1 control frames between them").arg(locale.toString(frames.controlFrames));
    if (frames.firstDropped)
        text += tr("; its first frames were dropped by the row cap");
    if (!frames.complete)
        text += tr("; its last frame (FIN) is not in the Frames view yet");
    return text + QLatin1Char('.');
}
