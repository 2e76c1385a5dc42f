#include "session/connectsecretkeeper.h"

#include "profiles/profile.h"
#include "profiles/secretstore.h"

#include <QFileInfo>

ConnectSecretKeeper::ConnectSecretKeeper(SecretStore *keychain, QObject *parent)
    : QObject(parent), m_appKeychain(keychain)
{
    if (!keychain)
        return;
    m_store = new SecretStore(this, keychain->service());
    connect(m_store, &SecretStore::valueRead, this, &ConnectSecretKeeper::onValueRead);
    connect(m_store, &SecretStore::readFinished, this, &ConnectSecretKeeper::onReadFinished);
    connect(m_store, &SecretStore::failed, this,
            [this](const QString &, const QString &message) { Q_EMIT keychainFailed(message); });
}

ConnectSecretKeeper::~ConnectSecretKeeper()
{
    // QtKeychain's libsecret callback still points at a job deleted mid-read: the store
    // (the jobs' parent) outlives this keeper until its reads have answered.
    if (m_store && m_store->pendingJobs() > 0) {
        disconnect(m_store, nullptr, this, nullptr);
        m_store->setParent(nullptr);
        connect(m_store, &SecretStore::idle, m_store, &QObject::deleteLater);
    }
}

QList<ConnectSecretNeed> ConnectSecretKeeper::needsOf(const Profile &profile)
{
    QList<ConnectSecretNeed> needs;
    // A URL template may become wss:// at Connect: only a plain ws:// one surely will not.
    const bool wss = !profile.builtInEchoServer &&
                     !profile.urlText().startsWith(QLatin1String("ws:"), Qt::CaseInsensitive);
    if (wss && ConnectOptions::needsKeyPassphrase(profile.tls)) {
        const QString keyFile = QFileInfo(profile.tls.keyPath()).absoluteFilePath();
        needs.append({ConnectSecretNeed::Kind::KeyPassphrase, QStringLiteral("tls-key:") + keyFile,
                      keyFile});
    }
    const ProxySettings &proxy = profile.proxy;
    if (ConnectOptions::needsProxyPassword(proxy)) {
        const QString account =
            QStringLiteral("%1@%2:%3").arg(proxy.user, proxy.host).arg(proxy.port);
        const QString scheme = ProxySettings::typeKey(proxy.type);
        needs.append({ConnectSecretNeed::Kind::ProxyPassword,
                      QStringLiteral("proxy:%1://%2").arg(scheme, account), account});
    }
    return needs;
}

bool ConnectSecretKeeper::canRemember() const
{
    return m_store && m_store->isAvailable() && m_appKeychain && m_appKeychain->isAvailable();
}

void ConnectSecretKeeper::lookUp(const QList<ConnectSecretNeed> &needs)
{
    ++m_lookUps;
    m_needs = needs;
    QStringList refs;
    for (const ConnectSecretNeed &need : needs) {
        if (!m_held.contains(need.ref) && !m_distrusted.contains(need.ref))
            refs.append(need.ref);
    }
    if (refs.isEmpty() || !canRemember()) {
        m_lookingUp = false;
        Q_EMIT lookedUp(unanswered());
        return;
    }
    m_lookingUp = true;
    m_store->read(refs);
}

void ConnectSecretKeeper::onValueRead(const QString &ref, const QString &value)
{
    // An entry that is not there reads as empty; an empty passphrase is not kept either.
    if (value.isEmpty() || m_distrusted.contains(ref) || m_held.contains(ref))
        return;
    m_held.insert(ref, value);
    m_fromKeychain.insert(ref);
}

void ConnectSecretKeeper::onReadFinished()
{
    // Said from the event loop, not from inside QtKeychain's job callback: a receiver may
    // open a modal dialog (a nested event loop) that outlives the job.
    // The reads answered belong to the lookUp() under way now; a later one waits for its own.
    const quint64 lookUp = m_lookUps;
    QMetaObject::invokeMethod(
        this, [this, lookUp] { finishLookUp(lookUp); }, Qt::QueuedConnection);
}

void ConnectSecretKeeper::finishLookUp(quint64 lookUp)
{
    if (!m_lookingUp || lookUp != m_lookUps)
        return;
    m_lookingUp = false;
    Q_EMIT lookedUp(unanswered());
}

QList<ConnectSecretNeed> ConnectSecretKeeper::unanswered() const
{
    QList<ConnectSecretNeed> missing;
    for (const ConnectSecretNeed &need : m_needs) {
        if (!m_held.contains(need.ref))
            missing.append(need);
    }
    return missing;
}

void ConnectSecretKeeper::hold(const ConnectSecretNeed &need, const QString &value, bool remember)
{
    m_held.insert(need.ref, value);
    m_fromKeychain.remove(need.ref);
    m_distrusted.remove(need.ref);
    if (!value.isEmpty())
        m_toWrite.insert(need.ref, remember ? value : QString());
}

void ConnectSecretKeeper::commit()
{
    if (canRemember()) {
        // Through the application's store, whose pending jobs the app waits for at quit.
        // An empty value deletes the entry (SecretStore::write): not remembering forgets
        // what an earlier run remembered.
        for (auto it = m_toWrite.cbegin(); it != m_toWrite.cend(); ++it)
            m_appKeychain->write(it.key(), it.value());
    }
    m_toWrite.clear();
}

ConnectSecrets ConnectSecretKeeper::secretsFor(const QList<ConnectSecretNeed> &needs) const
{
    ConnectSecrets secrets;
    for (const ConnectSecretNeed &need : needs) {
        const QString value = m_held.value(need.ref);
        if (need.kind == ConnectSecretNeed::Kind::KeyPassphrase)
            secrets.keyPassphrase = value;
        else
            secrets.proxyPassword = value;
    }
    return secrets;
}

void ConnectSecretKeeper::forget()
{
    for (auto it = m_held.cbegin(); it != m_held.cend(); ++it)
        m_distrusted.insert(it.key());
    m_held.clear();
    m_fromKeychain.clear();
    m_toWrite.clear();
}
