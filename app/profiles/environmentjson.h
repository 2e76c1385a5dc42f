#pragma once

#include "profiles/variables.h"

#include <QJsonObject>
#include <QString>

/// The environments of a profiles file, version 2 (README.md, "The profiles file"):
///   "environments": [{"name": "staging", "variables": [
///       {"name": "host", "value": "staging.example.com"},
///       {"name": "token", "secret": true}]}],
///   "activeEnvironment": "staging"
/// A secret variable's value is never written to the file: the file holds its name
/// and `"secret": true` only, and the value lives in the OS keychain (or, without one,
/// in memory for this run).
namespace EnvironmentJson {

/// Reads the environments of the profiles file @p root into @p out, strictly: types,
/// valid and unique names, an active environment that exists. Returns the first
/// problem, naming its JSON path ("environments[1].variables[0].name must be …"), or
/// empty; @p out is untouched on failure. A file without the keys has no environments.
QString read(const QJsonObject &root, EnvironmentSet *out);
/// Adds @p set's keys to @p root (nothing for an empty set), secret values left out.
void write(const EnvironmentSet &set, QJsonObject *root);

} // namespace EnvironmentJson
