// The profiles file as a user handles it (issue 10, item 1): Open replaces the profiles
// only after a question that names what happens, and follows the file; Import adds and
// renames; Save As switches the autosave file and says so; the last good file is kept
// as .bak; with autosave off an indicator stays, and quitting asks.
#include "connectiontabs.h"
#include "mainwindow.h"
#include "profiles/profilemodel.h"
#include "profiles/profilestore.h"
#include "widgettesthelpers.h"

#include <QApplication>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QTabBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

namespace {

/// Answers the next modal question with @p button and keeps its text in @p text.
void answerNextQuestion(QMessageBox::StandardButton button, QString *text)
{
    QTimer::singleShot(0, qApp, [button, text] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (!box) {
            answerNextQuestion(button, text); // not shown yet: try on the next turn
            return;
        }
        *text = box->text();
        box->button(button)->click();
    });
}

Profile named(const QString &name)
{
    Profile p;
    p.name = name;
    p.url = QUrl(QStringLiteral("ws://127.0.0.1:9/") + name);
    return p;
}

QStringList names(const ProfileModel &model)
{
    QStringList out;
    for (const Profile &p : model.profiles())
        out.append(p.name);
    return out;
}

QByteArray bytesOf(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TestProfilesFile : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { useTestSettings(m_settings, QStringLiteral("tst_profilesfile")); }
    void init();
    void cleanup();
    void openAsksThenReplacesAndFollowsTheFile();
    void importAddsAndRenamesOnAClash();
    void saveAsSwitchesTheAutosaveFile();
    void lastGoodFileIsKeptAsBackup();
    void autosaveOffStaysVisibleAndQuittingAsks();
    void openedFileIsUsedAtTheNextStartAndTabsFollowNames();

private:
    QString path(const QString &name) const { return m_dir->filePath(name); }
    QTemporaryDir m_settings;
    QTemporaryDir *m_dir = nullptr;
    ProfileModel *m_profiles = nullptr;
    MainWindow *m_window = nullptr;
};

void TestProfilesFile::init()
{
    QSettings().clear();
    m_dir = new QTemporaryDir;
    QCOMPARE(ProfileStore::save(path(QStringLiteral("profiles.json")),
                                {named(QStringLiteral("A")), named(QStringLiteral("B")),
                                 named(QStringLiteral("Feed"))}),
             QString());
    m_profiles = new ProfileModel;
    QCOMPARE(m_profiles->loadAutosave(path(QStringLiteral("profiles.json"))), QString());
    m_window = new MainWindow(m_profiles, QUrl());
    m_window->show();
}

void TestProfilesFile::cleanup()
{
    delete m_window;
    delete m_profiles;
    delete m_dir;
}

void TestProfilesFile::openAsksThenReplacesAndFollowsTheFile()
{
    const QString other = path(QStringLiteral("other.json"));
    QCOMPARE(ProfileStore::save(other, {named(QStringLiteral("Only"))}), QString());
    QString question;
    answerNextQuestion(QMessageBox::No, &question);
    QVERIFY(!m_window->openProfilesFile(other));
    QCOMPARE(names(*m_profiles), (QStringList{"A", "B", "Feed"})); // No changes nothing
    QVERIFY2(question.contains(QLatin1String("replace the 3 profiles shown here")),
             qPrintable(question));
    QVERIFY(question.contains(QLatin1String("stay saved in")));

    answerNextQuestion(QMessageBox::Yes, &question);
    QVERIFY(m_window->openProfilesFile(other));
    QCOMPARE(names(*m_profiles), QStringList{"Only"});
    QCOMPARE(m_profiles->autosavePath(), other);
    // The empty window no longer points at a Local echo that is gone.
    const QString hint = named<QLabel>(m_window, QStringLiteral("No connection open"))->text();
    QVERIFY2(!hint.contains(QLatin1String("echo")), qPrintable(hint));
    // The set that was shown is still where it was saved.
    QCOMPARE(ProfileStore::load(path(QStringLiteral("profiles.json"))).profiles.size(), 3);
    m_profiles->createProfile(); // and changes now go to the opened file
    QCOMPARE(ProfileStore::load(other).profiles.size(), 2);
}

void TestProfilesFile::importAddsAndRenamesOnAClash()
{
    const QString other = path(QStringLiteral("import.json"));
    QCOMPARE(ProfileStore::save(other, {named(QStringLiteral("Feed")), named(QStringLiteral("C"))}),
             QString());
    QVERIFY(m_window->importProfilesFile(other));
    QCOMPARE(names(*m_profiles), (QStringList{"A", "B", "Feed", "Feed (2)", "C"}));
    QCOMPARE(m_profiles->autosavePath(), path(QStringLiteral("profiles.json")));
    QCOMPARE(ProfileStore::load(m_profiles->autosavePath()).profiles.size(), 5);
    QCOMPARE(ProfileStore::load(other).profiles.size(), 2); // the imported file untouched
}

