#include "profilesecrets.h"

#include <QUuid>

#include <algorithm>

namespace ProfileSecrets {

namespace {

/// Calls @p visit(header) for every secret header of @p profile.
template <typename ProfileT, typename Visit>
void forEachSecretHeader(ProfileT &profile, Visit visit)
{
    for (auto &header : profile.headers) {
        if (header.secret)
            visit(header);
    }
}

/// Calls @p visit(variable) for every secret variable of @p environments.
template <typename SetT, typename Visit> void forEachSecretVariable(SetT &environments, Visit visit)
{
    for (auto &environment : environments.environments) {
        for (auto &variable : environment.variables) {
            if (variable.secret)
                visit(variable);
        }
    }
}

} // namespace

QString newRef()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

void renewRefs(Profile &profile)
{
    forEachSecretHeader(profile, [](HandshakeHeader &h) { h.secretRef = newRef(); });
}

QHash<QString, QString> values(const QList<Profile> &profiles, const EnvironmentSet &environments)
{
    QHash<QString, QString> found;
    for (const Profile &p : profiles)
        forEachSecretHeader(p, [&](const HandshakeHeader &h) { found[h.secretRef] = h.value; });
    forEachSecretVariable(environments, [&](const Variable &v) { found[v.secretRef] = v.value; });
    found.remove(QString());
    return found;
}

QStringList refsWithoutValues(const QList<Profile> &profiles, const EnvironmentSet &environments)
{
    QStringList refs;
    const auto collect = [&](const QString &ref, const QString &value) {
        if (!ref.isEmpty() && value.isEmpty())
            refs.append(ref);
    };
    for (const Profile &p : profiles)
        forEachSecretHeader(p, [&](const HandshakeHeader &h) { collect(h.secretRef, h.value); });
    forEachSecretVariable(environments, [&](const Variable &v) { collect(v.secretRef, v.value); });
    std::sort(refs.begin(), refs.end());
    refs.erase(std::unique(refs.begin(), refs.end()), refs.end());
    return refs;
}

QList<int> fill(QList<Profile> &profiles, EnvironmentSet &environments, const QString &ref,
                const QString &value, bool *environmentsChanged)
{
    QList<int> rows;
    for (int row = 0; row < profiles.size(); ++row) {
        bool changed = false;
        forEachSecretHeader(profiles[row], [&](HandshakeHeader &h) {
            if (h.secretRef == ref && h.value.isEmpty()) {
                h.value = value;
                changed = true;
            }
        });
        if (changed)
            rows.append(row);
    }
    bool variables = false;
    forEachSecretVariable(environments, [&](Variable &v) {
        if (v.secretRef == ref && v.value.isEmpty()) {
            v.value = value;
            variables = true;
        }
    });
    if (environmentsChanged)
        *environmentsChanged = variables;
    return rows;
}

} // namespace ProfileSecrets
