#pragma once

#include "session/connectoptions.h"

#include <QObject>
#include <optional>

class QWidget;

/// Asks for what a profile's connection needs and the profiles file never holds: the
/// client key's passphrase and the proxy's password (ConnectOptions::needsKeyPassphrase,
/// needsProxyPassword), each in a password dialog (QInputDialog, echo off). An answer
/// is held in memory, for the file or the proxy it was given for, until forget().
class SecretPrompt final : public QObject
{
    Q_OBJECT
public:
    explicit SecretPrompt(QWidget *dialogParent);

    /// The secrets for connecting with @p profile, asking for those not held yet;
    /// nullopt when the user cancels a dialog (then nothing is sent).
    std::optional<ConnectSecrets> secretsFor(const Profile &profile);
    /// Drops what is held, so the next Connect asks again (after a failed connection:
    /// the passphrase or password may be what was wrong).
    void forget();

private:
    std::optional<QString> ask(const QString &title, const QString &label);

    QWidget *m_dialogParent;
    ConnectSecrets m_held;
    QString m_keyFor;   ///< The key file m_held.keyPassphrase opens.
    QString m_proxyFor; ///< user@host:port of m_held.proxyPassword.
};
