#include "mainwindow.h"

#include "connectiontabs.h"
#include "environmentchooser.h"
#include "palette.h"
#include "plaintext.h"
#include "profilepanel.h"
#include "profiles/profilemodel.h"
#include "profilesfileactions.h"
#include "sessiontab.h"
#include "shortcuts.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QScreen>
#include <QSettings>
#include <QSignalBlocker>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTabBar>
#include <QToolButton>
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
    Palette::applyStyle(bannerBox, [name = bannerBox->objectName()](const QPalette &p) {
        return Palette::bannerStyle(name, p);
    });
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

    m_splitter = new QSplitter(this);
    QSplitter *splitter = m_splitter;
    m_panel = new ProfilePanel(m_profiles, m_echoUrl, this);
    connect(m_panel, &ProfilePanel::openRequested, this, &MainWindow::openProfile);
    splitter->addWidget(m_panel);
    splitter->addWidget(m_centre);
    // A smaller window takes a quarter of its loss from the panel, the rest from the tab.
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 3);
    splitter->setChildrenCollapsible(false);
    splitter->setSizes({300, 900});
    splitter->restoreState(QSettings().value(QLatin1String(SplitterKey)).toByteArray());
    buildPanelToggle();

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->addWidget(bannerBox);
    layout->addWidget(splitter, 1);
    setCentralWidget(central);

    m_fileActions = new ProfilesFileActions(m_profiles, this);
    connect(m_fileActions, &ProfilesFileActions::problem, this, &MainWindow::reportProblem);
    connect(m_fileActions, &ProfilesFileActions::message, this, &MainWindow::showMessage);
    connect(m_fileActions, &ProfilesFileActions::recordingImported, m_tabs,
            &ConnectionTabs::openRecorded);
    connect(m_fileActions, &ProfilesFileActions::profileAdded, m_panel, &ProfilePanel::selectRow);
    statusBar()->addPermanentWidget(m_fileActions->autosaveIndicator());
    buildMenus();
    statusBar()->showMessage(echoUrl.isEmpty()
                                 ? tr("The built-in echo server is not running.")
                                 : tr("Built-in echo server on %1").arg(echoUrl.toString()));
    if (m_profiles->autosaveBlocked())
        reportProblem(m_profiles->autosaveBlockedReason());
    connect(m_profiles, &ProfileModel::autosaveFailed, this, &MainWindow::reportProblem);
    connect(m_profiles, &ProfileModel::keychainUnavailable, this, &MainWindow::reportProblem);
    connect(m_profiles, &ProfileModel::keychainFailed, this, &MainWindow::reportProblem);
    // 1200x760, or what the screen it opens on has room for (an 800x600 display).
    resize(screen() ? QSize(1200, 760).boundedTo(screen()->availableGeometry().size())
                    : QSize(1200, 760));
}

void MainWindow::buildPanelToggle()
{
    // The profiles panel can be hidden to give a small window's width to the tab; the
    // choice is kept for the next start.
    m_togglePanel = new QAction(tr("&Profiles Panel"), this);
    m_togglePanel->setCheckable(true);
    m_togglePanel->setShortcut(QKeySequence(Qt::Key_F9));
    m_togglePanel->setToolTip(tr("Show or hide the profiles panel (F9)"));
    m_togglePanel->setChecked(QSettings().value(QLatin1String(PanelVisibleKey), true).toBool());
    m_panel->setVisible(m_togglePanel->isChecked());
    updatePlaceholder();
    connect(m_togglePanel, &QAction::toggled, this, &MainWindow::setPanelVisible);
    auto *button = new QToolButton(m_tabs);
    button->setText(tr("Profiles"));
    button->setToolTip(m_togglePanel->toolTip());
    button->setCheckable(true);
    button->setChecked(m_togglePanel->isChecked());
    connect(button, &QToolButton::toggled, m_togglePanel, &QAction::setChecked);
    connect(m_togglePanel, &QAction::toggled, button, &QToolButton::setChecked);
    button->setAccessibleName(tr("Show the profiles panel"));
    button->setAutoRaise(true);
    m_tabs->setCornerWidget(button, Qt::TopLeftCorner);
}

void MainWindow::setPanelVisible(bool visible)
{
    m_panel->setVisible(visible);
    QSettings().setValue(QLatin1String(PanelVisibleKey), visible);
    updatePlaceholder();
}

void MainWindow::buildConnectionMenu()
{
    // On the current tab, from anywhere in the window.
    QMenu *menu = menuBar()->addMenu(tr("&Connection"));
    const auto add = [this, menu](const QString &text, const QKeySequence &key,
                                  void (SessionTab::*slot)()) {
        QAction *action = menu->addAction(text, this, [this, slot] { onCurrentTab(slot); });
        action->setShortcut(key);
        return action;
    };
    m_connectAction = add(tr("&Connect"), Shortcuts::connectKey(), &SessionTab::connectToServer);
    m_closeAction = add(tr("C&lose"), Shortcuts::closeKey(), &SessionTab::closeConnection);
    m_stopAction = add(tr("&Stop"), Shortcuts::stopKey(), &SessionTab::stopConnection);
    connect(menu, &QMenu::aboutToShow, this, &MainWindow::showConnectionActions);
    connect(menu, &QMenu::aboutToHide, this, &MainWindow::enableConnectionActions);
    menu->addSeparator();
    menu->addAction(tr("&Filter the Log"), m_tabs, &ConnectionTabs::focusFilter)
        ->setShortcut(Shortcuts::filterKey()); // a recorded tab's too
}

