#include "profilereader.h"

#include "profiles/environmentjson.h"
#include "profiles/profilekeys.h"
#include "profiles/profilestore.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <climits>
#include <cmath>

namespace {

/// A whole-number field of a profile and the values it accepts.
struct WholeNumberField
{
    QLatin1StringView key;
    int min;
    int max;
    bool zeroAllowed; ///< 0 is accepted too: "off" or "no limit".
};

constexpr WholeNumberField WholeNumberFields[] = {
    {Key::ConnectTimeoutMs, Profile::MinConnectTimeoutMs, Profile::MaxConnectTimeoutMs, false},
    {Key::CloseTimeoutMs, Profile::MinCloseTimeoutMs, Profile::MaxCloseTimeoutMs, false},
    {Key::PingIntervalMs, Profile::MinPingIntervalMs, Profile::MaxPingIntervalMs, true},
    {Key::MaxLogRows, 1, INT_MAX, true},
    {Key::MaxIncomingMessageMiB, Limits::MinMaxIncomingMessageMiB, Limits::MaxMaxIncomingMessageMiB,
     false},
    {Key::LogMemoryBudgetMiB, Limits::MinLogMemoryBudgetMiB, Limits::MaxLogMemoryBudgetMiB, false}};

/// The steps of reading one profile object; each returns a problem, or empty.
class Reader
{
    Q_DECLARE_TR_FUNCTIONS(ProfileStore) // the messages ProfileStore always had

public:
    Reader(const QJsonObject &o, const QString &where, Profile &p) : o(o), where(where), p(p) {}

    QString nameAndUrl();
    QString headers();
    QString subprotocols();
    QString settings();
    QString snippets();

private:
    QString wrongType(const QString &key, const QString &type) const
    {
        return tr("%1.%2 must be %3.").arg(where, key, type);
    }
    QString optionalBool(QLatin1StringView key, bool *out) const;
    QString wholeNumber(const WholeNumberField &field, int *out) const;
    /// The array at @p key (an absent key is an empty array), or a problem.
    QString array(QLatin1StringView key, QJsonArray *out) const;

