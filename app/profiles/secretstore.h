#pragma once

#include <QHash>
#include <QObject>
#include <QSet>
#include <QString>
#include <QStringList>

namespace QKeychain {
class Job;
}

/// The values of secret headers and variables in the OS keychain, through QtKeychain
/// (the Secret Service on Linux, the Keychain on macOS, the Credential Manager on
/// Windows): one entry per secret, under the service name and the secret's secretRef as
/// its key. The profiles file holds only the reference.
///
/// Every call is asynchronous (QKeychain::ReadPasswordJob, WritePasswordJob,
/// DeletePasswordJob, which QtKeychain runs one at a time). QtKeychain's insecure
/// fallback (a plain-text QSettings file) is never used. When no keychain answers
/// (QKeychain::NoBackendAvailable, or the Secret Service's D-Bus errors), unavailable()
/// is emitted once with the reason, and the store stops trying: the values stay where
/// the caller keeps them, in memory, for this run only.
class SecretStore final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SecretStore)
public:
    /// The keychain service name Sockscope's entries are kept under.
    static constexpr const char *DefaultService = "Sockscope";

    explicit SecretStore(QObject *parent = nullptr, const QString &service = DefaultService);
    ~SecretStore() override;

    QString service() const { return m_service; }

    /// Reads the entry of each of @p refs. Emits valueRead() for each one that answers (an
    /// entry that is not there reads as empty: not an error), then readFinished() once
    /// all of them have answered, failed or not.
    void read(const QStringList &refs);
    /// Stores @p value under @p ref, replacing what was there; an empty @p value deletes
    /// the entry. Emits written() when the keychain has it, failed() otherwise.
    void write(const QString &ref, const QString &value);

    /// False once the keychain has been found missing (unavailable() was emitted).
    bool isAvailable() const { return m_unavailableReason.isEmpty(); }
    QString unavailableReason() const { return m_unavailableReason; }
    /// Jobs started and not finished yet.
    int pendingJobs() const { return m_pending; }

Q_SIGNALS:
    void valueRead(const QString &ref, const QString &value);
    /// All reads of one read() call have answered.
    void readFinished();
    /// @p ref holds @p value in the keychain now (or has no entry, for an empty one).
    void written(const QString &ref);
    /// No keychain: said once, with QtKeychain's reason.
    void unavailable(const QString &reason);
    /// One read or write failed for another reason (the user refused access, say).
    void failed(const QString &ref, const QString &message);
    /// No job is pending any more.
    void idle();

private:
    void onReadFinished(QKeychain::Job *job);
    void onWriteFinished(QKeychain::Job *job);
    /// Handles a job's error; returns true when it ended in one.
    bool handleError(QKeychain::Job *job, const QString &ref);
    void jobDone();
    void markUnavailable(const QString &reason);

    QString m_service;
    QString m_unavailableReason;
    int m_pending = 0;
    int m_readsLeft = 0; ///< Reads of the current read() calls not answered yet.
};
