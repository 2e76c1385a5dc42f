// The profile form, offscreen: a URL typed without ws:// gets an offer to add it, one
// click away; and a problem coming and going moves nothing in the form (its room is
// kept), so a click aimed at a field still lands on it. An Authorization header typed
// in is proposed as secret, and the user's untick wins.
#include "namevaluetable.h"
#include "profileeditor.h"
#include "profiles/profile.h"
#include "widgettesthelpers.h"

#include <QApplication>
#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableWidget>
#include <QTest>
#include <QWheelEvent>

class TestProfileEditor : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void suggestedUrls_data();
    void suggestedUrls();
    void urlWithoutSchemeIsOfferedWs();
    void problemsMoveNothing();
    void wheelOverASpinBoxChangesNothing();
    void anExtensionsHeaderIsSentWithAWarning();
    void authorizationHeaderIsProposedAsSecret();
    void urlTemplateIsShownResolved();

private:
    /// The editor as the main window uses it: an edit is checked, and refused if bad.
    void checkEdits(ProfileEditor *editor);
    /// Shows the profile "Feed" on ws://example.com/ in @p editor, @p width wide (its
    /// size hint's width when 0), and waits until it is on screen.
    void showFeed(ProfileEditor *editor, int width = 0);
};

void TestProfileEditor::suggestedUrls_data()
{
    QTest::addColumn<QString>("typed");
    QTest::addColumn<QString>("suggested");
    QTest::addColumn<QString>("problem");
    const QString noScheme = QStringLiteral("The URL must start with ws:// or wss://.");
    QTest::newRow("host:port") << "127.0.0.1:8765"
                               << "ws://127.0.0.1:8765" << noScheme;
    QTest::newRow("name:port/path") << "localhost:8765/feed"
                                    << "ws://localhost:8765/feed" << noScheme;
    QTest::newRow("http") << "http://example.com/x"
                          << "ws://example.com/x"
                          << "The URL must start with ws:// or wss://, not http://.";
    QTest::newRow("https") << "HTTPS://example.com"
                           << "wss://example.com"
                           << "The URL must start with ws:// or wss://, not https://.";
    QTest::newRow("ws already") << "ws://example.com"
                                << ""
                                << "";
    QTest::newRow("ftp") << "ftp://example.com"
                         << ""
                         << "The URL must start with ws:// or wss://, not ftp://.";
    QTest::newRow("not a URL either") << "exa mple:80"
                                      << "" << noScheme;
    QTest::newRow("empty") << ""
                           << ""
                           << "The URL is empty.";
}

void TestProfileEditor::suggestedUrls()
{
    QFETCH(QString, typed);
    QFETCH(QString, suggested);
    QFETCH(QString, problem);
    QCOMPARE(Profile::suggestedUrl(typed), suggested);
    QCOMPARE(Profile::urlProblem(QUrl(typed)), problem);
}

void TestProfileEditor::checkEdits(ProfileEditor *editor)
{
    connect(editor, &ProfileEditor::profileEdited, editor,
            [editor](const Profile &p) { editor->showProblem(p.problem()); });
}

void TestProfileEditor::showFeed(ProfileEditor *editor, int width)
{
    Profile p;
    p.name = QStringLiteral("Feed");
    p.url = QUrl(QStringLiteral("ws://example.com/"));
    editor->setProfile(p, QUrl());
    if (width > 0)
        editor->resize(width, editor->sizeHint().height());
    editor->show();
    QVERIFY(QTest::qWaitForWindowExposed(editor));
}

