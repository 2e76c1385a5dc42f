// The main window, offscreen, driven through its real widgets with QTest clicks and
// keys. Widgets are found by accessible name, as a screen reader would find them.
#include "log/messagelog.h"
#include "mainwindow.h"
#include "messageedit.h"
#include "namevaluetable.h"
#include "profiles/profilemodel.h"
#include "profiles/profilestore.h"
#include "session/echoserver.h"
#include "sessiontab.h"
#include "widgettesthelpers.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenuBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

namespace {

/// What a person reads in the log's row @p row: "direction | kind | preview".
QString rowText(QAbstractItemModel *model, int row)
{
    return model->index(row, MessageLog::DirectionColumn).data().toString() +
           QStringLiteral(" | ") + model->index(row, MessageLog::KindColumn).data().toString() +
           QStringLiteral(" | ") + model->index(row, MessageLog::PreviewColumn).data().toString();
}

QStringList allRows(QAbstractItemModel *model)
{
    QStringList rows;
    for (int row = 0; row < model->rowCount(); ++row)
        rows.append(rowText(model, row));
    return rows;
}

} // namespace

class TestMainWindow : public QObject, public WindowFixture
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void localEchoConnectSendAndCloseWith4001();
    void overlongReasonDisablesCloseAndSaysWhy();
    void stopDropsTheConnectionWithoutHandshake();
    void openingTwiceFocusesOneTabAndTabsRunTogether();
    void badProfilesFileIsReportedAndNothingChanges();
    void handshakeHeaderTypedInTheTableIsSaved();
    void showSecretsCheckboxIsSavedWithTheProfile();
    void profileAndTabTooltipsHideSecrets();

private:
    void selectProfile(int row);
    SessionTab *openSelected();
};

void TestMainWindow::init()
{
    setUpWindow();
}

void TestMainWindow::cleanup()
{
    tearDownWindow();
}

void TestMainWindow::selectProfile(int row)
{
    auto *list = named<QListView>(m_window, QStringLiteral("Profiles"));
    QVERIFY(list);
    const QRect rect = list->visualRect(m_profiles->index(row));
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, rect.center());
    QCOMPARE(list->currentIndex().row(), row);
}

SessionTab *TestMainWindow::openSelected()
{
    auto *open = named<QPushButton>(m_window, QStringLiteral("Open"));
    if (!open)
        return nullptr;
    QTest::mouseClick(open, Qt::LeftButton);
    return m_window->currentTab();
}

void TestMainWindow::localEchoConnectSendAndCloseWith4001()
{
    QSignalSpy closes(m_echo, &EchoServer::closeFrameReceived);
    QCOMPARE(m_profiles->profile(0).name, QStringLiteral("Local echo"));
    selectProfile(0);
    SessionTab *tab = openSelected();
    QVERIFY(tab);
    connectAndWaitOpen(tab);

    auto *message = named<MessageEdit>(tab, QStringLiteral("Message"));
    auto *log = named<QTableView>(tab, QStringLiteral("Message log"));
    QVERIFY(message && log);
    QTest::keyClicks(message, QStringLiteral("hello echo"));
    QTest::keyClick(message, Qt::Key_Return);
    QCOMPARE(message->text(), QString());
    QTRY_VERIFY2(allRows(log->model()).contains(QStringLiteral("received | text | hello echo")),
                 qPrintable(allRows(log->model()).join(QLatin1Char('\n'))));
    QVERIFY(allRows(log->model()).contains(QStringLiteral("sent | text | hello echo")));

    auto *code = named<QComboBox>(tab, QStringLiteral("Close code"));
    auto *custom = named<QSpinBox>(tab, QStringLiteral("Custom close code"));
    auto *reason = named<QLineEdit>(tab, QStringLiteral("Close reason"));
    auto *bytes = named<QLabel>(tab, QStringLiteral("Close reason size"));
    auto *close = named<QPushButton>(tab, QStringLiteral("Close"));
    QVERIFY(code && custom && reason && bytes && close);
    QCOMPARE(code->currentText(), QStringLiteral("1000 Normal Closure"));
    QVERIFY(!custom->isVisible());
    // Pick the custom entry with the keyboard, then type the code.
    code->setFocus();
    QTest::keyClick(code, Qt::Key_End);
    QVERIFY(code->currentText().startsWith(QStringLiteral("Custom code")));
    QVERIFY(custom->isVisible());
    custom->selectAll();
    QTest::keyClicks(custom, QStringLiteral("4001"));
    QCOMPARE(custom->value(), 4001);
    const QString text = QString::fromUtf8("adi\xc3\xb3s \xe2\x9c\x93");
    typeText(reason, text);
    QCOMPARE(reason->text(), text);
    QCOMPARE(bytes->text(), QStringLiteral("10 / 123 bytes"));
    QVERIFY(close->isEnabled());

    QTest::mouseClick(close, Qt::LeftButton);
    // What the server received.
    QTRY_COMPARE(closes.count(), 1);
    QCOMPARE(closes.at(0).at(0).toInt(), 4001);
    QCOMPARE(closes.at(0).at(1).toString(), text);
    // What the person reads.
    auto *state = named<QLabel>(tab, QStringLiteral("Connection state"));
    QTRY_COMPARE(state->text(), QStringLiteral("Closed"));
    QTRY_VERIFY(log->model()->rowCount() >= 6);
    const QStringList rows = allRows(log->model());
    QCOMPARE(rows.size(), 6);
    QVERIFY2(rows.at(0).startsWith(QStringLiteral("local | opened | ws://127.0.0.1:")),
             qPrintable(rows.at(0)));
    QCOMPARE(rows.at(1), QStringLiteral("sent | text | hello echo"));
    QCOMPARE(rows.at(2), QStringLiteral("received | text | hello echo"));
    QCOMPARE(rows.at(3),
             QStringLiteral("sent | close sent | 4001 Private Use '") + text + QLatin1Char('\''));
    // The echo server's answer, kept by the wire tap (QtWebSockets 6.4 would drop it).
    QVERIFY2(
        rows.at(4).startsWith(QStringLiteral("received | close received | 4001 Private Use '") +
                              text + QStringLiteral("', answered after ")),
        qPrintable(rows.at(4)));
    QVERIFY2(rows.at(5).startsWith(QStringLiteral("local | closed | closing handshake complete; ")),
             qPrintable(rows.at(5)));
    QVERIFY(named<QPushButton>(tab, QStringLiteral("Connect"))->isEnabled());
    QVERIFY(!close->isEnabled());
    QVERIFY(!named<QPushButton>(tab, QStringLiteral("Stop"))->isEnabled());
    QVERIFY(!named<QPushButton>(tab, QStringLiteral("Send"))->isEnabled());
}