    const QJsonObject &o;
    const QString &where;
    Profile &p;
};

QString Reader::optionalBool(QLatin1StringView key, bool *out) const
{
    const QJsonValue v = o.value(key);
    if (!v.isUndefined() && !v.isBool())
        return wrongType(key, tr("true or false"));
    *out = v.toBool(false);
    return QString();
}

QString Reader::array(QLatin1StringView key, QJsonArray *out) const
{
    const QJsonValue v = o.value(key);
    if (!v.isUndefined() && !v.isArray())
        return wrongType(key, tr("an array"));
    *out = v.toArray();
    return QString();
}

/// The range is checked on the double before it is converted: every JSON number arrives
/// as a double, and converting one outside the integer type's range (1e300, 1e19, 2^63,
/// -1e300) is undefined behaviour (C++17 [conv.fpint]). NaN fails the range test too;
/// Qt's JSON parser rejects inf and NaN.
QString Reader::wholeNumber(const WholeNumberField &field, int *out) const
{
    const QJsonValue v = o.value(field.key);
    if (v.isUndefined())
        return QString();
    const double d = v.toDouble();
    const bool inRange = (d >= field.min && d <= field.max) || (field.zeroAllowed && d == 0);
    if (!v.isDouble() || !inRange || std::trunc(d) != d) {
        const QString rule =
            field.zeroAllowed ? tr("0 or a whole number %1-%2") : tr("a whole number %1-%2");
        return wrongType(field.key, rule.arg(field.min).arg(field.max));
    }
    *out = int(d); // in range: exact
    return QString();
}

QString Reader::nameAndUrl()
{
    const QJsonValue name = o.value(Key::Name);
    if (name.isUndefined())
        return tr("%1 has no name.").arg(where);
    if (!name.isString())
        return wrongType(Key::Name, tr("a string"));
    p.name = name.toString();
    if (const QString problem = Profile::nameProblem(p.name); !problem.isEmpty())
        return QStringLiteral("%1: %2").arg(where, problem);
    if (QString e = optionalBool(Key::BuiltInEchoServer, &p.builtInEchoServer); !e.isEmpty())
        return e;
    const QJsonValue url = o.value(Key::Url);
    if (!url.isUndefined() && !url.isString())
        return wrongType(Key::Url, tr("a string"));
    if (p.builtInEchoServer)
        return QString();
    if (url.isUndefined())
        return tr("%1 (\"%2\") has no url.").arg(where, p.name);
    p.setUrlText(url.toString());
    if (const QString problem = p.urlTemplate.isEmpty()
                                    ? Profile::urlProblem(p.url)
                                    : Profile::urlTemplateProblem(p.urlTemplate);
        !problem.isEmpty())
        return tr("%1 (\"%2\"): %3").arg(where, p.name, problem);
    return QString();
}

QString Reader::headers()
{
    QJsonArray headers;
    if (QString e = array(Key::Headers, &headers); !e.isEmpty())
        return e;
    for (qsizetype i = 0; i < headers.size(); ++i) {
        const QString key = Key::element(Key::Headers, i);
        if (!headers.at(i).isObject())
            return wrongType(key, tr("an object"));
        const QJsonObject h = headers.at(i).toObject();
        if (!h.value(Key::Name).isString())
            return wrongType(Key::member(key, Key::Name), tr("a string"));
        const QJsonValue secret = h.value(Key::Secret);
        if (!secret.isUndefined() && !secret.isBool())
            return wrongType(Key::member(key, Key::Secret), tr("true or false"));
        HandshakeHeader header{h.value(Key::Name).toString(), QString(), secret.toBool(false)};
        if (!header.secret && !h.value(Key::Value).isString())
            return wrongType(Key::member(key, Key::Value), tr("a string"));
        if (!header.secret)
            header.value = h.value(Key::Value).toString(); // a secret's is never read here
        if (QString e = EnvironmentJson::readSecretRef(h, where + QLatin1Char('.') + key,
                                                       &header.secretRef);
            !e.isEmpty())
            return e;
        p.headers.append(header);
    }
    return QString();
}

QString Reader::subprotocols()
{
    QJsonArray subprotocols;
    if (QString e = array(Key::Subprotocols, &subprotocols); !e.isEmpty())
        return e;
    for (qsizetype i = 0; i < subprotocols.size(); ++i) {
        if (!subprotocols.at(i).isString())
            return wrongType(Key::element(Key::Subprotocols, i), tr("a string"));
        p.subprotocols.append(subprotocols.at(i).toString());
    }
    return QString();
}

QString Reader::settings()
{
    if (QString e = optionalBool(Key::IgnoreTlsErrors, &p.ignoreTlsErrors); !e.isEmpty())
        return e;
    if (QString e = optionalBool(Key::ShowSecretsInLog, &p.showSecretsInLog); !e.isEmpty())
        return e;
    if (QString e = TransportJson::readTls(o.value(Key::Tls), where, &p.tls); !e.isEmpty())
        return e;
    if (QString e = TransportJson::readProxy(o.value(Key::Proxy), where, &p.proxy); !e.isEmpty())
        return e;
    int *const numbers[] = {&p.connectTimeoutMs, &p.closeTimeoutMs,        &p.pingIntervalMs,
                            &p.maxLogRows,       &p.maxIncomingMessageMiB, &p.logMemoryBudgetMiB};
    static_assert(std::size(numbers) == std::size(WholeNumberFields));
    for (std::size_t i = 0; i < std::size(numbers); ++i) {
        if (QString e = wholeNumber(WholeNumberFields[i], numbers[i]); !e.isEmpty())
            return e;
    }
    return QString();
}

QString Reader::snippets()
{
    QJsonArray snippets;
    if (QString e = array(Key::Snippets, &snippets); !e.isEmpty())
        return e;
    for (qsizetype i = 0; i < snippets.size(); ++i) {
        const QString key = Key::element(Key::Snippets, i);
        if (!snippets.at(i).isObject())
            return wrongType(key, tr("an object"));
        const QJsonObject s = snippets.at(i).toObject();
        if (!s.value(Key::Name).isString())
            return wrongType(Key::member(key, Key::Name), tr("a string"));
        if (!s.value(Key::Payload).isString())
            return wrongType(Key::member(key, Key::Payload), tr("a string"));
        const QJsonValue format = s.value(Key::Format);
        const auto parsed = PayloadCodec::formatFromKey(format.toString());
        if (!format.isUndefined() && !parsed)
            return wrongType(Key::member(key, Key::Format), tr("\"text\", \"hex\" or \"base64\""));
        p.snippets.append({s.value(Key::Name).toString(), s.value(Key::Payload).toString(),
                           parsed.value_or(PayloadFormat::Text)});
    }
    return QString();
}

} // namespace

namespace ProfileReader {

QString read(const QJsonObject &object, const QString &where, Profile *out)
{
    Profile p;
    Reader reader(object, where, p);
    for (QString (Reader::*step)() : {&Reader::nameAndUrl, &Reader::headers, &Reader::subprotocols,
                                      &Reader::settings, &Reader::snippets}) {
        if (QString problem = (reader.*step)(); !problem.isEmpty())
            return problem;
    }
    if (const QString problem = p.problem(); !problem.isEmpty())
        return ProfileStore::tr("%1 (\"%2\"): %3").arg(where, p.name, problem);
    *out = p;
    return QString();
}

} // namespace ProfileReader
