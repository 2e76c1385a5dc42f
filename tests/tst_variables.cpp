// VariableResolver: {{name}} substitution from an environment, the built-in dynamic
// variables, secrets redacted for the log, and unknown variables refused by name.
#include "profiles/variables.h"

#include <QDateTime>
#include <QRegularExpression>
#include <QTest>

namespace {

Environment staging()
{
    Environment e;
    e.name = QStringLiteral("staging");
    e.variables = {{QStringLiteral("host"), QStringLiteral("staging.example.com"), false},
                   {QStringLiteral("api_token"), QStringLiteral("s3cr3t-T0ken"), true},
                   {QStringLiteral("user.id"), QStringLiteral("42"), false},
                   {QStringLiteral("loop"), QStringLiteral("{{loop}}"), false},
                   {QStringLiteral("empty"), QString(), false}};
    return e;
}

} // namespace

class TestVariables : public QObject
{
    Q_OBJECT
private slots:
    void substitutes_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        QTest::newRow("url") << "wss://{{host}}/ws?id={{user.id}}"
                             << "wss://staging.example.com/ws?id=42";
        QTest::newRow("spaces inside") << "{{ host }}"
                                       << "staging.example.com";
        QTest::newRow("no references") << "plain {text}"
                                       << "plain {text}";
        QTest::newRow("JSON stays JSON") << R"([{{"a":1}}])"
                                         << R"([{{"a":1}}])";
        QTest::newRow("triple braces") << "{{{host}}}"
                                       << "{staging.example.com}";
        QTest::newRow("unclosed") << "{{host"
                                  << "{{host";
        QTest::newRow("one brace") << "{{host}"
                                   << "{{host}";
        QTest::newRow("empty name") << "{{}}"
                                    << "{{}}";
        QTest::newRow("digit first") << "{{1x}}"
                                     << "{{1x}}";
        QTest::newRow("empty value") << "a{{empty}}b"
                                     << "ab";
        QTest::newRow("one pass: a value is not scanned again") << "{{loop}}"
                                                                << "{{loop}}";
        QTest::newRow("adjacent") << "{{user.id}}{{user.id}}"
                                  << "4242";
        QTest::newRow("non-ASCII around") << "é{{user.id}}✓"
                                          << "é42✓";
    }
    void substitutes()
    {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        const Environment env = staging();
        const VariableResolver::Result r = VariableResolver(&env).resolve(text, "the URL");
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.text, expected);
        QCOMPARE(r.redacted, expected);
        QVERIFY(r.error.isEmpty());
        // Every row but the one whose value is itself "{{loop}}" changes where it refers.
        const bool refers = text != expected || text == QLatin1String("{{loop}}");
        QCOMPARE(VariableResolver::hasReferences(text), refers);
    }
    void secretsAreRedactedForTheLog()
    {
        const Environment env = staging();
        const auto r =
            VariableResolver(&env).resolve(u"Bearer {{api_token}} for {{host}}", "header X");
        QVERIFY(r.ok);
        QCOMPARE(r.text, QStringLiteral("Bearer s3cr3t-T0ken for staging.example.com"));
        QCOMPARE(r.redacted, QStringLiteral("Bearer \u2022\u2022\u2022 for staging.example.com"));
        QVERIFY(!r.redacted.contains(QLatin1String("s3cr3t")));
        QVERIFY(r.usedSecret);
        QVERIFY(!VariableResolver(&env).resolve(u"{{host}}", "x").usedSecret);
    }
    void anUnknownVariableIsAnErrorNamingItAndThePlace()
    {
        const Environment env = staging();
        const auto r = VariableResolver(&env).resolve(u"{{host}}/{{missing}}/{{nope}}/{{missing}}",
                                                      QStringLiteral("the URL"));
        QVERIFY(!r.ok);
        QCOMPARE(r.unknown, (QStringList{"missing", "nope"}));
        QCOMPARE(r.error, QStringLiteral("Unknown variables {{missing}}, {{nope}} in the URL "
                                         "(environment \u201cstaging\u201d). Nothing was sent."));
        QVERIFY(r.text.isEmpty());
        QVERIFY(r.redacted.isEmpty());
        const auto one = VariableResolver().resolve(u"{{host}}", QStringLiteral("the message"));
        QCOMPARE(one.error, QStringLiteral("Unknown variable {{host}} in the message (no "
                                           "environment). Nothing was sent."));
        // "$" names only built-ins; a user variable can't shadow one, nor be called "$x".
        QCOMPARE(VariableResolver(&env).resolve(u"{{$nosuch}}", "x").unknown,
                 QStringList{"$nosuch"});
    }
    void builtInDynamicVariables()
    {
        const qint64 before = QDateTime::currentMSecsSinceEpoch();
        const auto r = VariableResolver().resolve(
            u"{{$timestamp}}|{{$isoTimestamp}}|{{$uuid}}|{{$uuid}}|{{$randomInt}}", "x");
        const qint64 after = QDateTime::currentMSecsSinceEpoch();
        QVERIFY2(r.ok, qPrintable(r.error));
        const QStringList parts = r.text.split(QLatin1Char('|'));
        QCOMPARE(parts.size(), 5);
        bool isNumber = false;
        const qint64 ms = parts[0].toLongLong(&isNumber);
        QVERIFY(isNumber);
        QVERIFY(ms >= before && ms <= after);
        // One clock reading per resolve: the ISO form is the same instant.
        QCOMPARE(QDateTime::fromString(parts[1], Qt::ISODateWithMs).toMSecsSinceEpoch(), ms);
        QVERIFY2(parts[1].endsWith(QLatin1Char('Z')), qPrintable(parts[1]));
        const QRegularExpression uuid(QStringLiteral(
            "^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"));
        QVERIFY2(uuid.match(parts[2]).hasMatch(), qPrintable(parts[2]));
        QVERIFY(parts[2] != parts[3]); // evaluated at each use
        const int random = parts[4].toInt(&isNumber);
        QVERIFY(isNumber && random >= 0 && random <= 1000);
        QCOMPARE(VariableResolver::builtInNames().size(), 4);
    }
    void theResultIsBounded()
    {
        Environment env;
        env.name = QStringLiteral("big");
        env.variables = {{QStringLiteral("kib"), QString(1024, QLatin1Char('x')), false}};
        VariableResolver resolver(&env);
        QCOMPARE(resolver.maxResultChars(), VariableResolver::DefaultMaxResultChars);
        resolver.setMaxResultChars(10 * 1024 + 2);
        QString text;
        for (int i = 0; i < 10; ++i)
            text += QStringLiteral("{{kib}}");
        QVERIFY(resolver.resolve(text + QStringLiteral("ab"), QStringLiteral("x")).ok); // exactly
        const auto r =
            resolver.resolve(text + QStringLiteral("abc"), QStringLiteral("the message"));
        QVERIFY(!r.ok);
        QCOMPARE(r.error, QStringLiteral("Substituting the variables in the message makes it "
                                         "longer than 10242 characters."));
        QVERIFY(r.text.isEmpty());
        // 10,000 uses of a 1 KiB value (10 Mi characters) are refused against 1 Mi.
        resolver.setMaxResultChars(1024 * 1024);
        QString many;
        for (int i = 0; i < 10000; ++i)
            many += QStringLiteral("{{kib}}");
        QVERIFY(!resolver.resolve(many, QStringLiteral("x")).ok);
        // The bound counts what the result holds, not the references still to go: two
        // references that come to exactly the bound fit, and an empty value adds nothing.
        env.variables.append({QStringLiteral("none"), QString(), false});
        VariableResolver exact(&env);
        exact.setMaxResultChars(1024);
        QVERIFY(exact.resolve(u"{{kib}}{{none}}", QStringLiteral("x")).ok);
        // Plain text over the bound is refused too.
        QVERIFY(!exact.resolve(QString(1025, QLatin1Char('y')), QStringLiteral("x")).ok);
    }
    void aSecretWithNoValueIsRefusedNotSentEmpty()
    {
        // After a restart a secret's value is not in the profiles file: "Bearer " must
        // not go out.
        Environment env;
        env.name = QStringLiteral("prod");
        env.variables = {{QStringLiteral("api_token"), QString(), true}};
        const auto r = VariableResolver(&env).resolve(u"Bearer {{api_token}}",
                                                      QStringLiteral("header Authorization"));
        QVERIFY(!r.ok);
        QCOMPARE(r.withoutValue, QStringList{"api_token"});
        QCOMPARE(r.error, QStringLiteral("The secret variable {{api_token}} in header "
                                         "Authorization (environment \u201cprod\u201d) has no "
                                         "value in this run: a secret's value is not kept in the "
                                         "profiles file. Nothing was sent."));
        QVERIFY(r.text.isEmpty());
    }
    void aUserVariableNeverShadowsABuiltIn()
    {
        Environment env;
        env.name = QStringLiteral("e");
        env.variables = {{QStringLiteral("$timestamp"), QStringLiteral("not a time"), false}};
        const auto r = VariableResolver(&env).resolve(u"{{$timestamp}}", QStringLiteral("x"));
        QVERIFY(r.ok);
        bool isNumber = false;
        r.text.toLongLong(&isNumber);
        QVERIFY2(isNumber, qPrintable(r.text));
    }
    void validNames()
    {
        QVERIFY(VariableResolver::isValidName(u"api_token"));
        QVERIFY(VariableResolver::isValidName(u"user.id-2"));
        QVERIFY(!VariableResolver::isValidName(u""));
        QVERIFY(!VariableResolver::isValidName(u"$timestamp"));
        QVERIFY(!VariableResolver::isValidName(u"2x"));
        QVERIFY(!VariableResolver::isValidName(u"a b"));
        QVERIFY(!VariableResolver::isValidName(u"a}}"));
    }
};

QTEST_GUILESS_MAIN(TestVariables)
#include "tst_variables.moc"
