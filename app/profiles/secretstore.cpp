#include "secretstore.h"

#include <qt6keychain/keychain.h>

namespace {

/// The Secret Service's D-Bus answers QtKeychain passes on as OtherError when no
/// keychain daemon is there to answer (org.freedesktop.DBus.Error.ServiceUnknown and
/// friends), said the same way as NoBackendAvailable.
bool meansNoKeychain(const QKeychain::Job *job)
{
    if (job->error() == QKeychain::NoBackendAvailable)
        return true;
    if (job->error() != QKeychain::OtherError)
        return false;
    const QString text = job->errorString();
    return text.contains(QLatin1String("ServiceUnknown")) ||
           text.contains(QLatin1String("NoReply")) ||
           text.contains(QLatin1String("was not provided by any .service files")) ||
           text.contains(QLatin1String("Cannot autolaunch")) ||
           text.contains(QLatin1String("DBUS_SESSION_BUS_ADDRESS"));
}

} // namespace

SecretStore::SecretStore(QObject *parent, const QString &service)
    : QObject(parent), m_service(service)
{}

SecretStore::~SecretStore() = default;

void SecretStore::read(const QStringList &refs)
{
    if (refs.isEmpty() || !isAvailable()) {
        Q_EMIT readFinished();
        return;
    }
    m_readsLeft += int(refs.size());
    for (const QString &ref : refs) {
        auto *job = new QKeychain::ReadPasswordJob(m_service, this);
        job->setAutoDelete(true);
        job->setInsecureFallback(false);
        job->setKey(ref);
        connect(job, &QKeychain::Job::finished, this, &SecretStore::onReadFinished);
        ++m_pending;
        job->start();
    }
}

void SecretStore::write(const QString &ref, const QString &value)
{
    if (!isAvailable())
        return;
    QKeychain::Job *job = nullptr;
    if (value.isEmpty()) {
        job = new QKeychain::DeletePasswordJob(m_service, this);
    } else {
        auto *writeJob = new QKeychain::WritePasswordJob(m_service, this);
        writeJob->setTextData(value);
        job = writeJob;
    }
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(ref);
    connect(job, &QKeychain::Job::finished, this, &SecretStore::onWriteFinished);
    ++m_pending;
    job->start();
}

void SecretStore::onReadFinished(QKeychain::Job *job)
{
    const QString ref = job->key();
    if (job->error() == QKeychain::EntryNotFound)
        Q_EMIT valueRead(ref, QString());
    else if (!handleError(job, ref))
        Q_EMIT valueRead(ref, static_cast<QKeychain::ReadPasswordJob *>(job)->textData());
    if (--m_readsLeft == 0)
        Q_EMIT readFinished();
    jobDone();
}

void SecretStore::onWriteFinished(QKeychain::Job *job)
{
    const QString ref = job->key();
    if (!handleError(job, ref))
        Q_EMIT written(ref);
    jobDone();
}

bool SecretStore::handleError(QKeychain::Job *job, const QString &ref)
{
    switch (job->error()) {
    case QKeychain::NoError:
        return false;
    case QKeychain::EntryNotFound:
        // Reading a secret never stored, or deleting one already gone: nothing is lost.
        if (qobject_cast<QKeychain::DeletePasswordJob *>(job))
            Q_EMIT written(ref);
        return true;
    default:
        if (meansNoKeychain(job))
            markUnavailable(job->errorString());
        else
            Q_EMIT failed(
                ref, tr("The keychain refused the secret %1: %2").arg(ref, job->errorString()));
        return true;
    }
}

void SecretStore::jobDone()
{
    if (--m_pending == 0)
        Q_EMIT idle();
}

void SecretStore::markUnavailable(const QString &reason)
{
    if (!isAvailable())
        return;
    m_unavailableReason = reason.isEmpty() ? tr("no keychain service answered") : reason;
    Q_EMIT unavailable(m_unavailableReason);
}