void TestMainWindow::overlongReasonDisablesCloseAndSaysWhy()
{
    QSignalSpy closes(m_echo, &EchoServer::closeFrameReceived);
    selectProfile(0);
    SessionTab *tab = openSelected();
    connectAndWaitOpen(tab);
    auto *reason = named<QLineEdit>(tab, QStringLiteral("Close reason"));
    auto *close = named<QPushButton>(tab, QStringLiteral("Close"));
    auto *problem = named<QLabel>(tab, QStringLiteral("Close problem"));
    auto *bytes = named<QLabel>(tab, QStringLiteral("Close reason size"));
    typeText(reason, QString::fromUtf8("\xc3\xa9").repeated(61));
    QCOMPARE(bytes->text(), QStringLiteral("122 / 123 bytes"));
    QVERIFY(close->isEnabled());
    const QRect closeBefore = close->geometry();
    const QRect stopBefore = named<QPushButton>(tab, QStringLiteral("Stop"))->geometry();
    typeText(reason, QString::fromUtf8("\xc3\xa9"));
    QCOMPARE(reason->text().size(), 62); // nothing was cut
    QCOMPARE(bytes->text(), QStringLiteral("124 / 123 bytes"));
    QVERIFY(!close->isEnabled());
    QVERIFY2(problem->text().contains(QStringLiteral("124 bytes")), qPrintable(problem->text()));
    // The problem line had its room already: nothing moved under the pointer.
    QCoreApplication::processEvents();
    QCOMPARE(close->geometry(), closeBefore);
    QCOMPARE(named<QPushButton>(tab, QStringLiteral("Stop"))->geometry(), stopBefore);
    QTest::keyClick(reason, Qt::Key_Return); // Enter must not sneak past the check
    QTest::keyClick(reason, Qt::Key_Backspace);
    QVERIFY(close->isEnabled());
    QVERIFY(problem->text().isEmpty());
    QCOMPARE(closes.count(), 0);
    QCOMPARE(named<QLabel>(tab, QStringLiteral("Connection state"))->text(),
             QStringLiteral("Open"));
}

void TestMainWindow::stopDropsTheConnectionWithoutHandshake()
{
    QSignalSpy ended(m_echo, &EchoServer::clientDisconnected);
    QSignalSpy closes(m_echo, &EchoServer::closeFrameReceived);
    selectProfile(0);
    SessionTab *tab = openSelected();
    connectAndWaitOpen(tab);
    QTest::mouseClick(named<QPushButton>(tab, QStringLiteral("Stop")), Qt::LeftButton);
    QTRY_COMPARE(named<QLabel>(tab, QStringLiteral("Connection state"))->text(),
                 QStringLiteral("Closed"));
    auto *log = named<QTableView>(tab, QStringLiteral("Message log"));
    QTRY_COMPARE(rowText(log->model(), log->model()->rowCount() - 1),
                 QStringLiteral("local | stopped | no closing handshake"));
    QTRY_COMPARE(ended.count(), 1);
    QCOMPARE(ended.at(0).at(1).toBool(), false); // the server saw no close frame
    QCOMPARE(closes.count(), 0);
}

