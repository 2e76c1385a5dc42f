#include "profilestore.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QSet>

#include <climits>
#include <cmath>

const char *const ProfileStore::FormatName = "sockscope-profiles";

namespace {

/// profiles.json and its exports: read and write for the owner only (0600).
constexpr QFileDevice::Permissions OwnerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;

QString tr(const char *text)
{
    return QCoreApplication::translate("ProfileStore", text);
}

/// A whole-number field of a profile and the values it accepts.
struct WholeNumberField
{
    const char *key;
    int min;
    int max;
    bool zeroAllowed; ///< 0 is accepted too: "off" or "no limit".
};

constexpr WholeNumberField ConnectTimeoutField{"connectTimeoutMs", Profile::MinConnectTimeoutMs,
                                               Profile::MaxConnectTimeoutMs, false};
constexpr WholeNumberField PingIntervalField{"pingIntervalMs", Profile::MinPingIntervalMs,
                                             Profile::MaxPingIntervalMs, true};
constexpr WholeNumberField MaxLogRowsField{"maxLogRows", 1, INT_MAX, true};
constexpr WholeNumberField MaxIncomingMessageField{"maxIncomingMessageMiB",
                                                   Limits::MinMaxIncomingMessageMiB,
                                                   Limits::MaxMaxIncomingMessageMiB, false};
constexpr WholeNumberField LogMemoryBudgetField{"logMemoryBudgetMiB", Limits::MinLogMemoryBudgetMiB,
                                                Limits::MaxLogMemoryBudgetMiB, false};

/// Reads the optional number @p field of @p o into @p out. Returns a problem naming
/// the field and its range, or empty. The range is checked on the double before it is
/// converted: every JSON number arrives as a double, and converting one outside the
/// integer type's range (1e300, 1e19, 2^63, -1e300) is undefined behaviour (C++17
/// [conv.fpint]). NaN fails the range test too; Qt's JSON parser rejects inf and NaN.
QString readWholeNumber(const QJsonObject &o, const QString &where, const WholeNumberField &field,
                        int *out)
{
    const QString key = QLatin1String(field.key);
    const QJsonValue v = o.value(key);
    if (v.isUndefined())
        return QString();
    const double d = v.toDouble();
    const bool inRange = (d >= field.min && d <= field.max) || (field.zeroAllowed && d == 0);
    if (!v.isDouble() || !inRange || std::trunc(d) != d) {
        const QString rule =
            field.zeroAllowed ? tr("0 or a whole number %1-%2") : tr("a whole number %1-%2");
        return tr("%1.%2 must be %3.").arg(where, key, rule.arg(field.min).arg(field.max));
    }
    *out = int(d); // in range: exact
    return QString();
}

// Reads one profile object strictly. Returns a problem, or empty.
QString readProfile(const QJsonObject &o, const QString &where, Profile *out)
{
    const auto wrongType = [&](const QString &key, const QString &type) {
        return tr("%1.%2 must be %3.").arg(where, key, type);
    };
    Profile p;
    const QJsonValue name = o.value(QStringLiteral("name"));
    if (name.isUndefined())
        return tr("%1 has no name.").arg(where);
    if (!name.isString())
        return wrongType(QStringLiteral("name"), tr("a string"));
    p.name = name.toString();
    if (const QString problem = Profile::nameProblem(p.name); !problem.isEmpty())
        return QStringLiteral("%1: %2").arg(where, problem);

    const QJsonValue builtIn = o.value(QStringLiteral("builtInEchoServer"));
    if (!builtIn.isUndefined() && !builtIn.isBool())
        return wrongType(QStringLiteral("builtInEchoServer"), tr("true or false"));
    p.builtInEchoServer = builtIn.toBool(false);

    const QJsonValue url = o.value(QStringLiteral("url"));
    if (!url.isUndefined() && !url.isString())
        return wrongType(QStringLiteral("url"), tr("a string"));
    if (!p.builtInEchoServer) {
        if (url.isUndefined())
            return tr("%1 (\"%2\") has no url.").arg(where, p.name);
        p.url = Profile::urlFromText(url.toString());
        if (const QString problem = Profile::urlProblem(p.url); !problem.isEmpty())
            return tr("%1 (\"%2\"): %3").arg(where, p.name, problem);
    }

    const QJsonValue headers = o.value(QStringLiteral("headers"));
    if (!headers.isUndefined() && !headers.isArray())
        return wrongType(QStringLiteral("headers"), tr("an array"));
    const QJsonArray headerArray = headers.toArray();
    for (qsizetype i = 0; i < headerArray.size(); ++i) {
        const QString key = QStringLiteral("headers[%1]").arg(i);
        if (!headerArray.at(i).isObject())
            return wrongType(key, tr("an object"));
        const QJsonObject h = headerArray.at(i).toObject();
        if (!h.value(QStringLiteral("name")).isString())
            return wrongType(key + QStringLiteral(".name"), tr("a string"));
        if (!h.value(QStringLiteral("value")).isString())
            return wrongType(key + QStringLiteral(".value"), tr("a string"));
        p.headers.append({h.value(QStringLiteral("name")).toString(),
                          h.value(QStringLiteral("value")).toString()});
    }

    const QJsonValue subprotocols = o.value(QStringLiteral("subprotocols"));
    if (!subprotocols.isUndefined() && !subprotocols.isArray())
        return wrongType(QStringLiteral("subprotocols"), tr("an array"));
    const QJsonArray subArray = subprotocols.toArray();
    for (qsizetype i = 0; i < subArray.size(); ++i) {
        if (!subArray.at(i).isString())
            return wrongType(QStringLiteral("subprotocols[%1]").arg(i), tr("a string"));
        p.subprotocols.append(subArray.at(i).toString());
    }

    if (QString e = readWholeNumber(o, where, ConnectTimeoutField, &p.connectTimeoutMs);
        !e.isEmpty())
        return e;

    const QJsonValue ignoreTls = o.value(QStringLiteral("ignoreTlsErrors"));
    if (!ignoreTls.isUndefined() && !ignoreTls.isBool())
        return wrongType(QStringLiteral("ignoreTlsErrors"), tr("true or false"));
    p.ignoreTlsErrors = ignoreTls.toBool(false);

    const QJsonValue showSecrets = o.value(QStringLiteral("showSecretsInLog"));
    if (!showSecrets.isUndefined() && !showSecrets.isBool())
        return wrongType(QStringLiteral("showSecretsInLog"), tr("true or false"));
    p.showSecretsInLog = showSecrets.toBool(false);

    if (QString e = readWholeNumber(o, where, PingIntervalField, &p.pingIntervalMs); !e.isEmpty())
        return e;
    if (QString e = readWholeNumber(o, where, MaxLogRowsField, &p.maxLogRows); !e.isEmpty())
        return e;
    if (QString e = readWholeNumber(o, where, MaxIncomingMessageField, &p.maxIncomingMessageMiB);
        !e.isEmpty())
        return e;
    if (QString e = readWholeNumber(o, where, LogMemoryBudgetField, &p.logMemoryBudgetMiB);
        !e.isEmpty())
        return e;

    const QJsonValue snippets = o.value(QStringLiteral("snippets"));
    if (!snippets.isUndefined() && !snippets.isArray())
        return wrongType(QStringLiteral("snippets"), tr("an array"));
    const QJsonArray snippetArray = snippets.toArray();
    for (qsizetype i = 0; i < snippetArray.size(); ++i) {
        const QString key = QStringLiteral("snippets[%1]").arg(i);
        if (!snippetArray.at(i).isObject())
            return wrongType(key, tr("an object"));
        const QJsonObject s = snippetArray.at(i).toObject();
        if (!s.value(QStringLiteral("name")).isString())
            return wrongType(key + QStringLiteral(".name"), tr("a string"));
        if (!s.value(QStringLiteral("payload")).isString())
            return wrongType(key + QStringLiteral(".payload"), tr("a string"));
        const QJsonValue format = s.value(QStringLiteral("format"));
        const auto parsed = PayloadCodec::formatFromKey(format.toString());
        if (!format.isUndefined() && !parsed)
            return wrongType(key + QStringLiteral(".format"),
                             tr("\"text\", \"hex\" or \"base64\""));
        p.snippets.append({s.value(QStringLiteral("name")).toString(),
                           s.value(QStringLiteral("payload")).toString(),
                           parsed.value_or(PayloadFormat::Text)});
    }

    if (const QString problem = p.problem(); !problem.isEmpty())
        return tr("%1 (\"%2\"): %3").arg(where, p.name, problem);
    *out = p;
    return QString();
}

} // namespace

