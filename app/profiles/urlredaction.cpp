#include "urlredaction.h"

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

} // namespace UrlRedaction
