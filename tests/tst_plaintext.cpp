// Text that comes from a peer or a file is shown as exactly that text, never as rich
// text (QLabel, QToolTip and QMessageBox guess rich text by default): the HTTP reason
// phrase and header values QWebSocket quotes in errorString(), a server's close
// reason, profile names in load errors, the tab title and tooltips, and dialogs.
// Each hostile string goes through its real path; what a person would read is checked.
#include "log/logfiltermodel.h"
#include "log/messagelog.h"
#include "logview.h"
#include "mainwindow.h"
#include "profiles/profilemodel.h"
#include "rawserver.h"
#include "sessiontab.h"
#include "widgettesthelpers.h"

#include <QApplication>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTextDocument>
#include <QTimer>
#include <QWebSocket>
#include <QWebSocketServer>

namespace {

/// Makes QTextDocument read /dev/zero until memory runs out, if it is taken for HTML.
const QString hostileImage = QStringLiteral("<img src=\"/dev/zero\">");
/// Passes for Sockscope's own words, in large red letters, if taken for HTML.
const QString spoof = QStringLiteral("<b>Gone</b><font size=7 color=red>Your session was "
                                     "hijacked, re-enter your token</font>");

/// Closes every connection at once with @p code and @p reason.
class ClosingServer : public QObject
{
public:
    ClosingServer(quint16 code, const QString &reason) : m_code(code), m_reason(reason)
    {
        connect(&m_server, &QWebSocketServer::newConnection, this, &ClosingServer::closeNext);
        m_server.listen(QHostAddress::LocalHost, 0);
    }
    QUrl url() const
    {
        return QUrl(QStringLiteral("ws://127.0.0.1:%1/").arg(m_server.serverPort()));
    }

private:
    void closeNext()
    {
        m_client = m_server.nextPendingConnection();
        m_client->setParent(this); // unowned in Qt 6.4: it goes with the fixture
        m_client->close(QWebSocketProtocol::CloseCode(m_code), m_reason);
    }

    QWebSocketServer m_server{QStringLiteral("tst_plaintext"), QWebSocketServer::NonSecureMode};
    QPointer<QWebSocket> m_client;
    quint16 m_code;
    QString m_reason;
};

/// What QToolTip shows for @p tip: it renders whatever Qt::mightBeRichText() takes
/// for rich text, and shows the rest as it is.
QString shownToolTip(const QString &tip)
{
    if (!Qt::mightBeRichText(tip))
        return tip;
    QTextDocument document;
    document.setHtml(tip);
    return document.toPlainText();
}

} // namespace

class TestPlainText : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { useTestSettings(m_settings, QStringLiteral("tst_plaintext")); }
    void init();
    void cleanup();
    void handshakeErrorIsShownLiterally_data();
    void handshakeErrorIsShownLiterally();
    void serverCloseReasonIsShownLiterally();
    void profileNameInALoadErrorIsShownLiterally();
    void profileNameInTabsTooltipsAndDialogsIsShownLiterally();
    void everyLabelThatShowsDataIsPlainText();

private:
    /// A tab for a new profile named @p name that connects to @p url.
    SessionTab *openTab(const QString &name, const QUrl &url);

    QTemporaryDir m_settings;
    QTemporaryDir *m_dir = nullptr;
    ProfileModel *m_profiles = nullptr;
    MainWindow *m_window = nullptr;
};

void TestPlainText::init()
{
    m_dir = new QTemporaryDir;
    m_profiles = new ProfileModel;
    QCOMPARE(m_profiles->loadAutosave(m_dir->filePath(QStringLiteral("profiles.json"))), QString());
    m_window = new MainWindow(m_profiles, QUrl());
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window));
}

void TestPlainText::cleanup()
{
    delete m_window;
    delete m_profiles;
    delete m_dir;
}

SessionTab *TestPlainText::openTab(const QString &name, const QUrl &url)
{
    Profile p;
    p.name = name;
    p.url = url;
    const int row = m_profiles->createProfile();
    if (!m_profiles->updateProfile(row, p).isEmpty())
        return nullptr;
    return m_window->openProfile(row);
}