ProfileStore::LoadResult ProfileStore::parse(const QByteArray &json, const QString &source)
{
    LoadResult result;
    const auto fail = [&](const QString &problem) {
        result.error = tr("Could not load profiles from \"%1\": %2").arg(source, problem);
        result.profiles.clear();
        return result;
    };
    if (json.size() > MaxFileBytes)
        return fail(tr("the file is larger than %1 MiB.").arg(MaxFileBytes / (1024 * 1024)));
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return fail(tr("it is not valid JSON (%1 at byte %2).")
                        .arg(parseError.errorString())
                        .arg(parseError.offset));
    if (!doc.isObject())
        return fail(tr("the top level must be a JSON object."));
    const QJsonObject root = doc.object();
    if (root.value(QStringLiteral("format")).toString() != QLatin1String(FormatName))
        return fail(tr("it is not a Sockscope profiles file (\"format\" must be \"%1\").")
                        .arg(QLatin1String(FormatName)));
    const QJsonValue version = root.value(QStringLiteral("version"));
    if (!version.isDouble())
        return fail(tr("\"version\" must be a number."));
    if (version.toDouble() != FormatVersion)
        return fail(tr("version %1 is not supported; this Sockscope reads version %2.")
                        .arg(version.toDouble())
                        .arg(FormatVersion));
    const QJsonValue profiles = root.value(QStringLiteral("profiles"));
    if (!profiles.isArray())
        return fail(tr("\"profiles\" must be an array."));
    const QJsonArray array = profiles.toArray();
    QSet<QString> names;
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QString where = QStringLiteral("profiles[%1]").arg(i);
        if (!array.at(i).isObject())
            return fail(tr("%1 must be an object.").arg(where));
        Profile p;
        if (const QString problem = readProfile(array.at(i).toObject(), where, &p);
            !problem.isEmpty())
            return fail(problem);
        if (names.contains(p.name))
            return fail(tr("%1: the name \"%2\" is used twice.").arg(where, p.name));
        names.insert(p.name);
        result.profiles.append(p);
    }
    result.ok = true;
    return result;
}

