#pragma once

#include "profiles/profile.h"
#include "profiles/secretstore.h"
#include "profiles/variables.h"

#include <QAbstractListModel>
#include <QHash>
#include <QPointer>
#include <QSet>
#include <QStringList>

/// The profiles the main window manages, as a list model (one row per profile,
/// DisplayRole and EditRole are the name), with automatic saving.
///
/// Every change is written at once to the autosave file through ProfileStore (atomic).
/// Before the first write to a file that existed, the file as it was is kept as
/// "<file>.bak". If the autosave file exists but failed to load, autosaving is blocked
/// until the profiles are saved elsewhere (saveAs()), so that file is never
/// overwritten; autosaveBlockedReason() says why, and hasUnsavedChanges() says whether
/// anything would be lost.
/// Rows carry a stable id (IdRole) so a tab can follow its profile through renames.
///
/// Secrets (HandshakeHeader::secret, Variable::secret) are kept in a SecretStore when one
/// is set: every secret gets a keychain reference (secretRef) when it is saved, a
/// changed value is written to the keychain at each autosave, and after each load the
/// values are read back and filled in (secretsRead()), with no autosave. With no
/// keychain the values stay in memory for this run, and keychainUnavailable() says so
/// once.
class ProfileModel final : public QAbstractListModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProfileModel)
public:
    enum Role { IdRole = Qt::UserRole + 1, UrlRole, BuiltInEchoRole };

    explicit ProfileModel(QObject *parent = nullptr);

    /// Loads @p path as the autosave file. A missing file gives the default Local echo
    /// profile. A file that fails to load also gives the default, blocks autosaving and
    /// returns the error; the file is left as it is.
    QString loadAutosave(const QString &path);
    QString autosavePath() const { return m_autosavePath; }
    bool autosaveBlocked() const { return !m_blockedReason.isEmpty(); }
    QString autosaveBlockedReason() const { return m_blockedReason; }

    /// What importFrom() did.
    struct ImportResult
    {
        QString error;       ///< Names the file and the problem; empty on success.
        int imported = 0;    ///< Profiles added.
        QStringList renamed; ///< "old → new" for each one renamed on a name clash.
    };
    /// Adds the profiles in @p path to the current ones; a name already taken gets
    /// " (2)", " (3)"…. Nothing is replaced. On failure nothing changes.
    ImportResult importFrom(const QString &path);
    /// Appends @p profiles (read from a HAR or a pasted command line), as importFrom()
    /// does: a name already taken gets " (2)", " (3)"…, and "old → new" goes to
    /// @p renamed (may be null); their secrets get keychain references. Autosaves once.
    /// Returns the row of the first one, or -1 when @p profiles is empty.
    int addImported(const QList<Profile> &profiles, QStringList *renamed = nullptr);
    /// Opens @p path like a document: its profiles replace the current ones and it
    /// becomes the autosave file. On failure nothing changes. The caller asks first.
    QString openFile(const QString &path);
    /// Writes all profiles to @p path and makes it the autosave file (which unblocks
    /// autosaving). Returns an error, or empty; on error nothing changes.
    QString saveAs(const QString &path);
    /// Atomically writes all profiles to @p path. Returns an error, or empty.
    QString exportTo(const QString &path) const;
    /// Atomically writes the profiles in @p rows (and, if @p withEnvironments, the
    /// environments) to @p path, to share: secrets as references only, never a value
    /// (ProfileStore::serialise). Returns an error naming the file, or empty.
    QString exportProfiles(const QList<int> &rows, bool withEnvironments,
                           const QString &path) const;
    /// True when the profiles hold changes no file has: autosaving is blocked, or its
    /// last write failed.
    bool hasUnsavedChanges() const { return m_unsaved; }

    const QList<Profile> &profiles() const { return m_profiles; }
    /// The profile set's environments and the active one (profiles file version 2).
    const EnvironmentSet &environments() const { return m_environments; }
    /// Keeps the secrets' values in @p store (not owned; may be null): reads those not in
    /// memory at once and after every load.
    void setSecretStore(SecretStore *store);
    SecretStore *secretStore() const { return m_secretStore; }
    /// The plain headers of a version 1 autosave file that would be secret today
    /// (HandshakeHeader::proposedSecret: Authorization, Cookie…), as "profile: header",
    /// for a question before migratePlainSecrets(); empty for a version 2 file.
    QStringList plainSecretsToMigrate() const;
    /// Marks those headers secret and writes their values to the keychain. Once the
    /// keychain holds every one, the autosave file and its backup (.bak) are written
    /// with references only (the old file's plain text is not kept), and
    /// migrationFinished() reports an empty error. If the keychain refuses or is missing,
    /// nothing changes and the error says why.
    void migratePlainSecrets();
    /// True while values asked of the keychain have not all answered.
    bool readingSecrets() const { return !m_secretsReading.isEmpty(); }

    /// Replaces the environments (the editor's Apply) and autosaves them with the
    /// profiles; emits environmentsChanged() when they differ.
    void setEnvironments(const EnvironmentSet &environments);
    Profile profile(int row) const { return m_profiles.value(row); }
    quint64 idAt(int row) const { return m_ids.value(row); }
    /// The row of the profile with @p id, or -1 if it was removed.
    int rowOfId(quint64 id) const { return int(m_ids.indexOf(id)); }
    int rowOfName(const QString &name) const;

    /// Why @p name cannot name the profile in @p row (empty, taken); empty if fine.
    QString nameProblem(const QString &name, int row = -1) const;

    /// Appends a profile "New profile", "New profile 2", ...; returns its row.
    int createProfile();
    /// Appends a copy of @p row named "<name> copy"; returns its row.
    int duplicateProfile(int row);
    QString renameProfile(int row, const QString &name);
    /// Replaces the profile in @p row; refuses (and returns why) an invalid one.
    QString updateProfile(int row, const Profile &profile);
    void removeProfile(int row);

    /// Longest snippet name snippetName() gives, in characters (UTF-16 code units).
    static constexpr int MaxSnippetNameChars = 40;
    /// The name a snippet saved from @p payload gets: the payload with its white space
    /// simplified, cut to MaxSnippetNameChars with an ellipsis ("…") as the last one.
    static QString snippetName(const QString &payload);
    /// Saves @p snippet with the profile in @p row: it replaces the snippet of the same
    /// name, or is appended. Refuses, and returns why, a payload that does not parse in
    /// its format (PayloadCodec::parse: "Not saved: …") or a refusal of updateProfile().
    QString saveSnippet(int row, const Snippet &snippet);
    /// Removes snippet @p index of the profile in @p row. Returns why not (no such
    /// profile or snippet, or a refusal of updateProfile()), or empty.
    QString removeSnippet(int row, int index);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

