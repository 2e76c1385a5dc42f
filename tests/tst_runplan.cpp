// RunPlan: `sockscope run`'s words read into steps, every value checked before anything
// connects (the process-level runs are tst_runcommand).
#include "automation/runplan.h"

#include <QTest>

class TestRunPlan : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void readsOptionsProfileAndSteps();
    void pingPayloadIsOptional();
    void expectTimeoutAndCloseReasonAttach();
    void endsConnection();
    void refusals_data();
    void refusals();
};

void TestRunPlan::readsOptionsProfileAndSteps()
{
    QString error;
    const RunPlan plan =
        RunPlan::parse({"--environment", "ci", "--profiles", "/tmp/p.json", "My feed", "--send",
                        "{{x}}", "--send-hex", "de ad", "--send-base64", "3q0=", "--wait", "250"},
                       &error);
    QCOMPARE(error, QString());
    QCOMPARE(plan.environment, QStringLiteral("ci"));
    QCOMPARE(plan.profilesFile, QStringLiteral("/tmp/p.json"));
    QCOMPARE(plan.profile, QStringLiteral("My feed"));
    QCOMPARE(plan.steps.size(), 4);
    QCOMPARE(plan.steps[0].kind, RunStep::Kind::SendText);
    QCOMPARE(plan.steps[0].text, QStringLiteral("{{x}}")); // substituted when sent
    QCOMPARE(plan.steps[1].bytes, QByteArray("\xde\xad"));
    QCOMPARE(plan.steps[2].bytes, QByteArray("\xde\xad"));
    QCOMPARE(plan.steps[3].kind, RunStep::Kind::Wait);
    QCOMPARE(plan.steps[3].ms, 250);
    QCOMPARE(plan.steps[3].argument, QStringLiteral("--wait 250"));
}

void TestRunPlan::pingPayloadIsOptional()
{
    QString error;
    const RunPlan plan =
        RunPlan::parse({"P", "--ping", "--ping", "are you there", "--stop"}, &error);
    QCOMPARE(error, QString());
    QCOMPARE(plan.steps.size(), 3);
    QCOMPARE(plan.steps[0].bytes, QByteArray());
    QCOMPARE(plan.steps[1].bytes, QByteArray("are you there"));
    QCOMPARE(plan.steps[2].kind, RunStep::Kind::Stop);
}

void TestRunPlan::expectTimeoutAndCloseReasonAttach()
{
    QString error;
    const RunPlan plan = RunPlan::parse({"P", "--expect", "^a", "--expect", "b$", "--timeout", "75",
                                         "--close", "4001", "--reason", "gül"},
                                        &error);
    QCOMPARE(error, QString());
    QCOMPARE(plan.steps.size(), 3);
    QCOMPARE(plan.steps[0].ms, RunPlan::DefaultExpectTimeoutMs);
    QVERIFY(plan.steps[0].pattern.match(QStringLiteral("abc")).hasMatch());
    QCOMPARE(plan.steps[1].ms, 75);
    QCOMPARE(plan.steps[2].code, 4001);
    QCOMPARE(plan.steps[2].text, QStringLiteral("gül"));
}

void TestRunPlan::endsConnection()
{
    QString error;
    QVERIFY(!RunPlan::parse({"P"}, &error).endsConnection());
    QVERIFY(!RunPlan::parse({"P", "--send", "x"}, &error).endsConnection());
    QVERIFY(RunPlan::parse({"P", "--close", "1000"}, &error).endsConnection());
    QVERIFY(RunPlan::parse({"P", "--stop"}, &error).endsConnection());
    QVERIFY(RunPlan::parse({"--help"}, &error).help);
}

void TestRunPlan::refusals_data()
{
    QTest::addColumn<QStringList>("words");
    QTest::addColumn<QString>("said");
    QTest::newRow("no profile") << QStringList{} << "Name the profile";
    QTest::newRow("unknown option")
        << QStringList{"--verbose", "P"} << "--verbose is not an option";
    QTest::newRow("option without value")
        << QStringList{"--profiles"} << "--profiles needs a value";
    QTest::newRow("1006 never sent") << QStringList{"P", "--close", "1006"} << "1006";
    QTest::newRow("2999 unassigned") << QStringList{"P", "--close", "2999"} << "2999";
    QTest::newRow("reason without code")
        << QStringList{"P", "--reason", "x"} << "--reason belongs right after a --close";
    QTest::newRow("negative wait") << QStringList{"P", "--wait", "-1"} << "from 0 to";
    QTest::newRow("huge timeout") << QStringList{"P", "--expect", "x", "--timeout", "99999999999"}
                                  << "from 0 to";
    QTest::newRow("odd hex") << QStringList{"P", "--send-hex", "abc"} << "--send-hex abc";
    QTest::newRow("bad base64") << QStringList{"P", "--send-base64", "***"} << "--send-base64 ***";
    QTest::newRow("option after the profile")
        << QStringList{"P", "--profiles", "f"} << "goes before the profile's name";
    QTest::newRow("timeout without expect")
        << QStringList{"P", "--timeout", "5"} << "--timeout belongs right after an --expect";
    QTest::newRow("close code not a number") << QStringList{"P", "--close", "abc"} << "not \"abc\"";
    QTest::newRow("after --close") << QStringList{"P", "--close", "1000", "--ping"} << "never run";
}

void TestRunPlan::refusals()
{
    QFETCH(QStringList, words);
    QFETCH(QString, said);
    QString error;
    RunPlan::parse(words, &error);
    QVERIFY2(error.contains(said), qPrintable(error));
}

QTEST_GUILESS_MAIN(TestRunPlan)
#include "tst_runplan.moc"
