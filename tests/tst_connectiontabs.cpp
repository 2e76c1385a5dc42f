// The main window's tabs, offscreen, against the built-in echo server: closing a
// connected tab or quitting asks, then ends each connection with 1001 Going Away
// 'tab closed' (as the server received it) and logs it; tab state icons; tabs reopened
// at start; the profile list follows the tabs; the keyboard on the list and the tabs.
#include "connectiontabs.h"
#include "log/messagelog.h"
#include "mainwindow.h"
#include "profiles/profilemodel.h"
#include "session/echoserver.h"
#include "sessiontab.h"
#include "widgettesthelpers.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTabBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QToolButton>

namespace {

/// Answers the next modal question: ticks "Don't ask again" if asked, clicks @p button,
/// and keeps the question's text in @p text.
void answerNextQuestion(QMessageBox::StandardButton button, QString *text = nullptr,
                        bool dontAskAgain = false)
{
    QTimer::singleShot(0, qApp, [button, text, dontAskAgain] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        QVERIFY(box);
        if (text)
            *text = box->text();
        if (dontAskAgain && box->checkBox())
            box->checkBox()->setChecked(true);
        box->button(button)->click();
    });
}

} // namespace

class TestConnectionTabs : public QObject, public WindowFixture
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void closingAConnectedTabAsksThenSendsGoingAway();
    void cancelKeepsTheTabAndItsConnection();
    void dontAskAgainIsRemembered();
    void quittingEndsEveryConnectionThenQuits();
    void closedTabClosesWithoutAsking();
    void tabsShowTheirState();
    void openTabsReopenAtTheNextStart();
    void profileListFollowsTheTabs();
    void returnOnAProfileOpensIt();
    void tabInTheRenameEditorLeavesTheList();
    void keyboardClosesAndCyclesTabs();
    void profilesPanelHidesAndIsRemembered();
    void connectionShortcutsWorkFromAnywhere();

private:
    QMenu *menuNamed(const QString &title) const
    {
        const QList<QMenu *> menus = m_window->menuBar()->findChildren<QMenu *>();
        for (QMenu *m : menus) {
            if (m->title() == title)
                return m;
        }
        return nullptr;
    }
    static QAction *actionNamed(QMenu *menu, const QString &text)
    {
        const QList<QAction *> actions = menu->actions();
        for (QAction *a : actions) {
            if (a->text() == text)
                return a;
        }
        return nullptr;
    }
    SessionTab *openAndConnect(int row);
    void clickCloseTab(int index);
};

void TestConnectionTabs::init()
{
    setUpWindow();
    QVERIFY(m_profiles->duplicateProfile(0) >= 0); // a second echo profile
}

void TestConnectionTabs::cleanup()
{
    tearDownWindow();
}

SessionTab *TestConnectionTabs::openAndConnect(int row)
{
    SessionTab *tab = m_window->openProfile(row);
    if (!tab)
        return nullptr;
    QTest::mouseClick(named<QPushButton>(tab, QStringLiteral("Connect")), Qt::LeftButton);
    if (!QTest::qWaitFor(
            [tab] { return tab->session()->state() == WebSocketSession::State::Open; }))
        return nullptr;
    return tab;
}

void TestConnectionTabs::clickCloseTab(int index)
{
    QTabBar *bar = m_window->tabs()->tabBar();
    QWidget *button = bar->tabButton(index, QTabBar::RightSide);
    QVERIFY(button);
    QCOMPARE(button->accessibleName(), QStringLiteral("Close tab"));
    QTest::mouseClick(button, Qt::LeftButton);
}

void TestConnectionTabs::closingAConnectedTabAsksThenSendsGoingAway()
{
    QSignalSpy closes(m_echo, &EchoServer::closeFrameReceived);
    SessionTab *tab = openAndConnect(0);
    QVERIFY(tab);
    QPointer<SessionTab> alive(tab);
    // The close frame is in the tab's log as it crosses the wire: read the log as the
    // connection ends, before the tab goes with it.
    QList<LogEvent> closeRows;
    MessageLog *log = tab->session()->log();
    connect(tab->session(), &WebSocketSession::finished, this, [&closeRows, log] {
        log->flush();
        for (int row = 0; row < log->rows(); ++row) {
            if (log->event(row).kind == EventKind::CloseSent)
                closeRows.append(log->event(row));
        }
    });
    QString question;
    answerNextQuestion(QMessageBox::Yes, &question);
    clickCloseTab(0);
    QVERIFY2(question.contains(QStringLiteral("\"Local echo\"")), qPrintable(question));
    QVERIFY2(question.contains(QStringLiteral("1001 Going Away 'tab closed'")),
             qPrintable(question));
    QVERIFY2(question.contains(QStringLiteral("log of 1 row goes")), qPrintable(question));
    QTRY_COMPARE(closeRows.size(), 1);
    QCOMPARE(closeRows.at(0).closeCode, quint16(1001));
    QCOMPARE(closeRows.at(0).payload, QByteArray("tab closed"));
    // What the server received.
    QTRY_COMPARE(closes.count(), 1);
    QCOMPARE(closes.at(0).at(0).toInt(), 1001);
    QCOMPARE(closes.at(0).at(1).toString(), QStringLiteral("tab closed"));
    // The tab goes once the session says the connection ended.
    QTRY_VERIFY(alive.isNull());
    QCOMPARE(m_window->tabCount(), 0);
}

