#include "urlredaction.h"

#include "profiles/variables.h"

#include <QRegularExpression>
#include <QStringList>

namespace UrlRedaction {

namespace {

// One "name=value" (or bare "name") of a FullyEncoded query, with a secret value
// masked; anything else comes back unchanged.
QString redactedParameter(const QString &parameter)
{
    const qsizetype equals = parameter.indexOf(QLatin1Char('='));
    if (equals < 0 || equals == parameter.size() - 1)
        return parameter; // no value to hide
    const QString name = QUrl::fromPercentEncoding(parameter.left(equals).toLatin1());
    if (!isSecretQueryName(name))
        return parameter;
    // The mask goes into a FullyEncoded query, so it is UTF-8, percent-encoded.
    static const QString encodedMask = QString::fromLatin1(QUrl::toPercentEncoding(Mask));
    return parameter.left(equals + 1) + encodedMask;
}

/// Whether @p text, what follows the authority's first ':', is a port and a path
/// ("8080/users/@me") rather than a password: digits (or a reference), then '/'.
bool isPortThenPath(QStringView text)
{
    const qsizetype slash = text.indexOf(u'/');
    if (slash <= 0)
        return false;
    const QStringView port = text.first(slash);
    if (VariableResolver::isOnlyReferences(port))
        return true;
    return std::all_of(port.begin(), port.end(), [](QChar c) { return c.isDigit(); });
}

/// The query of a URL template, each secret-looking literal value masked.
QString redactedTemplateQuery(const QString &query)
{
    QStringList parameters = query.split(QLatin1Char('&'));
    for (QString &parameter : parameters) {
        const qsizetype equals = parameter.indexOf(QLatin1Char('='));
        if (equals < 0 || equals == parameter.size() - 1 ||
            VariableResolver::isOnlyReferences(QStringView(parameter).mid(equals + 1)))
            continue;
        const QString name = QUrl::fromPercentEncoding(parameter.left(equals).toUtf8());
        if (isSecretQueryName(name))
            parameter = parameter.left(equals + 1) + Mask;
    }
    return parameters.join(QLatin1Char('&'));
}

} // namespace

bool isSecretQueryName(const QString &name)
{
    static const QStringList secretWords = {QStringLiteral("token"),  QStringLiteral("key"),
                                            QStringLiteral("secret"), QStringLiteral("password"),
                                            QStringLiteral("auth"),   QStringLiteral("sig")};
    for (const QString &word : secretWords) {
        if (name.contains(word, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

QString redactedUrl(const QUrl &url, bool showQuerySecrets)
{
    QUrl shown = url;
    if (!shown.password().isEmpty())
        shown.setPassword(Mask);
    if (!showQuerySecrets && shown.hasQuery()) {
        const QString query = shown.query(QUrl::FullyEncoded);
        QStringList parameters = query.split(QLatin1Char('&'));
        for (QString &parameter : parameters)
            parameter = redactedParameter(parameter);
        const QString redacted = parameters.join(QLatin1Char('&'));
        // Only a changed query is put back, so an untouched one is not even re-parsed.
        if (redacted != query)
            shown.setQuery(redacted, QUrl::StrictMode);
    }
    return shown.toString();
}

QString redactedUrlTemplate(const QString &urlTemplate, bool showQuerySecrets)
{
    // A scheme only at the start ("wss://", or a reference: "{{scheme}}://"); without one
    // the authority starts the text ("user:pass@{{host}}/").
    static const QRegularExpression scheme(
        QStringLiteral("^([A-Za-z][A-Za-z0-9+.-]*|\\{\\{[^{}]*\\}\\})://"));
    const QRegularExpressionMatch schemeMatch = scheme.match(urlTemplate);
    const qsizetype authorityStart = schemeMatch.hasMatch() ? schemeMatch.capturedEnd() : 0;
    qsizetype queryStart = urlTemplate.indexOf(QLatin1Char('?'), authorityStart);
    const qsizetype fragmentAt = urlTemplate.indexOf(QLatin1Char('#'), authorityStart);
    if (queryStart < 0 || (fragmentAt >= 0 && fragmentAt < queryStart))
        queryStart = fragmentAt;
    // The userinfo ends at the last '@' before the query; a password may hold '/' (it is
    // how people type them, whatever RFC 3986 says), but what comes before its ':' may not.
    QString shown = urlTemplate;
    const qsizetype at = urlTemplate.lastIndexOf(
        QLatin1Char('@'), (queryStart < 0 ? urlTemplate.size() : queryStart) - 1);
    const qsizetype colon = urlTemplate.indexOf(QLatin1Char(':'), authorityStart);
    if (at > authorityStart && colon >= 0 && colon < at - 1 &&
        !QStringView(urlTemplate).sliced(authorityStart, colon - authorityStart).contains(u'/') &&
        !isPortThenPath(QStringView(urlTemplate).sliced(colon + 1, at - colon - 1)) &&
        !VariableResolver::isOnlyReferences(
            QStringView(urlTemplate).sliced(colon + 1, at - colon - 1)))
        shown = urlTemplate.left(colon + 1) + Mask + urlTemplate.mid(at);
    if (showQuerySecrets)
        return shown;
    const qsizetype q = shown.indexOf(QLatin1Char('?'), authorityStart);
    if (q < 0)
        return shown;
    const qsizetype fragment = shown.indexOf(QLatin1Char('#'), q);
    const qsizetype queryEnd = fragment < 0 ? shown.size() : fragment;
    return shown.left(q + 1) + redactedTemplateQuery(shown.mid(q + 1, queryEnd - q - 1)) +
           shown.mid(queryEnd);
}

} // namespace UrlRedaction