ProfileStore::LoadResult ProfileStore::load(const QString &path)
{
    LoadResult result;
    QFile file(path);
    if (!file.exists()) {
        result.fileMissing = true;
        result.error = tr("Could not load profiles from \"%1\": the file does not exist.")
                           .arg(QDir::toNativeSeparators(path));
        return result;
    }
    if (!file.open(QIODevice::ReadOnly)) {
        result.error = tr("Could not load profiles from \"%1\": %2")
                           .arg(QDir::toNativeSeparators(path), file.errorString());
        return result;
    }
    // Read one byte past the cap, so a file that grows while being read is still caught
    // and a huge file never lands in memory whole.
    const QByteArray bytes = file.read(MaxFileBytes + 1);
    return parse(bytes, QDir::toNativeSeparators(path));
}

QByteArray ProfileStore::serialise(const QList<Profile> &profiles)
{
    QJsonArray array;
    for (const Profile &p : profiles) {
        QJsonObject o;
        o.insert(QStringLiteral("name"), p.name);
        if (p.builtInEchoServer)
            o.insert(QStringLiteral("builtInEchoServer"), true);
        if (!p.url.isEmpty())
            o.insert(QStringLiteral("url"), p.url.toString(QUrl::FullyEncoded));
        QJsonArray headers;
        for (const HandshakeHeader &h : p.headers)
            headers.append(
                QJsonObject{{QStringLiteral("name"), h.name}, {QStringLiteral("value"), h.value}});
        o.insert(QStringLiteral("headers"), headers);
        o.insert(QStringLiteral("subprotocols"), QJsonArray::fromStringList(p.subprotocols));
        o.insert(QStringLiteral("connectTimeoutMs"), p.connectTimeoutMs);
        o.insert(QStringLiteral("ignoreTlsErrors"), p.ignoreTlsErrors);
        o.insert(QStringLiteral("pingIntervalMs"), p.pingIntervalMs);
        o.insert(QStringLiteral("maxLogRows"), p.maxLogRows);
        o.insert(QLatin1String(MaxIncomingMessageField.key), p.maxIncomingMessageMiB);
        o.insert(QLatin1String(LogMemoryBudgetField.key), p.logMemoryBudgetMiB);
        o.insert(QStringLiteral("showSecretsInLog"), p.showSecretsInLog);
        QJsonArray snippets;
        for (const Snippet &s : p.snippets)
            snippets.append(
                QJsonObject{{QStringLiteral("name"), s.name},
                            {QStringLiteral("payload"), s.payload},
                            {QStringLiteral("format"), PayloadCodec::formatKey(s.format)}});
        o.insert(QStringLiteral("snippets"), snippets);
        array.append(o);
    }
    const QJsonObject root{{QStringLiteral("format"), QLatin1String(FormatName)},
                           {QStringLiteral("version"), FormatVersion},
                           {QStringLiteral("profiles"), array}};
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

QString ProfileStore::save(const QString &path, const QList<Profile> &profiles)
{
    return writePrivately(path, serialise(profiles));
}

QString ProfileStore::backUp(const QString &path)
{
    QFile current(path);
    if (!current.exists())
        return QString();
    if (current.size() > MaxFileBytes || !current.open(QIODevice::ReadOnly))
        return tr("Could not back up \"%1\": %2")
            .arg(QDir::toNativeSeparators(path), current.errorString());
    return writePrivately(backupPath(path), current.readAll());
}

QString ProfileStore::backupPath(const QString &path)
{
    return path + QStringLiteral(".bak");
}

QString ProfileStore::writePrivately(const QString &path, const QByteArray &bytes)
{
    const QString shown = QDir::toNativeSeparators(path);
    if (!QDir().mkpath(QFileInfo(path).absolutePath()))
        return tr("Could not save profiles to \"%1\": cannot create its folder.").arg(shown);
    // Profiles hold handshake headers such as Authorization: the file is the owner's
    // alone (0600). An existing file is tightened first, because QSaveFile::open()
    // copies its permissions onto the new file; where QSaveFile has to use a named
    // temporary file, that copy would otherwise leave it readable by others until
    // the setPermissions() below. A failure here (not our file) is not fatal: the
    // file written below replaces it with our own, 0600.
    if (QFileInfo::exists(path))
        QFile::setPermissions(path, OwnerOnly);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return tr("Could not save profiles to \"%1\": %2").arg(shown, file.errorString());
    // Before the first byte, and on the open file (fchmod), so the permissions travel
    // with it into place at commit(). On Linux QSaveFile writes an unnamed O_TMPFILE
    // that gets a name only at commit(), so no one can open it while others may read
    // it. (Without O_TMPFILE, e.g. on NFS, a new file's temporary is created empty
    // under the umask and narrowed here, before any byte is written.)
    if (!file.setPermissions(OwnerOnly))
        return tr("Could not save profiles to \"%1\": cannot make it private: %2")
            .arg(shown, file.errorString());
    if (file.write(bytes) != bytes.size() || !file.commit())
        return tr("Could not save profiles to \"%1\": %2").arg(shown, file.errorString());
    return QString();
}
