#include "sessiontab.h"

#include "connectionbar.h"
#include "plaintext.h"
#include "profiles/profilemodel.h"
#include "profiles/urlredaction.h"
#include "secretprompt.h"
#include "statusline.h"

#include <QPushButton>

// The Connect path: the secrets the profile needs (SecretPrompt), then the session.

void SessionTab::connectToServer()
{
    refreshProfile();
    openConnection(m_profile);
}

/// A 3xx answer is never followed silently: this offers its Location, once, for one
/// connection; the profile keeps its URL.
void SessionTab::offerRedirect()
{
    const QUrl target = m_session->state() == WebSocketSession::State::Closed
                            ? m_session->redirectTarget()
                            : QUrl();
    m_followRedirect->setVisible(!target.isEmpty());
    if (target.isEmpty())
        return;
    const QString shown = UrlRedaction::redactedUrl(target, m_profile.showSecretsInLog);
    const QString elided =
        fontMetrics().elidedText(shown, Qt::ElideMiddle, 40 * fontMetrics().averageCharWidth());
    m_followRedirect->setText(PlainText::tabText(tr("Connect to %1").arg(elided))); // '&' as is
    m_followRedirect->setToolTip(PlainText::toolTip(
        tr("The server answered with a redirect to %1. Connect there once; the profile keeps "
           "its URL.")
            .arg(shown)));
}

void SessionTab::followRedirect()
{
    const QUrl target = m_session->redirectTarget();
    if (target.isEmpty() || m_session->state() != WebSocketSession::State::Closed)
        return;
    Profile redirected = m_profile;
    redirected.builtInEchoServer = false;
    redirected.url = target;
    redirected.urlTemplate.clear(); // the Location, not the template again
    openConnection(redirected);
}

void SessionTab::openConnection(const Profile &profile)
{
    m_followRedirect->setVisible(false);
    // The keychain may answer later; a Connect meanwhile is the same Connect.
    if (m_secretPrompt->isPending())
        return;
    m_connecting = profile;
    m_secretPrompt->request(profile);
    if (m_secretPrompt->isPending()) // not answered at once: the keychain is being read
        m_status->showStatus(tr("Reading the OS keychain…"), false);
}

void SessionTab::onSecretsCancelled()
{
    m_status->showStatus(tr("Not connected: the passphrase or password was not given."), false);
}

void SessionTab::onSecretsReady(const ConnectSecrets &secrets)
{
    const Profile profile = m_connecting;
    m_session->setSecrets(secrets);
    const Environment *environment = m_profiles->environments().activeEnvironment();
    m_session->setEnvironment(environment ? std::optional<Environment>(*environment)
                                          : std::nullopt);
    m_connectionBar->showSubprotocol(QString());
    m_status->showStatus(QString(), false);
    // A refusal is logged and shown through errorOccurred(); a wrong passphrase is one.
    if (!m_session->open(profile))
        m_secretPrompt->forget();
    showTarget();
}
