// Variables and secrets on a real connection: an in-process QWebSocketServer on
// 127.0.0.1 records what it received. The session substitutes {{name}} references from
// its environment at open() and for later sends; the server gets the values, while the
// log, its export and the Handshake view show each secret as •••. An unknown variable
// refuses the connection before anything is sent.
#include "log/logexporter.h"
#include "profiles/profileresolver.h"
#include "sessiontestserver.h"

#include <QFile>
#include <QTemporaryDir>

namespace {

constexpr auto HeaderSecret = "abc-secret-123";
constexpr auto VariableSecret = "tok-secret-456";

Environment staging(quint16 port)
{
    return Environment{QStringLiteral("staging"),
                       {Variable(QStringLiteral("port"), QString::number(port)),
                        Variable(QStringLiteral("user"), QStringLiteral("alice")),
                        Variable(QStringLiteral("token"), QLatin1String(VariableSecret), true,
                                 QStringLiteral("ref-1"))}};
}

Profile feed()
{
    Profile p;
    p.name = QStringLiteral("Feed");
    p.setUrlText(QStringLiteral("ws://127.0.0.1:{{port}}/feed?user={{user}}"));
    p.headers = {HandshakeHeader(QStringLiteral("Authorization"),
                                 QStringLiteral("Bearer %1").arg(QLatin1String(HeaderSecret)), true,
                                 QStringLiteral("ref-2")),
                 HandshakeHeader(QStringLiteral("X-Token"), QStringLiteral("{{token}}"))};
    return p;
}

} // namespace

class TestSessionVariables : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void serverGetsValuesLogShowsDots();
    void unknownVariableSendsNothing();
    void sendsUseTheEnvironmentConnectedWith();
};

void TestSessionVariables::serverGetsValuesLogShowsDots()
{
    TestServer server;
    WebSocketSession session;
    session.setEnvironment(staging(server.server.serverPort()));
    openAndWaitFor(session, feed());
    QTRY_VERIFY(server.client);
    QCOMPARE(server.request.url().path(), QStringLiteral("/feed"));
    QCOMPARE(server.request.url().query(), QStringLiteral("user=alice"));
    QCOMPARE(server.request.rawHeader("Authorization"),
             QByteArray("Bearer ") + QByteArray(HeaderSecret));
    QCOMPARE(server.request.rawHeader("X-Token"), QByteArray(VariableSecret));

    const VariableResolver::Result text = session.resolveText(
        QStringLiteral("hi {{user}}, {{token}}"), QStringLiteral("the message"));
    QVERIFY2(text.ok, qPrintable(text.error));
    QVERIFY(session.sendText(text.text));
    const QString sent = QStringLiteral("hi alice, %1").arg(QLatin1String(VariableSecret));
    QTRY_COMPARE(server.texts, QStringList{sent});
    MessageLog *log = session.log();
    QTRY_COMPARE(log->rowCount(), 3); // opened, sent, the echo
    session.close(1000, QString());
    QTRY_COMPARE(session.state(), WebSocketSession::State::Closed);
    log->flush();

    bool sawSent = false;
    for (int row = 0; row < log->rowCount(); ++row) {
        const QByteArray payload = log->event(row).payload;
        QVERIFY2(!payload.contains(HeaderSecret) && !payload.contains(VariableSecret), payload);
        sawSent |= payload == "hi alice, •••";
    }
    QVERIFY(sawSent);
    const HttpHead request = session.handshakeRequest();
    QVERIFY2(request.raw.contains("Authorization: Bearer •••\r\n"), request.raw);
    QVERIFY2(request.raw.contains("X-Token: •••\r\n"), request.raw);
    QVERIFY(!request.raw.contains(HeaderSecret));

    QTemporaryDir dir;
    LogExporter exporter;
    QSignalSpy done(&exporter, &LogExporter::finished);
    const QString path = dir.filePath(QStringLiteral("log.jsonl"));
    QVERIFY(exporter.startAll(log, LogExporter::Format::JsonLines, path));
    QVERIFY(done.wait(10000));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray exported = file.readAll();
    QVERIFY(exported.contains("hi alice"));
    QVERIFY(!exported.contains(HeaderSecret) && !exported.contains(VariableSecret));
    QCOMPARE(session.connectedEnvironment(), QStringLiteral("staging"));
}

void TestSessionVariables::unknownVariableSendsNothing()
{
    TestServer server;
    WebSocketSession session;
    session.setEnvironment(staging(server.server.serverPort()));
    Profile p = feed();
    p.headers[1].value = QStringLiteral("{{tokne}}");
    QSignalSpy errors(&session, &WebSocketSession::errorOccurred);
    QVERIFY(!session.open(p));
    QCOMPARE(errors.count(), 1);
    const QString error = errors.at(0).at(0).toString();
    QVERIFY2(error.contains(QLatin1String("tokne")) && error.contains(QLatin1String("X-Token")),
             qPrintable(error));
    QCOMPARE(session.state(), WebSocketSession::State::Closed);
    QTest::qWait(200); // nothing may arrive: no connection was attempted
    QCOMPARE(server.connections, 0);
}

void TestSessionVariables::sendsUseTheEnvironmentConnectedWith()
{
    TestServer server;
    WebSocketSession session;
    session.setEnvironment(staging(server.server.serverPort()));
    openAndWaitFor(session, feed());
    session.setEnvironment(Environment{QStringLiteral("prod"), {}}); // the next Connect's
    const VariableResolver::Result r =
        session.resolveText(QStringLiteral("{{user}}"), QStringLiteral("the message"));
    QVERIFY(r.ok);
    QCOMPARE(r.text, QStringLiteral("alice"));
    const VariableResolver::Result unknown =
        session.resolveText(QStringLiteral("{{nobody}}"), QStringLiteral("the close reason"));
    QVERIFY(!unknown.ok);
    QVERIFY2(unknown.error.contains(QLatin1String("the close reason")), qPrintable(unknown.error));
    QCOMPARE(session.connectedEnvironment(), QStringLiteral("staging"));
}

QTEST_GUILESS_MAIN(TestSessionVariables)
#include "tst_sessionvariables.moc"
