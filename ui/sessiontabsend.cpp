// SessionTab: the composer, the snippets and the ping row, what the user sends.
#include "sessiontab.h"

#include "composer.h"
#include "pingbar.h"
#include "profiles/profilemodel.h"
#include "snippetbar.h"
#include "statusline.h"

#include <QFile>
#include <QFileInfo>
#include <QLocale>

// --- Composer, snippets, ping

void SessionTab::sendMessage()
{
    const QString text = m_composer->text();
    const PayloadFormat format = m_composer->format();
    // Substituted at Send, against the environment the connection was opened with; the
    // composer keeps the template, the log shows the result with secrets as •••.
    const VariableResolver::Result resolved = m_session->resolveText(text, tr("the message"));
    if (!resolved.ok) {
        m_status->showRefusal(tr("Not sent: %1").arg(resolved.error));
        return;
    }
    const ParsedPayload parsed = PayloadCodec::parse(format, resolved.text);
    if (!parsed.ok()) {
        // The codec quotes the text it refused, which may be part of a secret's value.
        m_status->showRefusal(
            resolved.usedSecret
                ? tr("Not sent: once its variables are substituted, the message is not valid "
                     "%1. A secret was substituted into it, so the place is not quoted.")
                      .arg(format == PayloadFormat::Hex ? tr("hex") : tr("base64"))
                : tr("Not sent: %1").arg(parsed.error));
        return;
    }
    const bool sent = format == PayloadFormat::Text ? m_session->sendText(resolved.text)
                                                    : m_session->sendBinary(parsed.bytes);
    if (!sent) {
        showNotOpen();
        return;
    }
    m_composer->remember(text, format);
    if (m_status->isError()) // the message that was refused went out now
        m_status->showStatus(QString(), false);
}

bool SessionTab::sendFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        m_status->showStatus(tr("Cannot read \"%1\": %2").arg(path, file.errorString()), true);
        return false;
    }
    if (file.size() > MaxFileBytes) {
        m_status->showStatus(tr("\"%1\" is %2; Send file sends at most %3.")
                                 .arg(QFileInfo(path).fileName(),
                                      QLocale().formattedDataSize(file.size()),
                                      QLocale().formattedDataSize(MaxFileBytes)),
                             true);
        return false;
    }
    const QByteArray data = file.readAll();
    if (!m_session->sendBinary(data)) {
        showNotOpen();
        return false;
    }
    m_status->showStatus(tr("Sent \"%1\" (%2 bytes) as one binary message.")
                             .arg(QFileInfo(path).fileName(), QLocale().toString(data.size())),
                         false);
    return true;
}

void SessionTab::sendPing()
{
    const QByteArray payload = m_pingBar->payload();
    if (payload.size() > WebSocketSession::MaxPingPayloadBytes) {
        m_status->showStatus(tr("Not sent: a ping payload is at most %1 bytes (RFC 6455 5.5); "
                                "this one is %2.")
                                 .arg(WebSocketSession::MaxPingPayloadBytes)
                                 .arg(payload.size()),
                             true);
        return;
    }
    if (!m_session->ping(payload))
        showNotOpen();
}

void SessionTab::showNotOpen()
{
    m_status->showStatus(tr("Not sent: the connection is not open."), true);
}

void SessionTab::onComposeRequested(const QString &text, PayloadFormat format)
{
    // A row shows each secret as •••: sent again, that would go out instead of the value.
    if (!m_session->redactor().isEmpty() && text.contains(VariableResolver::Redacted)) {
        m_status->showRefusal(tr("Not put into the composer: this row shows a secret as "
                                 "•••, not its value. Use its {{variable}} instead."));
        return;
    }
    m_composer->load(text, format);
}

void SessionTab::onSnippetChosen(const Snippet &snippet)
{
    m_composer->load(snippet.payload, snippet.format);
}

void SessionTab::saveSnippet()
{
    const int row = m_profiles->rowOfId(m_profileId);
    const QString text = m_composer->text();
    if (row < 0 || text.isEmpty()) {
        m_status->showStatus(
            row < 0 ? tr("The profile was deleted; snippets cannot be saved.")
                    : tr("Type a message first; Save snippet saves the composer's text."),
            true);
        return;
    }
    const Snippet snippet{ProfileModel::snippetName(text), text, m_composer->format()};
    if (const QString problem = m_profiles->saveSnippet(row, snippet); !problem.isEmpty()) {
        m_status->showStatus(problem, true);
        return;
    }
    refreshProfile();
    m_snippetBar->choose(int(m_profile.snippets.indexOf(snippet)));
    m_status->showStatus(
        tr("Saved snippet \"%1\" with profile %2.").arg(snippet.name, m_profile.name), false);
}

void SessionTab::deleteSnippet(int index)
{
    const int row = m_profiles->rowOfId(m_profileId);
    if (row < 0)
        return;
    const QString name = m_profile.snippets.value(index).name;
    if (const QString problem = m_profiles->removeSnippet(row, index); !problem.isEmpty()) {
        m_status->showStatus(problem, true);
        return;
    }
    refreshProfile();
    m_snippetBar->choose(-1);
    m_status->showStatus(tr("Deleted snippet \"%1\".").arg(name), false);
}
