// The main window at the sizes people use: 800x600 and 1920x1080, with a tab open and
// the profiles panel shown, and at 200% scale (QT_SCALE_FACTOR=2: 800x600 logical
// pixels then take 1600x1200). Nothing may need more room than the window has: no
// widget is squeezed below what it needs or cut off at the window's edge, the close
// reason field keeps room for about 25 characters, and the profile form fits its panel
// without scrolling sideways.
#include "closecontrols.h"
#include "connectiontabs.h"
#include "profileeditor.h"
#include "recordedtab.h"
#include "widgettesthelpers.h"

#include <QAbstractButton>
#include <QLineEdit>
#include <QScreen>
#include <QScrollArea>
#include <QScrollBar>

namespace {

/// "ClassName 'accessible name' needs WxH, has WxH" for each visible widget under
/// @p root that is narrower or lower than its minimum size hint, or reaches past
/// @p root's right or bottom edge (widgets inside a scroll area's viewport excepted).
QStringList squeezed(QWidget *root)
{
    QStringList out;
    const QList<QWidget *> widgets = root->findChildren<QWidget *>();
    for (QWidget *w : widgets) {
        if (!w->isVisibleTo(root) || w->isWindow())
            continue;
        bool scrolled = false;
        for (QWidget *p = w->parentWidget(); p && p != root && !scrolled; p = p->parentWidget())
            scrolled = qobject_cast<QAbstractScrollArea *>(p->parentWidget()) != nullptr &&
                       p == static_cast<QAbstractScrollArea *>(p->parentWidget())->viewport();
        if (scrolled)
            continue;
        const bool interactive = qobject_cast<QAbstractButton *>(w) ||
                                 qobject_cast<QLineEdit *>(w) || qobject_cast<QComboBox *>(w);
        const QSize need = w->minimumSizeHint().expandedTo(w->minimumSize());
        const QRect inRoot(w->mapTo(root, QPoint(0, 0)), w->size());
        const bool cut = inRoot.right() > root->width() || inRoot.bottom() > root->height();
        const bool tooSmall = interactive &&
                              w->sizePolicy().horizontalPolicy() != QSizePolicy::Ignored &&
                              (w->width() < need.width() || w->height() < need.height());
        if (cut || tooSmall)
            out.append(
                QStringLiteral("%1 '%2' needs %3x%4, has %5x%6 at %7,%8")
                    .arg(QString::fromLatin1(w->metaObject()->className()), w->accessibleName())
                    .arg(need.width())
                    .arg(need.height())
                    .arg(w->width())
                    .arg(w->height())
                    .arg(inRoot.x())
                    .arg(inRoot.y()));
    }
    return out;
}

/// What each part of @p tab and of the window needs at least, for a failure message.
QString minimumSizes(QWidget *window, QWidget *tab)
{
    QStringList parts;
    QList<QWidget *> widgets = tab->findChildren<QWidget *>(Qt::FindDirectChildrenOnly);
    widgets.prepend(tab);
    for (QWidget *p = tab->parentWidget(); p && p != window; p = p->parentWidget())
        widgets.prepend(p);
    for (QWidget *w : std::as_const(widgets)) {
        if (!w->isVisibleTo(window))
            continue;
        const QSize m = w->minimumSizeHint().expandedTo(w->minimumSize());
        parts.append(QStringLiteral("%1 %2x%3")
                         .arg(QString::fromLatin1(w->metaObject()->className()))
                         .arg(m.width())
                         .arg(m.height()));
    }
    return parts.join(QStringLiteral(", "));
}

} // namespace

class TestWindowSizes : public QObject, public WindowFixture
{
    Q_OBJECT
private Q_SLOTS:
    void init() { setUpWindow(); }
    void cleanup() { tearDownWindow(); }
    void opensWithinItsScreen();
    void fits_data();
    void fits();
    void profileFormFitsItsPanel_data() { fits_data(); }
    void profileFormFitsItsPanel();
    void recordedTabFits_data() { fits_data(); }
    void recordedTabFits();
};

