// SessionTab, offscreen, against an in-process QWebSocketServer: a flood that must
// arrive row for row, the composer (hex, base64, file, history, snippets), ping, the
// filter bar, pause and follow, the detail pane and export. Widgets are found by
// accessible name; what the server received is what is asserted.
#include "detailpane.h"
#include "log/logexporter.h"
#include "log/logfiltermodel.h"
#include "logview.h"
#include "profiles/profilemodel.h"
#include "sessiontab.h"
#include "widgettesthelpers.h"

#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QFile>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QWebSocket>
#include <QWebSocketServer>

namespace {

/// Records what its client sent; on "flood N" it sends N numbered text messages.
class Server : public QObject
{
public:
    Server()
    {
        connect(&server, &QWebSocketServer::newConnection, this, [this] {
            client = server.nextPendingConnection();
            // Qt 6.4's QWebSocketServer hands the socket over without a parent: the
            // fixture owns it, so cleanup() deletes it with the fixture.
            client->setParent(this);
            connect(client, &QWebSocket::textMessageReceived, this, [this](const QString &m) {
                texts.append(m);
                if (m.startsWith(QLatin1String("flood "))) {
                    const int n = m.mid(6).toInt();
                    for (int i = 0; i < n; ++i)
                        client->sendTextMessage(QStringLiteral("flood message %1").arg(i));
                } else {
                    client->sendTextMessage(m);
                }
            });
            connect(client, &QWebSocket::binaryMessageReceived, this, [this](const QByteArray &b) {
                binaries.append(b);
                client->sendBinaryMessage(b);
            });
        });
        server.listen(QHostAddress::LocalHost, 0);
    }
    QUrl url() const { return QUrl(QStringLiteral("ws://127.0.0.1:%1/").arg(server.serverPort())); }

    QWebSocketServer server{QStringLiteral("tst_sessiontab"), QWebSocketServer::NonSecureMode};
    QPointer<QWebSocket> client;
    QStringList texts;
    QList<QByteArray> binaries;
};

} // namespace

class TestSessionTab : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void floodArrivesRowForRow();
    void hexAndBase64AreSentAsBinary();
    void badHexOrBase64SendsNothing();
    void fileIsSentAsOneBinaryMessage();
    void upAndDownRecallEarlierMessages();
    void snippetsAreStoredWithTheProfile();
    void pingButtonLogsTheRoundTrip();
    void filterBarFiltersAndReportsBadPatterns();
    void pauseHoldsRowsAndFollowStopsWhenScrolledUp();
    void detailPaneShowsJsonAndHex();
    void exportWritesEveryRow();
    void statisticsCountTraffic();
    void urlLabelAndItsTooltipHideSecrets();
    void urlLabelShowsTheLiveConnectionNotAnEdit();
    void composerRefusalGoesWithItsTextAndOneRowIsARow();

private:
    void sendComposer(const QString &format, const QString &text);

    QTemporaryDir *m_dir = nullptr;
    Server *m_server = nullptr;
    ProfileModel *m_profiles = nullptr;
    SessionTab *m_tab = nullptr;
};

void TestSessionTab::init()
{
    m_dir = new QTemporaryDir;
    m_server = new Server;
    QVERIFY(m_server->server.isListening());
    m_profiles = new ProfileModel;
    QCOMPARE(m_profiles->loadAutosave(m_dir->filePath(QStringLiteral("profiles.json"))), QString());
    Profile p;
    p.name = QStringLiteral("Test server");
    p.url = m_server->url();
    const int row = m_profiles->createProfile();
    QCOMPARE(m_profiles->updateProfile(row, p), QString());
    m_tab = new SessionTab(m_profiles, m_profiles->idAt(row), QUrl());
    m_tab->resize(1100, 750);
    m_tab->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_tab));
    auto *connectButton = named<QPushButton>(m_tab, QStringLiteral("Connect"));
    QVERIFY(connectButton);
    QTest::mouseClick(connectButton, Qt::LeftButton);
    QTRY_COMPARE(named<QLabel>(m_tab, QStringLiteral("Connection state"))->text(),
                 QStringLiteral("Open"));
    QTRY_VERIFY(m_server->client);
}

void TestSessionTab::cleanup()
{
    delete m_tab;
    delete m_profiles;
    delete m_server;
    delete m_dir;
}

