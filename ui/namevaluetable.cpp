#include "namevaluetable.h"

#include <QHeaderView>
#include <QLineEdit>

namespace {
/// Qt::UserRole on the name item: the row's keychain reference.
constexpr int SecretRefRole = Qt::UserRole + 1;
/// Qt::UserRole on the secret item: the user set the box (no more proposals).
constexpr int ChosenRole = Qt::UserRole + 2;
const QString Dots = QStringLiteral("\u2022\u2022\u2022");
} // namespace

NameValueTable::NameValueTable(const QString &accessibleName,
                               std::function<bool(QStringView)> proposeSecret, QWidget *parent)
    : QTableWidget(0, 3, parent), m_proposeSecret(std::move(proposeSecret))
{
    setAccessibleName(accessibleName);
    setHorizontalHeaderLabels({tr("Name"), tr("Value"), tr("Secret")});
    // Name and value share the width: a fixed name column would leave the value a
    // sliver in a narrow panel, with a sideways scroll bar under it.
    horizontalHeader()->setSectionResizeMode(NameColumn, QHeaderView::Stretch);
    horizontalHeader()->setSectionResizeMode(ValueColumn, QHeaderView::Stretch);
    horizontalHeader()->setSectionResizeMode(SecretColumn, QHeaderView::ResizeToContents);
    verticalHeader()->setVisible(false);
    setItemDelegateForColumn(ValueColumn, new SecretValueDelegate(this));
    setTabKeyNavigation(true);
    connect(this, &QTableWidget::itemChanged, this, &NameValueTable::onItemChanged);
}

void NameValueTable::insertRowWith(const NameValueRow &r)
{
    const int row = rowCount();
    insertRow(row);
    auto *name = new QTableWidgetItem(r.name);
    name->setData(SecretRefRole, r.secretRef);
    setItem(row, NameColumn, name);
    setItem(row, ValueColumn, new QTableWidgetItem(r.value));
    auto *secret = new QTableWidgetItem;
    secret->setFlags(Qt::ItemIsUserCheckable | Qt::ItemIsEnabled | Qt::ItemIsSelectable);
    secret->setCheckState(r.secret ? Qt::Checked : Qt::Unchecked);
    secret->setData(ChosenRole, !r.name.isEmpty()); // a loaded row was decided already
    setItem(row, SecretColumn, secret);
    describeSecret(row);
}

/// A screen reader hears "secret" or "not secret", and never a secret's value.
void NameValueTable::describeSecret(int row)
{
    const bool secret = isSecretRow(row);
    item(row, SecretColumn)
        ->setData(Qt::AccessibleTextRole, secret ? tr("secret") : tr("not secret"));
    item(row, ValueColumn)->setData(Qt::AccessibleTextRole, secret ? Dots : QVariant());
}

void NameValueTable::setRows(const QList<NameValueRow> &rows)
{
    m_loading = true;
    setRowCount(0);
    for (const NameValueRow &r : rows)
        insertRowWith(r);
    m_loading = false;
}

QList<NameValueRow> NameValueTable::rows() const
{
    QList<NameValueRow> out;
    for (int row = 0; row < rowCount(); ++row) {
        const QTableWidgetItem *name = item(row, NameColumn);
        const QTableWidgetItem *value = item(row, ValueColumn);
        NameValueRow r;
        r.name = name ? name->text().trimmed() : QString();
        r.value = value ? value->text() : QString();
        if (r.name.isEmpty() && r.value.isEmpty())
            continue; // a row still being filled in
        r.secret = isSecretRow(row);
        r.secretRef = name ? name->data(SecretRefRole).toString() : QString();
        out.append(r);
    }
    return out;
}

bool NameValueTable::isSecretRow(int row) const
{
    const QTableWidgetItem *secret = item(row, SecretColumn);
    return secret && secret->checkState() == Qt::Checked;
}

void NameValueTable::addEmptyRow()
{
    m_loading = true; // an empty row is not a row yet
    insertRowWith({});
    item(rowCount() - 1, SecretColumn)->setData(ChosenRole, false);
    m_loading = false;
    setCurrentCell(rowCount() - 1, NameColumn);
    editItem(item(rowCount() - 1, NameColumn));
}

void NameValueTable::removeCurrentRow()
{
    const int row = currentRow();
    if (row < 0)
        return;
    removeRow(row);
    Q_EMIT edited();
}

void NameValueTable::onItemChanged(QTableWidgetItem *changed)
{
    if (m_loading)
        return;
    QTableWidgetItem *secret = item(changed->row(), SecretColumn);
    if (changed->column() == SecretColumn) {
        m_loading = true;
        changed->setData(ChosenRole, true);
        describeSecret(changed->row());
        m_loading = false;
        viewport()->update(); // the value's "•••" comes or goes
    } else if (changed->column() == NameColumn && secret && !secret->data(ChosenRole).toBool() &&
               m_proposeSecret) {
        m_loading = true;
        const bool proposed = m_proposeSecret(changed->text().trimmed());
        secret->setCheckState(proposed ? Qt::Checked : Qt::Unchecked);
        describeSecret(changed->row());
        m_loading = false;
    }
    Q_EMIT edited();
}

void SecretValueDelegate::initStyleOption(QStyleOptionViewItem *option,
                                          const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    const QModelIndex secret = index.siblingAtColumn(NameValueTable::SecretColumn);
    if (secret.data(Qt::CheckStateRole).toInt() == Qt::Checked)
        option->text = option->text.isEmpty() ? QString() : Dots;
}

QWidget *SecretValueDelegate::createEditor(QWidget *parent, const QStyleOptionViewItem &option,
                                           const QModelIndex &index) const
{
    QWidget *editor = QStyledItemDelegate::createEditor(parent, option, index);
    const QModelIndex secret = index.siblingAtColumn(NameValueTable::SecretColumn);
    if (auto *line = qobject_cast<QLineEdit *>(editor);
        line && secret.data(Qt::CheckStateRole).toInt() == Qt::Checked)
        line->setEchoMode(QLineEdit::Password);
    return editor;
}
