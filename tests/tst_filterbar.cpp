// A tab's filter bar against an in-process QWebSocketServer: text, direction and
// regular expression filters, a bad pattern reported with the last good filter kept,
// and new rows filtered as they arrive.
#include "log/logfiltermodel.h"
#include "widgettesthelpers.h"

#include <QCheckBox>

class TestFilterBar : public QObject, private TabFixture
{
    Q_OBJECT
private Q_SLOTS:
    void init() { setUpTab(); }
    void cleanup() { tearDownTab(); }
    void filterBarFiltersAndReportsBadPatterns();
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

QTEST_MAIN(TestFilterBar)
#include "tst_filterbar.moc"
