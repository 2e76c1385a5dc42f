#include "profiles/environmentjson.h"

#include "profiles/profilekeys.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>

namespace {

class Reader
{
    Q_DECLARE_TR_FUNCTIONS(ProfileStore)
public:
    /// One variable object at @p where into @p out; a problem, or empty.
    static QString variable(const QJsonValue &value, const QString &where, Variable *out)
    {
        if (!value.isObject())
            return tr("%1 must be an object.").arg(where);
        const QJsonObject o = value.toObject();
        const QJsonValue name = o.value(Key::Name);
        if (!name.isString() || !VariableResolver::isValidName(name.toString()))
            return tr("%1 must be a variable name: a letter or _, then letters, digits, _, - "
                      "or .")
                .arg(Key::member(where, Key::Name));
        const QJsonValue secret = o.value(Key::Secret);
        if (!secret.isUndefined() && !secret.isBool())
            return tr("%1 must be true or false.").arg(Key::member(where, Key::Secret));
        const QJsonValue v = o.value(Key::Value);
        if (!v.isUndefined() && !v.isString())
            return tr("%1 must be a string.").arg(Key::member(where, Key::Value));
        out->name = name.toString();
        out->secret = secret.toBool(false);
        out->value = out->secret ? QString() : v.toString(); // a secret's is never read here
        return EnvironmentJson::readSecretRef(o, where, &out->secretRef);
    }

    /// One environment object at @p where into @p out; a problem, or empty.
    static QString environment(const QJsonValue &value, const QString &where, Environment *out)
    {
        if (!value.isObject())
            return tr("%1 must be an object.").arg(where);
        const QJsonObject o = value.toObject();
        const QJsonValue name = o.value(Key::Name);
        if (!name.isString() || name.toString().trimmed().isEmpty() ||
            name.toString().trimmed() != name.toString())
            return tr("%1 must be a name: not empty, with no spaces around it.")
                .arg(Key::member(where, Key::Name));
        out->name = name.toString();
        const QJsonValue variables = o.value(Key::Variables);
        if (!variables.isUndefined() && !variables.isArray())
            return tr("%1 must be an array.").arg(Key::member(where, Key::Variables));
        const QJsonArray array = variables.toArray();
        QSet<QString> names;
        for (qsizetype i = 0; i < array.size(); ++i) {
            const QString at = Key::member(where, Key::Variables) + QStringLiteral("[%1]").arg(i);
            Variable v;
            if (QString problem = variable(array.at(i), at, &v); !problem.isEmpty())
                return problem;
            if (names.contains(v.name))
                return tr("%1: the variable \"%2\" is defined twice.").arg(at, v.name);
            names.insert(v.name);
            out->variables.append(v);
        }
        return {};
    }
};

} // namespace

QJsonObject EnvironmentJson::secretObject(const QString &name, const QString &secretRef)
{
    // The value is the keychain's, never the file's.
    QJsonObject o{{Key::Name, name}, {Key::Secret, true}};
    if (!secretRef.isEmpty())
        o.insert(Key::SecretRef, secretRef);
    return o;
}

QString EnvironmentJson::readSecretRef(const QJsonObject &o, const QString &where, QString *out)
{
    const QJsonValue ref = o.value(Key::SecretRef);
    if (ref.isUndefined())
        return {};
    static const QRegularExpression shape(QStringLiteral("^[A-Za-z0-9-]{1,64}$"));
    if (!ref.isString() || !shape.match(ref.toString()).hasMatch())
        return Reader::tr("%1 must be a keychain reference: 1-64 letters, digits or -.")
            .arg(Key::member(where, Key::SecretRef));
    *out = ref.toString();
    return {};
}

QString EnvironmentJson::read(const QJsonObject &root, EnvironmentSet *out)
{
    EnvironmentSet set;
    const QJsonValue environments = root.value(Key::Environments);
    if (!environments.isUndefined() && !environments.isArray())
        return Reader::tr("\"%1\" must be an array.").arg(Key::Environments);
    const QJsonArray array = environments.toArray();
    QSet<QString> names;
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QString where = Key::element(Key::Environments, i);
        Environment e;
        if (QString problem = Reader::environment(array.at(i), where, &e); !problem.isEmpty())
            return problem;
        if (names.contains(e.name))
            return Reader::tr("%1: the environment \"%2\" is defined twice.").arg(where, e.name);
        names.insert(e.name);
        set.environments.append(e);
    }
    const QJsonValue active = root.value(Key::ActiveEnvironment);
    if (!active.isUndefined() && !active.isString())
        return Reader::tr("\"%1\" must be a string.").arg(Key::ActiveEnvironment);
    set.active = active.toString();
    if (!set.active.isEmpty() && !names.contains(set.active))
        return Reader::tr("\"%1\" names \"%2\", which is not one of the environments.")
            .arg(Key::ActiveEnvironment, set.active);
    *out = set;
    return {};
}

void EnvironmentJson::write(const EnvironmentSet &set, QJsonObject *root)
{
    if (set.environments.isEmpty())
        return;
    QJsonArray environments;
    for (const Environment &e : set.environments) {
        QJsonArray variables;
        for (const Variable &v : e.variables) {
            variables.append(v.secret ? secretObject(v.name, v.secretRef)
                                      : QJsonObject{{Key::Name, v.name}, {Key::Value, v.value}});
        }
        environments.append(QJsonObject{{Key::Name, e.name}, {Key::Variables, variables}});
    }
    root->insert(Key::Environments, environments);
    if (!set.active.isEmpty())
        root->insert(Key::ActiveEnvironment, set.active);
}
