// ProfileModel: the secrets' values and the keychain (SecretStore).
#include "profilemodel.h"

#include "profiles/profilesecrets.h"
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
    connect(store, &SecretStore::failed, this,
            [this](const QString &, const QString &message) { Q_EMIT keychainFailed(message); });
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
        const bool known = m_keychainValues.contains(ref);
        // An empty value still being read is not a deletion; an unknown one has nothing
        // to delete.
        if (value.isEmpty() && (!known || m_secretsReading.contains(ref)))
            continue;
        if (known && m_keychainValues.value(ref) == value)
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

void ProfileModel::onKeychainUnavailable(const QString &reason)
{
    Q_EMIT keychainUnavailable(
        tr("No keychain is available (%1). Secret values are kept in memory for this run "
           "only, never written to a file: type them again after the next start.")
            .arg(reason));
}
