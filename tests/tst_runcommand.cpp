// `sockscope run`, driven as a process the way a script or CI job runs it, against
// python3-websockets (tests/peers/ws_peer.py), the hostile peer and a raw TCP server:
// what the peer received, stdout's JSON lines (the export format) and the exit status
// (RunExit), for each way a run can end; and bad arguments refused before anything
// connects.
#include "automation/runplan.h"
#include "hostilepeer.h"
#include "profiles/profilestore.h"
#include "pythonpeer.h"
#include "rawserver.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

namespace {

struct Run
{
    int exitCode = -1;
    QList<QJsonObject> rows; ///< stdout, one JSON object per line.
    QString err;
    bool allJson = true; ///< Every stdout line was a JSON object.

    QStringList kinds() const
    {
        QStringList k;
        for (const QJsonObject &row : rows)
            k.append(row.value(QStringLiteral("direction")).toString() + QLatin1Char(' ') +
                     row.value(QStringLiteral("kind")).toString());
        return k;
    }
};

Profile named(const QString &name, const QUrl &url)
{
    Profile p;
    p.name = name;
    p.url = url;
    return p;
}

} // namespace

class TestRunCommand : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void closesWithTheCodeAndReasonAsked();
    void badArgumentsConnectNothing_data();
    void badArgumentsConnectNothing();
    void expectTimesOut();
    void handshakeRefused();
    void serverClosesFirst();
    void serverClosingEndsARunWithoutCloseStep();
    void stopSendsNoCloseFrame();
    void connectionLostWithoutCloseFrame();
    void variablesComeFromTheEnvironment();
    void ctrlCClosesWithGoingAway();
    void secondCtrlCStopsAtOnce();
    void protocolViolationExitsSeven();
    void profilesOptionBeforeRun();
    void expectKeepsOnlyTheNewestMessages();
    void helpNamesEveryExitStatus();

private:
    /// Writes the profiles file with @p profiles (and @p environments).
    void writeProfiles(const QList<Profile> &profiles, const EnvironmentSet &environments = {});
    /// Starts `sockscope run --profiles FILE [OPTIONS] PROFILE STEPS`.
    QProcess *start(const QStringList &steps, const QString &profile,
                    const QStringList &options = {});
    Run finish(QProcess *process, int timeoutMs = 20000);
    Run run(const QStringList &steps, const QString &profile = QStringLiteral("Peer"))
    {
        return finish(start(steps, profile));
    }

    QTemporaryDir m_dir;
    QString m_profiles;
    std::unique_ptr<QProcess> m_process;
};

void TestRunCommand::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_profiles = m_dir.filePath(QStringLiteral("profiles.json"));
}

void TestRunCommand::writeProfiles(const QList<Profile> &profiles,
                                   const EnvironmentSet &environments)
{
    QCOMPARE(ProfileStore::save(m_profiles, profiles, environments), QString());
}

QProcess *TestRunCommand::start(const QStringList &steps, const QString &profile,
                                const QStringList &options)
{
    m_process = std::make_unique<QProcess>();
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir.filePath(QStringLiteral("config")));
    env.remove(QStringLiteral("DISPLAY"));
    env.remove(QStringLiteral("QT_QPA_PLATFORM")); // no platform plugin is loaded at all
    m_process->setProcessEnvironment(env);
    m_process->start(QStringLiteral(SOCKSCOPE_EXE),
                     QStringList{QStringLiteral("run"), QStringLiteral("--profiles"), m_profiles} +
                         options + QStringList{profile} + steps);
    return m_process.get();
}

Run TestRunCommand::finish(QProcess *process, int timeoutMs)
{
    Run r;
    QSignalSpy done(process, &QProcess::finished);
    if (process->state() != QProcess::NotRunning && !done.wait(timeoutMs))
        process->kill();
    process->waitForFinished(1000);
    r.exitCode = process->exitStatus() == QProcess::NormalExit ? process->exitCode() : -1;
    r.err = QString::fromUtf8(process->readAllStandardError());
    for (const QByteArray &line : process->readAllStandardOutput().split('\n')) {
        if (line.isEmpty())
            continue;
        const QJsonDocument doc = QJsonDocument::fromJson(line);
        r.allJson = r.allJson && doc.isObject();
        r.rows.append(doc.object());
    }
    return r;
}

