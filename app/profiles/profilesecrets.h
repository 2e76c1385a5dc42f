#pragma once

#include "profiles/profile.h"
#include "profiles/variables.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

/// The secret headers (HandshakeHeader::secret) and variables (Variable::secret) of a
/// profile set, gathered by their keychain reference (secretRef), for SecretStore.
namespace ProfileSecrets {

/// A new keychain reference: a QUuid without braces (36 characters of [0-9a-f-], as
/// the profiles file's secretRef allows).
QString newRef();

/// Replaces the secretRef of every secret of @p profile with a newRef(), so that a copy
/// keeps its own keychain entries (its values stay as they are).
void renewRefs(Profile &profile);

/// Each secret's reference and its value in memory (empty when none is known), over
/// @p profiles and @p environments. A reference used twice keeps the last value seen.
QHash<QString, QString> values(const QList<Profile> &profiles, const EnvironmentSet &environments);
/// The references of the secrets that hold no value in memory, each once, sorted.
QStringList refsWithoutValues(const QList<Profile> &profiles, const EnvironmentSet &environments);

/// Sets the value of every secret with reference @p ref that holds none yet to @p value.
/// Returns the rows of @p profiles that changed; @p environmentsChanged says whether a
/// variable did.
QList<int> fill(QList<Profile> &profiles, EnvironmentSet &environments, const QString &ref,
                const QString &value, bool *environmentsChanged);

} // namespace ProfileSecrets
