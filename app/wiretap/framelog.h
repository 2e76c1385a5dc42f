#pragma once

#include "log/secretredactor.h"

#include "log/prefaultedblocks.h"
#include "wiretap/wireframe.h"

#include <QAbstractTableModel>
#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <algorithm>
#include <deque>
#include <memory>
#include <utility>

/// Every frame of one connection, both ways, as the wire tap saw it (RFC 6455 5.2): the
/// Frames view's item model, one row per frame, oldest first.
///
/// Each frame is a 24-byte record in 1 MiB blocks of BlockRecords, so a million frames
/// take about 24 MB and growing never copies the rows already held. A record keeps the
/// header's fields and the first PreviewBytes of the (unmasked) payload; its time is
/// kept as µs after the first frame of its block, in 32 bits. The rare extras live in
/// side tables keyed by row: the whole payload of a control frame longer than
/// PreviewBytes (at most 125 bytes, RFC 6455 5.5), the violations of a frame that
/// breaks a rule, a payload length of 4 GiB or more (a peer may send any 64-bit
/// length), and a time more than 71 minutes after its block's first frame (rare in a
/// flood; on a quiet connection, each frame past that costs an entry, about 40 bytes).
/// Display text is built in data(), never stored.
///
/// Frames are stored as their batches arrive (stage()), so a flood's cost is spread out,
/// and become rows at flush(), one beginInsertRows()/endInsertRows() for all of them, as
/// MessageLog's rows do. An optional row cap (setMaxRows) drops the oldest rows, once
/// per flush.
class FrameLog final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FrameLog)
public:
    enum Column {
        TimeColumn,      ///< µs since the wire tap took the connection, e.g. "1,234,567 µs".
        DirectionColumn, ///< "sent" (the client's frames) or "received".
        OpcodeColumn,    ///< "text", "close", … or "reserved 0xB" (RFC 6455 5.2, 11.8).
        FinColumn,       ///< "FIN" or empty.
        RsvColumn,       ///< e.g. "RSV1 RSV3", or empty.
        MaskColumn,      ///< The masking key as 8 hex digits, or empty when not masked.
        LengthColumn,    ///< The payload length as encoded, in bytes, e.g. "65,536".
        PreviewColumn,   ///< The kept payload bytes (see preview()).
        ColumnCount
    };
    enum Role {
        SenderRole = Qt::UserRole + 1, ///< int: 0 the client, 1 the server (FrameSender).
        OpcodeRole,                    ///< int: the 4-bit opcode.
        PayloadLengthRole,             ///< qulonglong: the payload length, in bytes.
        TimeUsRole,                    ///< qlonglong: µs since the connection was taken.
        ViolationRole,                 ///< bool: the frame breaks an RFC 6455 rule.
        MaskingKeyRole,                ///< uint: the masking key; 0 when not masked.
        FinRole,                       ///< bool: FIN (RFC 6455 5.2).
        RsvRole,                       ///< int: RSV1-3 as bits 2-0 (as FrameHeader::rsv).
        MaskedRole                     ///< bool: the MASK bit.
    };
    Q_ENUM(Role)

    /// Payload bytes a record keeps for the preview, in bytes.
    static constexpr int PreviewBytes = 8;
    /// Bytes a frame's record takes.
    static constexpr qsizetype RecordBytes = 24;
    /// Records per storage block (1 MiB, a PrefaultedBlocks block): 43,690.
    static constexpr qsizetype BlockRecords = PrefaultedBlocks::Bytes / RecordBytes;

    explicit FrameLog(QObject *parent = nullptr);
    ~FrameLog() override;

    /// Stores @p batch's frames (its records, with its notable frames for their control
    /// payloads and violations), in order; they are not rows until flush().
    void stage(const WireBatch &batch);
    /// Frames stored by stage() and not yet rows.
    qint64 stagedFrames() const { return m_end - m_shownEnd; }
    /// Makes the staged frames rows, as one beginInsertRows()/endInsertRows() (none when
    /// nothing is staged). Under a row cap the oldest rows go first, in one
    /// beginRemoveRows(); staged frames past the cap are dropped unseen.
    void flush();
    /// Hides @p redactor's secrets in the payload bytes kept of the frames stored from
    /// now on (their preview, or a control frame's whole payload).
    void setRedactor(const SecretRedactor &redactor) { m_redactor = redactor; }
    /// stage() then flush(): one insert.
    void append(const WireBatch &batch)
    {
        stage(batch);
        flush();
    }
    /// Removes every row (a model reset) and frees their storage.
    void clear();
    /// Caps the log at @p rows rows, dropping the oldest now and after each batch; 0 = no
    /// cap (the default). A batch longer than the cap keeps only its last @p rows frames.
    void setMaxRows(qint64 rows);
    /// Frames kept when no row cap is set: 4,000,000 (128 MB of records); the oldest go.
    static constexpr qint64 DefaultMaxRows = 4'000'000;
    qint64 maxRows() const { return m_maxRows; }
    /// Frames the row cap dropped since the last clear().
    qint64 droppedFrames() const { return m_dropped; }

    /// Where the frames of one data message are (RFC 6455 5.4), as findMessage() found them.
    struct MessageRows
    {
        /// Its frames' rows, in wire order: the first (text or binary), its continuation
        /// frames up to the one with FIN, and the control frames its sender sent between
        /// them (RFC 6455 5.4 lets them come between fragments). Empty when not found.
        QList<int> rows;
        int dataFrames = 0;        ///< Of rows, the message's own frames (its fragments).
        int controlFrames = 0;     ///< Of rows, the control frames between them.
        bool complete = false;     ///< Its FIN frame is among rows.
        bool dropped = false;      ///< The row cap dropped all of its frames; rows is empty.
        bool firstDropped = false; ///< The row cap dropped its first frames; rows hold the rest.
    };
    /// The frames of @p sender's data message number @p number: 0 for the first it began
    /// since clear(), the messages whose frames the row cap dropped counted too. A message
    /// begins with a text or binary frame (RFC 6455 5.6); a frame of another message
    /// (or a frame of a reserved opcode) from the same sender ends the search. Scans the
    /// rows, a few ms per million. Not found (rows empty, dropped false): the frames have
    /// not come (yet).
    MessageRows findMessage(FrameSender sender, qint64 number) const;

    /// An estimate of the heap bytes the log holds: record blocks (all of them, used or
    /// not) plus the side tables, in bytes.
    qint64 bytesUsed() const;
    /// The payload bytes kept of the frame at @p row (0 <= row < rowCount()), unmasked:
    /// all of a control frame's (at most 125), the first PreviewBytes of a data frame's.
    QByteArray keptPayload(int row) const;
    /// The RFC 6455 rules the frame at @p row breaks; empty if none.
    QList<FrameViolation> violations(int row) const;

    /// The opcode's name: "continuation", "text", "binary", "close", "ping", "pong", or
    /// "reserved 0x3" for the ones RFC 6455 11.8 leaves unassigned.
    static QString opcodeName(quint8 opcode);
    /// What a column holds, for its header's tooltip.
    static QString headerToolTip(int section);
    /// The RSV bits set (RSV1 = 0x4, RSV2 = 0x2, RSV3 = 0x1), e.g. "RSV1 RSV3"; empty if none.
    static QString rsvText(quint8 rsv);
    /// The one-line preview of a frame whose payload is @p payloadLength bytes, of which
    /// @p kept are the first (unmasked): text, ping and pong payloads as text (printable
    /// characters of valid UTF-8; other bytes as \\xNN); a close frame as its code and
    /// quoted reason (RFC 6455 5.5.1), e.g. "1000 'bye'"; others as hex bytes. Ends with
    /// "…" when @p kept is shorter than the payload.
    static QString preview(quint8 opcode, QByteArrayView kept, quint64 payloadLength);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    /// One frame. The header's bits share one 16-bit field (see the Bits constants). Its
    /// preview holds min(PreviewBytes, payload length) bytes.
    struct Record
    {
        quint32 timeDeltaUs;   ///< µs after its block's first frame; LongValue: m_longTimes.
        quint32 payloadLength; ///< LongValue: 4 GiB or more, the length is in m_longLengths.
        quint32 maskingKey;
        quint16 bits;
        quint8 preview[PreviewBytes];
        quint16 spare;
    };
    static_assert(sizeof(Record) == RecordBytes, "a frame record is 24 bytes");
    /// Record::timeDeltaUs or payloadLength for a value kept in a side table.
    static constexpr quint32 LongValue = 0xffffffffu;
    static_assert(BlockRecords * sizeof(Record) <= PrefaultedBlocks::Bytes, "a block fits");
    // Record::bits: the opcode in bits 0-3, then one bit each.
    static constexpr quint16 OpcodeMask = 0x000f;
    static constexpr int RsvShift = 4; ///< RSV1-3 in bits 4-6, as FrameHeader::rsv.
    static constexpr quint16 FinBit = 0x0080;
    static constexpr quint16 MaskBit = 0x0100;
    static constexpr quint16 ServerBit = 0x0200;    ///< Sent by the server.
    static constexpr quint16 ViolationBit = 0x0400; ///< Has an entry in m_violations.
    static constexpr quint16 SideBit = 0x0800;      ///< Has an entry in m_controlPayloads.

    /// Values keyed by absolute record number, appended in order (so it stays sorted),
    /// dropped from the front as the cap drops rows.
    template <typename T> class SideTable
    {
    public:
        void add(qint64 key, T value) { m_entries.emplace_back(key, std::move(value)); }
        const T *find(qint64 key) const
        {
            const auto it = std::lower_bound(
                m_entries.cbegin(), m_entries.cend(), key,
                [](const std::pair<qint64, T> &e, qint64 k) { return e.first < k; });
            return it != m_entries.cend() && it->first == key ? &it->second : nullptr;
        }
        void dropBefore(qint64 key)
        {
            while (!m_entries.empty() && m_entries.front().first < key)
                m_entries.pop_front();
        }
        void clear() { m_entries.clear(); }
        T &lastValue() { return m_entries.back().second; }
        const std::deque<std::pair<qint64, T>> &entries() const { return m_entries; }

    private:
        std::deque<std::pair<qint64, T>> m_entries;
    };

    const Record &record(int row) const
    {
        const qint64 a = m_first + row;
        return m_blocks[std::size_t(a / BlockRecords - m_blockBase)][a % BlockRecords];
    }
    void store(const FrameRecord &frame, const WireFrame *notable);
    quint16 redactKept(const FrameRecord &frame, quint16 bits);
    qint64 timeUs(int row) const;
    quint64 payloadLength(int row) const;
    void dropOldest(qint64 rows);
    void forget(qint64 rows);
    /// Counts a frame (its Record::bits) that the row cap drops, for findMessage().
    void noteDropped(quint16 bits);
    /// Collects @p found's frames from @p row on: @p sender's control frames, and its
    /// continuation frames up to FIN.
    void collectFragments(quint16 senderBit, int row, MessageRows *found) const;
    QString displayText(const Record &r, int row, int column) const;
    QString toolTip(int row) const;

    std::deque<PrefaultedBlocks::Ptr<Record[]>> m_blocks;
    std::deque<qint64> m_blockTimes; ///< The time of each block's first frame, in µs.
    qint64 m_blockBase = 0;          ///< Absolute block number of m_blocks.front().
    qint64 m_first = 0;              ///< Absolute record number of row 0.
    qint64 m_end = 0;                ///< Absolute record number one past the last stored frame.
    qint64 m_shownEnd = 0;           ///< One past the last row (staged frames lie beyond it).
    qint64 m_maxRows = 0;
    qint64 m_dropped = 0;
    /// What the row cap dropped of each sender's messages: [0] the client's, [1] the server's.
    struct DroppedMessages
    {
        qint64 begun = 0;  ///< Messages whose first frame was dropped.
        bool open = false; ///< The last of them had no FIN yet in what was dropped.
    } m_droppedMessages[2];
    SideTable<QByteArray> m_controlPayloads; ///< Also a redacted preview (redactKept()).
    SecretRedactor m_redactor;
    SideTable<QList<FrameViolation>> m_violations;
    SideTable<qint64> m_longTimes;
    SideTable<quint64> m_longLengths;
};