void TestPlainText::handshakeErrorIsShownLiterally_data()
{
    QTest::addColumn<QByteArray>("response");
    QTest::addColumn<QString>("shown");
    const QByteArray upgrade = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                               "Connection: Upgrade\r\n";
    QTest::newRow("reason phrase, image")
        << QByteArray("HTTP/1.1 404 <img src=\"/dev/zero\"> x\r\nContent-Length: 0\r\n\r\n")
        << hostileImage + QStringLiteral(" x");
    QTest::newRow("reason phrase, spoof")
        << "HTTP/1.1 404 " + spoof.toUtf8() + "\r\nContent-Length: 0\r\n\r\n"
        << spoof;
    QTest::newRow("Sec-WebSocket-Accept")
        << upgrade + "Sec-WebSocket-Accept: " + hostileImage.toUtf8() + "\r\n\r\n"
        << hostileImage;
    QTest::newRow("Sec-WebSocket-Protocol")
        << upgrade + "Sec-WebSocket-Accept: %ACCEPT%\r\nSec-WebSocket-Protocol: " +
               hostileImage.toUtf8() + "\r\n\r\n"
        << hostileImage;
    QTest::newRow("Upgrade")
        << "HTTP/1.1 101 Switching Protocols\r\nUpgrade: " + hostileImage.toUtf8() +
               "\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: %ACCEPT%\r\n\r\n"
        << hostileImage;
}

void TestPlainText::handshakeErrorIsShownLiterally()
{
    QFETCH(QByteArray, response);
    QFETCH(QString, shown);
    RawServer server(response);
    SessionTab *tab = openTab(QStringLiteral("Hostile"), server.url());
    QVERIFY(tab);
    auto *status = named<QLabel>(tab, QStringLiteral("Status"));
    auto *state = named<QLabel>(tab, QStringLiteral("Connection state"));
    QVERIFY(status && state);
    clickConnect(tab);
    QTRY_VERIFY2(status->text().contains(shown), qPrintable(status->text()));
    QCOMPARE(status->textFormat(), Qt::PlainText);
    QTRY_COMPARE(state->text(), QStringLiteral("Closed"));
    // Drawn as a person would see it: as rich text, this is where it would blow up.
    QVERIFY(!status->grab().isNull());
    QVERIFY(status->isVisible());
}

void TestPlainText::serverCloseReasonIsShownLiterally()
{
    const QString reason = QStringLiteral("<b>x</b>");
    ClosingServer server(4000, reason);
    SessionTab *tab = openTab(QStringLiteral("Closer"), server.url());
    QVERIFY(tab);
    auto *status = named<QLabel>(tab, QStringLiteral("Status"));
    clickConnect(tab);
    QTRY_COMPARE(tab->session()->state(), WebSocketSession::State::Closed);
    QTRY_VERIFY2(status->text().contains(QLatin1Char('\'') + reason + QLatin1Char('\'')),
                 qPrintable(status->text()));
    QCOMPARE(status->textFormat(), Qt::PlainText);

    // The close frame's row in the detail pane.
    MessageLog *log = tab->session()->log();
    log->flush();
    int closeRow = -1;
    for (int row = 0; row < tab->logFilter()->rowCount(); ++row) {
        if (tab->logFilter()->index(row, 0).data(MessageLog::KindRole).toInt() ==
            int(EventKind::CloseReceived))
            closeRow = row;
    }
    QVERIFY(closeRow >= 0);
    tab->logView()->setCurrentIndex(tab->logFilter()->index(closeRow, MessageLog::PreviewColumn));
    auto *detail = named<QPlainTextEdit>(tab, QStringLiteral("Message detail"));
    auto *summary = named<QLabel>(tab, QStringLiteral("Selected message"));
    QVERIFY(detail && summary);
    QCOMPARE(detail->toPlainText(), reason);
    QCOMPARE(summary->textFormat(), Qt::PlainText);
    QVERIFY2(summary->text().contains(QStringLiteral("close received")),
             qPrintable(summary->text()));
}

