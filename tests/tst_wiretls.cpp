// wss:// through the wire tap: the relay speaks TLS to a real python3 TLS server
// (tests/peers/ws_peer.py tls-server), trusting the profile's CA bundle and presenting
// its client certificate. Asserts what the server received (the client certificate's
// subject, the messages), what the log and the Frames view show, and the certificate
// chain in the Handshake view.
#include "pythonpeer.h"
#include "session/handshaketext.h"
#include "sessiontesthelpers.h"
#include "wiretap/framelog.h"

#include <QFile>
#include <QSslCertificate>
#include <QTest>

namespace {

const QString Data = QStringLiteral(SOCKSCOPE_TEST_DATA);
const QString Passphrase = QStringLiteral("sockscope-test");

/// A profile for @p server trusting only the test CA.
Profile trustingTestCa(const PythonTlsServer &server)
{
    Profile p = profileFor(server.wssUrl(QStringLiteral("/tls")));
    p.tls.caBundleFile = Data + QStringLiteral("/test-ca.crt");
    p.tls.caBundleReplacesSystemRoots = true;
    return p;
}

QByteArray fingerprint(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QSslCertificate(&f, QSsl::Pem).digest(QCryptographicHash::Sha256).toHex(':').toUpper();
}

} // namespace

class TestWireTls : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void caBundleIsTrustedAndTheConnectionIsTapped();
    void untrustedCertificateFailsAndItsChainIsShown();
    void ignoredErrorsMarkTheConnectionNotVerified();
    void clientCertificateIsPresented_data();
    void clientCertificateIsPresented();
    void missingClientCertificateIsRefusedByTheServer();
    void wrongPassphraseFailsBeforeConnecting();
};

void TestWireTls::caBundleIsTrustedAndTheConnectionIsTapped()
{
    PythonTlsServer server;
    QVERIFY(server.waitListening());
    WebSocketSession session;
    QVERIFY2(openAndWait(session, trustingTestCa(server)), qPrintable(session.lastError()));
    QVERIFY(session.tapped());
    QVERIFY(session.sendText(QStringLiteral("over tls")));
    QTRY_VERIFY(!server.last(QStringLiteral("message")).isEmpty());
    QCOMPARE(server.last(QStringLiteral("message")).value(QStringLiteral("text")).toString(),
             QStringLiteral("over tls"));
    // The relay saw the frames under TLS: the sent text and its echo.
    QTRY_VERIFY(session.frames()->rowCount() >= 2);
    const QModelIndex first = session.frames()->index(0, FrameLog::OpcodeColumn);
    QCOMPARE(first.data(FrameLog::OpcodeRole).toInt(), int(Opcode::Text));
    QCOMPARE(first.data(FrameLog::SenderRole).toInt(), int(FrameSender::Client));
    // The server got the profile's Host, not the relay's.
    const QJsonObject open = server.last(QStringLiteral("open"));
    QCOMPARE(
        open.value(QStringLiteral("headers")).toObject().value(QStringLiteral("host")).toString(),
        QStringLiteral("127.0.0.1:%1").arg(server.port));

    const std::optional<TlsReport> tls = session.tlsReport();
    QVERIFY(tls && tls->established);
    QVERIFY(tls->errors.isEmpty());
    QVERIFY2(tls->protocol.startsWith(QStringLiteral("TLSv1.")), qPrintable(tls->protocol));
    QVERIFY(!tls->cipher.isEmpty());
    QCOMPARE(tls->chain.value(0).subjectInfo(QSslCertificate::CommonName).value(0),
             QStringLiteral("127.0.0.1"));
    QVERIFY(!session.tlsErrorsIgnored());
    const QString text = handshakeText(session);
    QVERIFY2(text.contains(QStringLiteral("Certificate: verified")), qPrintable(text));
    QVERIFY(text.contains(QStringLiteral("Issuer: CN=Sockscope Test CA")));
    QVERIFY(
        text.contains(QString::fromLatin1(fingerprint(Data + QStringLiteral("/ca-server.crt")))));
    QVERIFY(session.handshakeTimings().tlsUs > 0);

    QVERIFY(session.close(1000, QStringLiteral("done")).ok);
    QTRY_COMPARE_WITH_TIMEOUT(session.state(), WebSocketSession::State::Closed, 9000);
    // The server's close_notify ended its side: no waiting for the close timeout.
    QVERIFY(session.relayReport().has_value());
    QVERIFY(!session.relayReport()->closeTimedOut);
    QVERIFY(session.relayReport()->closeAnswerUs >= 0);
    QTRY_COMPARE(server.last(QStringLiteral("closed")).value(QStringLiteral("code")).toInt(), 1000);
    QCOMPARE(server.last(QStringLiteral("closed")).value(QStringLiteral("reason")).toString(),
             QStringLiteral("done"));
}