Q_SIGNALS:
    /// Writing the autosave file failed; @p message names the file and the cause.
    void autosaveFailed(const QString &message);
    void environmentsChanged();
    /// A rename or update was refused; @p message says why.
    void editRefused(const QString &message);
    /// The values the keychain held are filled in (rows changed got dataChanged()).
    void secretsRead();
    /// No keychain is there, said once: @p message says what happens to the secrets.
    void keychainUnavailable(const QString &message);
    /// The keychain refused a secret; @p message names it and the cause.
    void keychainFailed(const QString &message);
    /// migratePlainSecrets() is done: @p error is empty, or says why nothing changed.
    void migrationFinished(const QString &error);

private:
    void resetTo(const QList<Profile> &profiles);
    int appendProfile(const Profile &profile);
    QString uniqueName(const QString &base) const;
    /// @p base, or "<base> (2)", "<base> (3)"… if taken: the name an import gives.
    QString importedName(const QString &base) const;
    void autosave();
    // Secrets (profilemodelsecrets.cpp)
    void readSecrets();
    void writeSecrets();
    void assignSecretRefs(Profile &profile, const Profile *previous) const;
    void assignSecretRefs(EnvironmentSet &environments, const EnvironmentSet &previous) const;
    void onSecretRead(const QString &ref, const QString &value);
    void onSecretsReadFinished();
    void onKeychainUnavailable(const QString &reason);
    void onKeychainFailed(const QString &ref, const QString &message);
    void onMigrationWritten(const QString &ref);
    void endMigration(const QString &error);

    QList<Profile> m_profiles;
    EnvironmentSet m_environments;
    QList<quint64> m_ids;
    quint64 m_nextId = 1;
    QString m_autosavePath;
    QString m_blockedReason;
    QString m_backedUpPath; ///< The autosave file already backed up in this session.
    bool m_unsaved = false;
    QPointer<SecretStore> m_secretStore;
    QHash<QString, QString> m_keychainValues; ///< What the keychain holds, as far as known.
    QSet<QString> m_secretsReading;           ///< References asked of the keychain.
    int m_loadedVersion = 0;                  ///< The autosave file's format version.
    QSet<QString> m_migrating;                ///< References being moved to the keychain.
    QSet<QString> m_migratedRefs;             ///< Every reference the running migration gave.
    bool m_migrationRunning = false; ///< Autosave waits: the file keeps its values till then.
};
