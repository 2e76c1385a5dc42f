#pragma once

#include "profiles/profile.h"

#include <QJsonObject>
#include <QString>

/// Reads one profile object of a profiles file strictly (README.md, "The profiles
/// file"): every key's type and every number's range is checked, and the first problem
/// found is returned naming where it is ("profiles[1].headers[0].value must be a
/// string."). Unknown keys are ignored.
namespace ProfileReader {

/// Reads @p object, found at @p where ("profiles[1]"), into @p out. Returns the problem,
/// or empty on success; @p out is untouched on failure.
QString read(const QJsonObject &object, const QString &where, Profile *out);

} // namespace ProfileReader
