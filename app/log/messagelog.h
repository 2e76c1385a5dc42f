#pragma once

#include "log/prefaultedblocks.h"
#include "log/secretredactor.h"
#include "protocol/peerlimits.h"

#include <QAbstractTableModel>
#include <QByteArray>
#include <QByteArrayView>
#include <QTimer>
#include <deque>
#include <memory>

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
    Pong,          ///< Pong (opcode 0xA); rttUs is the round trip when it matched a ping.
    Opened,        ///< Opening handshake completed (RFC 6455 4.1).
    CloseSent,     ///< Close frame (opcode 0x8) sent; closeCode is set.
    CloseReceived, ///< Close frame received; closeCode is set (1005 for an empty one).
    Closed,        ///< The TCP connection ended; closeCode may say how (e.g. 1006).
    Stopped,       ///< Stopped with QWebSocket::abort(): no closing handshake.
    Error          ///< A failure; payload holds the message.
};
/// Number of EventKind values, for masks and tables.
constexpr int EventKindCount = int(EventKind::Error) + 1;

/// What a logged event says besides its payload: the one list of an event's fields,
/// shared by LogEvent and LogEventView.
struct LogEventFields
{
    qint64 timestampMs = 0; ///< Milliseconds since the Unix epoch (UTC).
    qint64 sizeBytes = 0;   ///< Bytes of payload on the wire for frames (a close frame's
                            ///< payload is 2 + reason bytes); 0 for local events;
                            ///< UnknownSize when the wire's figure is not known.
    quint16 closeCode = 0;  ///< RFC 6455 7.4 status code for close events; 0 = none.
    Direction direction = Direction::Local;
    EventKind kind = EventKind::Text;
    /// In µs: a received pong's round trip from its ping; a received close frame's delay
    /// after this client's close frame, when it answered one. -1 = none.
    qint32 rttUs = -1;
    /// False when the log dropped the payload to stay in its memory budget (the payload
    /// is then empty); ignored by append().
    bool payloadKept = true;
};

/// One event, as handed to MessageLog::append() and returned by MessageLog::event().
struct LogEvent : LogEventFields
{
    QByteArray payload; ///< Message bytes, ping/pong payload, close reason, or a UTF-8
                        ///< description for local events.
};

/// LogEventFields::sizeBytes of a frame whose size QtWebSockets 6.4 does not tell: it
/// reports an empty close frame (no status code) and one carrying 1000 with no reason
/// alike.
constexpr qint64 UnknownSize = -1;

/// A view of one stored event. The payload points into the log's storage and is valid
/// until the log changes (append, flush, trim or clear).
struct LogEventView : LogEventFields
{
    QByteArrayView payload; ///< As LogEvent::payload, not copied.
};

