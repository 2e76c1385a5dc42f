// The Environments dialog and the active-environment chooser, offscreen, from the
// keyboard: an environment created, named and given variables (a token proposed as
// secret); a name clash or a bad variable name refused with OK disabled; a rename that
// keeps the environment active; a delete that asks, naming what is lost; and the chooser
// making an environment active in the model, and following the model's changes.
#include "environmentchooser.h"
#include "environmenteditor.h"
#include "namevaluetable.h"
#include "profiles/profilemodel.h"
#include "widgettesthelpers.h"

#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QTest>
#include <QTimer>

namespace {

EnvironmentSet twoEnvironments()
{
    EnvironmentSet set;
    set.environments = {
        Environment{QStringLiteral("local"),
                    {Variable(QStringLiteral("host"), QStringLiteral("127.0.0.1"))}},
        Environment{QStringLiteral("staging"),
                    {Variable(QStringLiteral("host"), QStringLiteral("stg"))}}};
    set.active = QStringLiteral("staging");
    return set;
}

QWidget *focused()
{
    return QApplication::focusWidget();
}

} // namespace

class TestEnvironmentEditor : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void createdFromTheKeyboard();
    void clashesAndBadNamesAreRefused();
    void renameKeepsItActive();
    void deleteAsksNamingWhatIsLost();
    void chooserSetsTheActiveEnvironment();
};

void TestEnvironmentEditor::createdFromTheKeyboard()
{
    EnvironmentEditor editor{EnvironmentSet()};
    editor.show();
    QApplication::setActiveWindow(&editor); // shortcuts work in the active window
    QVERIFY(QTest::qWaitForWindowActive(&editor));
    auto *list = named<QListWidget>(&editor, QStringLiteral("Environment list"));
    auto *table = named<NameValueTable>(&editor, QStringLiteral("Variables"));
    QVERIFY(list && table);
    QVERIFY(!table->isEnabled());                               // nothing to hold variables yet
    QTest::keyClick(focused(), Qt::Key_N, Qt::ControlModifier); // New, named in place
    QTRY_COMPARE(list->count(), 1); // a button's shortcut clicks it after 100 ms
    QTRY_VERIFY(focused() && list->isAncestorOf(focused()) && focused() != list);
    QTest::keyClicks(focused(), QStringLiteral("staging"));
    QTest::keyClick(focused(), Qt::Key_Return);
    QTest::keyClick(focused(), Qt::Key_Insert); // Add variable
    QTRY_COMPARE(table->rowCount(), 1);
    QTRY_VERIFY(focused() && table->isAncestorOf(focused()));
    QTest::keyClicks(focused(), QStringLiteral("apiToken"));
    QPointer<QWidget> nameEditor = focused();
    QTest::keyClick(focused(), Qt::Key_Tab);
    QTRY_VERIFY(focused() && focused() != nameEditor && table->isAncestorOf(focused()));
    QTest::keyClicks(focused(), QStringLiteral("t0k"));
    QTest::keyClick(focused(), Qt::Key_Return); // the delegate commits from the event loop
    QTRY_COMPARE(table->rows().value(0).value, QStringLiteral("t0k"));
    QVERIFY(editor.isVisible()); // Return took the value, not the dialog's OK

    const EnvironmentSet set = editor.environments();
    QCOMPARE(set.environments.size(), 1);
    QCOMPARE(set.environments.at(0).name, QStringLiteral("staging"));
    QCOMPARE(set.environments.at(0).variables.size(), 1);
    const Variable v = set.environments.at(0).variables.at(0);
    QCOMPARE(v.name, QStringLiteral("apiToken"));
    QCOMPARE(v.value, QStringLiteral("t0k"));
    QVERIFY(v.secret); // proposed: its name holds "token"
    QVERIFY(editor.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->isEnabled());
}

