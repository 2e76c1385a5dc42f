#include "mainwindow.h"

#include "connectiontabs.h"
#include "plaintext.h"
#include "profileeditor.h"
#include "profilelistview.h"
#include "profiles/profilemodel.h"
#include "profilesfileactions.h"
#include "sessiontab.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListView>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTabBar>
#include <QTabWidget>
#include <QVBoxLayout>

MainWindow::MainWindow(ProfileModel *profiles, const QUrl &echoUrl, QWidget *parent)
    : QMainWindow(parent), m_profiles(profiles), m_echoUrl(echoUrl)
{
    setWindowTitle(tr("Sockscope"));
    setAccessibleName(tr("Sockscope"));

    m_banner = PlainText::label(this);
    m_banner->setAccessibleName(tr("Problem"));
    m_banner->setWordWrap(true);
    m_banner->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_dismissBanner = new QPushButton(tr("Dismiss"), this);
    m_dismissBanner->setAccessibleName(tr("Dismiss problem"));
    auto *bannerBox = new QWidget(this);
    bannerBox->setObjectName(QStringLiteral("banner"));
    bannerBox->setStyleSheet(QStringLiteral(
        "#banner { background: #fdecea; border: 1px solid #f5c2c0; border-radius: 4px; }"
        "#banner QLabel { color: #8a1c1c; }"));
    auto *bannerLayout = new QHBoxLayout(bannerBox);
    bannerLayout->addWidget(m_banner, 1);
    bannerLayout->addWidget(m_dismissBanner, 0, Qt::AlignTop);
    bannerBox->setVisible(false);
    connect(m_dismissBanner, &QPushButton::clicked, bannerBox, &QWidget::hide);

    m_tabs = new ConnectionTabs(m_profiles, m_echoUrl, this);
    connect(m_tabs, &ConnectionTabs::countChanged, this, &MainWindow::onTabCountChanged);
    connect(m_tabs, &ConnectionTabs::currentChanged, this, &MainWindow::onCurrentTabChanged);
    connect(m_tabs, &ConnectionTabs::allEnded, this, &QWidget::close);

    m_placeholder = new QLabel(this);
    m_placeholder->setAccessibleName(tr("No connection open"));
    m_placeholder->setTextFormat(Qt::RichText); // our words; a profile name is escaped
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    updatePlaceholder();
    connect(m_profiles, &QAbstractItemModel::modelReset, this, &MainWindow::updatePlaceholder);
    connect(m_profiles, &QAbstractItemModel::rowsInserted, this, &MainWindow::updatePlaceholder);
    connect(m_profiles, &QAbstractItemModel::rowsRemoved, this, &MainWindow::updatePlaceholder);
    connect(m_profiles, &QAbstractItemModel::dataChanged, this, &MainWindow::updatePlaceholder);
    m_centre = new QStackedWidget(this);
    m_centre->addWidget(m_placeholder);
    m_centre->addWidget(m_tabs);

    auto *splitter = new QSplitter(this);
    splitter->addWidget(buildProfilePanel());
    splitter->addWidget(m_centre);
    splitter->setStretchFactor(1, 1);
    splitter->setChildrenCollapsible(false);
    splitter->setSizes({340, 860});

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->addWidget(bannerBox);
    layout->addWidget(splitter, 1);
    setCentralWidget(central);

    m_fileActions = new ProfilesFileActions(m_profiles, this);
    connect(m_fileActions, &ProfilesFileActions::problem, this, &MainWindow::reportProblem);
    connect(m_fileActions, &ProfilesFileActions::message, this, &MainWindow::showMessage);
    statusBar()->addPermanentWidget(m_fileActions->autosaveIndicator());
    buildMenus();
    statusBar()->showMessage(echoUrl.isEmpty()
                                 ? tr("The built-in echo server is not running.")
                                 : tr("Built-in echo server on %1").arg(echoUrl.toString()));
    if (m_profiles->autosaveBlocked())
        reportProblem(m_profiles->autosaveBlockedReason());
    connect(m_profiles, &ProfileModel::autosaveFailed, this, &MainWindow::reportProblem);
    resize(1200, 760);
    selectRow(0);
}