void TestRunCommand::closesWithTheCodeAndReasonAsked()
{
    PythonServer server;
    QVERIFY(server.waitListening());
    writeProfiles({named(QStringLiteral("Peer"), server.url(QStringLiteral("/run")))});
    const QString reason = QStringLiteral("gül ✓ done");
    const Run r = run(
        {QStringLiteral("--send"), QStringLiteral("hello"), QStringLiteral("--expect"),
         QStringLiteral("^hel+o$"), QStringLiteral("--send-hex"), QStringLiteral("00 ff"),
         QStringLiteral("--close"), QStringLiteral("4001"), QStringLiteral("--reason"), reason});
    QVERIFY2(r.exitCode == int(RunExit::Ok), qPrintable(r.err));
    QVERIFY(r.allJson);
    QTRY_COMPARE(server.all(QStringLiteral("closed")).size(), 1);
    const QJsonObject closed = server.last(QStringLiteral("closed"));
    QCOMPARE(closed.value(QStringLiteral("code")).toInt(), 4001);
    QCOMPARE(closed.value(QStringLiteral("reason")).toString(), reason);
    const QList<QJsonObject> messages = server.all(QStringLiteral("message"));
    QCOMPARE(messages.size(), 2);
    QCOMPARE(messages[0].value(QStringLiteral("text")).toString(), QStringLiteral("hello"));
    QCOMPARE(messages[1].value(QStringLiteral("hex")).toString(), QStringLiteral("00ff"));

    // The binary message's echo may come before or after the close frame went out.
    QCOMPARE(r.kinds().mid(0, 4),
             (QStringList{"local opened", "sent text", "received text", "sent binary"}));
    QVERIFY2(r.kinds().contains(QStringLiteral("sent close-sent")),
             qPrintable(r.kinds().join(u',')));
    QCOMPARE(r.kinds().last(), QStringLiteral("local closed"));
    for (const QJsonObject &row : r.rows) {
        if (row.value(QStringLiteral("kind")) == QLatin1String("close-sent")) {
            QCOMPARE(row.value(QStringLiteral("closeCode")).toInt(), 4001);
            QCOMPARE(row.value(QStringLiteral("payload")).toString(), reason);
        }
    }
}

void TestRunCommand::badArgumentsConnectNothing_data()
{
    QTest::addColumn<QStringList>("steps");
    QTest::addColumn<QString>("profile");
    QTest::addColumn<QString>("said");
    const QString peer = QStringLiteral("Peer");
    QTest::newRow("1005 is never sent") << QStringList{"--close", "1005"} << peer << "1005";
    QTest::newRow("reason over 123 bytes")
        << QStringList{"--close", "4001", "--reason", QString(124, u'r')} << peer << "123";
    QTest::newRow("not a code") << QStringList{"--close", "bye"} << peer << "not \"bye\"";
    QTest::newRow("bad hex") << QStringList{"--send-hex", "0g"} << peer << "--send-hex 0g";
    QTest::newRow("bad regex") << QStringList{"--expect", "("} << peer << "regular expression";
    QTest::newRow("long ping") << QStringList{"--ping", QString(126, u'p')} << peer << "125";
    QTest::newRow("after --stop") << QStringList{"--stop", "--send", "x"} << peer << "never run";
    QTest::newRow("unknown step") << QStringList{"--frobnicate"} << peer << "--frobnicate";
    QTest::newRow("missing value") << QStringList{"--send"} << peer << "--send needs a value";
    QTest::newRow("no such file") << QStringList{"--send-file", "/nonexistent/x"} << peer
                                  << "/nonexistent/x";
    QTest::newRow("unknown profile") << QStringList{} << QStringLiteral("Nope") << "\"Nope\"";
    QTest::newRow("unknown variable") << QStringList{"--send", "{{nope}}"} << peer << "nope";
}

void TestRunCommand::badArgumentsConnectNothing()
{
    QFETCH(QStringList, steps);
    QFETCH(QString, profile);
    QFETCH(QString, said);
    PythonServer server;
    QVERIFY(server.waitListening());
    writeProfiles({named(QStringLiteral("Peer"), server.url())});
    const Run r = run(steps, profile);
    QCOMPARE(r.exitCode, int(RunExit::BadArguments));
    QVERIFY2(r.err.contains(said), qPrintable(r.err));
    QVERIFY2(r.err.startsWith(QLatin1String("sockscope run: ")), qPrintable(r.err));
    QTest::qWait(200);
    QVERIFY(server.all(QStringLiteral("open")).isEmpty());
}

