#pragma once

#include "profiles/variables.h"

#include <QDialog>

class NameValueTable;
class QDialogButtonBox;
class QLabel;
class QListWidget;
class QListWidgetItem;
class QPushButton;

/// The Environments dialog: the profile set's environments (`local`, `staging`,
/// `prod`…), each a table of variables for `{{name}}` references (VariableResolver).
///
/// Left, the environments: New, Duplicate, Delete (asks, naming what is lost), a name
/// edited in place (F2 or a double click). Right, the selected one's variables in a
/// NameValueTable: name, value and Secret (proposed for names holding token, secret,
/// password or key; a secret's value goes to the OS keychain, never the profiles file).
/// OK is refused, with the problem said under the table, while a name is empty or taken
/// or a variable's name is not valid. Everything works from the keyboard: Tab between
/// the list, its buttons and the table; Ctrl+N adds an environment, Insert a variable.
class EnvironmentEditor final : public QDialog
{
    Q_OBJECT
public:
    explicit EnvironmentEditor(const EnvironmentSet &environments, QWidget *parent = nullptr);

    /// The environments as edited; the active one kept when it still exists (renamed
    /// with it), none otherwise.
    EnvironmentSet environments() const;
    /// Why the edit cannot be taken (shown, OK disabled), or empty.
    QString problem() const;

private:
    void fillList();
    void onCurrentRowChanged(int row);
    void onItemRenamed(QListWidgetItem *item);
    void onVariablesEdited();
    void addEnvironment();
    void duplicateEnvironment();
    void deleteEnvironment();
    void addVariable();
    void removeVariable();
    void storeVariables();
    void showVariables();
    void appendEnvironment(const Environment &environment);
    QString uniqueName(const QString &base) const;
    void validate();

    EnvironmentSet m_set;
    int m_current = -1;
    bool m_loading = false;
    QListWidget *m_list = nullptr;
    NameValueTable *m_variables = nullptr;
    QPushButton *m_new = nullptr;
    QPushButton *m_duplicate = nullptr;
    QPushButton *m_delete = nullptr;
    QPushButton *m_addVariable = nullptr;
    QPushButton *m_removeVariable = nullptr;
    QLabel *m_problem = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};
