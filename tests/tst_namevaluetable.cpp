// NameValueTable, the editor of handshake headers and environment variables: rows in and
// out with their keychain references, Secret proposed from the name until the user
// decides, and a secret's value never on screen nor read out by a screen reader.
#include "namevaluetable.h"
#include "profiles/profile.h"

#include <QApplication>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTest>

class TestNameValueTable : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void rowsKeepTheirSecretAndReference();
    void aSecretNameIsProposedUntilTheUserDecides();
    void aSecretValueIsNeverShownNorRead();
};

void TestNameValueTable::rowsKeepTheirSecretAndReference()
{
    NameValueTable table(QStringLiteral("Headers"), HandshakeHeader::proposedSecret);
    const QList<NameValueRow> rows{
        {QStringLiteral("Authorization"), QStringLiteral("Bearer x"), true, QStringLiteral("r-1")},
        {QStringLiteral("X-Trace"), QStringLiteral("on"), false, QString()}};
    QSignalSpy edited(&table, &NameValueTable::edited);
    table.setRows(rows);
    QCOMPARE(edited.count(), 0); // loading is not an edit
    const QList<NameValueRow> out = table.rows();
    QCOMPARE(out.size(), 2);
    QCOMPARE(out[0].secretRef, QStringLiteral("r-1"));
    QVERIFY(out[0].secret);
    QVERIFY(!out[1].secret);
    table.addEmptyRow();
    QCOMPARE(table.rows().size(), 2); // a row being filled in is no row yet
}

void TestNameValueTable::aSecretNameIsProposedUntilTheUserDecides()
{
    NameValueTable table(QStringLiteral("Headers"), HandshakeHeader::proposedSecret);
    table.addEmptyRow();
    table.item(0, NameValueTable::NameColumn)->setText(QStringLiteral("X-Api-Key"));
    QVERIFY(table.isSecretRow(0));
    table.item(0, NameValueTable::NameColumn)->setText(QStringLiteral("X-Trace"));
    QVERIFY(!table.isSecretRow(0)); // still a proposal: it follows the name
    table.item(0, NameValueTable::SecretColumn)->setCheckState(Qt::Checked); // the user's
    table.item(0, NameValueTable::NameColumn)->setText(QStringLiteral("X-Other"));
    QVERIFY(table.isSecretRow(0));
    // A loaded row was decided already: renaming it proposes nothing.
    table.setRows({{QStringLiteral("X-Plain"), QStringLiteral("v"), false, QString()}});
    table.item(0, NameValueTable::NameColumn)->setText(QStringLiteral("Cookie"));
    QVERIFY(!table.isSecretRow(0));
}

void TestNameValueTable::aSecretValueIsNeverShownNorRead()
{
    NameValueTable table(QStringLiteral("Headers"), HandshakeHeader::proposedSecret);
    table.setRows({{QStringLiteral("Authorization"), QStringLiteral("Bearer s3cr3t"), true,
                    QStringLiteral("r-1")}});
    const QModelIndex value = table.model()->index(0, NameValueTable::ValueColumn);
    QStyleOptionViewItem option;
    auto *delegate = static_cast<SecretValueDelegate *>(
        table.itemDelegateForColumn(NameValueTable::ValueColumn));
    delegate->initStyleOption(&option, value);
    QCOMPARE(option.text, QStringLiteral("\u2022\u2022\u2022"));
    QCOMPARE(value.data(Qt::AccessibleTextRole).toString(), QStringLiteral("\u2022\u2022\u2022"));
    QWidget *editor = delegate->createEditor(table.viewport(), option, value);
    QCOMPARE(editor->property("echoMode").toInt(), int(QLineEdit::Password));
    delete editor;
    table.item(0, NameValueTable::SecretColumn)->setCheckState(Qt::Unchecked);
    delegate->initStyleOption(&option, value);
    QCOMPARE(option.text, QStringLiteral("Bearer s3cr3t"));
    QVERIFY(value.data(Qt::AccessibleTextRole).isNull());
}

QTEST_MAIN(TestNameValueTable)
#include "tst_namevaluetable.moc"