void TestConnectionTabs::cancelKeepsTheTabAndItsConnection()
{
    QSignalSpy closes(m_echo, &EchoServer::closeFrameReceived);
    SessionTab *tab = openAndConnect(0);
    QVERIFY(tab);
    answerNextQuestion(QMessageBox::Cancel);
    clickCloseTab(0);
    QCOMPARE(m_window->tabCount(), 1);
    QCOMPARE(tab->session()->state(), WebSocketSession::State::Open);
    QVERIFY(!tab->session()->closeFrameSent());
    QVERIFY(tab->session()->sendText(QStringLiteral("still here")));
    QTRY_COMPARE(tab->session()->statistics().messagesReceived, qint64(1));
    QCOMPARE(closes.count(), 0);
}

void TestConnectionTabs::dontAskAgainIsRemembered()
{
    QSignalSpy closes(m_echo, &EchoServer::closeFrameReceived);
    QVERIFY(openAndConnect(0));
    answerNextQuestion(QMessageBox::Yes, nullptr, true);
    clickCloseTab(0);
    QTRY_COMPARE(m_window->tabCount(), 0);
    QVERIFY(QSettings().value(QLatin1String(ConnectionTabs::DontAskKey)).toBool());
    // No question this time: a modal box would stop the test here.
    QVERIFY(openAndConnect(1));
    clickCloseTab(0);
    QVERIFY(!QApplication::activeModalWidget());
    QTRY_COMPARE(closes.count(), 2);
    QCOMPARE(closes.at(1).at(0).toInt(), 1001);
    QTRY_COMPARE(m_window->tabCount(), 0);
    // Tabs > Ask Before Closing a Connected Tab shows it, and undoes it.
    QMenu *tabs = menuNamed(QStringLiteral("&Tabs"));
    QVERIFY(tabs);
    Q_EMIT tabs->aboutToShow();
    QAction *ask = actionNamed(tabs, QStringLiteral("&Ask Before Closing a Connected Tab"));
    QVERIFY(ask && !ask->isChecked());
    ask->trigger();
    QVERIFY(!QSettings().value(QLatin1String(ConnectionTabs::DontAskKey)).toBool());
    QVERIFY(openAndConnect(0));
    answerNextQuestion(QMessageBox::Cancel);
    clickCloseTab(0);
    QCOMPARE(m_window->tabCount(), 1); // it asked, and Cancel kept the tab
}

void TestConnectionTabs::quittingEndsEveryConnectionThenQuits()
{
    QSignalSpy closes(m_echo, &EchoServer::closeFrameReceived);
    QVERIFY(openAndConnect(0));
    QVERIFY(openAndConnect(1));
    QString question;
    answerNextQuestion(QMessageBox::Yes, &question);
    QVERIFY(!m_window->close()); // not yet: the connections end first
    QVERIFY2(question.contains(QStringLiteral("2 connections are open")), qPrintable(question));
    QTRY_COMPARE(closes.count(), 2);
    for (const QList<QVariant> &close : std::as_const(closes)) {
        QCOMPARE(close.at(0).toInt(), 1001);
        QCOMPARE(close.at(1).toString(), QStringLiteral("tab closed"));
    }
    QTRY_VERIFY(!m_window->isVisible());
}

void TestConnectionTabs::closedTabClosesWithoutAsking()
{
    m_window->openProfile(0);
    clickCloseTab(0);
    QVERIFY(!QApplication::activeModalWidget());
    QTRY_COMPARE(m_window->tabCount(), 0);
    QVERIFY(named<QLabel>(m_window, QStringLiteral("No connection open"))->isVisible());
}

void TestConnectionTabs::tabsShowTheirState()
{
    SessionTab *tab = m_window->openProfile(0);
    QTabBar *bar = m_window->tabs()->tabBar();
    QCOMPARE(bar->accessibleTabName(0), QStringLiteral("Local echo, Closed"));
    const qint64 closedIcon = bar->tabIcon(0).cacheKey();
    QVERIFY(!bar->tabIcon(0).isNull());
    QTest::mouseClick(named<QPushButton>(tab, QStringLiteral("Connect")), Qt::LeftButton);
    QTRY_COMPARE(bar->accessibleTabName(0), QStringLiteral("Local echo, Open"));
    QVERIFY(bar->tabIcon(0).cacheKey() != closedIcon);
    tab->session()->stop();
    QTRY_COMPARE(bar->accessibleTabName(0), QStringLiteral("Local echo, Closed"));
}

