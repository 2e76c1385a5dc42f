#pragma once

struct QJsonParseError;

#include "profiles/profile.h"
#include "profiles/variables.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

/// Reads and writes a set of profiles as a versioned JSON file.
///
/// Format (documented in README.md):
///   {"format": "sockscope-profiles", "version": 2, "profiles": [ {...}, ... ],
///    "environments": [...], "activeEnvironment": "..."}
/// Version 1 files (no environments) still load; they are migrated in memory and
/// written as version 2 at the next save, which happens only after a successful load
/// (and the first save backs the old file up).
/// Loading is strict: a size cap, type checks on every field, unique non-empty names
/// and valid URLs, so a corrupt or hostile file is rejected whole with a message that
/// names the file and the problem. Saving goes through QSaveFile, so a crash or a full
/// disk never leaves a half-written file.
class ProfileStore final
{
    Q_DECLARE_TR_FUNCTIONS(ProfileStore)
public:
    /// QSettings key: the profiles file last opened or saved as (File > Open Profiles
    /// File, Save Profiles As), used at the next start when none is given.
    static constexpr const char *LastFileKey = "profiles/lastFile";

    /// The profiles file a start uses, and why, for a person (empty when it is the
    /// usual one).
    struct StartupFile
    {
        QString path;
        QString note;
    };
    /// The file given on the command line (@p commandLine) wins; else the one last opened
    /// or saved as (@p remembered), if it still exists; else @p defaultPath. A remembered
    /// file that is gone is said in the note, and is not created again.
    static StartupFile chooseStartupFile(const QString &commandLine, const QString &remembered,
                                         const QString &defaultPath);

    /// Why @p json is not valid JSON, for a person: Qt's message and the line and
    /// column (1-based, characters) near where the parser stopped, or "at its end" with
    /// the file's size in bytes when it ended too soon (QJsonParseError).
    static QString jsonErrorText(const QByteArray &json, const QJsonParseError &error);
    static constexpr qint64 MaxFileBytes = 10 * 1024 * 1024;
    static constexpr int FormatVersion = 2;
    static constexpr int OldestFormatVersion = 1; ///< The oldest version load() reads.
    static const char *const FormatName;          ///< "sockscope-profiles"

    struct LoadResult
    {
        bool ok = false;
        bool fileMissing = false; ///< The file does not exist (not an error for autosave).
        QList<Profile> profiles;
        EnvironmentSet environments; ///< Empty for a version 1 file.
        int version = 0;             ///< The file's format version.
        QString error;               ///< Names the file and the problem; empty when ok.
    };

    /// Loads the profiles in @p path. Never modifies the file.
    static LoadResult load(const QString &path);
    /// Parses a document; @p source names it in error messages.
    static LoadResult parse(const QByteArray &json, const QString &source);
    /// The JSON document for @p profiles and @p environments (UTF-8, indented, the
    /// current version; secret variables' values left out).
    static QByteArray serialise(const QList<Profile> &profiles,
                                const EnvironmentSet &environments = {});
    /// Atomically writes @p profiles to @p path (QSaveFile), readable and writable by
    /// the owner only (0600): profiles hold secrets such as Authorization headers. An
    /// existing file with looser permissions is tightened. Returns an error, or empty.
    static QString save(const QString &path, const QList<Profile> &profiles,
                        const EnvironmentSet &environments = {});
    /// Copies the file at @p path, as it is, to backupPath(@p path), atomically and 0600,
    /// before it is replaced. Nothing to do when it does not exist. Returns an error, or
    /// empty.
    static QString backUp(const QString &path);
    /// "<path>.bak".
    static QString backupPath(const QString &path);

private:
    static QString writePrivately(const QString &path, const QByteArray &bytes);
};
