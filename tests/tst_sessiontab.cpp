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
#include "wiretap/framefiltermodel.h"
#include "wiretap/framelog.h"
#include "wiretap/messageframes.h"

#include <QTextDocumentFragment>

#include <QClipboard>
#include <QGuiApplication>
#include <QMenu>
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
    void variablesAreSubstitutedAtConnectAndSend();
    void framesAndHandshakeViewsShowTheWire();
    void showFramesSelectsTheMessagesFrames();
    void framesViewSelectsOnlyTheSendersFrames();
};

namespace {

/// The log view's row (through the filter) of the @p direction message whose payload is
/// @p payload; invalid if none.
QModelIndex messageRow(SessionTab *tab, Direction direction, const QByteArray &payload)
{
    const QAbstractItemModel *shown = tab->logView()->model();
    for (int row = 0; row < shown->rowCount(); ++row) {
        const QModelIndex index = shown->index(row, MessageLog::PreviewColumn);
        if (index.data(MessageLog::DirectionRole).toInt() == int(direction) &&
            index.data(MessageLog::PayloadRole).toByteArray() == payload)
            return index;
    }
    return {};
}

/// The rows @p view selects, in order, as "sent text", "received continuation FIN"…
/// with the kept payload bytes of them all put together (FrameLog::keptPayload()).
QStringList selectedFrames(FramesView *view, QByteArray *bytes)
{
    QModelIndexList rows = view->table()->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end());
    QStringList out;
    for (const QModelIndex &row : rows) {
        const QModelIndex source = view->filter()->mapToSource(row);
        const auto *frames = static_cast<const FrameLog *>(source.model());
        out.append(frames->index(source.row(), FrameLog::DirectionColumn).data().toString() +
                   QLatin1Char(' ') +
                   frames->index(source.row(), FrameLog::OpcodeColumn).data().toString() +
                   (source.data(FrameLog::FinRole).toBool() ? QStringLiteral(" FIN") : QString()));
        *bytes += frames->keptPayload(source.row());
    }
    return out;
}

/// A record of a frame from @p sender, as the wire tap hands it over: the first 8 bytes of
/// @p payload kept.
FrameRecord frameRecord(FrameSender sender, quint8 opcode, const QByteArray &payload, bool fin)
{
    FrameHeader h;
    h.fin = fin;
    h.opcode = opcode;
    h.payloadLength = quint64(payload.size());
    FrameRecord r = FrameRecord::of(sender, h, 0, false);
    std::copy_n(payload.constData(), r.headBytes(), r.head);
    return r;
}

} // namespace

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

    // A URL template is shown as typed, its literal secrets hidden all the same.
    p.showSecretsInLog = false;
    p.setUrlText(QStringLiteral("ws://user:s3cret@127.0.0.1:{{port}}/?token=abc&t={{t}}"));
    QCOMPARE(m_profiles->updateProfile(row, p), QString());
    const QString shownTemplate =
        QStringLiteral("ws://user:•••@127.0.0.1:{{port}}/?token=•••&t={{t}}");
    QCOMPARE(label->text(), shownTemplate);
    QCOMPARE(m_profiles->data(m_profiles->index(row), Qt::ToolTipRole).toString(), shownTemplate);
    QVERIFY2(!label->toolTip().contains(QLatin1String("s3cret")), qPrintable(label->toolTip()));
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

