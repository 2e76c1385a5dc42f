#include "environmenteditor.h"

#include "namevaluetable.h"
#include "plaintext.h"

#include <QDialogButtonBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSet>
#include <QVBoxLayout>

namespace {

QPushButton *button(const QString &text, const QString &accessibleName, QWidget *parent)
{
    auto *b = new QPushButton(text, parent);
    b->setAccessibleName(accessibleName);
    b->setAutoDefault(false);
    return b;
}

} // namespace

EnvironmentEditor::EnvironmentEditor(const EnvironmentSet &environments, QWidget *parent)
    : QDialog(parent), m_set(environments)
{
    setWindowTitle(tr("Environments"));
    setAccessibleName(tr("Environments"));
    m_list = new QListWidget(this);
    m_list->setAccessibleName(tr("Environment list"));
    m_list->setEditTriggers(QAbstractItemView::EditKeyPressed | QAbstractItemView::DoubleClicked);
    m_new = button(tr("&New"), tr("New environment"), this);
    m_duplicate = button(tr("&Duplicate"), tr("Duplicate environment"), this);
    m_delete = button(tr("Delete"), tr("Delete environment"), this);
    m_variables = new NameValueTable(tr("Variables"), &Variable::proposedSecret, this);
    m_addVariable = button(tr("&Add variable"), tr("Add variable"), this);
    m_removeVariable = button(tr("Remove variable"), tr("Remove variable"), this);
    m_problem = PlainText::label(this);
    m_problem->setAccessibleName(tr("Environment problem"));
    m_problem->setWordWrap(true);
    auto *hint = PlainText::label(this);
    hint->setWordWrap(true);
    hint->setText(tr("Use a variable as {{name}} in a profile's URL, headers and subprotocols, "
                     "in messages, snippets and the close reason. Built in: {{$timestamp}}, "
                     "{{$isoTimestamp}}, {{$uuid}}, {{$randomInt}}. A secret's value is kept "
                     "in the OS keychain and shown as ••• in the log."));
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);

    auto *environmentButtons = new QHBoxLayout;
    for (QPushButton *b : {m_new, m_duplicate, m_delete})
        environmentButtons->addWidget(b);
    auto *variableButtons = new QHBoxLayout;
    variableButtons->addWidget(m_addVariable);
    variableButtons->addWidget(m_removeVariable);
    variableButtons->addStretch(1);
    auto *grid = new QGridLayout;
    grid->addWidget(m_list, 0, 0);
    grid->addLayout(environmentButtons, 1, 0);
    grid->addWidget(m_variables, 0, 1);
    grid->addLayout(variableButtons, 1, 1);
    grid->setColumnStretch(0, 1);
    grid->setColumnStretch(1, 3);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(grid, 1);
    layout->addWidget(m_problem);
    layout->addWidget(hint);
    layout->addWidget(m_buttons);

    connect(m_list, &QListWidget::currentRowChanged, this, &EnvironmentEditor::onCurrentRowChanged);
    connect(m_list, &QListWidget::itemChanged, this, &EnvironmentEditor::onItemRenamed);
    connect(m_variables, &NameValueTable::edited, this, &EnvironmentEditor::onVariablesEdited);
    connect(m_new, &QPushButton::clicked, this, &EnvironmentEditor::addEnvironment);
    connect(m_duplicate, &QPushButton::clicked, this, &EnvironmentEditor::duplicateEnvironment);
    connect(m_delete, &QPushButton::clicked, this, &EnvironmentEditor::deleteEnvironment);
    connect(m_addVariable, &QPushButton::clicked, this, &EnvironmentEditor::addVariable);
    connect(m_removeVariable, &QPushButton::clicked, this, &EnvironmentEditor::removeVariable);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    // Alt+letter mnemonics do not reach a button while a list or table has the focus
    // (an item view takes Alt+letter for its keyboard search): these keys always do.
    m_new->setShortcut(QKeySequence::New);
    m_new->setToolTip(
        tr("New environment (%1)").arg(m_new->shortcut().toString(QKeySequence::NativeText)));
    m_addVariable->setShortcut(QKeySequence(Qt::Key_Insert));
    m_addVariable->setToolTip(tr("Add a variable (Insert)"));
    setTabOrder(m_list, m_new);
    setTabOrder(m_new, m_duplicate);
    setTabOrder(m_duplicate, m_delete);
    setTabOrder(m_delete, m_variables);
    setTabOrder(m_variables, m_addVariable);
    setTabOrder(m_addVariable, m_removeVariable);
    resize(760, 420);
    fillList();
}

EnvironmentSet EnvironmentEditor::environments() const
{
    return m_set;
}

void EnvironmentEditor::fillList()
{
    m_loading = true;
    m_list->clear();
    for (const Environment &e : m_set.environments) {
        auto *item = new QListWidgetItem(e.name, m_list);
        item->setFlags(item->flags() | Qt::ItemIsEditable);
    }
    m_loading = false;
    int active = 0;
    for (int i = 0; i < m_set.environments.size(); ++i) {
        if (m_set.environments.at(i).name == m_set.active)
            active = i;
    }
    m_current = -1;
    m_list->setCurrentRow(m_set.environments.isEmpty() ? -1 : active);
    showVariables();
    validate();
}