void TestProfileEditor::urlWithoutSchemeIsOfferedWs()
{
    ProfileEditor editor;
    checkEdits(&editor);
    QSignalSpy edits(&editor, &ProfileEditor::profileEdited);
    showFeed(&editor);
    auto *url = named<QLineEdit>(&editor, QStringLiteral("URL"));
    auto *offer = named<QPushButton>(&editor, QStringLiteral("Use the suggested URL"));
    auto *problem = named<QLabel>(&editor, QStringLiteral("Profile problem"));
    QVERIFY(url && offer && problem);
    QVERIFY(!offer->isVisible());
    url->selectAll();
    QTest::keyClicks(url, QStringLiteral("127.0.0.1:8765"));
    QTest::keyClick(url, Qt::Key_Return);
    QVERIFY2(problem->text().contains(QStringLiteral("must start with ws:// or wss://.")),
             qPrintable(problem->text()));
    QVERIFY(offer->isVisible());
    QCOMPARE(offer->text(), QStringLiteral("Use ws://"));
    QVERIFY2(offer->toolTip().contains(QStringLiteral("ws://127.0.0.1:8765")),
             qPrintable(offer->toolTip()));
    QTest::mouseClick(offer, Qt::LeftButton);
    QCOMPARE(url->text(), QStringLiteral("ws://127.0.0.1:8765"));
    QCOMPARE(edits.constLast().at(0).value<Profile>().url,
             QUrl(QStringLiteral("ws://127.0.0.1:8765")));
    QCOMPARE(problem->text(), QString());
    QVERIFY(!offer->isVisible());
}

void TestProfileEditor::anExtensionsHeaderIsSentWithAWarning()
{
    ProfileEditor editor;
    checkEdits(&editor);
    QSignalSpy edits(&editor, &ProfileEditor::profileEdited);
    showFeed(&editor);
    auto *warning = named<QLabel>(&editor, QStringLiteral("Header warning"));
    QVERIFY(!warning->isVisible());
    auto *headers = named<QTableWidget>(&editor, QStringLiteral("Handshake headers"));
    QTest::mouseClick(named<QPushButton>(&editor, QStringLiteral("Add header")), Qt::LeftButton);
    headers->setItem(0, 1, new QTableWidgetItem(QStringLiteral("permessage-deflate")));
    headers->setItem(0, 0, new QTableWidgetItem(QStringLiteral("sec-websocket-extensions")));
    QVERIFY(warning->isVisible());
    QVERIFY2(warning->text().contains(QLatin1String("RSV1")), qPrintable(warning->text()));
    // Sent, not refused: the profile takes it.
    QCOMPARE(edits.constLast().at(0).value<Profile>().headers.value(0).value,
             QStringLiteral("permessage-deflate"));
    QCOMPARE(named<QLabel>(&editor, QStringLiteral("Profile problem"))->text(), QString());
    headers->item(0, 0)->setText(QStringLiteral("X-Other"));
    QVERIFY(!warning->isVisible());
}

void TestProfileEditor::authorizationHeaderIsProposedAsSecret()
{
    ProfileEditor editor;
    checkEdits(&editor);
    QSignalSpy edits(&editor, &ProfileEditor::profileEdited);
    showFeed(&editor);
    auto *headers = named<QTableWidget>(&editor, QStringLiteral("Handshake headers"));
    QVERIFY(!headers->isColumnHidden(NameValueTable::SecretColumn));
    QTest::mouseClick(named<QPushButton>(&editor, QStringLiteral("Add header")), Qt::LeftButton);
    QTRY_VERIFY(QApplication::focusWidget() && headers->isAncestorOf(QApplication::focusWidget()));
    QTest::keyClicks(QApplication::focusWidget(), QStringLiteral("Authorization"));
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
    QTRY_VERIFY(QApplication::focusWidget() && headers->isAncestorOf(QApplication::focusWidget()));
    QTest::keyClicks(QApplication::focusWidget(), QStringLiteral("Bearer abc"));
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);
    QTRY_COMPARE(edits.constLast().at(0).value<Profile>().headers.value(0).value,
                 QStringLiteral("Bearer abc"));
    QVERIFY(edits.constLast().at(0).value<Profile>().headers.value(0).secret);
    QTableWidgetItem *secret = headers->item(0, NameValueTable::SecretColumn);
    QCOMPARE(secret->checkState(), Qt::Checked);
    QCOMPARE(secret->data(Qt::AccessibleTextRole).toString(), QStringLiteral("secret"));

    // The user unticks it, with the keyboard: it stays plain, even when renamed.
    headers->setCurrentCell(0, NameValueTable::SecretColumn);
    headers->setFocus();
    QTest::keyClick(headers, Qt::Key_Space);
    QCOMPARE(secret->checkState(), Qt::Unchecked);
    QVERIFY(!edits.constLast().at(0).value<Profile>().headers.value(0).secret);
    headers->item(0, 0)->setText(QStringLiteral("Proxy-Authorization"));
    QVERIFY(!edits.constLast().at(0).value<Profile>().headers.value(0).secret);
}