void TestRunCommand::expectTimesOut()
{
    PythonServer server;
    QVERIFY(server.waitListening());
    writeProfiles({named(QStringLiteral("Peer"), server.url())});
    const Run r = run({QStringLiteral("--send"), QStringLiteral("pong"), QStringLiteral("--expect"),
                       QStringLiteral("^pong$"), QStringLiteral("--expect"),
                       QStringLiteral("^pong$"), QStringLiteral("--timeout"), QStringLiteral("300"),
                       QStringLiteral("--close"), QStringLiteral("1000")});
    // The one echo matched the first --expect; the second looks only at what came after.
    QCOMPARE(r.exitCode, int(RunExit::ExpectTimedOut));
    QVERIFY2(r.err.contains(QLatin1String("--expect ^pong$")) && r.err.contains("300 ms"),
             qPrintable(r.err));
    QCOMPARE(r.kinds().count(QStringLiteral("received text")), 1);
    QTRY_COMPARE(server.last(QStringLiteral("closed")).value(QStringLiteral("code")).toInt(), 1000);
}

void TestRunCommand::handshakeRefused()
{
    HostilePeer peer({QStringLiteral("refuse-401")});
    QVERIFY(peer.waitListening());
    writeProfiles({named(QStringLiteral("Peer"), peer.url())});
    const Run r = run({QStringLiteral("--send"), QStringLiteral("never")});
    QCOMPARE(r.exitCode, int(RunExit::HandshakeRefused));
    QVERIFY2(r.err.contains(QLatin1String("401")), qPrintable(r.err));
    QVERIFY(r.kinds().contains(QStringLiteral("local error")));
}

void TestRunCommand::serverClosesFirst()
{
    PythonServer server;
    QVERIFY(server.waitListening());
    writeProfiles(
        {named(QStringLiteral("Peer"), server.url(QStringLiteral("/server-closes/4002/later")))});
    const Run r = run({QStringLiteral("--wait"), QStringLiteral("5000"), QStringLiteral("--close"),
                       QStringLiteral("1000")});
    QCOMPARE(r.exitCode, int(RunExit::ServerClosedFirst));
    QVERIFY(r.kinds().contains(QStringLiteral("received close-received")));
}

void TestRunCommand::serverClosingEndsARunWithoutCloseStep()
{
    PythonServer server;
    QVERIFY(server.waitListening());
    writeProfiles(
        {named(QStringLiteral("Peer"), server.url(QStringLiteral("/server-closes/1000/bye")))});
    const Run r = run({});
    QVERIFY2(r.exitCode == int(RunExit::Ok), qPrintable(r.err));
    QCOMPARE(r.kinds().last(), QStringLiteral("local closed"));
}

void TestRunCommand::stopSendsNoCloseFrame()
{
    PythonServer server;
    QVERIFY(server.waitListening());
    writeProfiles({named(QStringLiteral("Peer"), server.url())});
    const Run r =
        run({QStringLiteral("--send"), QStringLiteral("last words"), QStringLiteral("--stop")});
    QVERIFY2(r.exitCode == int(RunExit::Ok), qPrintable(r.err));
    QCOMPARE(r.kinds().last(), QStringLiteral("local stopped"));
    QTRY_COMPARE(server.last(QStringLiteral("closed")).value(QStringLiteral("code")).toInt(), 1006);
}

void TestRunCommand::connectionLostWithoutCloseFrame()
{
    RawServer raw;
    raw.afterHandshake = [](QTcpSocket *socket) {
        QTimer::singleShot(100, socket, [socket] { socket->disconnectFromHost(); });
    };
    writeProfiles({named(QStringLiteral("Peer"), raw.url())});
    const Run r = finish(start({QStringLiteral("--wait"), QStringLiteral("5000"),
                                QStringLiteral("--close"), QStringLiteral("1000")},
                               QStringLiteral("Peer")));
    QCOMPARE(r.exitCode, int(RunExit::ConnectionLost));
    QCOMPARE(r.rows.last().value(QStringLiteral("closeCode")).toInt(), 1006);
}

