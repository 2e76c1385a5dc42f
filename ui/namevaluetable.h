#pragma once

#include <QList>
#include <QStyledItemDelegate>
#include <QTableWidget>
#include <functional>

/// One row of a NameValueTable: a handshake header or an environment variable.
struct NameValueRow
{
    QString name;
    QString value;
    bool secret = false; ///< Kept in the OS keychain; the table shows it as "•••".
    QString secretRef;   ///< Its keychain entry, carried through edits unchanged.
};

/// An editable table of name, value and "Secret" (a check box), for a profile's
/// handshake headers and an environment's variables. A secret's value is shown as
/// "•••" and edited in a password field (SecretValueDelegate). A name that
/// proposeSecret() accepts (Authorization, api_token…) ticks Secret by itself, as long as
/// the row's box was never set by hand. Keyboard: Tab moves between cells, F2 or typing
/// edits, Space toggles Secret.
class NameValueTable final : public QTableWidget
{
    Q_OBJECT
public:
    enum Column { NameColumn, ValueColumn, SecretColumn };

    NameValueTable(const QString &accessibleName, std::function<bool(QStringView)> proposeSecret,
                   QWidget *parent = nullptr);

    void setRows(const QList<NameValueRow> &rows);
    /// The rows, names trimmed; a row with no name and no value (being filled in) is left out.
    QList<NameValueRow> rows() const;
    /// Appends an empty row and starts editing its name.
    void addEmptyRow();
    void removeCurrentRow();
    /// Whether the row's value is a secret (its Secret box is ticked).
    bool isSecretRow(int row) const;

Q_SIGNALS:
    /// A cell changed, or a row was removed: rows() has news.
    void edited();

private:
    void onItemChanged(QTableWidgetItem *item);
    void insertRowWith(const NameValueRow &row);
    void describeSecret(int row);

    std::function<bool(QStringView)> m_proposeSecret;
    bool m_loading = false;
};

/// Paints a secret row's value as "•••" and edits it in a QLineEdit with
/// QLineEdit::Password echo, so a secret is never on screen (Qt's delegate model).
class SecretValueDelegate final : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;
    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &option,
                          const QModelIndex &index) const override;
};