void TestSessionTab::sendComposer(const QString &format, const QString &text)
{
    auto *formatBox = named<QComboBox>(m_tab, QStringLiteral("Message format"));
    auto *message = named<QLineEdit>(m_tab, QStringLiteral("Message"));
    QVERIFY(formatBox && message);
    formatBox->setCurrentIndex(formatBox->findText(format));
    message->clear();
    typeText(message, text);
    QTest::mouseClick(named<QPushButton>(m_tab, QStringLiteral("Send")), Qt::LeftButton);
}

void TestSessionTab::floodArrivesRowForRow()
{
    const int n = 50000;
    MessageLog *log = m_tab->session()->log();
    LogFilterModel *shown = m_tab->logFilter();
    sendComposer(QStringLiteral("Text"), QStringLiteral("flood %1").arg(n));
    // opened + the request + its n answers, every one a row of the visible view.
    QTRY_COMPARE_WITH_TIMEOUT(shown->rowCount(), n + 2, 30000);
    QCOMPARE(log->rowCount(), n + 2);
    QCOMPARE(m_tab->session()->statistics().messagesReceived, qint64(n));
    QCOMPARE(shown->index(n + 1, MessageLog::PreviewColumn).data().toString(),
             QStringLiteral("flood message %1").arg(n - 1));
    for (int i = 0; i < n; i += 997)
        QCOMPARE(log->event(i + 2).payload, QStringLiteral("flood message %1").arg(i).toUtf8());
    // The view followed the flood to its last row.
    LogView *view = m_tab->logView();
    QTRY_COMPARE(view->verticalScrollBar()->value(), view->verticalScrollBar()->maximum());
    QVERIFY(view->isFollowing());
}

void TestSessionTab::hexAndBase64AreSentAsBinary()
{
    sendComposer(QStringLiteral("Hex"), QStringLiteral("de ad 0xbe,ef 00"));
    sendComposer(QStringLiteral("Base64"), QStringLiteral("SGVsbG8="));
    QTRY_COMPARE(m_server->binaries.size(), 2);
    QCOMPARE(m_server->binaries.at(0), QByteArray::fromHex("deadbeef00"));
    QCOMPARE(m_server->binaries.at(1), QByteArray("Hello"));
    QVERIFY(named<QLineEdit>(m_tab, QStringLiteral("Message"))->text().isEmpty());
}

void TestSessionTab::badHexOrBase64SendsNothing()
{
    auto *message = named<QLineEdit>(m_tab, QStringLiteral("Message"));
    auto *status = named<QLabel>(m_tab, QStringLiteral("Status"));
    sendComposer(QStringLiteral("Hex"), QStringLiteral("de ad g0"));
    QVERIFY2(status->text().contains(QStringLiteral("not a hex digit")),
             qPrintable(status->text()));
    QCOMPARE(message->text(), QStringLiteral("de ad g0")); // kept for fixing
    sendComposer(QStringLiteral("Base64"), QStringLiteral("SGV*"));
    QVERIFY(status->text().contains(QStringLiteral("not a base64 character")));
    // A text message after them proves the connection carried nothing else.
    sendComposer(QStringLiteral("Text"), QStringLiteral("marker"));
    QTRY_COMPARE(m_server->texts, QStringList{QStringLiteral("marker")});
    QVERIFY(m_server->binaries.isEmpty());
}

void TestSessionTab::fileIsSentAsOneBinaryMessage()
{
    const QString path = m_dir->filePath(QStringLiteral("payload.bin"));
    QByteArray bytes;
    for (int i = 0; i < 300000; ++i)
        bytes.append(char(i * 7));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(bytes);
    f.close();
    QVERIFY(m_tab->sendFile(path));
    QTRY_COMPARE(m_server->binaries.size(), 1);
    QCOMPARE(m_server->binaries.at(0), bytes);
    // Too big: refused before reading, nothing sent.
    const QString big = m_dir->filePath(QStringLiteral("big.bin"));
    QFile b(big);
    QVERIFY(b.open(QIODevice::WriteOnly));
    QVERIFY(b.resize(SessionTab::MaxFileBytes + 1));
    b.close();
    QVERIFY(!m_tab->sendFile(big));
    QVERIFY(!m_tab->sendFile(m_dir->filePath(QStringLiteral("missing.bin"))));
    QTest::qWait(50);
    QCOMPARE(m_server->binaries.size(), 1);
}

