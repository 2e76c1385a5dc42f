#include "secretprompt.h"

#include <QDir>
#include <QInputDialog>
#include <QLineEdit>
#include <QWidget>

SecretPrompt::SecretPrompt(QWidget *dialogParent)
    : QObject(dialogParent), m_dialogParent(dialogParent)
{}

std::optional<ConnectSecrets> SecretPrompt::secretsFor(const Profile &profile)
{
    // A URL template may become wss:// at Connect: only a plain ws:// one surely will not.
    const bool wss = !profile.builtInEchoServer &&
                     !profile.urlText().startsWith(QLatin1String("ws:"), Qt::CaseInsensitive);
    if (wss && ConnectOptions::needsKeyPassphrase(profile.tls)) {
        const QString keyFile = profile.tls.keyPath();
        if (m_keyFor != keyFile) {
            const std::optional<QString> answer =
                ask(tr("Client key passphrase"),
                    tr("The passphrase of the client key %1 (kept until Sockscope quits, "
                       "never saved):")
                        .arg(QDir::toNativeSeparators(keyFile)));
            if (!answer)
                return std::nullopt;
            m_held.keyPassphrase = *answer;
            m_keyFor = keyFile;
        }
    }
    const ProxySettings &proxy = profile.proxy;
    if (ConnectOptions::needsProxyPassword(proxy)) {
        const QString account =
            QStringLiteral("%1@%2:%3").arg(proxy.user, proxy.host).arg(proxy.port);
        if (m_proxyFor != account) {
            const std::optional<QString> answer =
                ask(tr("Proxy password"),
                    tr("The password of %1 on the proxy %2:%3 (kept until Sockscope quits, "
                       "never saved):")
                        .arg(proxy.user, proxy.host)
                        .arg(proxy.port));
            if (!answer)
                return std::nullopt;
            m_held.proxyPassword = *answer;
            m_proxyFor = account;
        }
    }
    return m_held;
}

void SecretPrompt::forget()
{
    m_held = ConnectSecrets();
    m_keyFor.clear();
    m_proxyFor.clear();
}

std::optional<QString> SecretPrompt::ask(const QString &title, const QString &label)
{
    QInputDialog dialog(m_dialogParent);
    dialog.setWindowTitle(title);
    dialog.setLabelText(label);
    dialog.setTextEchoMode(QLineEdit::Password);
    dialog.setAccessibleName(title);
    if (dialog.exec() != QDialog::Accepted)
        return std::nullopt;
    return dialog.textValue();
}