void TestWireTls::untrustedCertificateFailsAndItsChainIsShown()
{
    PythonTlsServer server;
    QVERIFY(server.waitListening());
    WebSocketSession session;
    QVERIFY(session.open(profileFor(server.wssUrl()))); // the system's roots only
    QTRY_COMPARE_WITH_TIMEOUT(session.state(), WebSocketSession::State::Closed, 10000);
    QTRY_VERIFY(session.tlsReport().has_value());
    const TlsReport tls = *session.tlsReport();
    QVERIFY(!tls.established);
    QVERIFY(!tls.errors.isEmpty());
    QCOMPARE(tls.chain.value(0).subjectInfo(QSslCertificate::CommonName).value(0),
             QStringLiteral("127.0.0.1"));
    const QStringList errors = errorRows(session.log());
    QVERIFY2(errors.value(0).startsWith(QStringLiteral("TLS: ")), qPrintable(errors.join('|')));
    const QString text = handshakeText(session);
    QVERIFY2(text.contains(QStringLiteral("Certificate error: ")), qPrintable(text));
    QVERIFY(text.contains(QStringLiteral("Subject: CN=127.0.0.1")));
    QVERIFY(server.all(QStringLiteral("open")).isEmpty()); // no request reached it
}

void TestWireTls::ignoredErrorsMarkTheConnectionNotVerified()
{
    PythonTlsServer server;
    QVERIFY(server.waitListening());
    WebSocketSession session;
    Profile p = profileFor(server.wssUrl());
    p.ignoreTlsErrors = true;
    QVERIFY2(openAndWait(session, p), qPrintable(session.lastError()));
    QVERIFY(session.tlsErrorsIgnored());
    QVERIFY(session.tlsReport()->errorsIgnored);
    QVERIFY(handshakeText(session).contains(QStringLiteral("TLS NOT VERIFIED")));
    QVERIFY(errorRows(session.log())
                .contains(QStringLiteral("TLS errors ignored, as this profile asks")));
}

void TestWireTls::clientCertificateIsPresented_data()
{
    QTest::addColumn<QString>("certificate");
    QTest::addColumn<QString>("key"); // empty: in the certificate file (PKCS#12)
    QTest::newRow("PEM, encrypted key") << "client.crt"
                                        << "client.key";
    QTest::newRow("PKCS#12") << "client.p12"
                             << "";
}

void TestWireTls::clientCertificateIsPresented()
{
    QFETCH(QString, certificate);
    QFETCH(QString, key);
    PythonTlsServer server(true);
    QVERIFY(server.waitListening());
    Profile p = trustingTestCa(server);
    p.tls.clientCertificateFile = Data + QLatin1Char('/') + certificate;
    if (!key.isEmpty())
        p.tls.clientKeyFile = Data + QLatin1Char('/') + key;
    QVERIFY(ConnectOptions::needsKeyPassphrase(p.tls));
    WebSocketSession session;
    session.setSecrets({Passphrase, QString()});
    QVERIFY2(openAndWait(session, p), qPrintable(session.lastError()));
    QTRY_VERIFY(!server.last(QStringLiteral("open")).isEmpty());
    QCOMPARE(server.last(QStringLiteral("open")).value(QStringLiteral("client_subject")).toString(),
             QStringLiteral("Sockscope test client"));
}

void TestWireTls::missingClientCertificateIsRefusedByTheServer()
{
    PythonTlsServer server(true);
    QVERIFY(server.waitListening());
    WebSocketSession session;
    QVERIFY(session.open(trustingTestCa(server)));
    QTRY_COMPARE_WITH_TIMEOUT(session.state(), WebSocketSession::State::Closed, 10000);
    QCOMPARE(session.endCause(), WebSocketSession::EndCause::HandshakeFailed);
    QVERIFY2(session.lastError().contains(QStringLiteral("requires a client certificate")),
             qPrintable(session.lastError()));
    QVERIFY(server.all(QStringLiteral("open")).isEmpty());
}

void TestWireTls::wrongPassphraseFailsBeforeConnecting()
{
    PythonTlsServer server(true);
    QVERIFY(server.waitListening());
    Profile p = trustingTestCa(server);
    p.tls.clientCertificateFile = Data + QStringLiteral("/client.crt");
    p.tls.clientKeyFile = Data + QStringLiteral("/client.key");
    WebSocketSession session;
    session.setSecrets({QStringLiteral("not it"), QString()});
    QVERIFY(!session.open(p));
    QVERIFY2(session.lastError().contains(QStringLiteral("client.key does not open")),
             qPrintable(session.lastError()));
    QVERIFY(server.all(QStringLiteral("open")).isEmpty());
}

QTEST_GUILESS_MAIN(TestWireTls)
#include "tst_wiretls.moc"
