#include "profilemodel.h"

#include "profiles/profilesecrets.h"
#include "profiles/profilestore.h"
#include "profiles/urlredaction.h"

#include <algorithm>

ProfileModel::ProfileModel(QObject *parent) : QAbstractListModel(parent)
{
    resetTo({Profile::localEcho()});
}

QString ProfileModel::loadAutosave(const QString &path)
{
    m_autosavePath = path;
    m_blockedReason.clear();
    const ProfileStore::LoadResult result = ProfileStore::load(path);
    m_loadedVersion = result.ok ? result.version : 0;
    m_migrating.clear();
    m_migratedRefs.clear();
    m_migrationRunning = false;
    if (result.ok && !result.profiles.isEmpty()) {
        resetTo(result.profiles);
        m_environments = result.environments;
        readSecrets();
        return QString();
    }
    resetTo({Profile::localEcho()});
    m_environments = result.ok ? result.environments : EnvironmentSet(); // none: no profiles
    if (result.ok || result.fileMissing)
        return QString();
    m_blockedReason = result.error;
    return result.error;
}

ProfileModel::ImportResult ProfileModel::importFrom(const QString &path)
{
    ImportResult done;
    const ProfileStore::LoadResult loaded = ProfileStore::load(path);
    if (!loaded.ok) {
        done.error = loaded.error;
        return done;
    }
    if (loaded.profiles.isEmpty())
        return done;
    const int first = int(m_profiles.size());
    const QHash<QString, QString> held = ProfileSecrets::values(m_profiles, m_environments);
    beginInsertRows({}, first, first + int(loaded.profiles.size()) - 1);
    for (Profile p : loaded.profiles) {
        for (HandshakeHeader &h : p.headers) {
            if (h.secret && held.contains(h.secretRef)) { // a copy gets its own entry
                h.value = held.value(h.secretRef);
                h.secretRef = ProfileSecrets::newRef();
            }
        }
        const QString name = importedName(p.name);
        if (name != p.name)
            done.renamed.append(QStringLiteral("%1 → %2").arg(p.name, name));
        p.name = name;
        m_profiles.append(p);
        m_ids.append(m_nextId++);
    }
    endInsertRows();
    done.imported = int(loaded.profiles.size());
    readSecrets();
    autosave();
    return done;
}

int ProfileModel::addImported(const QList<Profile> &profiles, QStringList *renamed)
{
    if (profiles.isEmpty())
        return -1;
    const int first = int(m_profiles.size());
    beginInsertRows({}, first, first + int(profiles.size()) - 1);
    for (Profile p : profiles) {
        const QString name = importedName(p.name);
        if (renamed && name != p.name)
            renamed->append(QStringLiteral("%1 → %2").arg(p.name, name));
        p.name = name;
        m_profiles.append(p);
        assignSecretRefs(m_profiles.last(), nullptr);
        m_ids.append(m_nextId++);
    }
    endInsertRows();
    autosave();
    return first;
}

QString ProfileModel::openFile(const QString &path)
{
    const ProfileStore::LoadResult loaded = ProfileStore::load(path);
    if (!loaded.ok)
        return loaded.error;
    resetTo(loaded.profiles.isEmpty() ? QList<Profile>{Profile::localEcho()} : loaded.profiles);
    m_environments = loaded.environments;
    m_autosavePath = path;
    m_blockedReason.clear();
    m_unsaved = false;
    m_migrating.clear();
    m_migratedRefs.clear();
    m_migrationRunning = false;
    readSecrets();
    return QString();
}

QString ProfileModel::saveAs(const QString &path)
{
    if (QString error = ProfileStore::backUp(path); !error.isEmpty())
        return error;
    if (QString error = ProfileStore::save(path, m_profiles, m_environments); !error.isEmpty())
        return error;
    m_autosavePath = path;
    m_backedUpPath = path;
    m_blockedReason.clear();
    m_unsaved = false;
    writeSecrets();
    return QString();
}

QString ProfileModel::exportTo(const QString &path) const
{
    return ProfileStore::save(path, m_profiles, m_environments);
}

QString ProfileModel::exportProfiles(const QList<int> &rows, bool withEnvironments,
                                     const QString &path) const
{
    QList<Profile> chosen;
    for (int row : rows) {
        if (row >= 0 && row < m_profiles.size())
            chosen.append(m_profiles.at(row));
    }
    if (chosen.isEmpty())
        return tr("No profile to export.");
    EnvironmentSet environments;
    if (withEnvironments)
        environments = m_environments;
    return ProfileStore::save(path, chosen, environments);
}

void ProfileModel::setEnvironments(const EnvironmentSet &environments)
{
    EnvironmentSet updated = environments;
    assignSecretRefs(updated, m_environments);
    if (updated == m_environments)
        return;
    m_environments = updated;
    autosave();
    Q_EMIT environmentsChanged();
}

int ProfileModel::rowOfName(const QString &name) const
{
    for (int row = 0; row < m_profiles.size(); ++row) {
        if (m_profiles.at(row).name == name)
            return row;
    }
    return -1;
}

QString ProfileModel::nameProblem(const QString &name, int row) const
{
    if (QString problem = Profile::nameProblem(name); !problem.isEmpty())
        return problem;
    const int existing = rowOfName(name);
    if (existing != -1 && existing != row)
        return tr("A profile named \"%1\" already exists.").arg(name);
    return QString();
}

int ProfileModel::createProfile()
{
    Profile p;
    p.name = uniqueName(tr("New profile"));
    p.url = QUrl(QStringLiteral("ws://127.0.0.1:8765/"));
    return appendProfile(p);
}

