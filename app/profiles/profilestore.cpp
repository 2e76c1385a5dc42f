#include "profilestore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLatin1StringView>
#include <QSaveFile>
#include <QSet>

#include <climits>
#include <cmath>

const char *const ProfileStore::FormatName = "sockscope-profiles";

namespace {

/// profiles.json and its exports: read and write for the owner only (0600).
constexpr QFileDevice::Permissions OwnerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;

/// The profiles file's JSON keys (README.md documents the format), each named once for
/// both reading and writing.
namespace Key {
constexpr QLatin1StringView Format("format");
constexpr QLatin1StringView Version("version");
constexpr QLatin1StringView Profiles("profiles");
constexpr QLatin1StringView Name("name");
constexpr QLatin1StringView Url("url");
constexpr QLatin1StringView BuiltInEchoServer("builtInEchoServer");
constexpr QLatin1StringView Headers("headers");
constexpr QLatin1StringView Value("value");
constexpr QLatin1StringView Subprotocols("subprotocols");
constexpr QLatin1StringView ConnectTimeoutMs("connectTimeoutMs");
constexpr QLatin1StringView IgnoreTlsErrors("ignoreTlsErrors");
constexpr QLatin1StringView ShowSecretsInLog("showSecretsInLog");
constexpr QLatin1StringView PingIntervalMs("pingIntervalMs");
constexpr QLatin1StringView MaxLogRows("maxLogRows");
constexpr QLatin1StringView MaxIncomingMessageMiB("maxIncomingMessageMiB");
constexpr QLatin1StringView LogMemoryBudgetMiB("logMemoryBudgetMiB");
constexpr QLatin1StringView Snippets("snippets");
constexpr QLatin1StringView Payload("payload");
} // namespace Key

/// "headers[2]": where an array element is, for error messages.
QString element(QLatin1StringView array, qsizetype index)
{
    return QStringLiteral("%1[%2]").arg(array).arg(index);
}

/// "headers[2].name": where an element's member is, for error messages.
QString member(const QString &element, QLatin1StringView key)
{
    return element + QLatin1Char('.') + key;
}

/// A whole-number field of a profile and the values it accepts.
struct WholeNumberField
{
    QLatin1StringView key;
    int min;
    int max;
    bool zeroAllowed; ///< 0 is accepted too: "off" or "no limit".
};

constexpr WholeNumberField ConnectTimeoutField{Key::ConnectTimeoutMs, Profile::MinConnectTimeoutMs,
                                               Profile::MaxConnectTimeoutMs, false};
constexpr WholeNumberField PingIntervalField{Key::PingIntervalMs, Profile::MinPingIntervalMs,
                                             Profile::MaxPingIntervalMs, true};
constexpr WholeNumberField MaxLogRowsField{Key::MaxLogRows, 1, INT_MAX, true};
constexpr WholeNumberField MaxIncomingMessageField{Key::MaxIncomingMessageMiB,
                                                   Limits::MinMaxIncomingMessageMiB,
                                                   Limits::MaxMaxIncomingMessageMiB, false};
constexpr WholeNumberField LogMemoryBudgetField{
    Key::LogMemoryBudgetMiB, Limits::MinLogMemoryBudgetMiB, Limits::MaxLogMemoryBudgetMiB, false};

/// Reads the optional number @p field of @p o into @p out. Returns a problem naming
/// the field and its range, or empty. The range is checked on the double before it is
/// converted: every JSON number arrives as a double, and converting one outside the
/// integer type's range (1e300, 1e19, 2^63, -1e300) is undefined behaviour (C++17
/// [conv.fpint]). NaN fails the range test too; Qt's JSON parser rejects inf and NaN.
QString readWholeNumber(const QJsonObject &o, const QString &where, const WholeNumberField &field,
                        int *out)
{
    const QJsonValue v = o.value(field.key);
    if (v.isUndefined())
        return QString();
    const double d = v.toDouble();
    const bool inRange = (d >= field.min && d <= field.max) || (field.zeroAllowed && d == 0);
    if (!v.isDouble() || !inRange || std::trunc(d) != d) {
        const QString rule = field.zeroAllowed ? ProfileStore::tr("0 or a whole number %1-%2")
                                               : ProfileStore::tr("a whole number %1-%2");
        return ProfileStore::tr("%1.%2 must be %3.")
            .arg(where, field.key, rule.arg(field.min).arg(field.max));
    }
    *out = int(d); // in range: exact
    return QString();
}

// Reads one profile object strictly. Returns a problem, or empty.
QString readProfile(const QJsonObject &o, const QString &where, Profile *out)
{
    const auto wrongType = [&](const QString &key, const QString &type) {
        return ProfileStore::tr("%1.%2 must be %3.").arg(where, key, type);
    };
    Profile p;
    const QJsonValue name = o.value(Key::Name);
    if (name.isUndefined())
        return ProfileStore::tr("%1 has no name.").arg(where);
    if (!name.isString())
        return wrongType(Key::Name, ProfileStore::tr("a string"));
    p.name = name.toString();
    if (const QString problem = Profile::nameProblem(p.name); !problem.isEmpty())
        return QStringLiteral("%1: %2").arg(where, problem);

    const QJsonValue builtIn = o.value(Key::BuiltInEchoServer);
    if (!builtIn.isUndefined() && !builtIn.isBool())
        return wrongType(Key::BuiltInEchoServer, ProfileStore::tr("true or false"));
    p.builtInEchoServer = builtIn.toBool(false);

    const QJsonValue url = o.value(Key::Url);
    if (!url.isUndefined() && !url.isString())
        return wrongType(Key::Url, ProfileStore::tr("a string"));
    if (!p.builtInEchoServer) {
        if (url.isUndefined())
            return ProfileStore::tr("%1 (\"%2\") has no url.").arg(where, p.name);
        p.url = Profile::urlFromText(url.toString());
        if (const QString problem = Profile::urlProblem(p.url); !problem.isEmpty())
            return ProfileStore::tr("%1 (\"%2\"): %3").arg(where, p.name, problem);
    }

    const QJsonValue headers = o.value(Key::Headers);
    if (!headers.isUndefined() && !headers.isArray())
        return wrongType(Key::Headers, ProfileStore::tr("an array"));
    const QJsonArray headerArray = headers.toArray();
    for (qsizetype i = 0; i < headerArray.size(); ++i) {
        const QString key = element(Key::Headers, i);
        if (!headerArray.at(i).isObject())
            return wrongType(key, ProfileStore::tr("an object"));
        const QJsonObject h = headerArray.at(i).toObject();
        if (!h.value(Key::Name).isString())
            return wrongType(member(key, Key::Name), ProfileStore::tr("a string"));
        if (!h.value(Key::Value).isString())
            return wrongType(member(key, Key::Value), ProfileStore::tr("a string"));
        p.headers.append({h.value(Key::Name).toString(), h.value(Key::Value).toString()});
    }

    const QJsonValue subprotocols = o.value(Key::Subprotocols);
    if (!subprotocols.isUndefined() && !subprotocols.isArray())
        return wrongType(Key::Subprotocols, ProfileStore::tr("an array"));
    const QJsonArray subArray = subprotocols.toArray();
    for (qsizetype i = 0; i < subArray.size(); ++i) {
        if (!subArray.at(i).isString())
            return wrongType(element(Key::Subprotocols, i), ProfileStore::tr("a string"));
        p.subprotocols.append(subArray.at(i).toString());
    }

    if (QString e = readWholeNumber(o, where, ConnectTimeoutField, &p.connectTimeoutMs);
        !e.isEmpty())
        return e;

    const QJsonValue ignoreTls = o.value(Key::IgnoreTlsErrors);
    if (!ignoreTls.isUndefined() && !ignoreTls.isBool())
        return wrongType(Key::IgnoreTlsErrors, ProfileStore::tr("true or false"));
    p.ignoreTlsErrors = ignoreTls.toBool(false);

    const QJsonValue showSecrets = o.value(Key::ShowSecretsInLog);
    if (!showSecrets.isUndefined() && !showSecrets.isBool())
        return wrongType(Key::ShowSecretsInLog, ProfileStore::tr("true or false"));
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

    const QJsonValue snippets = o.value(Key::Snippets);
    if (!snippets.isUndefined() && !snippets.isArray())
        return wrongType(Key::Snippets, ProfileStore::tr("an array"));
    const QJsonArray snippetArray = snippets.toArray();
    for (qsizetype i = 0; i < snippetArray.size(); ++i) {
        const QString key = element(Key::Snippets, i);
        if (!snippetArray.at(i).isObject())
            return wrongType(key, ProfileStore::tr("an object"));
        const QJsonObject s = snippetArray.at(i).toObject();
        if (!s.value(Key::Name).isString())
            return wrongType(member(key, Key::Name), ProfileStore::tr("a string"));
        if (!s.value(Key::Payload).isString())
            return wrongType(member(key, Key::Payload), ProfileStore::tr("a string"));
        const QJsonValue format = s.value(Key::Format);
        const auto parsed = PayloadCodec::formatFromKey(format.toString());
        if (!format.isUndefined() && !parsed)
            return wrongType(member(key, Key::Format),
                             ProfileStore::tr("\"text\", \"hex\" or \"base64\""));
        p.snippets.append({s.value(Key::Name).toString(), s.value(Key::Payload).toString(),
                           parsed.value_or(PayloadFormat::Text)});
    }

    if (const QString problem = p.problem(); !problem.isEmpty())
        return ProfileStore::tr("%1 (\"%2\"): %3").arg(where, p.name, problem);
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
    if (root.value(Key::Format).toString() != QLatin1String(FormatName))
        return fail(tr("it is not a Sockscope profiles file (\"format\" must be \"%1\").")
                        .arg(QLatin1String(FormatName)));
    const QJsonValue version = root.value(Key::Version);
    if (!version.isDouble())
        return fail(tr("\"version\" must be a number."));
    if (version.toDouble() != FormatVersion)
        return fail(tr("version %1 is not supported; this Sockscope reads version %2.")
                        .arg(version.toDouble())
                        .arg(FormatVersion));
    const QJsonValue profiles = root.value(Key::Profiles);
    if (!profiles.isArray())
        return fail(tr("\"profiles\" must be an array."));
    const QJsonArray array = profiles.toArray();
    QSet<QString> names;
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QString where = element(Key::Profiles, i);
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
        o.insert(Key::Name, p.name);
        if (p.builtInEchoServer)
            o.insert(Key::BuiltInEchoServer, true);
        if (!p.url.isEmpty())
            o.insert(Key::Url, p.url.toString(QUrl::FullyEncoded));
        QJsonArray headers;
        for (const HandshakeHeader &h : p.headers)
            headers.append(QJsonObject{{Key::Name, h.name}, {Key::Value, h.value}});
        o.insert(Key::Headers, headers);
        o.insert(Key::Subprotocols, QJsonArray::fromStringList(p.subprotocols));
        o.insert(Key::ConnectTimeoutMs, p.connectTimeoutMs);
        o.insert(Key::IgnoreTlsErrors, p.ignoreTlsErrors);
        o.insert(Key::PingIntervalMs, p.pingIntervalMs);
        o.insert(Key::MaxLogRows, p.maxLogRows);
        o.insert(Key::MaxIncomingMessageMiB, p.maxIncomingMessageMiB);
        o.insert(Key::LogMemoryBudgetMiB, p.logMemoryBudgetMiB);
        o.insert(Key::ShowSecretsInLog, p.showSecretsInLog);
        QJsonArray snippets;
        for (const Snippet &s : p.snippets)
            snippets.append(QJsonObject{{Key::Name, s.name},
                                        {Key::Payload, s.payload},
                                        {Key::Format, PayloadCodec::formatKey(s.format)}});
        o.insert(Key::Snippets, snippets);
        array.append(o);
    }
    const QJsonObject root{{Key::Format, QLatin1String(FormatName)},
                           {Key::Version, FormatVersion},
                           {Key::Profiles, array}};
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