void TestSessionTab::upAndDownRecallEarlierMessages()
{
    auto *message = named<QLineEdit>(m_tab, QStringLiteral("Message"));
    auto *format = named<QComboBox>(m_tab, QStringLiteral("Message format"));
    sendComposer(QStringLiteral("Text"), QStringLiteral("one"));
    sendComposer(QStringLiteral("Hex"), QStringLiteral("0a 0b"));
    sendComposer(QStringLiteral("Text"), QStringLiteral("three"));
    typeText(message, QStringLiteral("draft"));
    QTest::keyClick(message, Qt::Key_Up);
    QCOMPARE(message->text(), QStringLiteral("three"));
    QTest::keyClick(message, Qt::Key_Up);
    QCOMPARE(message->text(), QStringLiteral("0a 0b"));
    QCOMPARE(format->currentText(), QStringLiteral("Hex"));
    QTest::keyClick(message, Qt::Key_Up);
    QTest::keyClick(message, Qt::Key_Up); // stays on the oldest
    QCOMPARE(message->text(), QStringLiteral("one"));
    QTest::keyClick(message, Qt::Key_Down);
    QTest::keyClick(message, Qt::Key_Down);
    QTest::keyClick(message, Qt::Key_Down);
    QCOMPARE(message->text(), QStringLiteral("draft"));
}

void TestSessionTab::snippetsAreStoredWithTheProfile()
{
    auto *message = named<QLineEdit>(m_tab, QStringLiteral("Message"));
    auto *format = named<QComboBox>(m_tab, QStringLiteral("Message format"));
    auto *snippets = named<QComboBox>(m_tab, QStringLiteral("Snippets"));
    QVERIFY(snippets);
    format->setCurrentIndex(format->findText(QStringLiteral("Hex")));
    typeText(message, QStringLiteral("01 02 03"));
    QTest::mouseClick(named<QPushButton>(m_tab, QStringLiteral("Save snippet")), Qt::LeftButton);
    format->setCurrentIndex(format->findText(QStringLiteral("Text")));
    message->clear();
    typeText(message, QStringLiteral("{\"op\":\"subscribe\"}"));
    QTest::mouseClick(named<QPushButton>(m_tab, QStringLiteral("Save snippet")), Qt::LeftButton);
    const Profile p = m_profiles->profile(m_profiles->rowOfId(m_tab->profileId()));
    QCOMPARE(p.snippets.size(), 2);
    QCOMPARE(p.snippets.at(0).payload, QStringLiteral("01 02 03"));
    QCOMPARE(p.snippets.at(0).format, PayloadFormat::Hex);
    QCOMPARE(snippets->count(), 2);
    // The autosave file has them.
    QFile file(m_profiles->autosavePath());
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray saved = file.readAll();
    QVERIFY(saved.contains("\"format\": \"hex\""));
    QVERIFY(saved.contains("subscribe"));
    // Choosing one fills the composer, format included.
    message->clear();
    snippets->setCurrentIndex(0);
    Q_EMIT snippets->activated(0);
    QCOMPARE(message->text(), QStringLiteral("01 02 03"));
    QCOMPARE(format->currentText(), QStringLiteral("Hex"));
    QTest::mouseClick(named<QPushButton>(m_tab, QStringLiteral("Send")), Qt::LeftButton);
    QTRY_COMPARE(m_server->binaries, QList<QByteArray>{QByteArray::fromHex("010203")});
    // Delete removes the chosen one from the profile.
    snippets->setCurrentIndex(0);
    QTest::mouseClick(named<QPushButton>(m_tab, QStringLiteral("Delete snippet")), Qt::LeftButton);
    QCOMPARE(m_profiles->profile(m_profiles->rowOfId(m_tab->profileId())).snippets.size(), 1);
}

void TestSessionTab::pingButtonLogsTheRoundTrip()
{
    auto *payload = named<QLineEdit>(m_tab, QStringLiteral("Ping payload"));
    typeText(payload, QStringLiteral("are you there"));
    QTest::mouseClick(named<QPushButton>(m_tab, QStringLiteral("Ping")), Qt::LeftButton);
    MessageLog *log = m_tab->session()->log();
    QTRY_VERIFY(log->rowCount() >= 3 && log->kind(log->rowCount() - 1) == EventKind::Pong);
    const LogEvent pong = log->event(log->rowCount() - 1);
    QCOMPARE(pong.payload, QByteArray("are you there"));
    QVERIFY(pong.rttUs >= 0);
    QVERIFY(log->index(log->rowCount() - 1, MessageLog::PreviewColumn)
                .data()
                .toString()
                .contains(QStringLiteral("ms round trip")));
    // Over 125 bytes: refused with a reason.
    payload->setText(QString(126, QLatin1Char('p')));
    QTest::mouseClick(named<QPushButton>(m_tab, QStringLiteral("Ping")), Qt::LeftButton);
    QVERIFY(named<QLabel>(m_tab, QStringLiteral("Status"))->text().contains(QStringLiteral("125")));
}

