// ProfileModel, without widgets: autosave of every change, unique and non-empty names,
// a failed import that changes nothing; and snippet editing: the name a saved snippet gets, a
// same-named one replaced, a payload that does not parse refused with nothing changed,
// removal, and the refusals of a missing profile or snippet. Each change is autosaved.
#include "profiles/profilemodel.h"
#include "profiles/profilestore.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

class TestProfileModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void snippetNameIsTheTextCutWithAnEllipsis_data();
    void snippetNameIsTheTextCutWithAnEllipsis();
    void savedSnippetIsAppendedOrReplacesItsName();
    void payloadThatDoesNotParseIsNotSaved();
    void removedSnippetIsGone();
    void missingProfileOrSnippetIsRefused();
    void missingAutosaveFileGivesLocalEcho();
    void autosavesEveryChange();
    void failedImportChangesNothing();
    void namesStayUniqueAndNonEmpty();
    void exportsChosenProfilesWithoutSecretValues();

private:
    QList<Snippet> snippets() const { return m_profiles->profile(m_row).snippets; }

    QTemporaryDir *m_dir = nullptr;
    ProfileModel *m_profiles = nullptr;
    int m_row = -1;
};

void TestProfileModel::exportsChosenProfilesWithoutSecretValues()
{
    Profile p = m_profiles->profile(m_row);
    p.headers = {HandshakeHeader(QStringLiteral("Authorization"), QStringLiteral("Bearer xyz-9"),
                                 true, QStringLiteral("ref-a"))};
    QCOMPARE(m_profiles->updateProfile(m_row, p), QString());
    EnvironmentSet set;
    set.environments = {Environment{
        QStringLiteral("staging"),
        {Variable(QStringLiteral("token"), QStringLiteral("tok-9"), true, QStringLiteral("ref-b")),
         Variable(QStringLiteral("host"), QStringLiteral("stg"))}}};
    m_profiles->setEnvironments(set);
    const QString path = m_dir->filePath(QStringLiteral("shared.json"));
    QCOMPARE(m_profiles->exportProfiles({m_row}, true, path), QString());
    const ProfileStore::LoadResult shared = ProfileStore::load(path);
    QVERIFY2(shared.ok, qPrintable(shared.error));
    QCOMPARE(shared.profiles.size(), 1); // only the chosen one
    QCOMPARE(shared.profiles.at(0).name, p.name);
    QCOMPARE(shared.profiles.at(0).headers.at(0).secretRef, QStringLiteral("ref-a"));
    QCOMPARE(shared.profiles.at(0).headers.at(0).value, QString());
    QCOMPARE(shared.environments.environments.at(0).variables.at(1).value, QStringLiteral("stg"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    QVERIFY(!bytes.contains("xyz-9") && !bytes.contains("tok-9"));

    QCOMPARE(m_profiles->exportProfiles({0, m_row}, false, path), QString());
    const ProfileStore::LoadResult without = ProfileStore::load(path);
    QCOMPARE(without.profiles.size(), 2);
    QVERIFY(without.environments.environments.isEmpty());
    QVERIFY(!m_profiles->exportProfiles({}, true, path).isEmpty());
}

void TestProfileModel::init()
{
    m_dir = new QTemporaryDir;
    m_profiles = new ProfileModel;
    QCOMPARE(m_profiles->loadAutosave(m_dir->filePath(QStringLiteral("profiles.json"))), QString());
    m_row = m_profiles->createProfile();
}

void TestProfileModel::cleanup()
{
    delete m_profiles;
    delete m_dir;
}

void TestProfileModel::snippetNameIsTheTextCutWithAnEllipsis_data()
{
    QTest::addColumn<QString>("payload");
    QTest::addColumn<QString>("name");
    QTest::newRow("short") << QStringLiteral("hello") << QStringLiteral("hello");
    QTest::newRow("white space simplified")
        << QStringLiteral("  {\"op\":\n\t\"sub\"}  ") << QStringLiteral("{\"op\": \"sub\"}");
    QTest::newRow("exactly 40") << QString(40, QLatin1Char('a')) << QString(40, QLatin1Char('a'));
    QTest::newRow("41 cut to 39 and an ellipsis")
        << QString(41, QLatin1Char('a')) << QString(39, QLatin1Char('a')) + QChar(0x2026);
}

void TestProfileModel::snippetNameIsTheTextCutWithAnEllipsis()
{
    QFETCH(QString, payload);
    QFETCH(QString, name);
    QCOMPARE(ProfileModel::snippetName(payload), name);
    QVERIFY(ProfileModel::snippetName(payload).size() <= ProfileModel::MaxSnippetNameChars);
}

void TestProfileModel::savedSnippetIsAppendedOrReplacesItsName()
{
    QSignalSpy changed(m_profiles, &ProfileModel::dataChanged);
    const Snippet hex{QStringLiteral("bytes"), QStringLiteral("01 02"), PayloadFormat::Hex};
    const Snippet text{QStringLiteral("hi"), QStringLiteral("hi"), PayloadFormat::Text};
    QCOMPARE(m_profiles->saveSnippet(m_row, hex), QString());
    QCOMPARE(m_profiles->saveSnippet(m_row, text), QString());
    QCOMPARE(snippets(), (QList<Snippet>{hex, text}));
    QCOMPARE(changed.count(), 2);
    // The same name again replaces the first one, in its place.
    const Snippet base64{QStringLiteral("bytes"), QStringLiteral("AQI="), PayloadFormat::Base64};
    QCOMPARE(m_profiles->saveSnippet(m_row, base64), QString());
    QCOMPARE(snippets(), (QList<Snippet>{base64, text}));
    // Autosaved.
    QFile file(m_profiles->autosavePath());
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray saved = file.readAll();
    QVERIFY(saved.contains("\"format\": \"base64\""));
    QVERIFY(saved.contains("AQI="));
}

void TestProfileModel::payloadThatDoesNotParseIsNotSaved()
{
    const QString problem = m_profiles->saveSnippet(
        m_row, Snippet{QStringLiteral("bad"), QStringLiteral("de ad g0"), PayloadFormat::Hex});
    QVERIFY2(problem.startsWith(QLatin1String("Not saved: ")) &&
                 problem.contains(QLatin1String("not a hex digit")),
             qPrintable(problem));
    QVERIFY(snippets().isEmpty());
    // What the profile itself refuses (a snippet with no name) comes back too.
    QCOMPARE(m_profiles->saveSnippet(m_row, Snippet{QString(), QStringLiteral("x")}),
             QStringLiteral("A snippet has no name."));
    QVERIFY(snippets().isEmpty());
}

void TestProfileModel::removedSnippetIsGone()
{
    const Snippet a{QStringLiteral("a"), QStringLiteral("a")};
    const Snippet b{QStringLiteral("b"), QStringLiteral("b")};
    const Snippet c{QStringLiteral("c"), QStringLiteral("c")};
    for (const Snippet &s : {a, b, c})
        QCOMPARE(m_profiles->saveSnippet(m_row, s), QString());
    QCOMPARE(m_profiles->removeSnippet(m_row, 1), QString());
    QCOMPARE(snippets(), (QList<Snippet>{a, c}));
}

void TestProfileModel::missingProfileOrSnippetIsRefused()
{
    const Snippet a{QStringLiteral("a"), QStringLiteral("a")};
    QVERIFY(!m_profiles->saveSnippet(m_profiles->rowCount(), a).isEmpty());
    QVERIFY(!m_profiles->saveSnippet(-1, a).isEmpty());
    QCOMPARE(m_profiles->saveSnippet(m_row, a), QString());
    QVERIFY(!m_profiles->removeSnippet(m_row, 1).isEmpty());
    QVERIFY(!m_profiles->removeSnippet(m_row, -1).isEmpty());
    QVERIFY(!m_profiles->removeSnippet(m_profiles->rowCount(), 0).isEmpty());
    QCOMPARE(snippets(), QList<Snippet>{a});
}

void TestProfileModel::missingAutosaveFileGivesLocalEcho()
{
    const QString path = m_dir->filePath(QStringLiteral("sub/dir/profiles.json"));
    ProfileModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.loadAutosave(path), QString());
    QVERIFY(!model.autosaveBlocked());
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.profile(0).name, QStringLiteral("Local echo"));
    QVERIFY(model.profile(0).builtInEchoServer);
    QVERIFY(!QFile::exists(path)); // nothing written until something changes
}

