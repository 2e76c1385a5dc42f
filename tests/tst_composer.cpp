// A tab's composer, snippet bar included, against an in-process QWebSocketServer: hex
// and base64 sent as binary, bad hex or base64 sending nothing, a file sent as one
// binary message, Up/Down history, a refusal that goes once its text is edited, and
// snippets saved with the profile. What the server received is what is asserted.
#include "messageedit.h"
#include "widgettesthelpers.h"

#include <QFile>
#include <QFontMetrics>

class TestComposer : public QObject, private TabFixture
{
    Q_OBJECT
private Q_SLOTS:
    void init() { setUpTab(); }
    void cleanup() { tearDownTab(); }
    void hexAndBase64AreSentAsBinary();
    void badHexOrBase64SendsNothing();
    void fileIsSentAsOneBinaryMessage();
    void upAndDownRecallEarlierMessages();
    void multiLineMessageIsSentAsTyped();
    void composerRefusalGoesWithItsText();
    void snippetsAreStoredWithTheProfile();
};

void TestComposer::hexAndBase64AreSentAsBinary()
{
    sendComposer(QStringLiteral("Hex"), QStringLiteral("de ad 0xbe,ef 00"));
    sendComposer(QStringLiteral("Base64"), QStringLiteral("SGVsbG8="));
    QTRY_COMPARE(m_server->binaries.size(), 2);
    QCOMPARE(m_server->binaries.at(0), QByteArray::fromHex("deadbeef00"));
    QCOMPARE(m_server->binaries.at(1), QByteArray("Hello"));
    QVERIFY(named<MessageEdit>(m_tab, QStringLiteral("Message"))->text().isEmpty());
}

void TestComposer::badHexOrBase64SendsNothing()
{
    auto *message = named<MessageEdit>(m_tab, QStringLiteral("Message"));
    auto *status = named<QLabel>(m_tab, QStringLiteral("Status"));
    sendComposer(QStringLiteral("Hex"), QStringLiteral("de ad g0"));
    QVERIFY2(status->text().contains(QStringLiteral("not a hex digit")),
             qPrintable(status->text()));
    QCOMPARE(message->text(), QStringLiteral("de ad g0")); // kept for fixing
    sendComposer(QStringLiteral("Base64"), QStringLiteral("SGV*"));
    QVERIFY(status->text().contains(QStringLiteral("not a base64 character")));
    // A text message after them proves the connection carried nothing else.
    sendComposer(QStringLiteral("Text"), QStringLiteral("marker"));
    QTRY_COMPARE(m_server->texts, QStringList{QStringLiteral("marker")});
    QVERIFY(m_server->binaries.isEmpty());
}

void TestComposer::fileIsSentAsOneBinaryMessage()
{
    const QString path = m_dir->filePath(QStringLiteral("payload.bin"));
    QByteArray bytes;
    for (int i = 0; i < 300000; ++i)
        bytes.append(char(i * 7));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(bytes);
    f.close();
    QVERIFY(m_tab->sendFile(path));
    QTRY_COMPARE(m_server->binaries.size(), 1);
    QCOMPARE(m_server->binaries.at(0), bytes);
    // Too big: refused before reading, nothing sent.
    const QString big = m_dir->filePath(QStringLiteral("big.bin"));
    QFile b(big);
    QVERIFY(b.open(QIODevice::WriteOnly));
    QVERIFY(b.resize(SessionTab::MaxFileBytes + 1));
    b.close();
    QVERIFY(!m_tab->sendFile(big));
    QVERIFY(!m_tab->sendFile(m_dir->filePath(QStringLiteral("missing.bin"))));
    QTRY_COMPARE(m_server->binaries.size(), 1);
    QCOMPARE(m_server->binaries.at(0), bytes);
}

void TestComposer::upAndDownRecallEarlierMessages()
{
    auto *message = named<MessageEdit>(m_tab, QStringLiteral("Message"));
    auto *format = named<QComboBox>(m_tab, QStringLiteral("Message format"));
    sendComposer(QStringLiteral("Text"), QStringLiteral("one"));
    sendComposer(QStringLiteral("Hex"), QStringLiteral("0a 0b"));
    sendComposer(QStringLiteral("Text"), QStringLiteral("three"));
    typeText(message, QStringLiteral("draft"));
    QTest::keyClick(message, Qt::Key_Up);
    QCOMPARE(message->text(), QStringLiteral("three"));
    QTest::keyClick(message, Qt::Key_Up);
    QCOMPARE(message->text(), QStringLiteral("0a 0b"));
    QCOMPARE(format->currentText(), QStringLiteral("Hex"));
    QTest::keyClick(message, Qt::Key_Up);
    QTest::keyClick(message, Qt::Key_Up); // stays on the oldest
    QCOMPARE(message->text(), QStringLiteral("one"));
    QTest::keyClick(message, Qt::Key_Down);
    QTest::keyClick(message, Qt::Key_Down);
    QTest::keyClick(message, Qt::Key_Down);
    QCOMPARE(message->text(), QStringLiteral("draft"));
}