void TestSessionTab::filterBarFiltersAndReportsBadPatterns()
{
    for (const QString &m :
         {QStringLiteral("apple pie"), QStringLiteral("banana"), QStringLiteral("Apple juice")})
        sendComposer(QStringLiteral("Text"), m);
    MessageLog *log = m_tab->session()->log();
    QTRY_COMPARE(log->rowCount(), 7); // opened + 3 sent + 3 echoed
    auto *text = named<QLineEdit>(m_tab, QStringLiteral("Filter text"));
    auto *regex = named<QCheckBox>(m_tab, QStringLiteral("Regular expression"));
    auto *status = named<QLabel>(m_tab, QStringLiteral("Filter status"));
    auto *direction = named<QComboBox>(m_tab, QStringLiteral("Direction filter"));
    QVERIFY(text && regex && status && direction);
    typeText(text, QStringLiteral("apple"));
    QTRY_VERIFY(m_tab->logFilter()->filter().text == QStringLiteral("apple"));
    QCOMPARE(m_tab->logFilter()->rowCount(), 4);
    QTRY_VERIFY(status->text().startsWith(QStringLiteral("4 of 7")));
    direction->setCurrentIndex(direction->findText(QStringLiteral("Received")));
    QTRY_COMPARE(m_tab->logFilter()->rowCount(), 2);
    text->clear();
    typeText(text, QStringLiteral("(unclosed"));
    regex->setChecked(true);
    QTRY_VERIFY(status->text().contains(QStringLiteral("Bad regular expression")));
    QCOMPARE(m_tab->logFilter()->rowCount(), 2); // the last good filter stays
    text->clear();
    typeText(text, QStringLiteral("^(apple|banana)"));
    // Typing applies each prefix in turn (after a short pause); wait for the whole one.
    QTRY_VERIFY(m_tab->logFilter()->filter().text == QStringLiteral("^(apple|banana)") &&
                !m_tab->logFilter()->isFiltering());
    QCOMPARE(m_tab->logFilter()->rowCount(), 3); // received, any case
    // New rows go through the filter as they arrive.
    sendComposer(QStringLiteral("Text"), QStringLiteral("banana split"));
    QTRY_COMPARE(m_tab->logFilter()->rowCount(), 4);
}

void TestSessionTab::pauseHoldsRowsAndFollowStopsWhenScrolledUp()
{
    auto *pause = named<QPushButton>(m_tab, QStringLiteral("Pause"));
    auto *follow = named<QPushButton>(m_tab, QStringLiteral("Follow"));
    QVERIFY(pause && follow);
    sendComposer(QStringLiteral("Text"), QStringLiteral("flood 300"));
    QTRY_COMPARE(m_tab->logFilter()->rowCount(), 302);
    QTest::mouseClick(pause, Qt::LeftButton);
    QCOMPARE(pause->text(), QStringLiteral("Resume"));
    sendComposer(QStringLiteral("Text"), QStringLiteral("flood 100"));
    QTRY_COMPARE(m_tab->session()->log()->rowCount(), 403);
    QCOMPARE(m_tab->logFilter()->rowCount(), 302);
    QVERIFY(named<QLabel>(m_tab, QStringLiteral("Statistics"))
                ->text()
                .contains(QStringLiteral("101 new rows not shown")));
    QTest::mouseClick(pause, Qt::LeftButton);
    QCOMPARE(m_tab->logFilter()->rowCount(), 403);

    LogView *view = m_tab->logView();
    QTRY_COMPARE(view->verticalScrollBar()->value(), view->verticalScrollBar()->maximum());
    QVERIFY(follow->isChecked());
    view->verticalScrollBar()->triggerAction(QAbstractSlider::SliderToMinimum);
    QTRY_VERIFY(!follow->isChecked());
    sendComposer(QStringLiteral("Text"), QStringLiteral("flood 50"));
    QTRY_COMPARE(m_tab->logFilter()->rowCount(), 454);
    QTest::qWait(100);
    QCOMPARE(view->verticalScrollBar()->value(), 0); // left where the user put it
    QTest::mouseClick(follow, Qt::LeftButton);
    QCOMPARE(view->verticalScrollBar()->value(), view->verticalScrollBar()->maximum());
    QVERIFY(view->isFollowing());
    // Clear empties the log and the view.
    QTest::mouseClick(named<QPushButton>(m_tab, QStringLiteral("Clear log")), Qt::LeftButton);
    QCOMPARE(m_tab->logFilter()->rowCount(), 0);
}