void TestProfilesFile::saveAsSwitchesTheAutosaveFile()
{
    const QByteArray original = bytesOf(path(QStringLiteral("profiles.json")));
    const QString copy = path(QStringLiteral("copy.json"));
    QVERIFY(m_window->saveProfilesFile(copy));
    QCOMPARE(m_profiles->autosavePath(), copy);
    m_profiles->removeProfile(0);
    QCOMPARE(ProfileStore::load(copy).profiles.size(), 2);
    QCOMPARE(bytesOf(path(QStringLiteral("profiles.json"))), original); // left as it was
}

void TestProfilesFile::lastGoodFileIsKeptAsBackup()
{
    const QString file = path(QStringLiteral("profiles.json"));
    const QByteArray before = bytesOf(file);
    m_profiles->removeProfile(2);
    m_profiles->removeProfile(1);
    const QString backup = ProfileStore::backupPath(file);
    QCOMPARE(bytesOf(backup), before); // the file as it was before its first replace
    QVERIFY(!(QFileInfo(backup).permissions() &
              (QFileDevice::ReadGroup | QFileDevice::ReadOther | QFileDevice::WriteOther)));
    QCOMPARE(ProfileStore::load(file).profiles.size(), 1);
}

void TestProfilesFile::autosaveOffStaysVisibleAndQuittingAsks()
{
    const QString broken = path(QStringLiteral("broken.json"));
    QFile f(broken);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("{ not json");
    f.close();
    ProfileModel model;
    QVERIFY(!model.loadAutosave(broken).isEmpty());
    MainWindow window(&model, QUrl());
    window.show();
    auto *indicator = named<QLabel>(&window, QStringLiteral("Autosave state"));
    QVERIFY(indicator && indicator->isVisible());
    QVERIFY2(indicator->text().contains(QLatin1String("Autosave off")),
             qPrintable(indicator->text()));
    QVERIFY(window.close()); // nothing to lose yet
    window.show();
    model.createProfile();
    QVERIFY(model.hasUnsavedChanges());
    QString question;
    answerNextQuestion(QMessageBox::No, &question);
    QVERIFY(!window.close()); // No keeps the window
    QVERIFY2(question.contains(QLatin1String("\"New profile\"")), qPrintable(question));
    QCOMPARE(bytesOf(broken), QByteArray("{ not json")); // never overwritten
    QVERIFY(window.saveProfilesFile(path(QStringLiteral("rescued.json"))));
    QVERIFY(!model.hasUnsavedChanges());
    QVERIFY(!indicator->isVisible());
    QVERIFY(window.close());
}

void TestProfilesFile::openedFileIsUsedAtTheNextStartAndTabsFollowNames()
{
    SessionTab *tab = m_window->openProfile(2); // "Feed"
    QVERIFY(tab);
    QTabBar *bar = m_window->tabs()->tabBar();
    const QString other = path(QStringLiteral("other.json"));
    QCOMPARE(
        ProfileStore::save(other, {named(QStringLiteral("Only")), named(QStringLiteral("Feed"))}),
        QString());
    QString question;
    answerNextQuestion(QMessageBox::Yes, &question);
    QVERIFY(m_window->openProfilesFile(other));
    // The open tab follows the profile of its name in the opened file; not "(deleted)".
    QCOMPARE(bar->tabText(0), QStringLiteral("Feed"));
    QCOMPARE(tab->profileId(), m_profiles->idAt(1));
    // The next start uses the opened file...
    const QString remembered =
        QSettings().value(QLatin1String(ProfileStore::LastFileKey)).toString();
    QCOMPARE(remembered, QFileInfo(other).absoluteFilePath());
    const QString usual = path(QStringLiteral("profiles.json"));
    ProfileStore::StartupFile start = ProfileStore::chooseStartupFile(QString(), remembered, usual);
    QCOMPARE(start.path, remembered);
    QVERIFY(start.note.isEmpty());
    // ...unless the command line names one, or the file is gone, which is said.
    QCOMPARE(ProfileStore::chooseStartupFile(usual, remembered, usual).path, usual);
    QVERIFY(QFile::remove(other));
    start = ProfileStore::chooseStartupFile(QString(), remembered, usual);
    QCOMPARE(start.path, usual);
    QVERIFY2(start.note.contains(QLatin1String("is gone")), qPrintable(start.note));
    QVERIFY(!QFile::exists(other)); // not created again
}

QTEST_MAIN(TestProfilesFile)
#include "tst_profilesfile.moc"