void TestRunCommand::variablesComeFromTheEnvironment()
{
    PythonServer server;
    QVERIFY(server.waitListening());
    Profile p;
    p.name = QStringLiteral("Peer");
    p.setUrlText(QStringLiteral("ws://127.0.0.1:{{port}}/env"));
    EnvironmentSet environments;
    const QString port = QString::number(server.port);
    environments.environments = {
        Environment{QStringLiteral("local"),
                    {Variable(QStringLiteral("port"), QStringLiteral("9"))}},
        Environment{QStringLiteral("ci"),
                    {Variable(QStringLiteral("port"), port),
                     Variable(QStringLiteral("who"), QStringLiteral("runner")),
                     Variable(QStringLiteral("token"), QString(), true)}}};
    environments.active = QStringLiteral("local");
    writeProfiles({p}, environments);
    const QStringList steps{QStringLiteral("--send"),   QStringLiteral("hi {{who}}"),
                            QStringLiteral("--close"),  QStringLiteral("4000"),
                            QStringLiteral("--reason"), QStringLiteral("bye {{who}}")};
    // The active environment, "local", has no "who": refused before connecting.
    const Run refused = run(steps);
    QCOMPARE(refused.exitCode, int(RunExit::BadArguments));
    QVERIFY2(refused.err.contains(QLatin1String("who")), qPrintable(refused.err));
    const Run r = finish(start(steps, QStringLiteral("Peer"),
                               {QStringLiteral("--environment"), QStringLiteral("ci")}));
    QVERIFY2(r.exitCode == int(RunExit::Ok), qPrintable(r.err));
    QTRY_COMPARE(server.all(QStringLiteral("message")).size(), 1);
    QCOMPARE(server.all(QStringLiteral("message"))[0].value(QStringLiteral("text")).toString(),
             QStringLiteral("hi runner"));
    QCOMPARE(server.last(QStringLiteral("open")).value(QStringLiteral("path")).toString(),
             QStringLiteral("/env"));
    QTRY_COMPARE(server.last(QStringLiteral("closed")).value(QStringLiteral("reason")).toString(),
                 QStringLiteral("bye runner"));

    // A secret variable with no value (no keychain here): refused before connecting.
    const Run secret = finish(start({QStringLiteral("--send"), QStringLiteral("{{token}}")},
                                    QStringLiteral("Peer"),
                                    {QStringLiteral("--environment"), QStringLiteral("ci")}));
    QCOMPARE(secret.exitCode, int(RunExit::BadArguments));
    QVERIFY2(secret.err.contains(QLatin1String("token")), qPrintable(secret.err));
    QCOMPARE(server.all(QStringLiteral("open")).size(), 1);
}

void TestRunCommand::ctrlCClosesWithGoingAway()
{
    PythonServer server;
    QVERIFY(server.waitListening());
    writeProfiles({named(QStringLiteral("Peer"), server.url())});
    QProcess *process =
        start({QStringLiteral("--send"), QStringLiteral("still here")}, QStringLiteral("Peer"));
    QTRY_COMPARE_WITH_TIMEOUT(server.all(QStringLiteral("message")).size(), 1, 15000);
    ::kill(pid_t(process->processId()), SIGINT);
    const Run r = finish(process);
    QCOMPARE(r.exitCode, int(RunExit::Interrupted));
    QTRY_COMPARE(server.last(QStringLiteral("closed")).value(QStringLiteral("code")).toInt(), 1001);
}

