#include "profiles/variables.h"

#include <QDateTime>
#include <QRandomGenerator>
#include <QUuid>
#include <optional>

bool Variable::proposedSecret(QStringView name)
{
    static const QLatin1StringView words[] = {
        QLatin1StringView("token"), QLatin1StringView("secret"), QLatin1StringView("password"),
        QLatin1StringView("key")};
    for (QLatin1StringView w : words) {
        if (name.contains(w, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

const Variable *Environment::find(QStringView name) const
{
    for (const Variable &v : variables) {
        if (v.name == name)
            return &v;
    }
    return nullptr;
}

const Environment *EnvironmentSet::activeEnvironment() const
{
    for (const Environment &e : environments) {
        if (e.name == active)
            return &e;
    }
    return nullptr;
}

namespace {

bool isNameStart(QChar c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || c == u'_';
}

bool isNameChar(QChar c)
{
    return isNameStart(c) || (c >= u'0' && c <= u'9') || c == u'-' || c == u'.';
}

/// A reference found at a `{{`: its name (with `$` for a built-in) and its length.
struct Reference
{
    QStringView name;
    qsizetype length = 0;
};

/// The reference that starts at @p from (which holds `{{`), if one does.
std::optional<Reference> referenceAt(QStringView text, qsizetype from)
{
    const qsizetype n = text.size();
    qsizetype i = from + 2;
    while (i < n && text[i] == u' ')
        ++i;
    const qsizetype nameStart = i;
    if (i < n && text[i] == u'$')
        ++i;
    if (i >= n || !isNameStart(text[i]))
        return std::nullopt;
    while (i < n && isNameChar(text[i]))
        ++i;
    const qsizetype nameEnd = i;
    while (i < n && text[i] == u' ')
        ++i;
    if (i + 1 >= n || text[i] != u'}' || text[i + 1] != u'}')
        return std::nullopt;
    return Reference{text.sliced(nameStart, nameEnd - nameStart), i + 2 - from};
}

/// The value of built-in @p name (with its `$`) at @p nowMs, or nothing if none is
/// called that.
std::optional<QString> builtInValue(QStringView name, qint64 nowMs)
{
    if (name == u"$timestamp")
        return QString::number(nowMs);
    if (name == u"$isoTimestamp")
        return QDateTime::fromMSecsSinceEpoch(nowMs, Qt::UTC).toString(Qt::ISODateWithMs);
    if (name == u"$uuid")
        return QUuid::createUuid().toString(QUuid::WithoutBraces);
    if (name == u"$randomInt")
        return QString::number(QRandomGenerator::global()->bounded(1001));
    return std::nullopt;
}

} // namespace

VariableResolver::VariableResolver(const Environment *environment) : m_environment(environment) {}

QStringList VariableResolver::builtInNames()
{
    return {QStringLiteral("$timestamp"), QStringLiteral("$isoTimestamp"), QStringLiteral("$uuid"),
            QStringLiteral("$randomInt")};
}

bool VariableResolver::isValidName(QStringView name)
{
    if (name.isEmpty() || !isNameStart(name.front()))
        return false;
    for (const QChar c : name) {
        if (!isNameChar(c))
            return false;
    }
    return true;
}

bool VariableResolver::isOnlyReferences(QStringView text)
{
    qsizetype at = 0;
    while (at < text.size()) {
        if (!text.sliced(at).startsWith(u"{{"))
            return false;
        const std::optional<Reference> reference = referenceAt(text, at);
        if (!reference)
            return false;
        at += reference->length;
    }
    return at > 0;
}

bool VariableResolver::hasReferences(QStringView text)
{
    for (qsizetype at = text.indexOf(u"{{"); at >= 0; at = text.indexOf(u"{{", at + 1)) {
        if (referenceAt(text, at))
            return true;
    }
    return false;
}

VariableResolver::Result VariableResolver::resolve(QStringView text, const QString &where) const
{
    Result r;
    if (!text.contains(u"{{")) { // most messages: one copy, shared by the redacted text
        if (text.size() > m_maxChars)
            return tooLong(where);
        r.text = text.toString();
        r.redacted = r.text;
        r.ok = true;
        return r;
    }
    const qint64 nowMs = QDateTime::currentMSecsSinceEpoch();
    qsizetype done = 0;                                 // text before this is copied or substituted
    QList<std::pair<qsizetype, qsizetype>> secretSpans; // in r.text: start, length
    r.text.reserve(qMin(text.size(), m_maxChars));
    for (qsizetype at = text.indexOf(u"{{"); at >= 0; at = text.indexOf(u"{{", at)) {
        const std::optional<Reference> ref = referenceAt(text, at);
        if (!ref) {
            ++at; // "{{{name}}}" holds a reference one character on
            continue;
        }
        r.text += text.sliced(done, at - done);
        done = at + ref->length;
        at = done;
        const Variable *variable =
            ref->name.startsWith(u'$') || !m_environment ? nullptr : m_environment->find(ref->name);
        const std::optional<QString> builtIn =
            variable ? std::nullopt : builtInValue(ref->name, nowMs);
        if (!variable && !builtIn) {
            if (!r.unknown.contains(ref->name))
                r.unknown.append(ref->name.toString());
            continue;
        }
        if (variable && variable->secret && variable->value.isEmpty()) {
            // Its value is the keychain's; without it, "Bearer " would go out.
            if (!r.withoutValue.contains(ref->name))
                r.withoutValue.append(ref->name.toString());
            continue;
        }
        const QString &value = variable ? variable->value : *builtIn;
        if (r.text.size() + value.size() > m_maxChars)
            return tooLong(where);
        const bool secret = variable && variable->secret;
        if (secret)
            secretSpans.append({r.text.size(), value.size()});
        r.text += value;
        r.usedSecret = r.usedSecret || secret;
    }
    if (r.text.size() + (text.size() - done) > m_maxChars)
        return tooLong(where);
    if (!r.unknown.isEmpty() || !r.withoutValue.isEmpty())
        return refused(r, where);
    r.text += text.sliced(done);
    r.redacted = r.text;          // shared unless a secret is in it
    if (!secretSpans.isEmpty()) { // one pass, however many secrets
        QString redacted;
        redacted.reserve(r.text.size());
        qsizetype from = 0;
        for (const auto &[start, length] : secretSpans) {
            redacted += QStringView(r.text).sliced(from, start - from);
            redacted += Redacted;
            from = start + length;
        }
        redacted += QStringView(r.text).sliced(from);
        r.redacted = redacted;
    }
    r.ok = true;
    return r;
}

VariableResolver::Result VariableResolver::tooLong(const QString &where) const
{
    Result r;
    r.error = tr("Substituting the variables in %1 makes it longer than %2 characters.")
                  .arg(where)
                  .arg(m_maxChars);
    return r;
}

VariableResolver::Result VariableResolver::refused(Result r, const QString &where) const
{
    const QString environment = m_environment
                                    ? tr("environment \u201c%1\u201d").arg(m_environment->name)
                                    : tr("no environment");
    r.text.clear();
    r.redacted.clear();
    const auto quoted = [](const QStringList &names) {
        QStringList out;
        for (const QString &name : names)
            out.append(QStringLiteral("{{%1}}").arg(name));
        return out.join(QStringLiteral(", "));
    };
    if (!r.withoutValue.isEmpty()) {
        r.error = tr("The secret variable %1 in %2 (%3) has no value in this run: a secret's "
                     "value is not kept in the profiles file. Nothing was sent.")
                      .arg(quoted(r.withoutValue), where, environment);
        return r;
    }
    r.error = (r.unknown.size() == 1 ? tr("Unknown variable %1 in %2 (%3). Nothing was sent.")
                                     : tr("Unknown variables %1 in %2 (%3). Nothing was sent."))
                  .arg(quoted(r.unknown), where, environment);
    return r;
}
