#pragma once

#include <QSortFilterProxyModel>
#include <QString>

/// The rows of a FrameLog the Frames view shows: one direction or both, a set of
/// opcodes, only frames that break an RFC 6455 rule, and a case-insensitive substring
/// of the Preview column. The default shows every frame. Each setter re-filters (with
/// invalidateFilter()) only when its setting changes; rows that arrive later are
/// filtered as they come (QSortFilterProxyModel's dynamic filtering).
class FrameFilterModel final : public QSortFilterProxyModel
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

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    bool directionHides(const QModelIndex &row) const;
    bool opcodeHides(const QModelIndex &row) const;
    bool violationsHide(const QModelIndex &row) const;
    bool textHides(const QModelIndex &row) const;

    Directions m_directions = Directions::Both;
    quint16 m_opcodes = AllOpcodes;
    bool m_violationsOnly = false;
    QString m_text;
};

Q_DECLARE_OPERATORS_FOR_FLAGS(FrameFilterModel::Filters)
