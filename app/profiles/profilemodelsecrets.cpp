// ProfileModel: the secrets' values and the keychain (SecretStore).
#include "profilemodel.h"

#include "profiles/profilesecrets.h"
#include "profiles/profilestore.h"
#include "profiles/secretstore.h"

namespace {

/// The reference of a secret called @p name in @p previous that @p taken does not use
/// yet, or empty: an edited profile or environment keeps its keychain entries.
template <typename Item>
QString previousRef(const QList<Item> &previous, const QString &name, const QSet<QString> &taken)
{
    for (const Item &item : previous) {
        if (item.secret && !item.secretRef.isEmpty() && !taken.contains(item.secretRef) &&
            item.name.compare(name, Qt::CaseInsensitive) == 0)
            return item.secretRef;
    }
    return QString();
}

template <typename Item> void assignRefs(QList<Item> &items, const QList<Item> &previous)
{
    QSet<QString> taken;
    for (const Item &item : items)
        taken.insert(item.secretRef);
    for (Item &item : items) {
        if (!item.secret || !item.secretRef.isEmpty())
            continue;
        item.secretRef = previousRef(previous, item.name, taken);
        if (item.secretRef.isEmpty())
            item.secretRef = ProfileSecrets::newRef();
        taken.insert(item.secretRef);
    }
}

} // namespace

void ProfileModel::setSecretStore(SecretStore *store)
{
    if (m_secretStore)
        disconnect(m_secretStore, nullptr, this, nullptr);
    m_secretStore = store;
    m_keychainValues.clear();
    m_secretsReading.clear();
    if (!store)
        return;
    connect(store, &SecretStore::valueRead, this, &ProfileModel::onSecretRead);
    connect(store, &SecretStore::readFinished, this, &ProfileModel::onSecretsReadFinished);
    connect(store, &SecretStore::unavailable, this, &ProfileModel::onKeychainUnavailable);
    connect(store, &SecretStore::failed, this, &ProfileModel::onKeychainFailed);
    connect(store, &SecretStore::written, this, &ProfileModel::onMigrationWritten);
    readSecrets();
}

void ProfileModel::readSecrets()
{
    if (!m_secretStore)
        return;
    const QStringList refs = ProfileSecrets::refsWithoutValues(m_profiles, m_environments);
    if (refs.isEmpty())
        return;
    for (const QString &ref : refs)
        m_secretsReading.insert(ref);
    m_secretStore->read(refs);
}

void ProfileModel::writeSecrets()
{
    if (!m_secretStore || !m_secretStore->isAvailable())
        return;
    const QHash<QString, QString> values = ProfileSecrets::values(m_profiles, m_environments);
    for (auto it = values.cbegin(); it != values.cend(); ++it) {
        const QString &ref = it.key();
        const QString &value = it.value();
        // An empty value is never written: it may be one the keychain has not answered
        // yet, or a copy taken before it did (the Environments dialog); deleting the
        // entry would lose the secret. A cleared secret leaves its entry unused.
        if (value.isEmpty())
            continue;
        if (m_keychainValues.contains(ref) && m_keychainValues.value(ref) == value)
            continue;
        m_keychainValues.insert(ref, value);
        m_secretStore->write(ref, value);
    }
}

void ProfileModel::assignSecretRefs(Profile &profile, const Profile *previous) const
{
    assignRefs(profile.headers, previous ? previous->headers : QList<HandshakeHeader>());
}

void ProfileModel::assignSecretRefs(EnvironmentSet &environments,
                                    const EnvironmentSet &previous) const
{
    for (Environment &environment : environments.environments) {
        QList<Variable> before;
        for (const Environment &old : previous.environments) {
            if (old.name == environment.name)
                before = old.variables;
        }
        assignRefs(environment.variables, before);
    }
}

void ProfileModel::onSecretRead(const QString &ref, const QString &value)
{
    m_secretsReading.remove(ref);
    // A value typed while the keychain was answering wins; it is written at the next
    // autosave.
    m_keychainValues.insert(ref, value);
    if (value.isEmpty())
        return;
    bool environmentsFilled = false;
    const QList<int> rows =
        ProfileSecrets::fill(m_profiles, m_environments, ref, value, &environmentsFilled);
    for (int row : rows)
        Q_EMIT dataChanged(index(row), index(row));
    if (environmentsFilled)
        Q_EMIT environmentsChanged();
}

