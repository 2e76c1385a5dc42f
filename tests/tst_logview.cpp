// The log view, offscreen, driven with real clicks and keys: several rows selected
// with Ctrl+click and Shift+click, Ctrl+C copies their payloads (not one cell), and the
// context menu's copy, put-into-composer and show-only entries.
#include "log/messagelog.h"
#include "logview.h"

#include <QAction>
#include <QClipboard>
#include <QGuiApplication>
#include <QHeaderView>
#include <QMenu>
#include <QSignalSpy>
#include <QTest>

class TestLogView : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void ctrlCCopiesTheSelectedRowsPayloads();
    void contextMenuCopiesRowsAsJson();
    void contextMenuPutsAMessageIntoTheComposer();
    void contextMenuAsksForAFilter();

private:
    void clickRow(int row, Qt::KeyboardModifiers modifiers = {});
    QAction *action(QMenu *menu, const QString &text) const;

    MessageLog *m_log = nullptr;
    LogView *m_view = nullptr;
};

void TestLogView::init()
{
    m_log = new MessageLog;
    const auto add = [this](Direction direction, EventKind kind, const QByteArray &payload) {
        LogEvent e;
        e.direction = direction;
        e.kind = kind;
        e.payload = payload;
        e.sizeBytes = payload.size();
        m_log->append(e);
    };
    add(Direction::Sent, EventKind::Text, "first");
    add(Direction::Received, EventKind::Binary, "\x01\x02");
    add(Direction::Received, EventKind::Text, "third");
    add(Direction::Local, EventKind::Error, "oops");
    m_log->flush();
    m_view = new LogView;
    m_view->setModel(m_log);
    m_view->resize(600, 300);
    m_view->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_view));
}

void TestLogView::cleanup()
{
    delete m_view;
    delete m_log;
}

void TestLogView::clickRow(int row, Qt::KeyboardModifiers modifiers)
{
    const QRect rect = m_view->visualRect(m_log->index(row, MessageLog::PreviewColumn));
    QTest::mouseClick(m_view->viewport(), Qt::LeftButton, modifiers, rect.center());
}

QAction *TestLogView::action(QMenu *menu, const QString &text) const
{
    const QList<QAction *> actions = menu->actions();
    for (QAction *a : actions) {
        if (a->text() == text)
            return a;
    }
    return nullptr;
}

void TestLogView::ctrlCCopiesTheSelectedRowsPayloads()
{
    QGuiApplication::clipboard()->clear();
    clickRow(2);
    clickRow(0, Qt::ControlModifier);
    QCOMPARE(m_view->selectionModel()->selectedRows().size(), 2);
    QTest::keyClick(m_view, Qt::Key_C, Qt::ControlModifier);
    QCOMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("first\nthird"));
    clickRow(0);
    clickRow(1, Qt::ShiftModifier);
    QTest::keyClick(m_view, Qt::Key_C, Qt::ControlModifier);
    QCOMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("first\n01 02"));
}

void TestLogView::contextMenuCopiesRowsAsJson()
{
    clickRow(0);
    clickRow(3, Qt::ControlModifier);
    std::unique_ptr<QMenu> menu(m_view->createContextMenu(m_log->index(3, 0)));
    QVERIFY(action(menu.get(), QStringLiteral("Copy 2 Payloads")));
    QAction *json = action(menu.get(), QStringLiteral("Copy 2 Rows as JSON"));
    QVERIFY(json);
    json->trigger();
    const QStringList lines =
        QGuiApplication::clipboard()->text().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 2);
    QVERIFY2(lines.at(0).contains(QStringLiteral("\"payload\":\"first\"")),
             qPrintable(lines.at(0)));
    QVERIFY2(lines.at(1).contains(QStringLiteral("\"kind\":\"error\"")), qPrintable(lines.at(1)));
}

void TestLogView::contextMenuPutsAMessageIntoTheComposer()
{
    QSignalSpy compose(m_view, &LogView::composeRequested);
    clickRow(1);
    std::unique_ptr<QMenu> menu(m_view->createContextMenu(m_log->index(1, 0)));
    action(menu.get(), QStringLiteral("Put into Composer"))->trigger();
    QCOMPARE(compose.count(), 1);
    QCOMPARE(compose.at(0).at(1).value<PayloadFormat>(), PayloadFormat::Hex);
    QCOMPARE(compose.at(0).at(0).toString(), QStringLiteral("01 02"));
    std::unique_ptr<QMenu> onText(m_view->createContextMenu(m_log->index(2, 0)));
    action(onText.get(), QStringLiteral("Put into Composer"))->trigger();
    QCOMPARE(compose.at(1).at(1).value<PayloadFormat>(), PayloadFormat::Text);
    QCOMPARE(compose.at(1).at(0).toString(), QStringLiteral("third"));
    // An error row is no message.
    std::unique_ptr<QMenu> onError(m_view->createContextMenu(m_log->index(3, 0)));
    QVERIFY(!action(onError.get(), QStringLiteral("Put into Composer"))->isEnabled());
}

void TestLogView::contextMenuAsksForAFilter()
{
    QSignalSpy directions(m_view, &LogView::directionFilterRequested);
    QSignalSpy kinds(m_view, &LogView::kindFilterRequested);
    std::unique_ptr<QMenu> menu(m_view->createContextMenu(m_log->index(1, 0)));
    action(menu.get(), QStringLiteral("Show Only \"received\" Rows"))->trigger();
    action(menu.get(), QStringLiteral("Show Only \"binary\" Rows"))->trigger();
    QCOMPARE(directions.count(), 1);
    QCOMPARE(directions.at(0).at(0).value<Direction>(), Direction::Received);
    QCOMPARE(kinds.count(), 1);
    QCOMPARE(kinds.at(0).at(0).value<EventKind>(), EventKind::Binary);
}

QTEST_MAIN(TestLogView)
#include "tst_logview.moc"