void TestConnectionTabs::openTabsReopenAtTheNextStart()
{
    m_window->openProfile(1);
    m_window->openProfile(0);
    m_window->openProfile(1); // the current one
    QVERIFY(m_window->close());
    delete m_window;
    m_window = new MainWindow(m_profiles, m_echo->url());
    QCOMPARE(m_window->tabCount(), 0);
    m_window->restoreOpenTabs();
    QCOMPARE(m_window->tabCount(), 2);
    QCOMPARE(m_window->tabs()->tab(0)->profileName(), m_profiles->profile(1).name);
    QCOMPARE(m_window->tabs()->tab(1)->profileName(), QStringLiteral("Local echo"));
    QCOMPARE(m_window->currentTab()->profileName(), m_profiles->profile(1).name);
    // Unconnected.
    QCOMPARE(m_window->currentTab()->session()->state(), WebSocketSession::State::Closed);
}

void TestConnectionTabs::profileListFollowsTheTabs()
{
    auto *list = named<QListView>(m_window, QStringLiteral("Profiles"));
    auto *name = named<QLineEdit>(m_window, QStringLiteral("Profile name"));
    QVERIFY(list && name);
    m_window->openProfile(0);
    m_window->openProfile(1);
    QCOMPARE(list->currentIndex().row(), 1);
    m_window->tabs()->setCurrentIndex(0);
    QCOMPARE(list->currentIndex().row(), 0);
    QCOMPARE(name->text(), QStringLiteral("Local echo"));
}

void TestConnectionTabs::returnOnAProfileOpensIt()
{
    auto *list = named<QListView>(m_window, QStringLiteral("Profiles"));
    list->setFocus();
    list->setCurrentIndex(m_profiles->index(1));
    QTest::keyClick(list, Qt::Key_Return);
    QCOMPARE(m_window->tabCount(), 1);
    QCOMPARE(m_window->currentTab()->profileName(), m_profiles->profile(1).name);
}

void TestConnectionTabs::tabInTheRenameEditorLeavesTheList()
{
    auto *list = named<QListView>(m_window, QStringLiteral("Profiles"));
    list->setFocus();
    list->setCurrentIndex(m_profiles->index(0));
    QTest::keyClick(list, Qt::Key_F2);
    auto *editor = qobject_cast<QLineEdit *>(QApplication::focusWidget());
    QVERIFY(editor);
    editor->selectAll();
    QTest::keyClicks(editor, QStringLiteral("Renamed"));
    QTest::keyClick(editor, Qt::Key_Tab);
    QCOMPARE(m_profiles->profile(0).name, QStringLiteral("Renamed"));
    // No editor on the next profile, and focus left the list.
    const auto editorOpen = [list] {
        const QList<QLineEdit *> editors = list->findChildren<QLineEdit *>();
        return std::any_of(editors.begin(), editors.end(),
                           [](const QLineEdit *e) { return e->isVisible(); });
    };
    QTRY_VERIFY(!editorOpen());
    QVERIFY(QApplication::focusWidget() != list);
    QVERIFY(!list->isAncestorOf(QApplication::focusWidget()));
    QCOMPARE(m_profiles->profile(1).name, QStringLiteral("Local echo copy"));
}

void TestConnectionTabs::keyboardClosesAndCyclesTabs()
{
    m_window->openProfile(0);
    m_window->openProfile(1);
    QCOMPARE(m_window->tabs()->currentIndex(), 1);
    QTest::keyClick(m_window, Qt::Key_Tab, Qt::ControlModifier);
    QCOMPARE(m_window->tabs()->currentIndex(), 0);
    QTest::keyClick(m_window, Qt::Key_PageDown, Qt::ControlModifier);
    QCOMPARE(m_window->tabs()->currentIndex(), 1);
    QTest::keyClick(m_window, Qt::Key_PageUp, Qt::ControlModifier);
    QCOMPARE(m_window->tabs()->currentIndex(), 0);
    QTest::keyClick(m_window, Qt::Key_W, Qt::ControlModifier);
    QTRY_COMPARE(m_window->tabCount(), 1);
    QCOMPARE(m_window->currentTab()->profileName(), m_profiles->profile(1).name);
}