QWidget *MainWindow::buildProfilePanel()
{
    auto *panel = new QGroupBox(tr("Profiles"), this);
    m_profileList = new ProfileListView(panel);
    m_profileList->setAccessibleName(tr("Profiles"));
    m_profileList->setModel(m_profiles);

    const auto makeButton = [panel](const QString &text, const QString &tip) {
        auto *b = new QPushButton(text, panel);
        b->setAccessibleName(text);
        b->setToolTip(tip);
        return b;
    };
    m_newButton = makeButton(tr("New"), tr("Create a profile"));
    m_duplicateButton = makeButton(tr("Duplicate"), tr("Copy the selected profile"));
    m_renameButton = makeButton(tr("Rename"), tr("Rename the selected profile (F2)"));
    m_deleteButton = makeButton(tr("Delete"), tr("Delete the selected profile"));
    m_openButton = makeButton(tr("Open"), tr("Open the selected profile in a tab"));
    m_openButton->setDefault(true);

    m_editor = new ProfileEditor(panel);

    auto *buttons = new QHBoxLayout;
    for (QPushButton *b : {m_newButton, m_duplicateButton, m_renameButton, m_deleteButton})
        buttons->addWidget(b);
    auto *layout = new QVBoxLayout(panel);
    layout->addLayout(buttons);
    layout->addWidget(m_profileList, 1);
    layout->addWidget(m_openButton);
    layout->addWidget(m_editor);

    connect(m_newButton, &QPushButton::clicked, this, [this] {
        const int row = m_profiles->createProfile();
        selectRow(row);
        m_editor->focusName();
    });
    connect(m_duplicateButton, &QPushButton::clicked, this, [this] {
        const int row = m_profiles->duplicateProfile(selectedRow());
        if (row >= 0)
            selectRow(row);
    });
    connect(m_renameButton, &QPushButton::clicked, this, [this] {
        if (selectedRow() >= 0)
            m_profileList->edit(m_profiles->index(selectedRow()));
    });
    connect(m_deleteButton, &QPushButton::clicked, this, &MainWindow::deleteSelected);
    connect(m_openButton, &QPushButton::clicked, this, [this] { openProfile(selectedRow()); });
    // Return, Enter or a double click (QAbstractItemView::activated).
    connect(m_profileList, &QListView::activated, this,
            [this](const QModelIndex &index) { openProfile(index.row()); });
    connect(m_profileList->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &MainWindow::onSelectionChanged);
    connect(m_profiles, &ProfileModel::modelReset, this, [this] { selectRow(0); });
    connect(m_profiles, &ProfileModel::rowsRemoved, this, &MainWindow::onSelectionChanged);
    connect(m_profiles, &ProfileModel::dataChanged, this, [this](const QModelIndex &topLeft) {
        // Reloading the editor with its own edit would tear down a cell editor the
        // user is typing in.
        if (topLeft.row() == selectedRow() && !m_applyingEdit)
            onSelectionChanged();
    });
    connect(m_profiles, &ProfileModel::editRefused, m_editor, &ProfileEditor::showProblem);
    connect(m_editor, &ProfileEditor::profileEdited, this, [this](const Profile &profile) {
        const int row = selectedRow();
        if (row < 0)
            return;
        m_applyingEdit = true;
        const QString problem = m_profiles->updateProfile(row, profile);
        m_applyingEdit = false;
        if (problem.isEmpty())
            m_editor->showProblem(QString());
    });
    return panel;
}

void MainWindow::buildMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    m_fileActions->addTo(file);
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), qApp, &QApplication::closeAllWindows);
    quit->setShortcut(QKeySequence::Quit);

    QMenu *profile = menuBar()->addMenu(tr("&Profile"));
    const auto addButtonAction = [profile](const QString &text, QPushButton *button,
                                           const QKeySequence &shortcut) {
        QAction *action = profile->addAction(text, button, &QPushButton::click);
        action->setShortcut(shortcut);
    };
    addButtonAction(tr("&New"), m_newButton, QKeySequence::New);
    addButtonAction(tr("&Duplicate"), m_duplicateButton, QKeySequence());
    addButtonAction(tr("&Rename"), m_renameButton, QKeySequence(Qt::Key_F2));
    addButtonAction(tr("De&lete"), m_deleteButton, QKeySequence());
    // Return on the profile list opens it too; Ctrl+Return is Connect, in the tab.
    addButtonAction(tr("&Open in Tab"), m_openButton, QKeySequence());

    QMenu *tabs = menuBar()->addMenu(tr("&Tabs"));
    QAction *closeTab = tabs->addAction(tr("&Close Tab"), this, &MainWindow::closeCurrentTab);
    closeTab->setShortcuts(QKeySequence::Close);
    QAction *next = tabs->addAction(tr("&Next Tab"), this, [this] { stepTab(+1); });
    next->setShortcuts(
        {QKeySequence(Qt::CTRL | Qt::Key_Tab), QKeySequence(Qt::CTRL | Qt::Key_PageDown)});
    QAction *previous = tabs->addAction(tr("&Previous Tab"), this, [this] { stepTab(-1); });
    previous->setShortcuts({QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Backtab),
                            QKeySequence(Qt::CTRL | Qt::Key_PageUp)});

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Sockscope"), this, [this] {
        QMessageBox::about(this, tr("About Sockscope"),
                           tr("<b>Sockscope %1</b><p>A WebSocket debugging client.</p>"
                              "<p>Profiles are saved in %2</p>")
                               .arg(QCoreApplication::applicationVersion(),
                                    m_profiles->autosavePath().toHtmlEscaped()));
    });
}