void TestPlainText::profileNameInALoadErrorIsShownLiterally()
{
    // The profile has no url, so the load error quotes its name.
    const QByteArray file = "{\"format\":\"sockscope-profiles\",\"version\":1,"
                            "\"profiles\":[{\"name\":\"<img src=\\\"/dev/zero\\\">\"}]}";
    const QString path = m_dir->filePath(QStringLiteral("hostile.json"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(file);
    f.close();

    // File > Open Profiles…
    QVERIFY(!m_window->openProfilesFile(path));
    auto *banner = named<QLabel>(m_window, QStringLiteral("Problem"));
    QVERIFY(banner && banner->isVisible());
    QVERIFY2(banner->text().contains(QLatin1Char('"') + hostileImage + QLatin1Char('"')),
             qPrintable(banner->text()));
    QCOMPARE(banner->textFormat(), Qt::PlainText);
    QVERIFY(!banner->grab().isNull());

    // At start, as app/main.cpp does it: the autosave file fails to load, the window
    // reports it as it opens, and main() reports it again.
    ProfileModel profiles;
    const QString error = profiles.loadAutosave(path);
    QVERIFY2(error.contains(hostileImage), qPrintable(error));
    MainWindow window(&profiles, QUrl());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto *startBanner = named<QLabel>(&window, QStringLiteral("Problem"));
    QVERIFY(startBanner && startBanner->isVisible());
    QCOMPARE(startBanner->textFormat(), Qt::PlainText);
    window.reportProblem(error + QStringLiteral("\nThat file will not be overwritten."));
    QVERIFY(startBanner->text().startsWith(error));
    QVERIFY(!startBanner->grab().isNull());
}

void TestPlainText::profileNameInTabsTooltipsAndDialogsIsShownLiterally()
{
    const QString name = QStringLiteral("<b>Tom</b> & Jerry");
    const QUrl url(QStringLiteral("ws://127.0.0.1:9/<b>path</b>"));
    SessionTab *tab = openTab(name, url);
    QVERIFY(tab);
    auto *tabs = named<QTabWidget>(m_window, QStringLiteral("Connections"));
    const int index = tabs->indexOf(tab);
    QVERIFY(index >= 0);
    // QTabBar reads '&' as a mnemonic: doubled, it shows as itself.
    QCOMPARE(tabs->tabText(index), QStringLiteral("<b>Tom</b> && Jerry"));
    QCOMPARE(shownToolTip(tabs->tabToolTip(index)), url.toString());

    // A snippet's payload is its tooltip in the snippet list.
    Profile p = m_profiles->profile(m_profiles->rowOfId(tab->profileId()));
    p.snippets.append({QStringLiteral("hostile"), spoof, PayloadFormat::Text});
    QCOMPARE(m_profiles->updateProfile(m_profiles->rowOfId(tab->profileId()), p), QString());
    auto *snippets = named<QComboBox>(tab, QStringLiteral("Snippets"));
    QCOMPARE(snippets->count(), 1);
    QCOMPARE(shownToolTip(snippets->itemData(0, Qt::ToolTipRole).toString()), spoof);

    // Renaming another profile to the same name is refused, quoting it.
    const int other = m_profiles->createProfile();
    auto *list = named<QAbstractItemView>(m_window, QStringLiteral("Profiles"));
    list->setCurrentIndex(m_profiles->index(other));
    auto *nameField = named<QLineEdit>(m_window, QStringLiteral("Profile name"));
    nameField->selectAll();
    typeText(nameField, name);
    QTest::keyClick(nameField, Qt::Key_Return);
    auto *problem = named<QLabel>(m_window, QStringLiteral("Profile problem"));
    QVERIFY2(problem->isVisible() && problem->text().contains(name), qPrintable(problem->text()));
    QCOMPARE(problem->textFormat(), Qt::PlainText);

    // Delete asks first, naming the profile.
    list->setCurrentIndex(m_profiles->index(m_profiles->rowOfId(tab->profileId())));
    Qt::TextFormat format = Qt::AutoText;
    QString question;
    QTimer::singleShot(0, this, [&] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        QVERIFY(box);
        format = box->textFormat();
        question = box->text();
        box->button(QMessageBox::No)->click();
    });
    const int rows = m_profiles->rowCount();
    QTest::mouseClick(named<QPushButton>(m_window, QStringLiteral("Delete")), Qt::LeftButton);
    QCOMPARE(format, Qt::PlainText);
    QVERIFY2(question.contains(QLatin1Char('"') + name + QLatin1Char('"')), qPrintable(question));
    QCOMPARE(m_profiles->rowCount(), rows);
}

void TestPlainText::everyLabelThatShowsDataIsPlainText()
{
    SessionTab *tab = openTab(QStringLiteral("Any"), QUrl(QStringLiteral("ws://127.0.0.1:9/")));
    QVERIFY(tab);
    m_window->reportProblem(QStringLiteral("a problem"));
    QStringList guessing;
    const QList<QLabel *> labels = m_window->findChildren<QLabel *>();
    for (QLabel *label : labels) {
        // A field's caption (it has a buddy) is Sockscope's own text, with a mnemonic.
        if (label->textFormat() == Qt::AutoText && !label->buddy())
            guessing.append(label->accessibleName() + QLatin1Char('/') + label->text());
    }
    QVERIFY2(guessing.isEmpty(), qPrintable(guessing.join(QStringLiteral(", "))));
    QVERIFY(labels.size() > 15);
}

QTEST_MAIN(TestPlainText)
#include "tst_plaintext.moc"
