#pragma once

#include <QAbstractProxyModel>
#include <QString>
#include <vector>

class FrameLog;

/// The rows of a FrameLog the Frames view shows: one direction or both, a set of
/// opcodes, only frames that break an RFC 6455 rule, and a case-insensitive substring
/// of the Preview column. The default shows every frame.
///
/// It relies on the log's shape, as LogFilterModel does: rows are only appended at the
/// end or dropped from the front. Showing every frame it maps rows one to one and keeps
/// nothing per row, so a flood costs it one insert per batch; QSortFilterProxyModel
/// would hold two ints and test each row. Filtering, it keeps the matching rows' numbers
/// (4 bytes each) and tests rows as they arrive. Each setter filters anew (a model
/// reset) only when its setting changes.
class FrameFilterModel final : public QAbstractProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FrameFilterModel)
public:
    enum class Directions : quint8 {
        Both,
        Sent,    ///< The client's frames only.
        Received ///< The server's frames only.
    };
    /// Every opcode: bit (1 << opcode) set means shown (see opcodeBit()).
    static constexpr quint16 AllOpcodes = 0xffff;
    /// The bit for @p opcode (0x0 to 0xF, RFC 6455 5.2) in an opcode set.
    static constexpr quint16 opcodeBit(quint8 opcode) { return quint16(1u << (opcode & 0xf)); }

    explicit FrameFilterModel(QObject *parent = nullptr);

    /// Filters @p frames' rows (and makes it the source model); null for none.
    void setSourceModel(FrameLog *frames);

    void setDirections(Directions directions);
    Directions directions() const { return m_directions; }
    /// Shows only the opcodes whose bit is set in @p opcodes, e.g.
    /// opcodeBit(Opcode::Ping) | opcodeBit(Opcode::Pong); AllOpcodes (the default) for all.
    void setOpcodes(quint16 opcodes);
    quint16 opcodes() const { return m_opcodes; }
    /// With @p only, shows only frames that break a rule (FrameLog::ViolationRole).
    void setViolationsOnly(bool only);
    bool violationsOnly() const { return m_violationsOnly; }
    /// Shows only frames whose preview contains @p text, ignoring case; empty for all.
    void setText(const QString &text);
    QString text() const { return m_text; }

    /// The settings above, as flags: which of them hide a frame, which to clear.
    enum class Filter : quint8 {
        Direction = 0x1,  ///< setDirections()
        Opcode = 0x2,     ///< setOpcodes()
        Violations = 0x4, ///< setViolationsOnly()
        Text = 0x8        ///< setText()
    };
    Q_DECLARE_FLAGS(Filters, Filter)
    /// The settings that hide the source model's row @p sourceRow; none for a row shown.
    Filters hidingFilters(int sourceRow) const;
    /// Sets each of @p filters back to its default (show all), re-filtering once.
    void clearFilters(Filters filters);

    /// While @p held, the rows the source appends are not shown yet: their view is hidden,
    /// and a hidden QTableView would still pay for each (QHeaderView keeps an item per
    /// row, and its list grows with them). Releasing shows every one of them in one
    /// insert. Rows the source drops meanwhile are dropped here too. Not held by default.
    void setHeld(bool held);
    bool isHeld() const { return m_held; }
    /// Source rows appended while held and not yet taken (tested or shown).
    qsizetype heldRows() const;

    /// Whether the source row @p sourceRow passes every setting.
    bool accepts(int sourceRow) const;

    QModelIndex mapToSource(const QModelIndex &proxyIndex) const override;
    QModelIndex mapFromSource(const QModelIndex &sourceIndex) const override;
    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;

private:
    /// Reached only through a QAbstractProxyModel pointer: anything but a FrameLog is
    /// refused (no source), because the proxy relies on its shape.
    void setSourceModel(QAbstractItemModel *sourceModel) override;
    bool showsEverything() const;
    /// Filters every row anew, as one model reset.
    void refilter();
    void onRowsInserted();
    void onRowsAboutToBeRemoved(const QModelIndex &, int first, int last);
    void onRowsRemoved(const QModelIndex &, int first, int last);
    void onModelReset();
    /// Takes the source rows from m_taken to the end: shows them (or those that pass).
    void takeNewRows();
    bool directionHides(const QModelIndex &row) const;
    bool opcodeHides(const QModelIndex &row) const;
    bool violationsHide(const QModelIndex &row) const;
    bool textHides(const QModelIndex &row) const;

    Directions m_directions = Directions::Both;
    quint16 m_opcodes = AllOpcodes;
    bool m_violationsOnly = false;
    QString m_text;
    FrameLog *m_frames = nullptr;
    bool m_passThrough = true;   ///< Every setting at its default: rows map one to one.
    int m_shown = 0;             ///< Rows shown, when passing everything through.
    std::vector<quint32> m_rows; ///< The source rows shown, when filtering.
    int m_taken = 0;             ///< Source rows taken: the rest came while held.
    bool m_held = false;
    qsizetype m_removing = 0; ///< Of m_rows, those the source is removing.
};

Q_DECLARE_OPERATORS_FOR_FLAGS(FrameFilterModel::Filters)
