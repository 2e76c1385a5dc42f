#pragma once
// What the keychain tests share, run by tests/keychain/with-keyring.sh: the keychain's
// other client, secret-tool (libsecret), and a walk over every file under the wrapper's
// temporary HOME.

#include "profiles/secretstore.h"

#include <QByteArray>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QProcess>
#include <QString>
#include <QStringList>

namespace KeychainTest {

constexpr int TimeoutMs = 20000;

/// What secret-tool finds in the Secret Service for @p ref (the "user" attribute under
/// the service Sockscope), or "<none>".
inline QString lookUp(const QString &ref)
{
    QProcess tool;
    tool.start(QStringLiteral("secret-tool"),
               {QStringLiteral("lookup"), QStringLiteral("server"),
                QLatin1String(SecretStore::DefaultService), QStringLiteral("user"), ref});
    if (!tool.waitForFinished(TimeoutMs) || tool.exitCode() != 0)
        return QStringLiteral("<none>");
    return QString::fromUtf8(tool.readAllStandardOutput());
}

/// Stores @p value for @p ref with secret-tool: another client of the keychain. Its items
/// carry no QtKeychain schema, so QtKeychain's writes and deletes leave them be.
inline bool storeWithSecretTool(const QString &ref, const QByteArray &value)
{
    QProcess tool;
    tool.start(QStringLiteral("secret-tool"),
               {QStringLiteral("store"), QStringLiteral("--label=test"), QStringLiteral("server"),
                QLatin1String(SecretStore::DefaultService), QStringLiteral("user"), ref,
                QStringLiteral("type"), QStringLiteral("plaintext")});
    if (!tool.waitForStarted(TimeoutMs))
        return false;
    tool.write(value);
    tool.closeWriteChannel();
    return tool.waitForFinished(TimeoutMs) && tool.exitCode() == 0;
}

/// Every file under @p root, and in @p holding those whose bytes contain one of
/// @p secrets or cannot be read.
inline QStringList filesUnder(const QString &root, const QList<QByteArray> &secrets,
                              QStringList *holding)
{
    QStringList all;
    QDirIterator it(root, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile file(it.next());
        all.append(file.fileName());
        if (!file.open(QIODevice::ReadOnly)) {
            holding->append(file.fileName() + QStringLiteral(" (unreadable)"));
            continue;
        }
        const QByteArray bytes = file.readAll();
        for (const QByteArray &secret : secrets) {
            if (bytes.contains(secret)) {
                holding->append(file.fileName());
                break;
            }
        }
    }
    return all;
}

/// filesUnder() HOME, the wrapper's temporary folder.
inline QStringList filesUnderHome(const QList<QByteArray> &secrets, QStringList *holding)
{
    return filesUnder(QDir::homePath(), secrets, holding);
}

} // namespace KeychainTest