int ProfileModel::duplicateProfile(int row)
{
    if (row < 0 || row >= m_profiles.size())
        return -1;
    Profile p = m_profiles.at(row);
    p.name = uniqueName(tr("%1 copy").arg(p.name));
    ProfileSecrets::renewRefs(p); // the copy's secrets are its own
    return appendProfile(p);
}

QString ProfileModel::renameProfile(int row, const QString &name)
{
    if (row < 0 || row >= m_profiles.size())
        return tr("No such profile.");
    Profile p = m_profiles.at(row);
    p.name = name;
    return updateProfile(row, p);
}

QString ProfileModel::updateProfile(int row, const Profile &profile)
{
    if (row < 0 || row >= m_profiles.size())
        return tr("No such profile.");
    QString problem = nameProblem(profile.name, row);
    if (problem.isEmpty())
        problem = profile.problem();
    if (!problem.isEmpty()) {
        Q_EMIT editRefused(problem);
        return problem;
    }
    Profile updated = profile;
    assignSecretRefs(updated, &m_profiles.at(row));
    if (m_profiles.at(row) == updated)
        return QString();
    m_profiles[row] = updated;
    const QModelIndex changed = index(row);
    Q_EMIT dataChanged(changed, changed);
    autosave();
    return QString();
}

void ProfileModel::removeProfile(int row)
{
    if (row < 0 || row >= m_profiles.size())
        return;
    beginRemoveRows({}, row, row);
    m_profiles.removeAt(row);
    m_ids.removeAt(row);
    endRemoveRows();
    autosave();
}

QString ProfileModel::snippetName(const QString &payload)
{
    QString name = payload.simplified();
    if (name.size() > MaxSnippetNameChars)
        name = name.left(MaxSnippetNameChars - 1) + QChar(0x2026);
    return name;
}

QString ProfileModel::saveSnippet(int row, const Snippet &snippet)
{
    if (row < 0 || row >= m_profiles.size())
        return tr("No such profile.");
    if (const ParsedPayload parsed = PayloadCodec::parse(snippet.format, snippet.payload);
        !parsed.ok())
        return tr("Not saved: %1").arg(parsed.error);
    Profile p = m_profiles.at(row);
    auto same = std::find_if(p.snippets.begin(), p.snippets.end(),
                             [&](const Snippet &s) { return s.name == snippet.name; });
    if (same != p.snippets.end())
        *same = snippet;
    else
        p.snippets.append(snippet);
    return updateProfile(row, p);
}

QString ProfileModel::removeSnippet(int row, int index)
{
    if (row < 0 || row >= m_profiles.size())
        return tr("No such profile.");
    Profile p = m_profiles.at(row);
    if (index < 0 || index >= p.snippets.size())
        return tr("No such snippet.");
    p.snippets.removeAt(index);
    return updateProfile(row, p);
}

int ProfileModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_profiles.size());
}

QVariant ProfileModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Profile &p = m_profiles.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
        return p.name;
    case Qt::ToolTipRole:
        return p.builtInEchoServer ? tr("The built-in echo server on 127.0.0.1")
               : !p.urlTemplate.isEmpty()
                   ? UrlRedaction::redactedUrlTemplate(p.urlTemplate, p.showSecretsInLog)
                   : UrlRedaction::redactedUrl(p.url, p.showSecretsInLog);
    case IdRole:
        return m_ids.at(index.row());
    case UrlRole:
        return p.url;
    case BuiltInEchoRole:
        return p.builtInEchoServer;
    }
    return {};
}

bool ProfileModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole || !checkIndex(index, CheckIndexOption::IndexIsValid))
        return false;
    return renameProfile(index.row(), value.toString()).isEmpty();
}

Qt::ItemFlags ProfileModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags f = QAbstractListModel::flags(index);
    if (index.isValid())
        f |= Qt::ItemIsEditable;
    return f;
}

void ProfileModel::resetTo(const QList<Profile> &profiles)
{
    beginResetModel();
    m_profiles = profiles;
    m_ids.clear();
    for (qsizetype i = 0; i < m_profiles.size(); ++i)
        m_ids.append(m_nextId++);
    endResetModel();
}

int ProfileModel::appendProfile(const Profile &profile)
{
    const int row = int(m_profiles.size());
    beginInsertRows({}, row, row);
    m_profiles.append(profile);
    assignSecretRefs(m_profiles.last(), nullptr);
    m_ids.append(m_nextId++);
    endInsertRows();
    autosave();
    return row;
}

QString ProfileModel::uniqueName(const QString &base) const
{
    QString name = base;
    for (int n = 2; rowOfName(name) != -1; ++n)
        name = QStringLiteral("%1 %2").arg(base).arg(n);
    return name;
}

QString ProfileModel::importedName(const QString &base) const
{
    QString name = base;
    for (int n = 2; rowOfName(name) != -1; ++n)
        name = QStringLiteral("%1 (%2)").arg(base).arg(n);
    return name;
}

void ProfileModel::autosave()
{
    if (m_migrationRunning) { // written once the keychain holds the migrated values
        m_unsaved = true;
        return;
    }
    // Never overwrite a file that failed to load: the user may want what is in it.
    if (m_autosavePath.isEmpty() || autosaveBlocked()) {
        m_unsaved = !m_autosavePath.isEmpty();
        return;
    }
    QString error;
    if (m_backedUpPath != m_autosavePath) { // the last good file, before its first replace
        error = ProfileStore::backUp(m_autosavePath);
        if (error.isEmpty())
            m_backedUpPath = m_autosavePath;
    }
    if (error.isEmpty())
        error = ProfileStore::save(m_autosavePath, m_profiles, m_environments);
    m_unsaved = !error.isEmpty();
    if (!error.isEmpty())
        Q_EMIT autosaveFailed(error);
    else
        writeSecrets();
}
