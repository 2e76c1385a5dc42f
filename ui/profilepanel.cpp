#include "profilepanel.h"

#include "flowlayout.h"
#include "plaintext.h"
#include "profileeditor.h"
#include "profilelistview.h"
#include "profiles/profilemodel.h"

#include "environmentchooser.h"
#include "environmenteditor.h"

#include <QHBoxLayout>
#include <QMenu>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

ProfilePanel::ProfilePanel(ProfileModel *profiles, const QUrl &echoUrl, QWidget *parent)
    : QGroupBox(tr("Profiles"), parent), m_profiles(profiles), m_echoUrl(echoUrl)
{
    m_list = new ProfileListView(this);
    m_list->setAccessibleName(tr("Profiles"));
    m_list->setModel(m_profiles);
    m_newButton = makeButton(tr("New"), tr("Create a profile (Ctrl+N)"));
    m_duplicateButton = makeButton(tr("Duplicate"), tr("Copy the selected profile"));
    m_renameButton = makeButton(tr("Rename"), tr("Rename the selected profile (F2)"));
    m_deleteButton = makeButton(tr("Delete"), tr("Delete the selected profile"));
    m_openButton = makeButton(tr("Open"), tr("Open the selected profile in a tab (Return)"));
    m_openButton->setDefault(true);
    m_editor = new ProfileEditor(this);

    auto *buttons = new FlowLayout; // two rows in a narrow panel
    for (QPushButton *b : {m_newButton, m_duplicateButton, m_renameButton, m_deleteButton})
        buttons->addWidget(b);
    auto *chooser = m_chooser = new EnvironmentChooser(m_profiles, this);
    m_environmentsButton = chooser->findChild<QPushButton *>();
    connect(chooser, &EnvironmentChooser::editRequested, this, &ProfilePanel::editEnvironments);
    connect(m_profiles, &ProfileModel::environmentsChanged, this,
            &ProfilePanel::showActiveEnvironment);
    showActiveEnvironment();
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(buttons);
    layout->addWidget(m_list, 1);
    m_list->setMinimumHeight(3 * m_list->fontMetrics().lineSpacing());
    layout->addWidget(m_openButton);
    // The form scrolls in a short window instead of setting the window's height.
    auto *formArea = new QScrollArea(this);
    formArea->setWidget(m_editor);
    formArea->setWidgetResizable(true);
    formArea->setFrameShape(QFrame::NoFrame);
    formArea->setMinimumWidth(m_newButton->sizeHint().width() * 2);
    formArea->setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded); // never cut off unseen
    layout->addWidget(formArea, 2);

    connect(m_newButton, &QPushButton::clicked, this, &ProfilePanel::onNewClicked);
    connect(m_duplicateButton, &QPushButton::clicked, this, &ProfilePanel::onDuplicateClicked);
    connect(m_renameButton, &QPushButton::clicked, this, &ProfilePanel::onRenameClicked);
    connect(m_deleteButton, &QPushButton::clicked, this, &ProfilePanel::onDeleteClicked);
    connect(m_openButton, &QPushButton::clicked, this, &ProfilePanel::onOpenClicked);
    // Return, Enter or a double click (QAbstractItemView::activated).
    connect(m_list, &QListView::activated, this,
            [this](const QModelIndex &index) { Q_EMIT openRequested(index.row()); });
    connect(m_list->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &ProfilePanel::onSelectionChanged);
    connect(m_profiles, &ProfileModel::modelReset, this, [this] { selectRow(0); });
    connect(m_profiles, &ProfileModel::rowsRemoved, this, &ProfilePanel::onSelectionChanged);
    connect(m_profiles, &ProfileModel::dataChanged, this, &ProfilePanel::onProfileChanged);
    connect(m_profiles, &ProfileModel::editRefused, m_editor, &ProfileEditor::showProblem);
    connect(m_editor, &ProfileEditor::profileEdited, this, &ProfilePanel::onProfileEdited);
    selectRow(0);
}