void TestSessionTab::detailPaneShowsJsonAndHex()
{
    sendComposer(QStringLiteral("Text"), QStringLiteral("{\"b\":1,\"a\":[true,null]}"));
    sendComposer(QStringLiteral("Hex"), QStringLiteral("48 69 00 ff"));
    MessageLog *log = m_tab->session()->log();
    QTRY_COMPARE(log->rowCount(), 5);
    LogView *view = m_tab->logView();
    auto *detail = named<QPlainTextEdit>(m_tab, QStringLiteral("Message detail"));
    QVERIFY(detail);
    // Both were sent before either echo came back: rows 1 and 2 are the sent ones.
    view->setCurrentIndex(m_tab->logFilter()->index(1, MessageLog::PreviewColumn));
    QCOMPARE(detail->toPlainText(), QStringLiteral("{\n    \"b\": 1,\n    \"a\": [\n        true,\n"
                                                   "        null\n    ]\n}\n"));
    view->setCurrentIndex(m_tab->logFilter()->index(2, MessageLog::PreviewColumn));
    QCOMPARE(
        detail->toPlainText(),
        QStringLiteral("00000000  48 69 00 ff                                       |Hi..|\n"));
    auto *mode = named<QComboBox>(m_tab, QStringLiteral("View as"));
    mode->setCurrentIndex(mode->findText(QStringLiteral("Text")));
    QCOMPARE(detail->toPlainText(), QString::fromUtf8(QByteArray("Hi\x00\xff", 4)));
    // Copy copies the payload in the form shown.
    mode->setCurrentIndex(mode->findText(QStringLiteral("Hex")));
    QTest::mouseClick(named<QPushButton>(m_tab, QStringLiteral("Copy message")), Qt::LeftButton);
    QCOMPARE(QGuiApplication::clipboard()->text(), detail->toPlainText());
}

void TestSessionTab::exportWritesEveryRow()
{
    sendComposer(QStringLiteral("Text"), QStringLiteral("flood 2000"));
    QTRY_COMPARE(m_tab->logFilter()->rowCount(), 2002);
    const QString path = m_dir->filePath(QStringLiteral("tab.jsonl"));
    QSignalSpy finished(m_tab->exporter(), &LogExporter::finished);
    QVERIFY(m_tab->exportLog(path, false));
    QVERIFY(named<QProgressBar>(m_tab, QStringLiteral("Export progress"))->isVisible());
    QTRY_COMPARE(finished.count(), 1);
    QVERIFY(!named<QProgressBar>(m_tab, QStringLiteral("Export progress"))->isVisible());
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll().count('\n'), 2002);
    QVERIFY(named<QLabel>(m_tab, QStringLiteral("Status"))
                ->text()
                .startsWith(QStringLiteral("Exported 2,002 rows")));
    // Only the shown rows, as CSV.
    auto *text = named<QLineEdit>(m_tab, QStringLiteral("Filter text"));
    typeText(text, QStringLiteral("message 199"));
    QTRY_VERIFY(!m_tab->logFilter()->isFiltering() && m_tab->logFilter()->rowCount() == 11);
    const QString csv = m_dir->filePath(QStringLiteral("shown.csv"));
    QVERIFY(m_tab->exportLog(csv, true));
    QTRY_COMPARE(finished.count(), 2);
    QFile c(csv);
    QVERIFY(c.open(QIODevice::ReadOnly));
    QCOMPARE(c.readAll().count('\n'), 12); // header + 11
}

void TestSessionTab::statisticsCountTraffic()
{
    sendComposer(QStringLiteral("Text"), QStringLiteral("12345"));
    QTRY_COMPARE(m_tab->session()->statistics().messagesReceived, 1);
    auto *stats = named<QLabel>(m_tab, QStringLiteral("Statistics"));
    QTRY_VERIFY2(stats->text().contains(QStringLiteral("Sent 1 (5 bytes)")) &&
                     stats->text().contains(QStringLiteral("Received 1 (5 bytes)")) &&
                     stats->text().contains(QStringLiteral("open 00:00:")),
                 qPrintable(stats->text()));
}

