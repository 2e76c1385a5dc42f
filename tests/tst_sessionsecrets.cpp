// Secrets in a connection URL (the userinfo password, a token in the query) stay out
// of the log and its exports, yet reach the server unchanged: an in-process
// QWebSocketServer on 127.0.0.1 records the request URL it received.
#include "log/logexporter.h"
#include "session/websocketsession.h"

#include <QFile>
#include <QPointer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QWebSocket>
#include <QWebSocketServer>

namespace {

/// Records the request URL of the client that connected.
class Server : public QObject
{
public:
    Server()
    {
        connect(&server, &QWebSocketServer::newConnection, this, [this] {
            client = server.nextPendingConnection();
            client->setParent(this); // unowned in Qt 6.4: it goes with the fixture
            requestUrl = client->requestUrl();
        });
        QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    }
    /// The URL with a password and a token, as a user would paste it.
    QUrl secretUrl() const
    {
        return QUrl(
            QStringLiteral("ws://user:s3cret@127.0.0.1:%1/?token=abc&x=1").arg(server.serverPort()),
            QUrl::StrictMode);
    }

    QWebSocketServer server{QStringLiteral("tst_sessionsecrets"), QWebSocketServer::NonSecureMode};
    QPointer<QWebSocket> client;
    QUrl requestUrl;
};

QString openedRow(const MessageLog *log)
{
    for (int row = 0; row < log->rowCount(); ++row) {
        if (log->kind(row) == EventKind::Opened)
            return QString::fromUtf8(log->event(row).payload);
    }
    return QString();
}

} // namespace

class TestSessionSecrets : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void openedRowHidesPasswordAndTokenButTheServerGetsThem();
    void exportsHoldNeitherSecret_data();
    void exportsHoldNeitherSecret();
    void showSecretsInLogShowsTheQueryButNeverThePassword();

private:
    void connectTo(WebSocketSession &session, Server &server, bool showSecretsInLog);
};

void TestSessionSecrets::connectTo(WebSocketSession &session, Server &server, bool showSecretsInLog)
{
    Profile profile;
    profile.name = QStringLiteral("secret");
    profile.url = server.secretUrl();
    profile.showSecretsInLog = showSecretsInLog;
    QSignalSpy opened(&session, &WebSocketSession::opened);
    QVERIFY(session.open(profile));
    QVERIFY(opened.wait(10000));
    QTRY_VERIFY(server.client);
    session.log()->flush();
}

void TestSessionSecrets::openedRowHidesPasswordAndTokenButTheServerGetsThem()
{
    Server server;
    WebSocketSession session;
    connectTo(session, server, false);
    const QString opened = openedRow(session.log());
    QCOMPARE(opened, QStringLiteral("ws://user:•••@127.0.0.1:%1/?token=•••&x=1")
                         .arg(server.server.serverPort()));
    QVERIFY2(!opened.contains(QLatin1String("s3cret")), qPrintable(opened));
    QVERIFY2(!opened.contains(QLatin1String("abc")), qPrintable(opened));
    // What went on the wire is the URL as given.
    QCOMPARE(server.requestUrl.query(QUrl::FullyEncoded), QStringLiteral("token=abc&x=1"));
}

void TestSessionSecrets::exportsHoldNeitherSecret_data()
{
    QTest::addColumn<QString>("fileName");
    QTest::newRow("JSON Lines") << QStringLiteral("log.jsonl");
    QTest::newRow("CSV") << QStringLiteral("log.csv");
}

void TestSessionSecrets::exportsHoldNeitherSecret()
{
    QFETCH(QString, fileName);
    Server server;
    WebSocketSession session;
    connectTo(session, server, false);
    QVERIFY(session.close(1000, QStringLiteral("done")).ok);
    QTRY_COMPARE(session.state(), WebSocketSession::State::Closed);
    MessageLog *log = session.log();
    log->flush();
    std::vector<quint32> rows;
    for (int row = 0; row < log->rowCount(); ++row)
        rows.push_back(quint32(row));

    QTemporaryDir dir;
    const QString path = dir.filePath(fileName);
    LogExporter exporter;
    QSignalSpy finished(&exporter, &LogExporter::finished);
    QVERIFY2(exporter.start(log, rows, LogExporter::formatForPath(path), path),
             qPrintable(exporter.error()));
    QVERIFY(finished.wait(10000));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray written = file.readAll();
    QVERIFY2(written.contains("opened"), written.constData());
    QVERIFY2(written.contains(QStringLiteral("ws://user:•••@127.0.0.1").toUtf8()),
             written.constData());
    QVERIFY2(!written.contains("s3cret"), written.constData());
    QVERIFY2(!written.contains("abc"), written.constData());
    QCOMPARE(server.requestUrl.query(QUrl::FullyEncoded), QStringLiteral("token=abc&x=1"));
}

void TestSessionSecrets::showSecretsInLogShowsTheQueryButNeverThePassword()
{
    Server server;
    WebSocketSession session;
    connectTo(session, server, true);
    const QString opened = openedRow(session.log());
    QCOMPARE(opened, QStringLiteral("ws://user:•••@127.0.0.1:%1/?token=abc&x=1")
                         .arg(server.server.serverPort()));
    QVERIFY2(!opened.contains(QLatin1String("s3cret")), qPrintable(opened));
    QCOMPARE(server.requestUrl.query(QUrl::FullyEncoded), QStringLiteral("token=abc&x=1"));
}

QTEST_MAIN(TestSessionSecrets)
#include "tst_sessionsecrets.moc"