void TestMainWindow::openingTwiceFocusesOneTabAndTabsRunTogether()
{
    selectProfile(0);
    SessionTab *first = openSelected();
    QCOMPARE(openSelected(), first);
    QCOMPARE(m_window->tabCount(), 1);
    connectAndWaitOpen(first);

    // A second profile, made through the UI, pointing at the same echo server.
    QTest::mouseClick(named<QPushButton>(m_window, QStringLiteral("New")), Qt::LeftButton);
    QCOMPARE(m_profiles->rowCount(), 2);
    auto *url = named<QLineEdit>(m_window, QStringLiteral("URL"));
    url->selectAll();
    QTest::keyClicks(url, m_echo->url().toString() + QStringLiteral("second"));
    QTest::keyClick(url, Qt::Key_Return);
    QCOMPARE(m_profiles->profile(1).url, QUrl(m_echo->url().toString() + QStringLiteral("second")));
    SessionTab *second = openSelected();
    QVERIFY(second != first);
    QCOMPARE(m_window->tabCount(), 2);
    connectAndWaitOpen(second);
    QTRY_COMPARE(m_echo->connectionCount(), 2);
    QCOMPARE(first->session()->state(), WebSocketSession::State::Open);
    QCOMPARE(second->session()->state(), WebSocketSession::State::Open);

    // An invalid URL typed into the editor is refused with a reason, not saved.
    url->selectAll();
    QTest::keyClicks(url, QStringLiteral("http://nope"));
    QTest::keyClick(url, Qt::Key_Return);
    auto *problem = named<QLabel>(m_window, QStringLiteral("Profile problem"));
    QVERIFY(problem->isVisible());
    QVERIFY2(problem->text().contains(QStringLiteral("ws://")), qPrintable(problem->text()));
    QCOMPARE(m_profiles->profile(1).url, QUrl(m_echo->url().toString() + QStringLiteral("second")));
}

void TestMainWindow::badProfilesFileIsReportedAndNothingChanges()
{
    const QString bad = m_dir->filePath(QStringLiteral("bad.json"));
    QFile f(bad);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("{\"format\":\"sockscope-profiles\",\"version\":7,\"profiles\":[]}");
    f.close();
    const QList<Profile> before = m_profiles->profiles();
    QVERIFY(!m_window->openProfilesFile(bad));
    auto *banner = named<QLabel>(m_window, QStringLiteral("Problem"));
    QVERIFY(banner->isVisible());
    QVERIFY2(banner->text().contains(bad) && banner->text().contains(QStringLiteral("version 7")),
             qPrintable(banner->text()));
    QCOMPARE(m_profiles->profiles(), before);
    QTest::mouseClick(named<QPushButton>(m_window, QStringLiteral("Dismiss problem")),
                      Qt::LeftButton);
    QVERIFY(!banner->isVisible());
}

void TestMainWindow::showSecretsCheckboxIsSavedWithTheProfile()
{
    QTest::mouseClick(named<QPushButton>(m_window, QStringLiteral("New")), Qt::LeftButton);
    auto *box = named<QCheckBox>(m_window, QStringLiteral("Show secrets in log"));
    QVERIFY(box && box->isEnabled());
    QVERIFY(!box->isChecked());
    QVERIFY(!m_profiles->profile(1).showSecretsInLog);
    QTest::mouseClick(box, Qt::LeftButton);
    QTRY_VERIFY(m_profiles->profile(1).showSecretsInLog);
    QVERIFY(ProfileStore::load(m_profiles->autosavePath()).profiles.at(1).showSecretsInLog);
    // Another field's edit keeps it; selecting the profile again shows it.
    auto *timeout = named<QSpinBox>(m_window, QStringLiteral("Connect timeout"));
    timeout->setValue(2500);
    Q_EMIT timeout->editingFinished();
    QTRY_COMPARE(m_profiles->profile(1).connectTimeoutMs, 2500);
    QVERIFY(m_profiles->profile(1).showSecretsInLog);
    selectProfile(0);
    QVERIFY(!box->isChecked());
    selectProfile(1);
    QVERIFY(box->isChecked());
}

