#pragma once

#include <QAbstractTableModel>
#include <QByteArray>
#include <QTimer>
#include <vector>

/// Who produced a logged event.
enum class Direction : quint8 {
    Sent,     ///< Written to the wire by this client.
    Received, ///< Read from the wire.
    Local     ///< Observed locally: state changes, errors.
};

/// What a logged event is. Frame kinds follow RFC 6455 5.2 opcodes.
enum class EventKind : quint8 {
    Text,          ///< Text message (opcode 0x1), payload is UTF-8.
    Binary,        ///< Binary message (opcode 0x2).
    Ping,          ///< Ping (opcode 0x9).
    Pong,          ///< Pong (opcode 0xA).
    Opened,        ///< Opening handshake completed (RFC 6455 4.1).
    CloseSent,     ///< Close frame (opcode 0x8) sent; closeCode is set.
    CloseReceived, ///< Close frame received; closeCode is set.
    Closed,        ///< The TCP connection ended; closeCode may say how (e.g. 1006).
    Stopped,       ///< Stopped with QWebSocket::abort(): no closing handshake.
    Error          ///< A failure; payload holds the message.
};

/// One row of the log. Payloads stay compact UTF-8 or raw bytes; display strings are
/// built on demand in MessageLog::data(), never stored.
struct LogEvent
{
    qint64 timestampMs = 0; ///< Milliseconds since the Unix epoch (UTC).
    qint64 sizeBytes = 0;   ///< Bytes on the wire for frames (a close frame's payload
                            ///< is 2 + reason bytes); 0 for local events.
    QByteArray payload;     ///< Message bytes, close reason, or a UTF-8 description.
    quint16 closeCode = 0;  ///< RFC 6455 7.4 status code for close events; 0 = none.
    Direction direction = Direction::Local;
    EventKind kind = EventKind::Text;
};

/// The per-connection message log: an item model with one row per event.
///
/// Rows are appended through append(), buffered, and inserted with one
/// beginInsertRows()/endInsertRows() per flush (at most every FlushIntervalMs),
/// the way Wireshark's packet list batches rows; a view never sees a single-row
/// insert storm. The model knows nothing of its views.
class MessageLog final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MessageLog)
public:
    enum Column { TimeColumn, DirectionColumn, KindColumn, SizeColumn, PreviewColumn, ColumnCount };
    enum Role {
        TimestampRole = Qt::UserRole + 1, ///< qint64, ms since epoch (UTC).
        DirectionRole,                    ///< int, a Direction.
        KindRole,                         ///< int, an EventKind.
        SizeRole,                         ///< qint64, bytes.
        PayloadRole,                      ///< QByteArray, the raw payload.
        CloseCodeRole                     ///< int, 0 when not a close event.
    };
    Q_ENUM(Role)

    /// Longest a buffered event waits before it becomes a row, in ms.
    static constexpr int FlushIntervalMs = 30;
    /// Characters of payload shown in the one-line preview.
    static constexpr int PreviewChars = 200;

    explicit MessageLog(QObject *parent = nullptr);

    /// Buffers @p event; it becomes a row at the next flush.
    void append(LogEvent event);
    /// Inserts every buffered event now, as one batch.
    void flush();
    /// Removes every row, including buffered ones.
    void clear();

    /// The event at @p row (flushed rows only).
    const LogEvent &event(int row) const { return m_events.at(std::size_t(row)); }
    /// Rows plus events still buffered.
    qsizetype totalEvents() const { return qsizetype(m_events.size() + m_pending.size()); }

    static QString directionName(Direction direction);
    static QString kindName(EventKind kind);
    /// The one-line preview of @p event, as shown in PreviewColumn.
    static QString preview(const LogEvent &event);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    std::vector<LogEvent> m_events;
    std::vector<LogEvent> m_pending;
    QTimer m_flushTimer;
};