void TestConnectionTabs::profilesPanelHidesAndIsRemembered()
{
    SessionTab *tab = m_window->openProfile(0);
    auto *list = named<QListView>(m_window, QStringLiteral("Profiles"));
    auto *toggle = named<QToolButton>(m_window, QStringLiteral("Show the profiles panel"));
    QVERIFY(list && toggle && list->isVisible() && toggle->isVisible());
    const int widthBefore = tab->width();
    const int listWidth = list->width(); // the panel around it is wider still
    QTest::mouseClick(toggle, Qt::LeftButton);
    QVERIFY(!list->isVisible());
    QTRY_VERIFY(tab->width() > widthBefore + listWidth);
    QCOMPARE(QSettings().value(QLatin1String(MainWindow::PanelVisibleKey)).toBool(), false);
    // Kept for the next start, and F9 brings it back.
    delete m_window;
    m_window = new MainWindow(m_profiles, m_echo->url());
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window));
    list = named<QListView>(m_window, QStringLiteral("Profiles"));
    QVERIFY(!list->isVisible());
    QVERIFY(named<QLabel>(m_window, QStringLiteral("No connection open"))
                ->text()
                .contains(QStringLiteral("F9")));
    toggle = named<QToolButton>(m_window, QStringLiteral("Show the profiles panel"));
    QCOMPARE(toggle->text(), QStringLiteral("Profiles"));
    QTest::keyClick(m_window, Qt::Key_F9);
    QVERIFY(list->isVisible());
    QVERIFY(toggle->isChecked());
    QCOMPARE(toggle->text(), QStringLiteral("Profiles"));
    QCOMPARE(QSettings().value(QLatin1String(MainWindow::PanelVisibleKey)).toBool(), true);
}

void TestConnectionTabs::connectionShortcutsWorkFromAnywhere()
{
    QSignalSpy closes(m_echo, &EchoServer::closeFrameReceived);
    SessionTab *tab = m_window->openProfile(0);
    auto *connectButton = named<QPushButton>(tab, QStringLiteral("Connect"));
    auto *closeButton = named<QPushButton>(tab, QStringLiteral("Close"));
    QVERIFY2(connectButton->toolTip().endsWith(QStringLiteral("(Ctrl+Return)")),
             qPrintable(connectButton->toolTip()));
    QVERIFY(closeButton->toolTip().endsWith(QStringLiteral("(Ctrl+Shift+Return)")));
    QVERIFY(named<QPushButton>(tab, QStringLiteral("Stop"))
                ->toolTip()
                .endsWith(QStringLiteral("(Ctrl+.)")));
    // From the profile list, far from the tab's buttons.
    named<QListView>(m_window, QStringLiteral("Profiles"))->setFocus();
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return, Qt::ControlModifier);
    QTRY_COMPARE(tab->session()->state(), WebSocketSession::State::Open);
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_F, Qt::ControlModifier);
    QCOMPARE(QApplication::focusWidget(), named<QLineEdit>(tab, QStringLiteral("Filter text")));
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return,
                    Qt::ControlModifier | Qt::ShiftModifier);
    QTRY_COMPARE(closes.count(), 1);
    QCOMPARE(closes.at(0).at(0).toInt(), 1000); // the code chosen in the tab
    QTRY_COMPARE(tab->session()->state(), WebSocketSession::State::Closed);
    // Someone typing in the filter stays there.
    QCOMPARE(QApplication::focusWidget(), named<QLineEdit>(tab, QStringLiteral("Filter text")));
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return, Qt::ControlModifier);
    QTRY_COMPARE(tab->session()->state(), WebSocketSession::State::Open);
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Period, Qt::ControlModifier);
    QTRY_COMPARE(tab->session()->state(), WebSocketSession::State::Closed);
    QCOMPARE(tab->session()->endCause(), WebSocketSession::EndCause::StoppedByUser);
    QCOMPARE(closes.count(), 1); // Stop sent no close frame
    // A click on Close leaves the focus on Connect, ready to connect again, not on
    // whatever follows the disabled Close.
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return, Qt::ControlModifier);
    QTRY_COMPARE(tab->session()->state(), WebSocketSession::State::Open);
    closeButton->setFocus();
    QTest::mouseClick(closeButton, Qt::LeftButton);
    QTRY_COMPARE(tab->session()->state(), WebSocketSession::State::Closed);
    QTRY_COMPARE(QApplication::focusWidget(), connectButton);
    // The menu shows what applies to the current tab, which is closed now.
    QMenu *menu = menuNamed(QStringLiteral("&Connection"));
    Q_EMIT menu->aboutToShow();
    QVERIFY(actionNamed(menu, QStringLiteral("&Connect"))->isEnabled());
    QVERIFY(!actionNamed(menu, QStringLiteral("C&lose"))->isEnabled());
    QVERIFY(!actionNamed(menu, QStringLiteral("&Stop"))->isEnabled());
    Q_EMIT menu->aboutToHide();
}

QTEST_MAIN(TestConnectionTabs)
#include "tst_connectiontabs.moc"