void TestMainWindow::profileAndTabTooltipsHideSecrets()
{
    const QString typed = QStringLiteral("ws://user:s3cret@127.0.0.1:9/?token=abc&x=1");
    const int row = m_profiles->createProfile();
    Profile p = m_profiles->profile(row);
    p.url = QUrl(typed, QUrl::StrictMode);
    QCOMPARE(m_profiles->updateProfile(row, p), QString());
    selectProfile(row);
    const QString listTip = m_profiles->index(row).data(Qt::ToolTipRole).toString();
    QCOMPARE(listTip, QStringLiteral("ws://user:•••@127.0.0.1:9/?token=•••&x=1"));
    // The editor's URL field is where the URL is edited: it stays as typed.
    QCOMPARE(named<QLineEdit>(m_window, QStringLiteral("URL"))->text(), typed);
    QVERIFY(openSelected());
    auto *tabs = named<QTabWidget>(m_window, QStringLiteral("Connections"));
    const QString tabTip = tabs->tabToolTip(tabs->currentIndex());
    QVERIFY2(!tabTip.contains(QLatin1String("s3cret")) && !tabTip.contains(QLatin1String("abc")),
             qPrintable(tabTip));
    QVERIFY2(tabTip.contains(QLatin1String("x=1")), qPrintable(tabTip));
}

void TestMainWindow::handshakeHeaderTypedInTheTableIsSaved()
{
    QTest::mouseClick(named<QPushButton>(m_window, QStringLiteral("New")), Qt::LeftButton);
    auto *table = named<QTableWidget>(m_window, QStringLiteral("Handshake headers"));
    QVERIFY(table);
    QTest::mouseClick(named<QPushButton>(m_window, QStringLiteral("Add header")), Qt::LeftButton);
    QTRY_VERIFY(QApplication::focusWidget() && table->isAncestorOf(QApplication::focusWidget()));
    QTest::keyClicks(QApplication::focusWidget(), QStringLiteral("X-Client"));
    // Tab commits the name and opens the value's editor; the name alone is refused
    // (empty value), and that refusal must not tear the table down mid-edit.
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
    auto *problem = named<QLabel>(m_window, QStringLiteral("Profile problem"));
    QVERIFY2(problem->text().contains(QStringLiteral("no value")), qPrintable(problem->text()));
    QTRY_VERIFY(QApplication::focusWidget() && table->isAncestorOf(QApplication::focusWidget()));
    QTest::keyClicks(QApplication::focusWidget(), QStringLiteral("sockscope"));
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);
    const QList<HandshakeHeader> expected{
        {QStringLiteral("X-Client"), QStringLiteral("sockscope")}};
    QTRY_COMPARE(m_profiles->profile(1).headers, expected);
    QVERIFY(problem->text().isEmpty());
    QCOMPARE(ProfileStore::load(m_profiles->autosavePath()).profiles.at(1).headers, expected);

    // A second header, then edit the first one's value and Tab on into the second's
    // name: the accepted edit must not rebuild the table under the open editor.
    QTest::mouseClick(named<QPushButton>(m_window, QStringLiteral("Add header")), Qt::LeftButton);
    QTRY_VERIFY(QApplication::focusWidget() && table->isAncestorOf(QApplication::focusWidget()));
    QTest::keyClicks(QApplication::focusWidget(), QStringLiteral("X-Two"));
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
    QTRY_VERIFY(QApplication::focusWidget() && table->isAncestorOf(QApplication::focusWidget()));
    QTest::keyClicks(QApplication::focusWidget(), QStringLiteral("2"));
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);
    QTRY_COMPARE(m_profiles->profile(1).headers.size(), 2);
    table->setCurrentCell(0, 1);
    table->editItem(table->item(0, 1));
    QTRY_VERIFY(QApplication::focusWidget() && table->isAncestorOf(QApplication::focusWidget()));
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_End); // the editor opens all-selected
    QTest::keyClicks(QApplication::focusWidget(), QStringLiteral("-v2"));
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab); // value accepted, on to Secret
    QTRY_COMPARE(table->currentColumn(), int(NameValueTable::SecretColumn));
    QTRY_COMPARE(m_profiles->profile(1).headers.value(0).value, QStringLiteral("sockscope-v2"));
    table->setCurrentCell(1, 0); // the table still stands: edit the second header's name
    table->editItem(table->item(1, 0));
    QTRY_VERIFY(QApplication::focusWidget() && table->isAncestorOf(QApplication::focusWidget()));
    QApplication::focusWidget()->setProperty("text", QString());
    QTest::keyClicks(QApplication::focusWidget(), QStringLiteral("X-Renamed"));
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);
    const QList<HandshakeHeader> edited{
        {QStringLiteral("X-Client"), QStringLiteral("sockscope-v2")},
        {QStringLiteral("X-Renamed"), QStringLiteral("2")}};
    QTRY_VERIFY2(m_profiles->profile(1).headers == edited,
                 qPrintable(m_profiles->profile(1).headers.value(0).value + QLatin1Char(' ') +
                            m_profiles->profile(1).headers.value(1).name));
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