void TestProfileEditor::urlTemplateIsShownResolved()
{
    ProfileEditor editor;
    checkEdits(&editor);
    QSignalSpy edits(&editor, &ProfileEditor::profileEdited);
    showFeed(&editor);
    auto *url = named<QLineEdit>(&editor, QStringLiteral("URL"));
    auto *resolved = named<QLabel>(&editor, QStringLiteral("Resolved URL"));
    QVERIFY(!resolved->isVisible()); // a plain URL
    editor.setEnvironment(
        Environment{QStringLiteral("staging"),
                    {Variable(QStringLiteral("host"), QStringLiteral("stg.example.com")),
                     Variable(QStringLiteral("token"), QStringLiteral("s3cr3t"), true)}});
    url->selectAll();
    QTest::keyClicks(url, QStringLiteral("wss://{{host}}/feed?t={{token}}"));
    QVERIFY(resolved->isVisible());
    QCOMPARE(resolved->text(),
             QStringLiteral("→ wss://stg.example.com/feed?t=••• (environment staging)"));
    QTest::keyClick(url, Qt::Key_Return);
    // The template is kept as typed, not percent-encoded by QUrl.
    QCOMPARE(edits.constLast().at(0).value<Profile>().urlTemplate,
             QStringLiteral("wss://{{host}}/feed?t={{token}}"));
    QCOMPARE(named<QLabel>(&editor, QStringLiteral("Profile problem"))->text(), QString());
    editor.setEnvironment(std::nullopt);
    QVERIFY2(resolved->text().contains(QLatin1String("host")) &&
                 resolved->text().contains(QLatin1String("no environment")),
             qPrintable(resolved->text()));
}

void TestProfileEditor::problemsMoveNothing()
{
    ProfileEditor editor;
    checkEdits(&editor);
    showFeed(&editor, 360);
    auto *url = named<QLineEdit>(&editor, QStringLiteral("URL"));
    auto *secrets = named<QCheckBox>(&editor, QStringLiteral("Show secrets in log"));
    const QRect urlBefore = url->geometry();
    const QRect secretsBefore = secrets->geometry();
    const QSize hintBefore = editor.sizeHint();
    url->selectAll();
    QTest::keyClicks(url, QStringLiteral("127.0.0.1:8765"));
    QTest::keyClick(url, Qt::Key_Return);
    QVERIFY(!named<QLabel>(&editor, QStringLiteral("Profile problem"))->text().isEmpty());
    QCoreApplication::processEvents();
    QCOMPARE(url->geometry(), urlBefore);
    QCOMPARE(secrets->geometry(), secretsBefore);
    QCOMPARE(editor.sizeHint(), hintBefore);
}

void TestProfileEditor::wheelOverASpinBoxChangesNothing()
{
    ProfileEditor editor;
    QSignalSpy edits(&editor, &ProfileEditor::profileEdited);
    showFeed(&editor);
    auto *box = named<QSpinBox>(&editor, QStringLiteral("Incoming message limit"));
    QVERIFY(box && !box->hasFocus());
    const int before = box->value();
    // A wheel turned over it while scrolling the form: nothing changes, nothing is saved.
    QWheelEvent wheel(QPointF(5, 5), box->mapToGlobal(QPointF(5, 5)), QPoint(), QPoint(0, -120),
                      Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(box, &wheel);
    QCOMPARE(box->value(), before);
    QCOMPARE(edits.count(), 0);
    // Once it has the focus, the wheel is for it.
    box->setFocus();
    QTRY_VERIFY(box->hasFocus());
    QWheelEvent again(QPointF(5, 5), box->mapToGlobal(QPointF(5, 5)), QPoint(), QPoint(0, -120),
                      Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(box, &again);
    QVERIFY(box->value() != before);
}

QTEST_MAIN(TestProfileEditor)
#include "tst_profileeditor.moc"