void MainWindow::updatePlaceholder()
{
    QString hint = tr("Select a profile on the left and press <b>Open</b>.");
    for (const Profile &p : m_profiles->profiles()) {
        if (p.builtInEchoServer) { // the hint names a profile that exists, or none
            hint += QStringLiteral("<br>") +
                    tr("The <b>%1</b> profile talks to the echo server built into Sockscope, "
                       "so it works without any set-up.")
                        .arg(p.name.toHtmlEscaped());
            break;
        }
    }
    m_placeholder->setText(tr("<h3>No connection open</h3>") + QStringLiteral("<p>") + hint +
                           QStringLiteral("</p>"));
}

void MainWindow::reportProblem(const QString &message)
{
    m_banner->setText(message);
    m_banner->parentWidget()->setVisible(true);
}

SessionTab *MainWindow::openProfile(int row)
{
    return m_tabs->openProfile(row); // countChanged() shows the tabs
}

void MainWindow::restoreOpenTabs()
{
    m_tabs->restoreOpenTabs();
}

bool MainWindow::openProfilesFile(const QString &path)
{
    return m_fileActions->open(path);
}

bool MainWindow::importProfilesFile(const QString &path)
{
    return m_fileActions->importFile(path);
}

bool MainWindow::saveProfilesFile(const QString &path)
{
    return m_fileActions->saveAs(path);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (m_quitting && m_tabs->isEnding()) {
        event->ignore(); // allEnded() closes the window again
        return;
    }
    if (!m_quitting) {
        if (!m_fileActions->confirmQuit()) {
            event->ignore();
            return;
        }
        m_tabs->saveOpenTabs();
        if (!m_tabs->connectedTabs().isEmpty()) {
            event->ignore();
            m_quitting = true; // allEnded() comes back here
            m_quitting = m_tabs->requestCloseAll();
            return;
        }
    }
    QMainWindow::closeEvent(event);
}

SessionTab *MainWindow::currentTab() const
{
    return qobject_cast<SessionTab *>(m_tabs->currentWidget());
}

int MainWindow::tabCount() const
{
    return m_tabs->count();
}

int MainWindow::selectedRow() const
{
    const QModelIndex current = m_profileList->currentIndex();
    return current.isValid() ? current.row() : -1;
}

void MainWindow::selectRow(int row)
{
    if (row >= 0 && row < m_profiles->rowCount())
        m_profileList->setCurrentIndex(m_profiles->index(row));
    onSelectionChanged();
}

void MainWindow::onSelectionChanged()
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

void MainWindow::deleteSelected()
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

void MainWindow::closeCurrentTab()
{
    m_tabs->requestClose(m_tabs->currentIndex());
}

void MainWindow::stepTab(int step)
{
    const int tabs = m_tabs->count();
    if (tabs > 0)
        m_tabs->setCurrentIndex((m_tabs->currentIndex() + step + tabs) % tabs);
}

void MainWindow::onTabCountChanged(int tabs)
{
    m_centre->setCurrentIndex(tabs == 0 ? 0 : 1);
}

void MainWindow::onCurrentTabChanged()
{
    const SessionTab *tab = m_tabs->currentTab();
    const int row = tab ? m_profiles->rowOfId(tab->profileId()) : -1;
    if (row >= 0 && row != selectedRow())
        selectRow(row);
}

void MainWindow::showMessage(const QString &message)
{
    statusBar()->showMessage(message, 8000);
}