void TestProfileModel::autosavesEveryChange()
{
    const QString path = m_dir->filePath(QStringLiteral("autosave.json"));
    ProfileModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.loadAutosave(path), QString());
    const int row = model.createProfile();
    QCOMPARE(model.profile(row).name, QStringLiteral("New profile"));
    Profile p = model.profile(row);
    p.url = QUrl(QStringLiteral("ws://127.0.0.1:1234/x"));
    p.subprotocols = {QStringLiteral("chat")};
    QCOMPARE(model.updateProfile(row, p), QString());
    const int copy = model.duplicateProfile(row);
    QCOMPARE(model.profile(copy).name, QStringLiteral("New profile copy"));
    QCOMPARE(model.renameProfile(copy, QStringLiteral("Copy renamed")), QString());

    ProfileStore::LoadResult saved = ProfileStore::load(path);
    QVERIFY2(saved.ok, qPrintable(saved.error));
    QCOMPARE(saved.profiles, model.profiles());

    model.removeProfile(0);
    saved = ProfileStore::load(path);
    QCOMPARE(saved.profiles.size(), 2);
    QCOMPARE(saved.profiles.at(0).name, QStringLiteral("New profile"));

    // A second model reading the same file sees the same profiles.
    ProfileModel reloaded;
    QCOMPARE(reloaded.loadAutosave(path), QString());
    QCOMPARE(reloaded.profiles(), model.profiles());
}