/// A first start on a small display (the offscreen platform's is 800x600) opens a
/// window the display holds whole, not 1200x760 with its right and bottom cut off.
void TestWindowSizes::opensWithinItsScreen()
{
    const QSize room = m_window->screen()->availableGeometry().size();
    QVERIFY2(m_window->width() <= room.width() && m_window->height() <= room.height(),
             qPrintable(QStringLiteral("%1x%2 on a %3x%4 screen")
                            .arg(m_window->width())
                            .arg(m_window->height())
                            .arg(room.width())
                            .arg(room.height())));
}

void TestWindowSizes::fits_data()
{
    QTest::addColumn<QSize>("size");
    QTest::newRow("800x600") << QSize(800, 600);
    QTest::newRow("1920x1080") << QSize(1920, 1080);
}

void TestWindowSizes::fits()
{
    QFETCH(QSize, size);
    SessionTab *tab = m_window->openProfile(0);
    QVERIFY(tab);
    const QSize minimum = m_window->minimumSizeHint().expandedTo(m_window->minimumSize());
    QVERIFY2(minimum.width() <= size.width() && minimum.height() <= size.height(),
             qPrintable(QStringLiteral("the window needs at least %1x%2: %3")
                            .arg(minimum.width())
                            .arg(minimum.height())
                            .arg(minimumSizes(m_window, tab))));
    m_window->resize(size);
    QTRY_COMPARE(m_window->size(), size);
    QCoreApplication::processEvents();
    const QStringList problems = squeezed(m_window);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    auto *reason = named<QLineEdit>(tab, QStringLiteral("Close reason"));
    QVERIFY(reason->width() >= reason->fontMetrics().horizontalAdvance(QLatin1Char('x')) *
                                   CloseControls::MinReasonChars);
}

/// A HAR's recorded tab (File > Import Profiles…) needs no more room than a live one.
void TestWindowSizes::recordedTabFits()
{
    QFETCH(QSize, size);
    QVERIFY(
        m_window->importProfilesFile(QStringLiteral(SOCKSCOPE_TEST_DATA "/chrome-websocket.har")));
    QVERIFY(qobject_cast<RecordedTab *>(m_window->tabs()->currentWidget()));
    m_window->resize(size);
    QTRY_COMPARE(m_window->size(), size);
    QCoreApplication::processEvents();
    const QStringList problems = squeezed(m_window);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
}

/// The form scrolls down in a short window, but never sideways: a field half out of
/// view to the right is missed (its widest widgets set the panel's least width).
void TestWindowSizes::profileFormFitsItsPanel()
{
    QFETCH(QSize, size);
    QVERIFY(m_window->openProfile(0));
    m_window->resize(size);
    QTRY_COMPARE(m_window->size(), size);
    QCoreApplication::processEvents();
    auto *editor = m_window->findChild<ProfileEditor *>();
    QVERIFY(editor && editor->isVisible());
    auto *area = qobject_cast<QScrollArea *>(editor->parentWidget()->parentWidget());
    QVERIFY(area && area->widget() == editor);
    QStringList wide; // what needs more than the viewport gives, for the failure message
    const QList<QWidget *> widgets = editor->findChildren<QWidget *>();
    for (QWidget *w : widgets) {
        const int need = w->minimumSizeHint().expandedTo(w->minimumSize()).width();
        if (w->isVisibleTo(editor) && need > area->viewport()->width())
            wide.append(
                QStringLiteral("%1 '%2' needs %3")
                    .arg(QString::fromLatin1(w->metaObject()->className()), w->accessibleName())
                    .arg(need));
    }
    QVERIFY2(editor->minimumSizeHint().width() <= area->viewport()->width(),
             qPrintable(QStringLiteral("the form needs %1 px, its viewport is %2: %3")
                            .arg(editor->minimumSizeHint().width())
                            .arg(area->viewport()->width())
                            .arg(wide.join(QStringLiteral(", ")))));
    QVERIFY(!area->horizontalScrollBar()->isVisible());
    QCOMPARE(editor->width(), area->viewport()->width());
    // Nor does anything inside it, such as the headers table's columns.
    const QList<QAbstractScrollArea *> inner = editor->findChildren<QAbstractScrollArea *>();
    for (QAbstractScrollArea *a : inner)
        QVERIFY2(!a->isVisibleTo(editor) || !a->horizontalScrollBar()->isVisible(),
                 qPrintable(a->accessibleName()));
}

QTEST_MAIN(TestWindowSizes)
#include "tst_windowsizes.moc"
