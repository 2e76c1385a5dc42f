// A tab's filter bar against an in-process QWebSocketServer: text, direction and
// regular expression filters, a bad pattern reported with the last good filter kept,
// new rows filtered as they arrive; and the log's context menu asking for a filter or
// putting a message back into the composer.
#include "log/logfiltermodel.h"
#include "logview.h"
#include "messageedit.h"
#include "widgettesthelpers.h"

#include <QAction>
#include <QCheckBox>
#include <QMenu>

class TestFilterBar : public QObject, private TabFixture
{
    Q_OBJECT
private Q_SLOTS:
    void init() { setUpTab(); }
    void cleanup() { tearDownTab(); }
    void filterBarFiltersAndReportsBadPatterns();
    void logContextMenuFiltersAndFillsTheComposer();
};

void TestFilterBar::filterBarFiltersAndReportsBadPatterns()
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

void TestFilterBar::logContextMenuFiltersAndFillsTheComposer()
{
    sendComposer(QStringLiteral("Hex"), QStringLiteral("01 02"));
    sendComposer(QStringLiteral("Text"), QStringLiteral("resend me"));
    QTRY_COMPARE(m_server->texts.size(), 1);
    LogView *view = m_tab->logView();
    QTRY_COMPARE(view->model()->rowCount(), 5); // opened, 2 sent, 2 echoed
    const auto trigger = [view](int row, const QString &text) {
        std::unique_ptr<QMenu> menu(view->createContextMenu(view->model()->index(row, 0)));
        const QList<QAction *> actions = menu->actions();
        for (QAction *a : actions) {
            if (a->text() == text) {
                a->trigger();
                return true;
            }
        }
        return false;
    };
    const auto rowOf = [view](Direction direction, const QByteArray &payload) {
        for (int row = 0; row < view->model()->rowCount(); ++row) {
            const QModelIndex i = view->model()->index(row, 0);
            if (i.data(MessageLog::DirectionRole).toInt() == int(direction) &&
                i.data(MessageLog::PayloadRole).toByteArray() == payload)
                return row;
        }
        return -1;
    };
    // The text the client sent: into the composer, to send again.
    QVERIFY(trigger(rowOf(Direction::Sent, "resend me"), QStringLiteral("Put into Composer")));
    QCOMPARE(named<MessageEdit>(m_tab, QStringLiteral("Message"))->text(),
             QStringLiteral("resend me"));
    QCOMPARE(named<QComboBox>(m_tab, QStringLiteral("Message format"))->currentText(),
             QStringLiteral("Text"));
    QTest::mouseClick(named<QPushButton>(m_tab, QStringLiteral("Send")), Qt::LeftButton);
    QTRY_COMPARE(m_server->texts.size(), 2);
    QCOMPARE(m_server->texts.at(1), QStringLiteral("resend me"));
    // The binary echo the server sent: show only what was received, then only binary.
    QVERIFY(trigger(rowOf(Direction::Received, "\x01\x02"),
                    QStringLiteral("Show Only \"received\" Rows")));
    QCOMPARE(named<QComboBox>(m_tab, QStringLiteral("Direction filter"))->currentText(),
             QStringLiteral("Received"));
    QVERIFY(trigger(0, QStringLiteral("Show Only \"binary\" Rows")));
    QCOMPARE(named<QComboBox>(m_tab, QStringLiteral("Kind filter"))->currentText(),
             QStringLiteral("Binary"));
    QTRY_COMPARE(view->model()->rowCount(), 1);
    QCOMPARE(view->model()->index(0, 0).data(MessageLog::PayloadRole).toByteArray(),
             QByteArray("\x01\x02"));
}

QTEST_MAIN(TestFilterBar)
#include "tst_filterbar.moc"
