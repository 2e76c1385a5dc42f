#pragma once

#include "log/secretredactor.h"
#include "profiles/profile.h"
#include "profiles/variables.h"

#include <QCoreApplication>
#include <QString>

/// A profile as it is connected with: its `{{name}}` references substituted.
struct ResolvedProfile
{
    bool ok = false;
    /// The profile with url, header names and values and subprotocols substituted;
    /// urlTemplate is kept as typed, so an edit of the template can be told apart.
    Profile profile;
    /// The substituted URL with each secret's value shown as VariableResolver::Redacted,
    /// for labels and the log.
    QString redactedUrl;
    /// Every secret this connection may send: the secret headers' values and the
    /// environment's secret variables. The session hides them in its log, its Frames
    /// previews and the Handshake view.
    SecretRedactor redactor;
    QString environment; ///< The environment's name; empty when none is active.
    /// Empty when ok: one sentence naming the variable or header and where it was used.
    QString error;
};

/// Substitutes a profile's `{{name}}` references from an environment at Connect, the
/// way VariableResolver does text: the URL (urlTemplate), header names and values, and
/// subprotocols. Nothing is sent when it fails:
/// - a variable that is not defined (named, with where it was used);
/// - a secret header, or a secret variable, with no value in this run (the keychain
///   had none, or there is no keychain);
/// - a result that is not a valid profile (a URL that is not ws:// or wss://, a header
///   value with a line break, …: Profile::problem()), with secrets shown as •••.
class ProfileResolver
{
    Q_DECLARE_TR_FUNCTIONS(ProfileResolver)
public:
    /// Resolves @p profile against @p environment (null: only the built-in dynamic
    /// variables).
    static ResolvedProfile resolve(const Profile &profile, const Environment *environment);
    /// Resolves one text sent later on the same connection (a composer message, a close
    /// reason) against @p environment; see VariableResolver::resolve().
    static VariableResolver::Result resolveText(QStringView text, const QString &where,
                                                const Environment *environment);

    /// What of a secret header's @p value is hidden: the credentials after an auth scheme
    /// ("Bearer x.y.z" hides "x.y.z", RFC 9110 11.4), so the log shows
    /// `Authorization: Bearer •••`; the whole value when it has no scheme.
    static QString credentials(const QString &value);

private:
    /// Adds @p value to @p redactor, and its percent-encoded form (RFC 3986 2.1) too.
    static void addSecret(SecretRedactor *redactor, const QString &value);
    static bool substitute(const VariableResolver &resolver, QString *text, const QString &where,
                           ResolvedProfile *result);
};
