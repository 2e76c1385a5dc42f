#pragma once

#include "session/connectsecretkeeper.h"

#include <QObject>

class QWidget;
class SecretStore;

/// Gets what a profile's connection needs and the profiles file never holds: the client
/// key's passphrase and the proxy's password (ConnectSecretKeeper::needsOf). What the OS
/// keychain holds for them is used without asking; the rest is asked for, one
/// SecretDialog each, and kept in memory, and in the keychain when the user ticks
/// "Remember" and the connection opens (connected()). After a failed connection, forget()
/// makes the next request() ask again.
class SecretPrompt final : public QObject
{
    Q_OBJECT
public:
    /// @p keychain: the application's store (nullptr: memory only, nothing remembered).
    SecretPrompt(QWidget *dialogParent, SecretStore *keychain);

    /// Starts getting the secrets for connecting with @p profile. Emits ready() once they
    /// are all there, at once when nothing is to be read or asked; cancelled() when the
    /// user cancels a dialog (then nothing is to be sent). A request() while another is
    /// under way is ignored (returns false).
    bool request(const Profile &profile);
    bool isPending() const { return m_pending; }
    /// The connection opened with what was given: what the user asked to remember goes
    /// to the keychain now (ConnectSecretKeeper::commit()), never a value not yet tried.
    void connected() { m_keeper->commit(); }
    /// Drops what is held, so the next request() asks again (after a failed connection:
    /// the passphrase or password may be what was wrong).
    void forget() { m_keeper->forget(); }

Q_SIGNALS:
    void ready(const ConnectSecrets &secrets);
    void cancelled();
    /// The keychain did not give a value (a read failed); the user is asked instead.
    /// Write failures reach the main window through ProfileModel::keychainFailed.
    void keychainFailed(const QString &message);

private:
    void onLookedUp(const QList<ConnectSecretNeed> &unanswered);
    bool ask(const ConnectSecretNeed &need);

    QWidget *m_dialogParent;
    ConnectSecretKeeper *m_keeper;
    QList<ConnectSecretNeed> m_needs; ///< Of the request() under way.
    bool m_pending = false;
};