/// The per-connection message log: an item model with one row per event.
///
/// Storage is compact, built for a million rows and more: each event is a 32-byte
/// record in fixed-size blocks, and payloads are packed back to back as raw bytes
/// (UTF-8 for text) in 1 MiB chunks. A 64-byte text message costs 96 bytes plus a
/// share of block slack; display strings are built on demand in data(), never stored.
///
/// Rows are appended through append(), buffered, and inserted with one
/// beginInsertRows()/endInsertRows() per flush (at most every FlushIntervalMs),
/// the way Wireshark's packet list batches rows; a view never sees a single-row
/// insert storm. An optional row cap (setMaxRows) drops the oldest rows, in one
/// beginRemoveRows() per flush. A memory budget (setMemoryBudget, 1 GiB by default)
/// bounds what a peer can make the log hold: past it the oldest payloads are dropped
/// (their rows stay, and say so), and only if the rows alone are over it, the oldest
/// rows. The model knows nothing of its views.
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
        PayloadRole,                      ///< QByteArray, the raw payload (a copy).
        CloseCodeRole,                    ///< int, 0 when not a close event.
        RoundTripRole,                    ///< int, pong round trip in µs; -1 if unknown.
        PayloadKeptRole                   ///< bool, false when the memory budget dropped it.
    };
    Q_ENUM(Role)

    /// Longest a buffered event waits before it becomes a row, in ms.
    static constexpr int FlushIntervalMs = 30;
    /// The wait while flooded (the last flush inserted FloodRows rows or more), in ms:
    /// every flush costs the views a repaint, and ten a second is plenty to read.
    static constexpr int FloodFlushIntervalMs = 100;
    static constexpr int FloodRows = 1000;
    /// Rows waiting for a flush that make it happen at once, timer or not (as does a row
    /// timed FloodFlushIntervalMs after the first waiting one): one insert costs the
    /// views about 15-35 ns a row (QHeaderView::sectionsInserted), so however late a
    /// flooded event loop runs the timer, an insert stays under about 10 ms. Each flush
    /// also costs the views a pass over every row, so flushes stay few.
    static constexpr qsizetype MaxPendingRows = 262144;
    /// Characters of payload shown in the one-line preview.
    static constexpr int PreviewChars = 200;
    /// The memory budget a new log has, in bytes (see setMemoryBudget).
    static constexpr qint64 DefaultMemoryBudgetBytes =
        Limits::DefaultLogMemoryBudgetMiB * Limits::MiB;
    /// The smallest budget accepted, in bytes: a few chunks and record blocks.
    static constexpr qint64 MinMemoryBudgetBytes = Limits::MinLogMemoryBudgetMiB * Limits::MiB;

    explicit MessageLog(QObject *parent = nullptr);
    ~MessageLog() override;

    /// Buffers @p event; it becomes a row at the next flush.
    void append(const LogEvent &event);
    /// Buffers a text message, encoding @p text to UTF-8 straight into the log's storage
    /// (no intermediate QByteArray). Returns the UTF-8 length, in bytes (its sizeBytes).
    qsizetype appendText(qint64 timestampMs, Direction direction, QStringView text);
    /// Hides @p redactor's secrets in the payloads appended from now on (their sizeBytes
    /// stay the wire's).
    void setRedactor(const SecretRedactor &redactor) { m_redactor = redactor; }
    /// Inserts every buffered event now, as one batch, then applies the row cap.
    void flush();
    /// Removes every row, including buffered ones, and frees their storage. The rows
    /// appended after it are still of the current connection, and their messages go on
    /// being numbered from where they were (messageNumber()).
    void clear();
    /// The rows appended from now on are of a new connection: its data messages are
    /// numbered from 0 again in each direction (messageNumber()).
    void beginConnection();
    /// For a text or binary message of the current connection: its number among that
    /// connection's data messages in its direction (sent or received), from 0, counted
    /// from beginConnection() whatever the row cap, the memory budget or clear() dropped
    /// since. The frame log counts the messages each sender began the same way
    /// (FrameLog::findMessage()). -1 for other rows and for messages of an earlier
    /// connection. Costs no memory: the number lives in the record's rttUs slot, which
    /// a data message does not use.
    qint64 messageNumber(qsizetype row) const;

    /// Rows the model shows (flushed events).
    qsizetype rows() const { return m_visible; }
    /// Rows plus events still buffered.
    qsizetype totalEvents() const { return m_stored; }
    /// Events dropped by the row cap or the memory budget since the last clear().
    qint64 droppedEvents() const { return m_dropped; }
    /// Payload bytes the memory budget dropped or never kept since the last clear(), in
    /// bytes.
    qint64 droppedPayloadBytes() const { return m_droppedPayloadBytes; }

    /// The event at @p row (0 <= row < totalEvents()), copied.
    LogEvent event(qsizetype row) const;
    /// The event at @p row without copying its payload.
    LogEventView view(qsizetype row) const;
    QByteArrayView payload(qsizetype row) const;
    EventKind kind(qsizetype row) const { return record(row).kind; }
    Direction direction(qsizetype row) const { return record(row).direction; }

    /// Heap bytes the log's storage holds: record blocks plus payload chunks (capacity,
    /// not just what is used), in bytes.
    qint64 memoryBytes() const;
    /// Caps the log at @p rows rows, dropping the oldest at each flush; 0 = no cap (the
    /// default: keep everything).
    void setMaxRows(qsizetype rows);
    qsizetype maxRows() const { return m_maxRows; }
    /// Bounds memoryBytes() to @p bytes (at least MinMemoryBudgetBytes): before a new
    /// payload chunk would pass it, the oldest chunks are freed and their rows' payloads
    /// become "not kept"; a payload larger than the whole budget is not kept at all. If
    /// the records alone pass it, the oldest rows go at the next flush.
    void setMemoryBudget(qint64 bytes);
    qint64 memoryBudget() const { return m_budget; }
    /// While held (counted), the cap drops nothing; an export holds the log so its rows
    /// stay where they were.
    void holdRows() { ++m_holds; }
    void releaseRows();

    /// Translated names, for display.
    static QString directionName(Direction direction);
    static QString kindName(EventKind kind);
    /// Stable untranslated keys, for files: "sent", "received", "local"; "text",
    /// "binary", "ping", "pong", "opened", "close-sent", "close-received", "closed",
    /// "stopped", "error".
    static QString directionKey(Direction direction);
    static QString kindKey(EventKind kind);
    /// The one-line preview of @p event, as shown in PreviewColumn.
    static QString preview(const LogEventView &event);
    static QString preview(const LogEvent &event);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    void appendUnredacted(const LogEvent &event);
    struct Record
    {
        qint64 timestampMs;
        quint32 chunk;  ///< Absolute chunk number (minus m_chunkBase = index in m_chunks).
        quint32 offset; ///< Byte offset in the chunk.
        quint32 payloadBytes;
        quint32 sizeBytes;
        union {
            qint32 rttUs; ///< Rows other than data messages: LogEventFields::rttUs.
            /// Text and binary messages (whose rttUs is always -1): the low 32 bits of
            /// messageNumber(). The log holds fewer than 2^31 rows, so the rest follows
            /// from m_messages.
            quint32 number;
        };
        quint16 closeCode;
        Direction direction;
        EventKind kind;
    };
    static_assert(sizeof(Record) == 32, "a log record is 32 bytes");
    static constexpr int BlockShift = 15; ///< 32,768 records (1 MiB, a PrefaultedBlocks block).
    static constexpr qsizetype BlockRecords = qsizetype(1) << BlockShift;
    static constexpr qsizetype ChunkBytes = qsizetype(PrefaultedBlocks::Bytes);
    /// Set in Record::payloadBytes when the payload was never stored (over the budget).
    static constexpr quint32 NotKeptBit = 0x80000000u;
    /// Record::sizeBytes for UnknownSize.
    static constexpr quint32 UnknownSizeRecord = 0xffffffffu;

    const Record &record(qsizetype row) const
    {
        const qsizetype a = m_first + row;
        return m_blocks[std::size_t((a >> BlockShift) - m_blockBase)][a & (BlockRecords - 1)];
    }
    /// Appends the record of @p fields, whose payload is at @p chunk / @p offset
    /// (reservePayload) or, when @p kept is false, was not stored. The one place a record
    /// is packed; fields() unpacks it.
    void newRecord(const LogEventFields &fields, quint32 chunk, quint32 offset,
                   qsizetype payloadBytes, bool kept);
    /// The fields of @p r, unpacked.
    LogEventFields fields(const Record &r) const;
    /// Reserves @p bytes of payload space; returns where to write and sets chunk/offset.
    /// Returns null (and sets NotKeptBit in the record to be) when over the budget.
    char *reservePayload(qsizetype bytes, quint32 *chunk, quint32 *offset);
    /// Frees chunks until @p newChunkBytes more fit in the budget: the oldest large
    /// payloads first (they free the most, and the small rows around them, such as the
    /// opened row and errors, keep their words), then the oldest shared chunks. False
    /// when it can't fit even with no chunk left.
    bool makeRoom(qsizetype newChunkBytes);
    bool payloadKept(const Record &r) const
    {
        return r.payloadBytes == 0 ||
               ((r.payloadBytes & NotKeptBit) == 0 && qsizetype(r.chunk) >= m_chunkBase &&
                !m_chunks[std::size_t(qsizetype(r.chunk) - m_chunkBase)].dropped);
    }
    /// A text or binary message, numbered per direction (messageNumber()).
    static bool isDataMessage(EventKind kind, Direction direction)
    {
        return (kind == EventKind::Text || kind == EventKind::Binary) &&
               direction != Direction::Local;
    }
    /// Rows to drop so the records fit in the budget (whole leading blocks).
    qsizetype rowsOverBudget() const;
    void trimToCap();

    std::deque<PrefaultedBlocks::Ptr<Record[]>> m_blocks;
    qsizetype m_blockBase = 0; ///< Absolute block number of m_blocks.front().
    struct Chunk
    {
        PrefaultedBlocks::Ptr<char[]> data; ///< Owned bytes; null for an adopted payload.
        QByteArray adopted;                 ///< A large payload kept as it came: no copy.
        qsizetype size = 0;
        qsizetype capacity = 0; ///< Bytes held, in bytes.
        bool single = false;    ///< Holds one large payload.
        bool dropped = false;   ///< Freed by the budget; kept as a slot for numbering.
        const char *bytes() const { return data ? data.get() : adopted.constData(); }
    };
    /// Gives back the last owned chunk's unused tail when it is worth a copy.
    void closeLastChunk();
    /// Keeps @p payload itself as a chunk of its own (implicitly shared, so the bytes
    /// QtWebSockets handed over are not copied). False when it does not fit the budget.
    bool adoptPayload(const QByteArray &payload, quint32 *chunk, quint32 *offset);
    /// Where a payload that is not kept says it is, keeping chunk numbers in record order.
    quint32 lastChunkNumber() const
    {
        return quint32(m_chunkBase + qMax<qsizetype>(0, qsizetype(m_chunks.size()) - 1));
    }
    std::deque<Chunk> m_chunks;
    qsizetype m_chunkBase = 0;   ///< Absolute chunk number of m_chunks.front().
    qsizetype m_first = 0;       ///< Absolute record number of row 0.
    qsizetype m_end = 0;         ///< Absolute record number one past the last stored.
    qsizetype m_stored = 0;      ///< Stored records (rows + buffered).
    qint64 m_firstPendingMs = 0; ///< The timestamp of the first buffered record, in ms.
    qsizetype m_visible = 0;     ///< Rows (flushed records).
    qsizetype m_maxRows = 0;
    qint64 m_chunkCapacity = 0;
    qint64 m_dropped = 0;
    qint64 m_droppedPayloadBytes = 0;
    qint64 m_budget = DefaultMemoryBudgetBytes;
    /// Data messages of the current connection so far: [0] sent, [1] received.
    qint64 m_messages[2] = {0, 0};
    /// Absolute record number of the current connection's first row (beginConnection()).
    qsizetype m_connectionStart = 0;
    bool m_payloadsDropped = false; ///< Since the last flush: shown rows changed.
    int m_holds = 0;
    SecretRedactor m_redactor;
    QTimer m_flushTimer;
};