void MainWindow::onCurrentTab(void (SessionTab::*slot)())
{
    if (SessionTab *tab = m_tabs->currentTab())
        (tab->*slot)();
}

void MainWindow::buildMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    m_fileActions->addTo(file);
    connect(m_fileActions->exportAction(), &QAction::triggered, this,
            [this] { m_fileActions->chooseAndExport(m_panel->selectedRow()); });
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), qApp, &QApplication::closeAllWindows);
    quit->setShortcut(QKeySequence::Quit);

    m_panel->addActionsTo(menuBar()->addMenu(tr("&Profile")));
    menuBar()->setCornerWidget(m_panel->environmentChooser(), Qt::TopRightCorner);

    buildConnectionMenu();

    QMenu *tabs = menuBar()->addMenu(tr("&Tabs"));
    QAction *closeTab = tabs->addAction(tr("&Close Tab"), this, &MainWindow::closeCurrentTab);
    closeTab->setShortcuts(QKeySequence::Close);
    QAction *next = tabs->addAction(tr("&Next Tab"), this, [this] { stepTab(+1); });
    next->setShortcuts(
        {QKeySequence(Qt::CTRL | Qt::Key_Tab), QKeySequence(Qt::CTRL | Qt::Key_PageDown)});
    QAction *previous = tabs->addAction(tr("&Previous Tab"), this, [this] { stepTab(-1); });
    previous->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_PageUp),
                            QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Backtab)});
    tabs->addSeparator();
    m_askBeforeClosing = tabs->addAction(tr("&Ask Before Closing a Connected Tab"));
    m_askBeforeClosing->setCheckable(true);
    connect(m_askBeforeClosing, &QAction::toggled, this, &MainWindow::setAskBeforeClosing);
    connect(tabs, &QMenu::aboutToShow, this, &MainWindow::showAskBeforeClosing);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->addAction(m_togglePanel);

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
    const bool panelHidden = m_togglePanel && !m_togglePanel->isChecked();
    QString hint = panelHidden ? tr("The profiles panel is hidden: press <b>F9</b> to show it.")
                               : tr("Select a profile on the left and press <b>Open</b>.");
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
        QSettings().setValue(QLatin1String(SplitterKey), m_splitter->saveState());
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
    if (row >= 0 && row != m_panel->selectedRow())
        m_panel->selectRow(row);
}

void MainWindow::offerSecretMigration()
{
    const QStringList headers = m_profiles->plainSecretsToMigrate();
    if (headers.isEmpty() || !m_profiles->secretStore())
        return;
    const QString question =
        tr("%1 holds these headers in plain text:\n\n%2\n\nMove their values to the OS "
           "keychain? The profiles file and its backup will then hold only references; "
           "the plain-text copy of the old file is not kept.")
            .arg(m_profiles->autosavePath(), headers.join(QLatin1Char('\n')));
    if (!PlainText::confirm(this, tr("Move Secrets to the Keychain"), question))
        return;
    connect(m_profiles, &ProfileModel::migrationFinished, this,
            &MainWindow::onSecretMigrationFinished, Qt::SingleShotConnection);
    m_profiles->migratePlainSecrets();
}

void MainWindow::onSecretMigrationFinished(const QString &error)
{
    if (error.isEmpty())
        showMessage(tr("The secret headers are in the OS keychain now."));
    else
        reportProblem(tr("The secret headers were not moved: %1").arg(error));
}

void MainWindow::showMessage(const QString &message)
{
    // A profiles file was opened, imported or saved: an old problem is over.
    m_banner->parentWidget()->hide();
    statusBar()->showMessage(message, 8000);
}

void MainWindow::showAskBeforeClosing()
{
    // "Don't ask again" in the question itself may have changed it.
    const QSignalBlocker quiet(m_askBeforeClosing);
    m_askBeforeClosing->setChecked(
        !QSettings().value(QLatin1String(ConnectionTabs::DontAskKey), false).toBool());
}

void MainWindow::setAskBeforeClosing(bool ask)
{
    QSettings().setValue(QLatin1String(ConnectionTabs::DontAskKey), !ask);
}

void MainWindow::showConnectionActions()
{
    // What the menu shows applies to the current tab; the keys work at any time, and do
    // nothing where they do not apply.
    const SessionTab *tab = m_tabs->currentTab();
    const auto state = tab ? tab->session()->state() : WebSocketSession::State::Closed;
    m_connectAction->setEnabled(tab && state == WebSocketSession::State::Closed);
    m_closeAction->setEnabled(state == WebSocketSession::State::Open);
    m_stopAction->setEnabled(state != WebSocketSession::State::Closed);
}

void MainWindow::enableConnectionActions()
{
    for (QAction *a : {m_connectAction, m_closeAction, m_stopAction})
        a->setEnabled(true);
}