void TestSessionTab::variablesAreSubstitutedAtConnectAndSend()
{
    stopAndWaitClosed(m_tab);
    const QString port = QString::number(m_server->server.serverPort());
    EnvironmentSet environments;
    environments.environments = {
        Environment{QStringLiteral("staging"),
                    {Variable(QStringLiteral("port"), port),
                     Variable(QStringLiteral("token"), QStringLiteral("tok-987"), true)}}};
    environments.active = QStringLiteral("staging");
    m_profiles->setEnvironments(environments);
    const int row = m_profiles->rowOfId(m_tab->profileId());
    Profile p = m_profiles->profile(row);
    p.setUrlText(QStringLiteral("ws://127.0.0.1:{{port}}/"));
    QCOMPARE(m_profiles->updateProfile(row, p), QString());
    auto *label = named<QLabel>(m_tab, QStringLiteral("Server URL"));
    QCOMPARE(label->text(), QStringLiteral("ws://127.0.0.1:{{port}}/ (environment staging)"));

    connectAndWaitOpen(m_tab);
    QCOMPARE(label->text(), QStringLiteral("ws://127.0.0.1:%1/ (environment staging)").arg(port));
    sendComposer(QStringLiteral("Text"), QStringLiteral("hello {{token}}"));
    QTRY_COMPARE(m_server->texts.value(0), QStringLiteral("hello tok-987"));
    QTRY_VERIFY(messageRow(m_tab, Direction::Sent, "hello •••").isValid());
    QTRY_VERIFY(messageRow(m_tab, Direction::Received, "hello •••").isValid()); // the echo
    QVERIFY(!messageRow(m_tab, Direction::Sent, "hello tok-987").isValid());
    // Put into Composer on that row would send "•••": refused, the composer untouched.
    auto *message = named<MessageEdit>(m_tab, QStringLiteral("Message"));
    message->clear();
    Q_EMIT m_tab->logView()->composeRequested(QStringLiteral("hello •••"), PayloadFormat::Text);
    QCOMPARE(message->toPlainText(), QString());
    QVERIFY2(named<QLabel>(m_tab, QStringLiteral("Status"))->text().contains(QStringLiteral("•••")),
             qPrintable(named<QLabel>(m_tab, QStringLiteral("Status"))->text()));
    Q_EMIT m_tab->logView()->composeRequested(QStringLiteral("plain"), PayloadFormat::Text);
    QCOMPARE(message->toPlainText(), QStringLiteral("plain"));

    // An unknown variable: nothing is sent, and the status names it and where.
    sendComposer(QStringLiteral("Text"), QStringLiteral("{{tokne}}"));
    const QString said = named<QLabel>(m_tab, QStringLiteral("Status"))->text();
    QVERIFY2(said.contains(QLatin1String("Not sent")) && said.contains(QLatin1String("tokne")) &&
                 said.contains(QLatin1String("the message")),
             qPrintable(said));
    // Hex that is not hex once a secret is in it: refused without quoting the secret.
    sendComposer(QStringLiteral("Hex"), QStringLiteral("00 {{token}}"));
    const QString refused = named<QLabel>(m_tab, QStringLiteral("Status"))->text();
    QVERIFY2(refused.contains(QLatin1String("Not sent")) &&
                 refused.contains(QLatin1String("not valid hex")) &&
                 !refused.contains(QLatin1String("'t'")) && !refused.contains(QLatin1String("tok")),
             qPrintable(refused));
    QTest::qWait(100); // nothing more reaches the server
    QCOMPARE(m_server->texts.size(), 1);
    QVERIFY(m_server->binaries.isEmpty());
}

