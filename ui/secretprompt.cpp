#include "secretprompt.h"

#include "secretdialog.h"

#include <QDir>

SecretPrompt::SecretPrompt(QWidget *dialogParent, SecretStore *keychain)
    : QObject(dialogParent), m_dialogParent(dialogParent),
      m_keeper(new ConnectSecretKeeper(keychain, this))
{
    connect(m_keeper, &ConnectSecretKeeper::lookedUp, this, &SecretPrompt::onLookedUp);
    connect(m_keeper, &ConnectSecretKeeper::keychainFailed, this, &SecretPrompt::keychainFailed);
}

bool SecretPrompt::request(const Profile &profile)
{
    if (m_pending)
        return false;
    m_pending = true;
    m_needs = ConnectSecretKeeper::needsOf(profile);
    m_keeper->lookUp(m_needs);
    return true;
}

void SecretPrompt::onLookedUp(const QList<ConnectSecretNeed> &unanswered)
{
    if (!m_pending)
        return;
    for (const ConnectSecretNeed &need : unanswered) {
        if (!ask(need)) {
            m_pending = false;
            Q_EMIT cancelled();
            return;
        }
    }
    m_pending = false;
    Q_EMIT ready(m_keeper->secretsFor(m_needs));
}

bool SecretPrompt::ask(const ConnectSecretNeed &need)
{
    const bool key = need.kind == ConnectSecretNeed::Kind::KeyPassphrase;
    const QString title = key ? tr("Client key passphrase") : tr("Proxy password");
    // Where the answer is kept, the dialog's Remember box says.
    const QString question =
        key ? tr("The passphrase of the client key %1:").arg(QDir::toNativeSeparators(need.subject))
            : tr("The password of the proxy user %1:").arg(need.subject);
    SecretDialog dialog(title, question, m_keeper->canRemember(), m_dialogParent);
    if (dialog.exec() != QDialog::Accepted)
        return false;
    m_keeper->hold(need, dialog.value(), dialog.remember());
    return true;
}
