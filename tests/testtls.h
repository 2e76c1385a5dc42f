#pragma once
// The TLS configuration of the tests' wss:// servers: tests/data/localhost.crt and .key,
// a self-signed certificate for 127.0.0.1 (tests/data/README).

#include <QFile>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>

/// A server configuration with the test certificate; null certificate if the files are
/// missing (the test then fails its handshake, loudly).
inline QSslConfiguration testServerTls()
{
    QFile certFile(QStringLiteral(SOCKSCOPE_TEST_DATA "/localhost.crt"));
    QFile keyFile(QStringLiteral(SOCKSCOPE_TEST_DATA "/localhost.key"));
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    if (certFile.open(QIODevice::ReadOnly) && keyFile.open(QIODevice::ReadOnly)) {
        tls.setLocalCertificate(QSslCertificate(&certFile, QSsl::Pem));
        tls.setPrivateKey(QSslKey(&keyFile, QSsl::Rsa, QSsl::Pem));
    }
    tls.setPeerVerifyMode(QSslSocket::VerifyNone);
    return tls;
}
