// Accessibility of the main window with a tab open, as a screen reader meets it: every
// interactive widget has an accessible name, and every combo box says what it is, not
// only its current value (on Linux, through a label relation).
#include "widgettesthelpers.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAbstractSpinBox>
#include <QAccessible>
#include <QComboBox>
#include <QLineEdit>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QTest>

class TestAccessibility : public QObject, public WindowFixture
{
    Q_OBJECT
private Q_SLOTS:
    void init() { setUpWindow(); }
    void cleanup() { tearDownWindow(); }
    void everyInteractiveWidgetHasAnAccessibleName();
    void comboBoxesSayWhatTheyAre();
};

void TestAccessibility::everyInteractiveWidgetHasAnAccessibleName()
{
    m_window->openProfile(0);
    for (const QString &name :
         {QStringLiteral("URL"), QStringLiteral("Connect"), QStringLiteral("Message"),
          QStringLiteral("Send"), QStringLiteral("Close code"), QStringLiteral("Close reason"),
          QStringLiteral("Close"), QStringLiteral("Stop"), QStringLiteral("Profiles"),
          QStringLiteral("New"), QStringLiteral("Duplicate"), QStringLiteral("Rename"),
          QStringLiteral("Delete"), QStringLiteral("Open"), QStringLiteral("Message log"),
          QStringLiteral("Connection state"), QStringLiteral("TLS not verified"),
          QStringLiteral("Profile name")}) {
        QVERIFY2(named<QWidget>(m_window, name), qPrintable(name));
    }
    QStringList unnamed;
    const QList<QWidget *> widgets = m_window->findChildren<QWidget *>();
    for (QWidget *w : widgets) {
        const bool interactive =
            qobject_cast<QAbstractButton *>(w) || qobject_cast<QLineEdit *>(w) ||
            qobject_cast<QComboBox *>(w) || qobject_cast<QAbstractSpinBox *>(w) ||
            qobject_cast<QAbstractItemView *>(w) || qobject_cast<QPlainTextEdit *>(w);
        // Qt's own inner parts (a spin box's line edit, a header's buttons) are named
        // through their owner.
        // A combo box's popup list sits inside a container window of the combo's.
        bool inComboBox = false;
        for (QWidget *p = w->parentWidget(); p && !inComboBox; p = p->parentWidget())
            inComboBox = qobject_cast<QComboBox *>(p) != nullptr;
        const bool inner = inComboBox || qobject_cast<QAbstractSpinBox *>(w->parentWidget()) ||
                           qobject_cast<QLineEdit *>(w->parentWidget()) ||
                           qobject_cast<QMenuBar *>(w->parentWidget()) ||
                           qobject_cast<QAbstractItemView *>(w->parentWidget()) ||
                           (w->parentWidget() &&
                            qobject_cast<QAbstractItemView *>(w->parentWidget()->parentWidget()));
        if (interactive && !inner && w->accessibleName().isEmpty())
            unnamed.append(QString::fromLatin1(w->metaObject()->className()) + QLatin1Char(' ') +
                           w->objectName());
    }
    QVERIFY2(unnamed.isEmpty(), qPrintable(unnamed.join(QStringLiteral(", "))));
}

void TestAccessibility::comboBoxesSayWhatTheyAre()
{
    m_window->openProfile(0);
    const QList<QComboBox *> combos = m_window->findChildren<QComboBox *>();
    QVERIFY(combos.size() >= 5);
    QStringList unlabelled;
    for (QComboBox *combo : combos) {
        QAccessibleInterface *iface = QAccessible::queryAccessibleInterface(combo);
        QVERIFY(iface);
        // Qt on Linux names a combo box by its current text ("Text", "1000 Normal
        // Closure"); what it is comes from the label it is the buddy of.
        const auto labels = iface->relations(QAccessible::Label);
        QString said;
        if (!labels.isEmpty())
            said = labels.constFirst().first->text(QAccessible::Name);
        said.remove(QLatin1Char('&')).remove(QLatin1Char(':'));
        if (said.isEmpty() || said.compare(combo->accessibleName(), Qt::CaseInsensitive) != 0)
            unlabelled.append(combo->accessibleName() + QStringLiteral(" (label: ") + said +
                              QLatin1Char(')'));
    }
    QVERIFY2(unlabelled.isEmpty(), qPrintable(unlabelled.join(QStringLiteral(", "))));
}

QTEST_MAIN(TestAccessibility)
#include "tst_accessibility.moc"
