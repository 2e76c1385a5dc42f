#include "profileresolver.h"

#include "urlredaction.h"

#include <QRegularExpression>
#include <QUrl>

ResolvedProfile ProfileResolver::resolve(const Profile &profile, const Environment *environment)
{
    ResolvedProfile result;
    result.profile = profile;
    result.environment = environment ? environment->name : QString();
    if (environment) {
        for (const Variable &v : environment->variables) {
            if (v.secret)
                addSecret(&result.redactor, v.value);
        }
    }
    for (const HandshakeHeader &h : profile.headers) {
        if (!h.secret)
            continue;
        if (h.value.isEmpty()) {
            result.error = tr("The secret header %1 has no value in this run (the keychain "
                              "has none, or has not answered yet): type it in the profile "
                              "editor.")
                               .arg(h.name);
            return result;
        }
        if (!VariableResolver::hasReferences(h.value))
            addSecret(&result.redactor, credentials(h.value));
    }

    const VariableResolver resolver(environment);
    Profile &p = result.profile;
    if (!p.builtInEchoServer && !p.urlTemplate.isEmpty()) {
        const VariableResolver::Result url = resolver.resolve(p.urlTemplate, tr("the URL"));
        if (!url.ok) {
            result.error = url.error;
            return result;
        }
        p.url = Profile::urlFromText(url.text);
        result.redactedUrl = result.redactor.redactedText(url.redacted);
        if (const QString problem = Profile::urlProblem(p.url); !problem.isEmpty()) {
            // Both as the URL label shows them: a literal password or token hidden too.
            result.error =
                tr("The URL %1 gives %2: %3")
                    .arg(UrlRedaction::redactedUrlTemplate(p.urlTemplate, p.showSecretsInLog),
                         UrlRedaction::redactedUrlTemplate(result.redactedUrl, p.showSecretsInLog),
                         problem);
            return result;
        }
    } else {
        result.redactedUrl = result.redactor.redactedText(p.url.toString());
    }
    for (int i = 0; i < p.headers.size(); ++i) {
        HandshakeHeader &h = p.headers[i];
        const QString where = tr("header %1").arg(h.name);
        if (!substitute(resolver, &h.name, tr("a header's name"), &result) ||
            !substitute(resolver, &h.value, where, &result))
            return result;
        if (h.secret) // what is sent, not the template: "Bearer {{apiKey}}" as substituted
            addSecret(&result.redactor, credentials(h.value));
    }
    for (QString &s : p.subprotocols) {
        if (!substitute(resolver, &s, tr("the subprotocols"), &result))
            return result;
    }
    const QString saved = p.urlTemplate;
    p.urlTemplate.clear(); // Profile::problem() checks the substituted URL, not the template
    if (const QString problem = p.problem(); !problem.isEmpty()) {
        result.error = result.redactor.redactedText(problem);
        return result;
    }
    p.urlTemplate = saved;
    result.ok = true;
    return result;
}

QString ProfileResolver::credentials(const QString &value)
{
    // RFC 9110 11.4: credentials = auth-scheme [ 1*SP ( token68 / #auth-param ) ]
    static const QRegularExpression scheme(
        QStringLiteral("^[A-Za-z][A-Za-z0-9!#$%&'*+.^_`|~-]* +"));
    const QRegularExpressionMatch m = scheme.match(value);
    if (!m.hasMatch() || m.capturedLength() == value.size())
        return value;
    return value.mid(m.capturedLength());
}

void ProfileResolver::addSecret(SecretRedactor *redactor, const QString &value)
{
    redactor->add(value);
    // In a URL (the Opened row, the request line) a secret can be percent-encoded.
    const QString encoded = QString::fromLatin1(QUrl::toPercentEncoding(value));
    if (encoded != value)
        redactor->add(encoded);
}

VariableResolver::Result ProfileResolver::resolveText(QStringView text, const QString &where,
                                                      const Environment *environment)
{
    return VariableResolver(environment).resolve(text, where);
}

bool ProfileResolver::substitute(const VariableResolver &resolver, QString *text,
                                 const QString &where, ResolvedProfile *result)
{
    if (!VariableResolver::hasReferences(*text))
        return true;
    const VariableResolver::Result r = resolver.resolve(*text, where);
    if (!r.ok) {
        result->error = r.error;
        return false;
    }
    *text = r.text;
    return true;
}
