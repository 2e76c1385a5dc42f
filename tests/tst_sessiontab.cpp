// SessionTab, offscreen, against an in-process QWebSocketServer: a flood that must
// arrive row for row, ping, the detail pane, the statistics line, and the URL label of
// the connection bar. Widgets are found by accessible name; what the server received is
// what is asserted. The composer, the filter bar and the log toolbar have tests of
// their own (tst_composer, tst_filterbar, tst_logtoolbar).
#include "detailpane.h"
#include "framesview.h"
#include "log/logfiltermodel.h"
#include "logview.h"
#include "widgettesthelpers.h"
#include "wiretap/framelog.h"

#include <QTextDocumentFragment>

#include <QClipboard>
#include <QGuiApplication>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>

class TestSessionTab : public QObject, private TabFixture
{
    Q_OBJECT
private Q_SLOTS:
    void init() { setUpTab(); }
    void cleanup() { tearDownTab(); }
    void floodArrivesRowForRow();
    void pingButtonLogsTheRoundTrip();
    void detailPaneShowsJsonAndHex();
    void statisticsCountTraffic();
    void statusSaysHowTheConnectionEnded();
    void oneRowIsARow();
    void urlLabelAndItsTooltipHideSecrets();
    void urlLabelShowsTheLiveConnectionNotAnEdit();
    void framesAndHandshakeViewsShowTheWire();
};

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

void TestSessionTab::statusSaysHowTheConnectionEnded()
{
    // Connected in init().
    auto *status = named<QLabel>(m_tab, QStringLiteral("Status"));
    stopAndWaitClosed(m_tab);
    QCOMPARE(status->text(), QStringLiteral("Connection ended: no closing handshake."));
    connectAndWaitOpen(m_tab);
    QTest::mouseClick(named<QPushButton>(m_tab, QStringLiteral("Close")), Qt::LeftButton);
    QTRY_COMPARE(m_tab->session()->state(), WebSocketSession::State::Closed);
    // The wire tap saw the echo server answer the close frame.
    QVERIFY2(
        status->text().startsWith(QStringLiteral("Connection ended: closing handshake complete; ")),
        qPrintable(status->text()));
}

void TestSessionTab::oneRowIsARow()
{
    // Connected in init(): the one row is the connection opening.
    auto *stats = named<QLabel>(m_tab, QStringLiteral("Statistics"));
    QTRY_VERIFY2(stats->text().contains(QLatin1String("Log 1 row,")), qPrintable(stats->text()));
}

void TestSessionTab::urlLabelAndItsTooltipHideSecrets()
{
    // Not connected: the label shows the profile's URL (while connected, the live one).
    stopAndWaitClosed(m_tab);
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
    const QString toolTip = QTextDocumentFragment::fromHtml(label->toolTip()).toPlainText();
    QVERIFY2(toolTip.contains(QLatin1String("query values are shown")), qPrintable(toolTip));
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
    stopAndWaitClosed(m_tab);
    QCOMPARE(label->text(), QStringLiteral("ws://127.0.0.1:9/elsewhere"));
}

void TestSessionTab::framesAndHandshakeViewsShowTheWire()
{
    // Connected in init(), through the wire tap.
    auto *views = named<QTabWidget>(m_tab, QStringLiteral("Connection views"));
    QCOMPARE(views->count(), 3);
    sendComposer(QStringLiteral("Text"), QStringLiteral("hello frames"));
    auto *frames = named<QTableView>(m_tab, QStringLiteral("Frames"));
    QTRY_COMPARE(frames->model()->rowCount(), 2);
    const auto cell = [frames](int row, int column) {
        return frames->model()->index(row, column).data().toString();
    };
    QCOMPARE(cell(0, FrameLog::DirectionColumn), QStringLiteral("sent"));
    QCOMPARE(cell(0, FrameLog::OpcodeColumn), QStringLiteral("text"));
    QCOMPARE(cell(0, FrameLog::LengthColumn), QStringLiteral("12"));
    QCOMPARE(cell(0, FrameLog::MaskColumn).size(), 8); // a client masks (RFC 6455 5.1)
    QCOMPARE(cell(1, FrameLog::DirectionColumn), QStringLiteral("received"));
    QCOMPARE(cell(1, FrameLog::MaskColumn), QString());
    QVERIFY2(cell(1, FrameLog::PreviewColumn).startsWith(QLatin1String("hello fr")),
             qPrintable(cell(1, FrameLog::PreviewColumn)));
    // Only what was received.
    views->setCurrentIndex(1);
    auto *direction = named<QComboBox>(m_tab, QStringLiteral("Frame direction"));
    direction->setCurrentIndex(2);
    QCOMPARE(frames->model()->rowCount(), 1);
    // Exported: every frame, whatever the filter shows.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("frames.jsonl"));
    QVERIFY(m_tab->findChild<FramesView *>()->exportTo(path));
    auto *status = named<QLabel>(m_tab, QStringLiteral("Status"));
    QTRY_VERIFY2(status->text().startsWith(QLatin1String("Exported 2 frames to ")),
                 qPrintable(status->text()));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = file.readAll().trimmed().split('\n');
    QCOMPARE(lines.size(), 2);
    QVERIFY2(lines.at(0).contains("\"direction\":\"sent\""), lines.at(0).constData());
    auto *handshake = named<QPlainTextEdit>(m_tab, QStringLiteral("Handshake"));
    QVERIFY2(handshake->toPlainText().contains(QLatin1String("HTTP/1.1 101 Switching Protocols")),
             qPrintable(handshake->toPlainText()));
}

QTEST_MAIN(TestSessionTab)
#include "tst_sessiontab.moc"