QPushButton *ProfilePanel::makeButton(const QString &text, const QString &toolTip)
{
    auto *b = new QPushButton(text, this);
    b->setAccessibleName(text);
    b->setToolTip(toolTip);
    return b;
}

void ProfilePanel::resizeEvent(QResizeEvent *event)
{
    QGroupBox::resizeEvent(event);
    // Labels beside their fields need about this much; narrower, they go above.
    m_editor->setCompact(width() < CompactBelowWidth * fontMetrics().averageCharWidth());
}

void ProfilePanel::addActionsTo(QMenu *menu)
{
    const auto add = [menu](const QString &text, QPushButton *button,
                            const QKeySequence &shortcut) {
        menu->addAction(text, button, &QPushButton::click)->setShortcut(shortcut);
    };
    add(tr("&New"), m_newButton, QKeySequence::New);
    add(tr("&Duplicate"), m_duplicateButton, QKeySequence());
    add(tr("&Rename"), m_renameButton, QKeySequence(Qt::Key_F2));
    add(tr("De&lete"), m_deleteButton, QKeySequence());
    // Return on the list opens a profile too; Ctrl+Return is Connect, in the tab.
    add(tr("&Open in Tab"), m_openButton, QKeySequence());
    menu->addSeparator();
    add(tr("&Environments…"), m_environmentsButton, QKeySequence(Qt::CTRL | Qt::Key_E));
}

void ProfilePanel::showActiveEnvironment()
{
    const Environment *active = m_profiles->environments().activeEnvironment();
    m_editor->setEnvironment(active ? std::optional<Environment>(*active) : std::nullopt);
}

void ProfilePanel::editEnvironments()
{
    EnvironmentEditor editor(m_profiles->environments(), this);
    if (editor.exec() == QDialog::Accepted)
        m_profiles->setEnvironments(editor.environments());
}

int ProfilePanel::selectedRow() const
{
    const QModelIndex current = m_list->currentIndex();
    return current.isValid() ? current.row() : -1;
}

void ProfilePanel::selectRow(int row)
{
    if (row >= 0 && row < m_profiles->rowCount())
        m_list->setCurrentIndex(m_profiles->index(row));
    onSelectionChanged();
}

void ProfilePanel::onNewClicked()
{
    selectRow(m_profiles->createProfile());
    m_editor->focusName();
}

void ProfilePanel::onDuplicateClicked()
{
    const int row = m_profiles->duplicateProfile(selectedRow());
    if (row >= 0)
        selectRow(row);
}

void ProfilePanel::onRenameClicked()
{
    if (selectedRow() >= 0)
        m_list->edit(m_profiles->index(selectedRow()));
}

void ProfilePanel::onDeleteClicked()
{
    const int row = selectedRow();
    if (row < 0)
        return;
    const QString name = m_profiles->profile(row).name;
    if (PlainText::confirm(
            this, tr("Delete Profile"),
            tr("Delete the profile \"%1\"? Its open tab stays until you close it.").arg(name)))
        m_profiles->removeProfile(row);
}

void ProfilePanel::onOpenClicked()
{
    if (selectedRow() >= 0)
        Q_EMIT openRequested(selectedRow());
}

void ProfilePanel::onSelectionChanged()
{
    const int row = selectedRow();
    const bool has = row >= 0;
    if (has)
        m_editor->setProfile(m_profiles->profile(row), m_echoUrl);
    else
        m_editor->clearProfile();
    for (QPushButton *b : {m_duplicateButton, m_renameButton, m_deleteButton, m_openButton})
        b->setEnabled(has);
}

void ProfilePanel::onProfileChanged(const QModelIndex &topLeft)
{
    // Reloading the form with its own edit would tear down a cell editor the user is
    // typing in.
    if (topLeft.row() == selectedRow() && !m_applyingEdit)
        onSelectionChanged();
}

void ProfilePanel::onProfileEdited(const Profile &profile)
{
    const int row = selectedRow();
    if (row < 0)
        return;
    m_applyingEdit = true;
    const QString problem = m_profiles->updateProfile(row, profile);
    m_applyingEdit = false;
    if (problem.isEmpty())
        m_editor->showProblem(QString());
}
