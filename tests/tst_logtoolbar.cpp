// A tab's log toolbar against an in-process QWebSocketServer: Pause holds rows back and
// Resume shows them, Follow stops when scrolled up and comes back, Clear empties the
// log, and Export writes every row, or the shown ones as CSV.
#include "log/logexporter.h"
#include "log/logfiltermodel.h"
#include "logview.h"
#include "widgettesthelpers.h"

#include <QFile>
#include <QProgressBar>
#include <QScrollBar>
#include <QSignalSpy>

class TestLogToolbar : public QObject, private TabFixture
{
    Q_OBJECT
private Q_SLOTS:
    void init() { setUpTab(); }
    void cleanup() { tearDownTab(); }
    void pauseHoldsRowsAndFollowStopsWhenScrolledUp();
    void exportWritesEveryRow();
};

void TestLogToolbar::pauseHoldsRowsAndFollowStopsWhenScrolledUp()
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

void TestLogToolbar::exportWritesEveryRow()
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

QTEST_MAIN(TestLogToolbar)
#include "tst_logtoolbar.moc"