void TestSessionTab::urlLabelAndItsTooltipHideSecrets()
{
    // Not connected: the label shows the profile's URL (while connected, the live one).
    QTest::mouseClick(named<QPushButton>(m_tab, QStringLiteral("Stop")), Qt::LeftButton);
    QTRY_COMPARE(named<QLabel>(m_tab, QStringLiteral("Connection state"))->text(),
                 QStringLiteral("Closed"));
    const int row = m_profiles->rowOfId(m_tab->profileId());
    Profile p = m_profiles->profile(row);
    const QString port = QString::number(m_server->server.serverPort());
    p.url = QUrl(QStringLiteral("ws://user:s3cret@127.0.0.1:%1/?token=abc&x=1").arg(port),
                 QUrl::StrictMode);
    QCOMPARE(m_profiles->updateProfile(row, p), QString());
    auto *label = named<QLabel>(m_tab, QStringLiteral("Server URL"));
    QVERIFY(label);
    QCOMPARE(label->text(), QStringLiteral("ws://user:•••@127.0.0.1:%1/?token=•••&x=1").arg(port));
    for (const QString &shown : {label->text(), label->toolTip()}) {
        QVERIFY2(!shown.contains(QLatin1String("s3cret")), qPrintable(shown));
        QVERIFY2(!shown.contains(QLatin1String("abc")), qPrintable(shown));
    }
    QVERIFY2(label->toolTip().contains(QStringLiteral("•••")), qPrintable(label->toolTip()));

    // The profile's switch shows the query, never the password.
    p.showSecretsInLog = true;
    QCOMPARE(m_profiles->updateProfile(row, p), QString());
    QCOMPARE(label->text(), QStringLiteral("ws://user:•••@127.0.0.1:%1/?token=abc&x=1").arg(port));
    QVERIFY2(!label->toolTip().contains(QLatin1String("s3cret")), qPrintable(label->toolTip()));
    // And the tooltip says what is hidden now: the password, not the query.
    QVERIFY2(label->toolTip().contains(QLatin1String("query values are shown")),
             qPrintable(label->toolTip()));
}

void TestSessionTab::urlLabelShowsTheLiveConnectionNotAnEdit()
{
    // Connected in init(). Editing the profile's URL changes where the next Connect goes,
    // not where this connection is.
    auto *label = named<QLabel>(m_tab, QStringLiteral("Server URL"));
    const QString live = m_server->url().toString();
    QCOMPARE(label->text(), live);
    const int row = m_profiles->rowOfId(m_tab->profileId());
    Profile p = m_profiles->profile(row);
    p.url = QUrl(QStringLiteral("ws://127.0.0.1:9/elsewhere"));
    QCOMPARE(m_profiles->updateProfile(row, p), QString());
    QVERIFY2(label->text().startsWith(live), qPrintable(label->text()));
    QVERIFY(label->text().contains(QLatin1String("applies at the next Connect")));
    QTest::mouseClick(named<QPushButton>(m_tab, QStringLiteral("Stop")), Qt::LeftButton);
    QTRY_COMPARE(named<QLabel>(m_tab, QStringLiteral("Connection state"))->text(),
                 QStringLiteral("Closed"));
    QCOMPARE(label->text(), QStringLiteral("ws://127.0.0.1:9/elsewhere"));
}

void TestSessionTab::composerRefusalGoesWithItsTextAndOneRowIsARow()
{
    auto *stats = named<QLabel>(m_tab, QStringLiteral("Statistics"));
    QTRY_VERIFY2(stats->text().contains(QLatin1String("Log 1 row,")), qPrintable(stats->text()));
    auto *status = named<QLabel>(m_tab, QStringLiteral("Status"));
    QVERIFY(status);
    sendComposer(QStringLiteral("Hex"), QStringLiteral("zz"));
    QVERIFY2(status->text().startsWith(QLatin1String("Not sent: ")), qPrintable(status->text()));
    auto *message = named<QLineEdit>(m_tab, QStringLiteral("Message"));
    message->selectAll();
    QTest::keyClick(message, Qt::Key_Delete); // the refused text is gone: so is the refusal
    QCOMPARE(status->text(), QString());
}

QTEST_MAIN(TestSessionTab)
#include "tst_sessiontab.moc"