void TestProfileModel::failedImportChangesNothing()
{
    ProfileModel model;
    const QList<Profile> before = model.profiles();
    const QString error =
        model.importFrom(m_dir->filePath(QStringLiteral("does-not-exist.json"))).error;
    QVERIFY2(error.contains(QStringLiteral("does not exist")), qPrintable(error));
    QCOMPARE(model.profiles(), before);
}

void TestProfileModel::namesStayUniqueAndNonEmpty()
{
    ProfileModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy refused(&model, &ProfileModel::editRefused);
    const int a = model.createProfile();
    const int b = model.createProfile();
    QCOMPARE(model.profile(b).name, QStringLiteral("New profile 2"));
    QVERIFY(
        model.renameProfile(b, model.profile(a).name).contains(QStringLiteral("already exists")));
    QVERIFY(!model.renameProfile(b, QString()).isEmpty());
    QVERIFY(!model.renameProfile(b, QStringLiteral("   ")).isEmpty());
    QCOMPARE(refused.count(), 3);
    QVERIFY(!model.setData(model.index(b), QStringLiteral("Local echo")));
    QVERIFY(model.setData(model.index(b), QStringLiteral("Staging")));
    QCOMPARE(model.profile(b).name, QStringLiteral("Staging"));
    Profile bad = model.profile(b);
    bad.url = QUrl(QStringLiteral("http://example.com/"));
    QVERIFY(model.updateProfile(b, bad).contains(QStringLiteral("ws://")));
    QCOMPARE(model.profile(b).url, QUrl(QStringLiteral("ws://127.0.0.1:8765/")));
}

QTEST_GUILESS_MAIN(TestProfileModel)
#include "tst_profilemodel.moc"