void TestEnvironmentEditor::clashesAndBadNamesAreRefused()
{
    EnvironmentEditor editor{twoEnvironments()};
    QPushButton *ok = editor.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
    auto *problem = named<QLabel>(&editor, QStringLiteral("Environment problem"));
    auto *list = named<QListWidget>(&editor, QStringLiteral("Environment list"));
    QVERIFY(ok->isEnabled());
    list->item(1)->setText(QStringLiteral("local"));
    QVERIFY(!ok->isEnabled());
    QVERIFY2(problem->text().contains(QLatin1String("Two environments are named \"local\"")),
             qPrintable(problem->text()));
    list->item(1)->setText(QStringLiteral("prod"));
    QVERIFY(ok->isEnabled());
    QCOMPARE(problem->text(), QString());

    auto *table = named<NameValueTable>(&editor, QStringLiteral("Variables"));
    table->item(0, NameValueTable::NameColumn)->setText(QStringLiteral("1host"));
    QVERIFY(!ok->isEnabled());
    QVERIFY2(problem->text().contains(QLatin1String("\"1host\" cannot name a variable")),
             qPrintable(problem->text()));
}

void TestEnvironmentEditor::renameKeepsItActive()
{
    EnvironmentEditor editor{twoEnvironments()};
    auto *list = named<QListWidget>(&editor, QStringLiteral("Environment list"));
    QCOMPARE(list->currentRow(), 1); // the active one is shown first
    list->item(1)->setText(QStringLiteral("stage"));
    QCOMPARE(editor.environments().active, QStringLiteral("stage"));
    // Variables edited in one environment stay with it when another is selected.
    auto *table = named<NameValueTable>(&editor, QStringLiteral("Variables"));
    table->item(0, NameValueTable::ValueColumn)->setText(QStringLiteral("stg2"));
    list->setCurrentRow(0);
    QCOMPARE(editor.environments().environments.at(1).variables.at(0).value,
             QStringLiteral("stg2"));
    QCOMPARE(editor.environments().environments.at(0).variables.at(0).value,
             QStringLiteral("127.0.0.1"));
}

void TestEnvironmentEditor::deleteAsksNamingWhatIsLost()
{
    EnvironmentEditor editor{twoEnvironments()};
    editor.show();
    QVERIFY(QTest::qWaitForWindowExposed(&editor));
    auto *remove = named<QPushButton>(&editor, QStringLiteral("Delete environment"));
    QString asked;
    const auto answer = [&asked](QMessageBox::StandardButton button) {
        QTimer::singleShot(0, qApp, [&asked, button] {
            auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
            QVERIFY(box);
            asked = box->text();
            box->button(button)->click();
        });
    };
    answer(QMessageBox::No);
    remove->click();
    QCOMPARE(asked, QStringLiteral("Delete the environment \"staging\" and its 1 variable(s)?"));
    QCOMPARE(editor.environments().environments.size(), 2);
    answer(QMessageBox::Yes);
    remove->click();
    QCOMPARE(editor.environments().environments.size(), 1);
    QCOMPARE(editor.environments().active, QString()); // the active one is gone
}

void TestEnvironmentEditor::chooserSetsTheActiveEnvironment()
{
    ProfileModel profiles;
    profiles.setEnvironments(twoEnvironments());
    EnvironmentChooser chooser(&profiles);
    auto *box = named<QComboBox>(&chooser, QStringLiteral("Environment"));
    QVERIFY(named<QPushButton>(&chooser, QStringLiteral("Edit environments")));
    QCOMPARE(box->count(), 3);
    QCOMPARE(box->currentText(), QStringLiteral("staging"));
    box->setFocus();
    chooser.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chooser));
    QTest::keyClick(box, Qt::Key_Up); // to "local", from the keyboard
    QCOMPARE(profiles.environments().active, QStringLiteral("local"));
    QTest::keyClick(box, Qt::Key_Up);
    QCOMPARE(profiles.environments().active, QString()); // "No environment"
    EnvironmentSet renamed = profiles.environments();
    renamed.environments[1].name = QStringLiteral("prod");
    renamed.active = QStringLiteral("prod");
    profiles.setEnvironments(renamed);
    QCOMPARE(box->currentText(), QStringLiteral("prod"));
}

QTEST_MAIN(TestEnvironmentEditor)
#include "tst_environmenteditor.moc"