void TestComposer::multiLineMessageIsSentAsTyped()
{
    auto *message = named<MessageEdit>(m_tab, QStringLiteral("Message"));
    // Monospaced as drawn (QFontInfo::fixedPitch depends on the font's metadata: it is
    // false for Debian's Noto Sans Mono, a fixed-width font).
    const QFontMetrics metrics(message->font());
    QCOMPARE(metrics.horizontalAdvance(QLatin1Char('i')),
             metrics.horizontalAdvance(QLatin1Char('W')));
    QVERIFY2(message->placeholderText().contains(QStringLiteral("Shift+Enter")),
             qPrintable(message->placeholderText()));
    message->setFocus();
    typeText(message, QStringLiteral("{"));
    QTest::keyClick(message, Qt::Key_Return, Qt::ShiftModifier);
    typeText(message, QStringLiteral("  \"a\": 1,"));
    QTest::keyClick(message, Qt::Key_Return, Qt::ShiftModifier);
    typeText(message, QStringLiteral("}"));
    // Up and Down move within the text; they recall history only from its first or last
    // line.
    QTest::keyClick(message, Qt::Key_Up);
    QCOMPARE(message->textCursor().blockNumber(), 1);
    QCOMPARE(message->text(), QStringLiteral("{\n  \"a\": 1,\n}"));
    QTest::keyClick(message, Qt::Key_Return);
    QTRY_COMPARE(m_server->texts, QStringList{QStringLiteral("{\n  \"a\": 1,\n}")});
    QVERIFY(message->text().isEmpty());
    // Pasted text keeps its lines too.
    message->insertPlainText(QStringLiteral("line 1\nline 2"));
    QTest::mouseClick(named<QPushButton>(m_tab, QStringLiteral("Send")), Qt::LeftButton);
    QTRY_COMPARE(m_server->texts.size(), 2);
    QCOMPARE(m_server->texts.at(1), QStringLiteral("line 1\nline 2"));
}

void TestComposer::composerRefusalGoesWithItsText()
{
    auto *status = named<QLabel>(m_tab, QStringLiteral("Status"));
    QVERIFY(status);
    sendComposer(QStringLiteral("Hex"), QStringLiteral("zz"));
    QVERIFY2(status->text().startsWith(QLatin1String("Not sent: ")), qPrintable(status->text()));
    auto *message = named<MessageEdit>(m_tab, QStringLiteral("Message"));
    message->selectAll();
    QTest::keyClick(message, Qt::Key_Delete); // the refused text is gone: so is the refusal
    QCOMPARE(status->text(), QString());
}

void TestComposer::snippetsAreStoredWithTheProfile()
{
    auto *message = named<MessageEdit>(m_tab, QStringLiteral("Message"));
    auto *format = named<QComboBox>(m_tab, QStringLiteral("Message format"));
    auto *snippets = named<QComboBox>(m_tab, QStringLiteral("Snippets"));
    QVERIFY(snippets);
    format->setCurrentIndex(format->findText(QStringLiteral("Hex")));
    typeText(message, QStringLiteral("01 02 03"));
    QTest::mouseClick(named<QPushButton>(m_tab, QStringLiteral("Save snippet")), Qt::LeftButton);
    format->setCurrentIndex(format->findText(QStringLiteral("Text")));
    message->clear();
    typeText(message, QStringLiteral("{\"op\":\"subscribe\"}"));
    QTest::mouseClick(named<QPushButton>(m_tab, QStringLiteral("Save snippet")), Qt::LeftButton);
    const Profile p = m_profiles->profile(m_profiles->rowOfId(m_tab->profileId()));
    QCOMPARE(p.snippets.size(), 2);
    QCOMPARE(p.snippets.at(0).payload, QStringLiteral("01 02 03"));
    QCOMPARE(p.snippets.at(0).format, PayloadFormat::Hex);
    QCOMPARE(snippets->count(), 2);
    // The autosave file has them.
    QFile file(m_profiles->autosavePath());
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray saved = file.readAll();
    QVERIFY(saved.contains("\"format\": \"hex\""));
    QVERIFY(saved.contains("subscribe"));
    // Choosing one fills the composer, format included.
    message->clear();
    snippets->setCurrentIndex(0);
    Q_EMIT snippets->activated(0);
    QCOMPARE(message->text(), QStringLiteral("01 02 03"));
    QCOMPARE(format->currentText(), QStringLiteral("Hex"));
    QTest::mouseClick(named<QPushButton>(m_tab, QStringLiteral("Send")), Qt::LeftButton);
    QTRY_COMPARE(m_server->binaries, QList<QByteArray>{QByteArray::fromHex("010203")});
    // Delete removes the chosen one from the profile.
    snippets->setCurrentIndex(0);
    QTest::mouseClick(named<QPushButton>(m_tab, QStringLiteral("Delete snippet")), Qt::LeftButton);
    QCOMPARE(m_profiles->profile(m_profiles->rowOfId(m_tab->profileId())).snippets.size(), 1);
}

QTEST_MAIN(TestComposer)
#include "tst_composer.moc"