void TestSessionTab::framesAndHandshakeViewsShowTheWire()
{
    // Connected in init(), through the wire tap.
    auto *views = named<QTabWidget>(m_tab, QStringLiteral("Connection views"));
    QCOMPARE(views->count(), 3);
    sendComposer(QStringLiteral("Text"), QStringLiteral("hello frames"));
    auto *frames = named<QTableView>(m_tab, QStringLiteral("Frames"));
    // Behind the Messages tab, the Frames view holds its rows; shown, it has them all.
    QTRY_COMPARE(m_tab->session()->frames()->rowCount(), 2);
    QCOMPARE(frames->model()->rowCount(), 0);
    views->setCurrentIndex(1);
    QCOMPARE(frames->model()->rowCount(), 2);
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

void TestSessionTab::showFramesSelectsTheMessagesFrames()
{
    // Connected in init(), through the wire tap; the next messages go in 4-byte fragments.
    m_tab->session()->setOutgoingFrameBytes(4);
    sendComposer(QStringLiteral("Text"), QStringLiteral("first"));
    sendComposer(QStringLiteral("Text"), QStringLiteral("fragmented hello"));
    auto *framesView = m_tab->findChild<FramesView *>();
    QTableView *frames = framesView->table();
    // Each sent, and its echo.
    QTRY_COMPARE(m_tab->session()->frames()->rowCount(), 2 + 1 + 4 + 1);
    QTRY_VERIFY(messageRow(m_tab, Direction::Received, "fragmented hello").isValid());
    // A filter that hides the sent frames, for Show frames to clear.
    auto *direction = named<QComboBox>(m_tab, QStringLiteral("Frame direction"));
    direction->setCurrentIndex(2); // received only
    auto *views = named<QTabWidget>(m_tab, QStringLiteral("Connection views"));
    LogView *log = m_tab->logView();
    const QModelIndex sent = messageRow(m_tab, Direction::Sent, "fragmented hello");
    QTest::mouseClick(log->viewport(), Qt::LeftButton, {}, log->visualRect(sent).center());
    auto *showFrames = named<QPushButton>(m_tab, QStringLiteral("Show frames"));
    QVERIFY(showFrames && showFrames->isEnabled());
    QTest::mouseClick(showFrames, Qt::LeftButton);
    QCOMPARE(views->currentWidget(), static_cast<QWidget *>(framesView));
    QCOMPARE(direction->currentIndex(), 0);
    QByteArray bytes;
    QCOMPARE(selectedFrames(framesView, &bytes),
             (QStringList{"sent text", "sent continuation", "sent continuation",
                          "sent continuation FIN"}));
    QCOMPARE(bytes, QByteArray("fragmented hello"));
    QCOMPARE(frames->selectionModel()->currentIndex().row(),
             frames->selectionModel()->selectedRows().first().row());
    auto *status = named<QLabel>(m_tab, QStringLiteral("Status"));
    QCOMPARE(status->text(), QStringLiteral("Sent text message 2: 4 fragments. The direction "
                                            "filter was cleared to show them."));

    // From the keyboard: Return on the echo in the log.
    views->setCurrentIndex(0);
    const QModelIndex echo = messageRow(m_tab, Direction::Received, "fragmented hello");
    log->setFocus();
    log->setCurrentIndex(echo);
    QTest::keyClick(log, Qt::Key_Return);
    QCOMPARE(views->currentIndex(), 1);
    bytes.clear();
    QCOMPARE(selectedFrames(framesView, &bytes), QStringList{"received text FIN"});
    QCOMPARE(bytes, QByteArray("fragment")); // the first 8 bytes are kept
    // A double-click on the first message, and its context menu.
    views->setCurrentIndex(0);
    const QModelIndex first = messageRow(m_tab, Direction::Sent, "first");
    // A widget gets the double-click after the first click (QTest sends it alone).
    const QPoint at = log->visualRect(first).center();
    QTest::mouseClick(log->viewport(), Qt::LeftButton, {}, at);
    QCOMPARE(views->currentIndex(), 0);
    QTest::mouseDClick(log->viewport(), Qt::LeftButton, {}, at);
    QCOMPARE(views->currentIndex(), 1);
    bytes.clear();
    QCOMPARE(selectedFrames(framesView, &bytes),
             (QStringList{"sent text", "sent continuation FIN"}));
    QCOMPARE(bytes, QByteArray("first"));
    views->setCurrentIndex(0);
    std::unique_ptr<QMenu> menu(log->createContextMenu(echo));
    QAction *action = nullptr;
    for (QAction *a : menu->actions())
        action = a->text() == QLatin1String("Show Frames") ? a : action;
    QVERIFY(action && action->isEnabled());
    action->trigger();
    QCOMPARE(views->currentIndex(), 1);
    QCOMPARE(selectedFrames(framesView, &bytes), QStringList{"received text FIN"});

    // After a reconnect the old message has no frames: the log stays, the status says why.
    views->setCurrentIndex(0);
    stopAndWaitClosed(m_tab);
    connectAndWaitOpen(m_tab);
    const QModelIndex old = messageRow(m_tab, Direction::Sent, "first");
    QTest::mouseClick(log->viewport(), Qt::LeftButton, {}, log->visualRect(old).center());
    QTest::mouseClick(showFrames, Qt::LeftButton);
    QCOMPARE(views->currentIndex(), 0);
    QVERIFY2(status->text().contains(QLatin1String("earlier connection")),
             qPrintable(status->text()));
}

void TestSessionTab::framesViewSelectsOnlyTheSendersFrames()
{
    // A server's fragments with a ping between them, and the client's frames in between.
    FrameLog log;
    WireBatch batch;
    const FrameSender server = FrameSender::Server, client = FrameSender::Client;
    batch.records = {frameRecord(server, Opcode::Text, "Hel", false),
                     frameRecord(client, Opcode::Text, "mine", true),
                     frameRecord(server, Opcode::Continuation, "l", false),
                     frameRecord(client, Opcode::Binary, "x", true),
                     frameRecord(server, Opcode::Ping, "", true),
                     frameRecord(server, Opcode::Continuation, "o", true),
                     frameRecord(client, Opcode::Text, "after", true)};
    log.append(batch);
    FramesView view(&log);
    view.resize(900, 400);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    auto *text = named<QLineEdit>(&view, QStringLiteral("Frame text filter"));
    typeText(text, QStringLiteral("mine")); // hides all of the server's message
    MessageFrames message;
    message.status = MessageFrames::Status::Found;
    message.direction = Direction::Received;
    message.number = 0;
    message.frames = log.findMessage(server, 0);
    const QString said = view.showMessage(message);
    QCOMPARE(text->text(), QString());
    QByteArray bytes;
    QCOMPARE(selectedFrames(&view, &bytes),
             (QStringList{"received text", "received continuation", "received ping FIN",
                          "received continuation FIN"}));
    QCOMPARE(bytes, QByteArray("Hello"));
    QCOMPARE(said, QStringLiteral("Received text message 1: 3 fragments, with 1 control frame "
                                  "between them. The text filter was cleared to show them."));
}

QTEST_MAIN(TestSessionTab)
#include "tst_sessiontab.moc"
