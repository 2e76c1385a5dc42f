// DetailPane with hostile sizes: a multi-megabyte one-line text is shown unwrapped and
// cut (QPlainTextEdit's wrapping is quadratic in a line's length), a long summary never
// widens the window, and a payload the log did not keep says so.
#include "detailpane.h"
#include "widgettesthelpers.h"

#include <QLabel>
#include <QPlainTextEdit>
#include <QTest>

namespace {

LogEvent textEvent(const QByteArray &payload)
{
    LogEvent e;
    e.timestampMs = 1700000000123;
    e.direction = Direction::Received;
    e.kind = EventKind::Text;
    e.payload = payload;
    e.sizeBytes = payload.size();
    return e;
}

QPlainTextEdit *textOf(DetailPane &pane)
{
    return pane.findChild<QPlainTextEdit *>();
}

QLabel *summaryOf(DetailPane &pane)
{
    return named<QLabel>(&pane, QStringLiteral("Selected message"));
}

} // namespace

class TestDetailPane : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void longLineIsShownUnwrappedAndCut();
    void ordinaryTextWraps();
    void summaryNeverWidensThePane();
    void payloadNotKeptSaysSo();
    void closeFrameSummaryNamesNoSizeItDoesNotKnow();
};

void TestDetailPane::longLineIsShownUnwrappedAndCut()
{
    DetailPane pane;
    pane.resize(800, 300);
    pane.show();
    pane.setEvent(textEvent(QByteArray(4 << 20, 't')));
    QCOMPARE(textOf(pane)->lineWrapMode(), QPlainTextEdit::NoWrap);
    QCOMPARE(pane.shownText().size(), DetailPane::MaxShownBytes);
    QVERIFY2(summaryOf(pane)->text().contains(QLatin1String("long lines not wrapped")),
             qPrintable(summaryOf(pane)->text()));
    QVERIFY(summaryOf(pane)->text().contains(QLatin1String("first 1,048,576 bytes shown")));
}

void TestDetailPane::ordinaryTextWraps()
{
    DetailPane pane;
    pane.setEvent(textEvent(QByteArray(4 << 20, 't')));
    QByteArray lines;
    for (int i = 0; i < 1000; ++i)
        lines += QByteArray(200, 'a') + '\n';
    pane.setEvent(textEvent(lines));
    QCOMPARE(textOf(pane)->lineWrapMode(), QPlainTextEdit::WidgetWidth);
    QVERIFY(!summaryOf(pane)->text().contains(QLatin1String("not wrapped")));
}

void TestDetailPane::summaryNeverWidensThePane()
{
    DetailPane pane;
    pane.setEvent(textEvent("short"));
    const int before = pane.sizeHint().width();
    pane.setEvent(textEvent(QByteArray(4 << 20, 't'))); // the longest summary there is
    QVERIFY2(pane.sizeHint().width() <= before,
             qPrintable(QStringLiteral("%1 > %2").arg(pane.sizeHint().width()).arg(before)));
    QVERIFY(summaryOf(pane)->toolTip().contains(QLatin1String("1,048,576")));
}

void TestDetailPane::payloadNotKeptSaysSo()
{
    DetailPane pane;
    LogEvent e = textEvent(QByteArray());
    e.sizeBytes = 300 << 20;
    e.payloadKept = false;
    pane.setEvent(e);
    QCOMPARE(pane.shownText(), QStringLiteral("payload not kept (over the log's memory budget)"));
    QVERIFY(summaryOf(pane)->text().contains(QLatin1String("payload not kept")));
}

void TestDetailPane::closeFrameSummaryNamesNoSizeItDoesNotKnow()
{
    DetailPane pane;
    LogEvent e;
    e.direction = Direction::Received;
    e.kind = EventKind::CloseReceived;
    e.closeCode = 1000;
    e.sizeBytes = UnknownSize; // QtWebSockets 6.4's 1000 for an empty close frame
    pane.setEvent(e);
    const QString summary = summaryOf(pane)->text();
    QVERIFY2(summary.startsWith(QLatin1String("close received, size not known, ")),
             qPrintable(summary));
    QVERIFY2(!summary.contains(QLatin1String("-1")), qPrintable(summary));
}

QTEST_MAIN(TestDetailPane)
#include "tst_detailpane.moc"