void ProfileModel::onSecretsReadFinished()
{
    m_secretsReading.clear();
    Q_EMIT secretsRead();
}

void ProfileModel::onKeychainFailed(const QString &ref, const QString &message)
{
    m_keychainValues.remove(ref); // not stored: tried again at the next autosave
    if (m_migrating.contains(ref))
        endMigration(message);
    Q_EMIT keychainFailed(message);
}

void ProfileModel::onKeychainUnavailable(const QString &reason)
{
    if (!m_migrating.isEmpty())
        endMigration(
            tr("No keychain is available (%1): the headers stay as they are.").arg(reason));
    Q_EMIT keychainUnavailable(
        tr("No keychain is available (%1). Secret values are kept in memory for this run "
           "only, never written to a file: type them again after the next start.")
            .arg(reason));
}

QStringList ProfileModel::plainSecretsToMigrate() const
{
    QStringList found;
    if (m_loadedVersion != 1)
        return found;
    for (const Profile &p : m_profiles) {
        for (const HandshakeHeader &h : p.headers) {
            if (!h.secret && !h.value.isEmpty() && HandshakeHeader::proposedSecret(h.name))
                found.append(QStringLiteral("%1: %2").arg(p.name, h.name));
        }
    }
    return found;
}

void ProfileModel::migratePlainSecrets()
{
    if (!m_secretStore || !m_secretStore->isAvailable() || autosaveBlocked()) {
        Q_EMIT migrationFinished(m_secretStore && !m_secretStore->isAvailable()
                                     ? tr("No keychain is available: the headers stay as "
                                          "they are.")
                                     : tr("The headers stay as they are."));
        return;
    }
    for (Profile &p : m_profiles) {
        for (HandshakeHeader &h : p.headers) {
            if (h.secret || h.value.isEmpty() || !HandshakeHeader::proposedSecret(h.name))
                continue;
            h.secret = true;
            h.secretRef = ProfileSecrets::newRef();
            m_migrating.insert(h.secretRef);
        }
    }
    if (m_migrating.isEmpty()) {
        Q_EMIT migrationFinished(QString());
        return;
    }
    m_migratedRefs = m_migrating;
    m_migrationRunning = true;
    const QHash<QString, QString> values = ProfileSecrets::values(m_profiles, m_environments);
    for (const QString &ref : std::as_const(m_migrating))
        m_secretStore->write(ref, values.value(ref));
}

void ProfileModel::onMigrationWritten(const QString &ref)
{
    if (!m_migrating.remove(ref) || !m_migrating.isEmpty())
        return;
    // Every value is in the keychain: now the file, and its backup, lose the plain text.
    const QHash<QString, QString> values = ProfileSecrets::values(m_profiles, m_environments);
    for (auto it = values.cbegin(); it != values.cend(); ++it)
        m_keychainValues.insert(it.key(), it.value());
    QString error =
        ProfileStore::save(ProfileStore::backupPath(m_autosavePath), m_profiles, m_environments);
    if (error.isEmpty()) {
        m_backedUpPath = m_autosavePath; // never copy the plain-text file over it again
        m_migrationRunning = false;
        autosave();
        error = m_unsaved ? tr("The profiles file could not be written.") : QString();
    }
    endMigration(error);
}

void ProfileModel::endMigration(const QString &error)
{
    if (m_migratedRefs.isEmpty())
        return;
    const bool editedMeanwhile = m_migrationRunning && m_unsaved;
    if (!error.isEmpty() && !m_migrating.isEmpty()) {
        // Nothing changes: the migrated headers are plain again, edits made meanwhile kept.
        for (Profile &p : m_profiles) {
            for (HandshakeHeader &h : p.headers) {
                if (m_migratedRefs.contains(h.secretRef)) {
                    h.secret = false;
                    h.secretRef.clear();
                }
            }
        }
    }
    m_migrating.clear();
    m_migratedRefs.clear();
    m_migrationRunning = false;
    if (editedMeanwhile)
        autosave();
    m_loadedVersion = ProfileStore::FormatVersion;
    for (int row = 0; row < m_profiles.size(); ++row)
        Q_EMIT dataChanged(index(row), index(row));
    Q_EMIT migrationFinished(error);
}
