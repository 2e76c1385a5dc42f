#pragma once

#include "profile.h"

#include <QAbstractListModel>

/// The profiles the main window manages, as a list model (one row per profile,
/// DisplayRole and EditRole are the name), with automatic saving.
///
/// Every change is written at once to the autosave file through ProfileStore (atomic).
/// If the autosave file exists but failed to load, autosaving is blocked for the rest
/// of the session so that file is never overwritten; autosaveBlockedReason() says why.
/// Rows carry a stable id (IdRole) so a tab can follow its profile through renames.
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

    /// Replaces all profiles with those in @p path. On failure nothing changes and the
    /// error (naming the file) is returned.
    QString importFrom(const QString &path);
    /// Atomically writes all profiles to @p path. Returns an error, or empty.
    QString exportTo(const QString &path) const;

    const QList<Profile> &profiles() const { return m_profiles; }
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

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

Q_SIGNALS:
    /// Writing the autosave file failed; @p message names the file and the cause.
    void autosaveFailed(const QString &message);
    /// A rename or update was refused; @p message says why.
    void editRefused(const QString &message);

private:
    void resetTo(const QList<Profile> &profiles);
    int appendProfile(const Profile &profile);
    QString uniqueName(const QString &base) const;
    void autosave();

    QList<Profile> m_profiles;
    QList<quint64> m_ids;
    quint64 m_nextId = 1;
    QString m_autosavePath;
    QString m_blockedReason;
};
