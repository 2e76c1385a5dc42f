#include "urlredaction.h"

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

/// Whether @p text is one or more {{name}} references and nothing else.
bool onlyReferences(QStringView text)
{
    static const QRegularExpression references(QStringLiteral("^(\\{\\{[^{}]*\\}\\})+$"));
    return references.match(text).hasMatch();
}

/// The query of a URL template, each secret-looking literal value masked.
QString redactedTemplateQuery(const QString &query)
{
    QStringList parameters = query.split(QLatin1Char('&'));
    for (QString &parameter : parameters) {
        const qsizetype equals = parameter.indexOf(QLatin1Char('='));
        if (equals < 0 || equals == parameter.size() - 1 ||
            onlyReferences(QStringView(parameter).mid(equals + 1)))
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
    const qsizetype schemeEnd = urlTemplate.indexOf(QLatin1String("://"));
    const qsizetype authorityStart = schemeEnd < 0 ? 0 : schemeEnd + 3;
    qsizetype authorityEnd = urlTemplate.size();
    for (const QChar end : {QLatin1Char('/'), QLatin1Char('?'), QLatin1Char('#')}) {
        const qsizetype at = urlTemplate.indexOf(end, authorityStart);
        if (at >= 0 && at < authorityEnd)
            authorityEnd = at;
    }
    QString shown = urlTemplate;
    const qsizetype at = urlTemplate.lastIndexOf(QLatin1Char('@'), authorityEnd - 1);
    if (at >= authorityStart) {
        const qsizetype colon = urlTemplate.indexOf(QLatin1Char(':'), authorityStart);
        if (colon >= 0 && colon < at - 1 &&
            !onlyReferences(QStringView(urlTemplate).mid(colon + 1, at - colon - 1)))
            shown = urlTemplate.left(colon + 1) + Mask + urlTemplate.mid(at);
    }
    if (showQuerySecrets)
        return shown;
    const qsizetype queryStart = shown.indexOf(QLatin1Char('?'));
    if (queryStart < 0)
        return shown;
    const qsizetype fragment = shown.indexOf(QLatin1Char('#'), queryStart);
    const qsizetype queryEnd = fragment < 0 ? shown.size() : fragment;
    return shown.left(queryStart + 1) +
           redactedTemplateQuery(shown.mid(queryStart + 1, queryEnd - queryStart - 1)) +
           shown.mid(queryEnd);
}

} // namespace UrlRedaction