void TestRunCommand::secondCtrlCStopsAtOnce()
{
    HostilePeer peer({QStringLiteral("never-answer-close")});
    QVERIFY(peer.waitListening());
    Profile p = named(QStringLiteral("Peer"), peer.url());
    p.closeTimeoutMs = 20000; // the first Ctrl+C would wait this long for the answer
    writeProfiles({p});
    QProcess *process = start({}, QStringLiteral("Peer"));
    QByteArray out;
    QTRY_VERIFY2_WITH_TIMEOUT((out += process->readAllStandardOutput()).contains("\"opened\""),
                              qPrintable(process->readAllStandardError() + out), 15000);
    ::kill(pid_t(process->processId()), SIGINT);
    // The peer got the close frame, 1001, and never answers it.
    QTRY_COMPARE_WITH_TIMEOUT(
        peer.last(QStringLiteral("frame")).value(QStringLiteral("code")).toInt(), 1001, 5000);
    QElapsedTimer clock;
    clock.start();
    ::kill(pid_t(process->processId()), SIGINT);
    const Run r = finish(process);
    QCOMPARE(r.exitCode, int(RunExit::Interrupted));
    QVERIFY2(clock.elapsed() < 5000, qPrintable(QString::number(clock.elapsed())));
    QVERIFY2(r.err.contains(QLatin1String("interrupted again")), qPrintable(r.err));
}

void TestRunCommand::protocolViolationExitsSeven()
{
    // The server's close reason is not UTF-8: QtWebSockets answers with 1007 of its own.
    HostilePeer peer({QStringLiteral("close-bad-utf8")});
    QVERIFY(peer.waitListening());
    writeProfiles({named(QStringLiteral("Peer"), peer.url())});
    const Run r = run({});
    QCOMPARE(r.exitCode, int(RunExit::ProtocolError));
    bool sent1007 = false;
    for (const QJsonObject &row : r.rows)
        sent1007 = sent1007 || (row.value(QStringLiteral("kind")) == QLatin1String("close-sent") &&
                                row.value(QStringLiteral("closeCode")).toInt() == 1007);
    QVERIFY(sent1007);
}

void TestRunCommand::profilesOptionBeforeRun()
{
    // `sockscope --profiles FILE run PROFILE`: the app's own option, given to the runner.
    PythonServer server;
    QVERIFY(server.waitListening());
    writeProfiles({named(QStringLiteral("Peer"), server.url())});
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("DISPLAY"));
    env.remove(QStringLiteral("QT_QPA_PLATFORM"));
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(SOCKSCOPE_EXE),
                  {QStringLiteral("--profiles"), m_profiles, QStringLiteral("run"),
                   QStringLiteral("Peer"), QStringLiteral("--close"), QStringLiteral("1000")});
    const Run r = finish(&process);
    QVERIFY2(r.exitCode == int(RunExit::Ok), qPrintable(r.err));
    QTRY_COMPARE(server.last(QStringLiteral("closed")).value(QStringLiteral("code")).toInt(), 1000);
}

void TestRunCommand::expectKeepsOnlyTheNewestMessages()
{
    // The server decides how much arrives: --expect looks at the 10,000 newest only.
    writeProfiles({Profile::localEcho()});
    const auto steps = [](int more) {
        QStringList s{QStringLiteral("--send"), QStringLiteral("first")};
        for (int i = 0; i < more; ++i)
            s << QStringLiteral("--send") << QStringLiteral("x");
        return s + QStringList{QStringLiteral("--wait"),    QStringLiteral("1500"),
                               QStringLiteral("--expect"),  QStringLiteral("^first$"),
                               QStringLiteral("--timeout"), QStringLiteral("100"),
                               QStringLiteral("--close"),   QStringLiteral("1000")};
    };
    const Run kept = finish(start(steps(9999), QStringLiteral("Local echo")));
    QVERIFY2(kept.exitCode == int(RunExit::Ok), qPrintable(kept.err));
    const Run dropped = finish(start(steps(10000), QStringLiteral("Local echo")));
    QCOMPARE(dropped.exitCode, int(RunExit::ExpectTimedOut));
}

void TestRunCommand::helpNamesEveryExitStatus()
{
    QProcess process;
    process.start(QStringLiteral(SOCKSCOPE_EXE), {QStringLiteral("run"), QStringLiteral("--help")});
    QVERIFY(process.waitForFinished(10000));
    QCOMPARE(process.exitCode(), 0);
    const QString help = QString::fromUtf8(process.readAllStandardOutput());
    for (const char *status : {"  0 ", "  1 ", "  2 ", "  3 ", "  4 ", "  5 ", "  6 ", "  7 ",
                               "  130 ", "--send-base64", "--timeout MS", "--reason TEXT"})
        QVERIFY2(help.contains(QLatin1String(status)), status);
}

QTEST_GUILESS_MAIN(TestRunCommand)
#include "tst_runcommand.moc"
