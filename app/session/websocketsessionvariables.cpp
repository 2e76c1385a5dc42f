// WebSocketSession: `{{name}}` references resolved at open() and for later sends, and
// the connection's secrets hidden from what it shows.
#include "websocketsession.h"

#include "profiles/profileresolver.h"
#include "wiretap/framelog.h"

VariableResolver::Result WebSocketSession::resolveText(QStringView text, const QString &where) const
{
    return ProfileResolver::resolveText(
        text, where, m_connectedEnvironment ? &*m_connectedEnvironment : nullptr);
}

/// Substitutes @p requested's references into @p profile and takes its secrets into the
/// log's, the Frames view's and the heads' redactor. A refusal is logged (fail()) and
/// nothing is sent.
bool WebSocketSession::resolveVariables(const Profile &requested, Profile *profile)
{
    const ResolvedProfile resolved =
        ProfileResolver::resolve(requested, m_environment ? &*m_environment : nullptr);
    if (!resolved.ok) {
        fail(tr("Not connected: %1").arg(resolved.error));
        return false;
    }
    *profile = resolved.profile;
    m_connectedEnvironment = m_environment;
    m_redactor = resolved.redactor;
    m_redactedUrl = resolved.redactedUrl;
    m_log->setRedactor(m_redactor);
    m_frames->setRedactor(m_redactor);
    return true;
}

/// @p head with every secret's bytes as •••, for the Handshake view: the wire gets the
/// values, what is shown and exported never does.
HttpHead WebSocketSession::redactedHead(HttpHead head) const
{
    if (m_redactor.isEmpty())
        return head;
    head.raw = m_redactor.redacted(head.raw);
    head.startLine = m_redactor.redacted(head.startLine);
    for (auto &field : head.fields) {
        field.first = m_redactor.redacted(field.first);
        field.second = m_redactor.redacted(field.second);
    }
    return head;
}