void EnvironmentEditor::onCurrentRowChanged(int row)
{
    storeVariables();
    m_current = row;
    showVariables();
    validate();
}

void EnvironmentEditor::onItemRenamed(QListWidgetItem *item)
{
    if (m_loading)
        return;
    const int row = m_list->row(item);
    if (row < 0 || row >= m_set.environments.size())
        return;
    Environment &e = m_set.environments[row];
    const QString name = item->text().trimmed();
    if (m_set.active == e.name)
        m_set.active = name; // the active one stays active under its new name
    e.name = name;
    validate();
}

void EnvironmentEditor::onVariablesEdited()
{
    if (m_loading)
        return;
    storeVariables();
    validate();
}

void EnvironmentEditor::storeVariables()
{
    if (m_current < 0 || m_current >= m_set.environments.size())
        return;
    QList<Variable> variables;
    for (const NameValueRow &r : m_variables->rows())
        variables.append(Variable(r.name, r.value, r.secret, r.secretRef));
    m_set.environments[m_current].variables = variables;
}

void EnvironmentEditor::showVariables()
{
    m_loading = true;
    QList<NameValueRow> rows;
    const bool has = m_current >= 0 && m_current < m_set.environments.size();
    if (has) {
        for (const Variable &v : m_set.environments.at(m_current).variables)
            rows.append({v.name, v.value, v.secret, v.secretRef});
    }
    m_variables->setRows(rows);
    m_loading = false;
    for (QWidget *w : {static_cast<QWidget *>(m_variables), static_cast<QWidget *>(m_addVariable),
                       static_cast<QWidget *>(m_removeVariable),
                       static_cast<QWidget *>(m_duplicate), static_cast<QWidget *>(m_delete)})
        w->setEnabled(has);
}

void EnvironmentEditor::appendEnvironment(const Environment &environment)
{
    storeVariables();
    m_set.environments.append(environment);
    m_loading = true;
    auto *item = new QListWidgetItem(environment.name, m_list);
    item->setFlags(item->flags() | Qt::ItemIsEditable);
    m_loading = false;
    m_list->setCurrentItem(item);
    m_list->setFocus();
    m_list->editItem(item);
}

QString EnvironmentEditor::uniqueName(const QString &base) const
{
    QString name = base;
    const auto taken = [this](const QString &n) {
        for (const Environment &e : m_set.environments) {
            if (e.name == n)
                return true;
        }
        return false;
    };
    for (int n = 2; taken(name); ++n)
        name = QStringLiteral("%1 %2").arg(base).arg(n);
    return name;
}

void EnvironmentEditor::addEnvironment()
{
    appendEnvironment(Environment{uniqueName(tr("New environment")), {}});
}

void EnvironmentEditor::duplicateEnvironment()
{
    if (m_current < 0)
        return;
    storeVariables();
    Environment copy = m_set.environments.at(m_current);
    copy.name = uniqueName(tr("%1 copy").arg(copy.name));
    for (Variable &v : copy.variables)
        v.secretRef.clear(); // the copy's secrets get keychain entries of their own
    appendEnvironment(copy);
}

void EnvironmentEditor::deleteEnvironment()
{
    if (m_current < 0)
        return;
    storeVariables();
    const Environment &e = m_set.environments.at(m_current);
    if (!PlainText::confirm(this, tr("Delete Environment"),
                            tr("Delete the environment \"%1\" and its %n variable(s)?", nullptr,
                               int(e.variables.size()))
                                .arg(e.name)))
        return;
    if (m_set.active == e.name)
        m_set.active.clear();
    m_set.environments.removeAt(m_current);
    fillList();
}

void EnvironmentEditor::addVariable()
{
    m_variables->addEmptyRow();
}

void EnvironmentEditor::removeVariable()
{
    m_variables->removeCurrentRow();
}

QString EnvironmentEditor::problem() const
{
    QSet<QString> names;
    for (const Environment &e : m_set.environments) {
        if (e.name.isEmpty())
            return tr("An environment has no name.");
        if (names.contains(e.name))
            return tr("Two environments are named \"%1\".").arg(e.name);
        names.insert(e.name);
        QSet<QString> variables;
        for (const Variable &v : e.variables) {
            if (!VariableResolver::isValidName(v.name))
                return tr("In \"%1\", \"%2\" cannot name a variable: use a letter or _, then "
                          "letters, digits, _, - or .")
                    .arg(e.name, v.name);
            if (variables.contains(v.name))
                return tr("In \"%1\", two variables are named \"%2\".").arg(e.name, v.name);
            variables.insert(v.name);
        }
    }
    return QString();
}

void EnvironmentEditor::validate()
{
    const QString why = problem();
    m_problem->setText(why);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(why.isEmpty());
}
