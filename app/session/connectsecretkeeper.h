#pragma once

#include "session/connectoptions.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QString>

class SecretStore;
struct Profile;

/// One secret a connection needs that the profiles file never holds.
struct ConnectSecretNeed
{
    enum class Kind : quint8 {
        KeyPassphrase, ///< The client key's passphrase (TlsFiles::keyPath()).
        ProxyPassword  ///< The proxy user's password (RFC 1929, or HTTP Basic).
    };
    Kind kind = Kind::KeyPassphrase;
    /// Its keychain key: "tls-key:" and the key file's absolute path, or "proxy:" and
    /// "http://user@host:port" or "socks5://user@host:port".
    QString ref;
    /// What it opens, for the question: the key file's path, or "user@host:port".
    QString subject;

    friend bool operator==(const ConnectSecretNeed &a, const ConnectSecretNeed &b)
    {
        return a.kind == b.kind && a.ref == b.ref;
    }
};

/// The client-key passphrases and proxy passwords of one tab's connections: held in
/// memory once given, and kept in the OS keychain (SecretStore, under the ref of
/// ConnectSecretNeed) when the user asks to remember them, once a connection has opened
/// with them (commit()): a mistyped password is never remembered. With no keychain,
/// memory only.
///
/// lookUp() reads what the keychain holds for a profile's needs and emits lookedUp()
/// with those still unanswered, which the caller asks the user for and hold()s. After a
/// connection failed, forget() drops what memory holds, and the keychain's entries for
/// those refs are not trusted again until hold() gives them a new value: the passphrase
/// or password may be what was wrong.
class ConnectSecretKeeper final : public QObject
{
    Q_OBJECT
public:
    /// @p keychain: the application's store (ProfileModel::secretStore()), which takes
    /// the writes (and reports their failures, SecretStore::failed()); the reads go
    /// through a SecretStore of this keeper's own, under the same service. nullptr for
    /// memory only.
    explicit ConnectSecretKeeper(SecretStore *keychain, QObject *parent = nullptr);
    ~ConnectSecretKeeper() override;

    /// What connecting with @p profile needs: a passphrase when its client key file is
    /// encrypted (ConnectOptions::needsKeyPassphrase) and the URL may be wss://, a
    /// password when its proxy has a user (ConnectOptions::needsProxyPassword).
    static QList<ConnectSecretNeed> needsOf(const Profile &profile);

    /// Whether hold() can remember a value: a keychain was given and has not been found
    /// missing (SecretStore::unavailable()).
    bool canRemember() const;
    /// Reads the keychain's entries for @p needs not held in memory (and not forgotten),
    /// then emits lookedUp() with the needs still without a value: at once when nothing is
    /// to be read, otherwise from the event loop once the keychain answered. A lookUp() while
    /// another is under way replaces it.
    void lookUp(const QList<ConnectSecretNeed> &needs);
    bool isLookingUp() const { return m_lookingUp; }
    /// Holds @p value for @p need in memory. With @p remember, commit() writes it to the
    /// keychain; without, commit() deletes what the keychain kept for it. An empty value
    /// is never written, nor deletes anything.
    void hold(const ConnectSecretNeed &need, const QString &value, bool remember);
    /// A connection opened with what is held: the keychain takes the values hold() was
    /// asked to remember (and loses those it was asked to forget).
    void commit();
    /// Whether memory holds a value for @p need.
    bool holds(const ConnectSecretNeed &need) const { return m_held.contains(need.ref); }
    /// Whether the value held for @p need came from the keychain (not asked this run).
    bool cameFromKeychain(const ConnectSecretNeed &need) const
    {
        return m_fromKeychain.contains(need.ref);
    }
    /// The values held for @p needs (empty for those not held).
    ConnectSecrets secretsFor(const QList<ConnectSecretNeed> &needs) const;
    /// Drops every value held, and what commit() would have written; their keychain
    /// entries are not read again until hold().
    void forget();

Q_SIGNALS:
    /// The lookUp() of @p needs is done; @p unanswered are those still without a value.
    void lookedUp(const QList<ConnectSecretNeed> &unanswered);
    /// A keychain read failed: "The keychain refused the secret …: reason".
    void keychainFailed(const QString &message);

private:
    void onValueRead(const QString &ref, const QString &value);
    void onReadFinished();
    void finishLookUp(quint64 lookUp);
    QList<ConnectSecretNeed> unanswered() const;

    QPointer<SecretStore> m_appKeychain;
    SecretStore *m_store = nullptr; ///< This keeper's own, for reads only.
    QHash<QString, QString> m_held; ///< ref -> value.
    QSet<QString> m_fromKeychain;
    QSet<QString> m_distrusted;        ///< Forgotten refs whose keychain entry is not read.
    QHash<QString, QString> m_toWrite; ///< ref -> value for commit(); empty: delete.
    QList<ConnectSecretNeed> m_needs;  ///< Of the lookUp() under way.
    bool m_lookingUp = false;
    quint64 m_lookUps = 0; ///< lookUp() calls: an earlier one's answer is not this one's.
};
