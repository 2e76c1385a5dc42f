// File > Export Profiles…'s dialog, offscreen: the selected profile ticked, others ticked
// with Space from the keyboard, the environments offered only when there are some, and
// Export… refused while nothing is ticked; then the file written through
// ProfilesFileActions holds what was ticked.
#include "exportprofilesdialog.h"
#include "profiles/profilemodel.h"
#include "profiles/profilestore.h"
#include "profilesfileactions.h"
#include "widgettesthelpers.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QListWidget>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>

class TestExportProfiles : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void ticksAndWrites();
};

void TestExportProfiles::ticksAndWrites()
{
    QTemporaryDir dir;
    ProfileModel profiles;
    QCOMPARE(profiles.loadAutosave(dir.filePath(QStringLiteral("p.json"))), QString());
    profiles.createProfile();
    profiles.createProfile();
    ExportProfilesDialog dialog(&profiles, 1);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto *list = named<QListWidget>(&dialog, QStringLiteral("Profiles to export"));
    auto *environments = named<QCheckBox>(&dialog, QStringLiteral("Export the environments"));
    QPushButton *ok = dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
    QCOMPARE(list->count(), 3);
    QCOMPARE(dialog.rows(), QList<int>{1});
    QVERIFY(!environments->isEnabled()); // there are none
    QVERIFY(ok->isEnabled());
    list->setFocus();
    list->setCurrentRow(1);
    QTest::keyClick(list, Qt::Key_Space); // unticks it
    QVERIFY(dialog.rows().isEmpty());
    QVERIFY(!ok->isEnabled());
    list->setCurrentRow(2);
    QTest::keyClick(list, Qt::Key_Space);
    QCOMPARE(dialog.rows(), QList<int>{2});
    QVERIFY(ok->isEnabled());

    QWidget window;
    ProfilesFileActions actions(&profiles, &window);
    const QString path = dir.filePath(QStringLiteral("shared.json"));
    QVERIFY(actions.exportProfiles(dialog.rows(), dialog.withEnvironments(), path));
    const ProfileStore::LoadResult shared = ProfileStore::load(path);
    QCOMPARE(shared.profiles.size(), 1);
    QCOMPARE(shared.profiles.at(0).name, profiles.profile(2).name);
}

QTEST_MAIN(TestExportProfiles)
#include "tst_exportprofiles.moc"
