#pragma once

#include "profiles/variables.h"

#include <QJsonObject>
#include <QString>

/// The environments of a profiles file, version 2 (README.md, "The profiles file"):
///   "environments": [{"name": "staging", "variables": [
///       {"name": "host", "value": "staging.example.com"},
///       {"name": "token", "secret": true, "secretRef": "6f1c…"}]}],
///   "activeEnvironment": "staging"
/// A secret variable's value is never written to the file: the file holds its name,
/// `"secret": true` and the reference of its keychain entry (SecretStore), and the value
/// lives in the OS keychain (or, without one, in memory for this run). A secret header
/// of a profile is written the same way.
namespace EnvironmentJson {

/// Reads the environments of the profiles file @p root into @p out, strictly: types,
/// valid and unique names, an active environment that exists. Returns the first
/// problem, naming its JSON path ("environments[1].variables[0].name must be …"), or
/// empty; @p out is untouched on failure. A file without the keys has no environments.
QString read(const QJsonObject &root, EnvironmentSet *out);
/// Adds @p set's keys to @p root (nothing for an empty set), secret values left out.
void write(const EnvironmentSet &set, QJsonObject *root);
/// The object a secret variable or header is written as: its name, `"secret": true` and
/// its "secretRef" when it has one; never its value.
QJsonObject secretObject(const QString &name, const QString &secretRef);
/// Reads the optional "secretRef" of the object at @p where into @p out: 1-64 letters,
/// digits or '-'. Returns a problem naming the JSON path, or empty.
QString readSecretRef(const QJsonObject &o, const QString &where, QString *out);

} // namespace EnvironmentJson
