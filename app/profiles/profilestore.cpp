#include "profilestore.h"

#include "profiles/environmentjson.h"

#include "profiles/profilekeys.h"
#include "profiles/profilereader.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QLocale>
#include <QSaveFile>
#include <QSet>

const char *const ProfileStore::FormatName = "sockscope-profiles";

namespace {

/// profiles.json and its exports: read and write for the owner only (0600).
constexpr QFileDevice::Permissions OwnerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;

} // namespace

ProfileStore::StartupFile ProfileStore::chooseStartupFile(const QString &commandLine,
                                                          const QString &remembered,
                                                          const QString &defaultPath)
{
    if (!commandLine.isEmpty())
        return {commandLine, QString()};
    if (remembered.isEmpty())
        return {defaultPath, QString()};
    if (QFileInfo::exists(remembered))
        return {remembered, QString()};
    return {defaultPath,
            tr("The profiles file used last time, \"%1\", is gone; Sockscope uses "
               "\"%2\" instead. File > Open Profiles File… opens another.")
                .arg(QDir::toNativeSeparators(remembered), QDir::toNativeSeparators(defaultPath))};
}

QString ProfileStore::jsonErrorText(const QByteArray &json, const QJsonParseError &error)
{
    // QJsonParseError::offset is where the parser stopped: at the offending byte mostly,
    // one past it sometimes, and the file's size when the file ends too soon. So the
    // place is given as "near" a line and column, never as a byte past the end.
    const qsizetype size = json.size();
    if (size == 0)
        return tr("the file is empty.");
    if (error.offset >= size)
        return tr("it is not valid JSON: %1 at its end, after %2; is it cut short?")
            .arg(error.errorString(),
                 size == 1 ? tr("1 byte") : tr("%1 bytes").arg(QLocale().toString(size)));
    const qsizetype at = qMax<qsizetype>(0, error.offset);
    const qsizetype lineStart = json.lastIndexOf('\n', at) + 1; // 0 when none
    const int line = int(json.left(at).count('\n')) + 1;
    const int column = int(QString::fromUtf8(json.mid(lineStart, at - lineStart)).size()) + 1;
    return tr("it is not valid JSON: %1 near line %2, column %3.")
        .arg(error.errorString())
        .arg(line)
        .arg(column);
}

ProfileStore::LoadResult ProfileStore::parse(const QByteArray &json, const QString &source)
{
    LoadResult result;
    const auto fail = [&](const QString &problem) {
        result.error = tr("Could not load profiles from \"%1\": %2").arg(source, problem);
        result.profiles.clear();
        result.environments = {};
        return result;
    };
    if (json.size() > MaxFileBytes)
        return fail(tr("the file is larger than %1 MiB.").arg(MaxFileBytes / (1024 * 1024)));
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return fail(jsonErrorText(json, parseError));
    if (!doc.isObject())
        return fail(tr("the top level must be a JSON object."));
    const QJsonObject root = doc.object();
    if (root.value(Key::Format).toString() != QLatin1String(FormatName))
        return fail(tr("it is not a Sockscope profiles file (\"format\" must be \"%1\").")
                        .arg(QLatin1String(FormatName)));
    const QJsonValue version = root.value(Key::Version);
    if (!version.isDouble())
        return fail(tr("\"version\" must be a number."));
    if (version.toDouble() != OldestFormatVersion && version.toDouble() != FormatVersion)
        return fail(tr("version %1 is not supported; this Sockscope reads versions %2-%3.")
                        .arg(version.toDouble())
                        .arg(OldestFormatVersion)
                        .arg(FormatVersion));
    result.version = int(version.toDouble());
    if (result.version >= 2) {
        if (QString problem = EnvironmentJson::read(root, &result.environments); !problem.isEmpty())
            return fail(problem);
    }
    const QJsonValue profiles = root.value(Key::Profiles);
    if (!profiles.isArray())
        return fail(tr("\"profiles\" must be an array."));
    const QJsonArray array = profiles.toArray();
    QSet<QString> names;
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QString where = Key::element(Key::Profiles, i);
        if (!array.at(i).isObject())
            return fail(tr("%1 must be an object.").arg(where));
        Profile p;
        if (const QString problem = ProfileReader::read(array.at(i).toObject(), where, &p);
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

QByteArray ProfileStore::serialise(const QList<Profile> &profiles,
                                   const EnvironmentSet &environments)
{
    QJsonArray array;
    for (const Profile &p : profiles) {
        QJsonObject o;
        o.insert(Key::Name, p.name);
        if (p.builtInEchoServer)
            o.insert(Key::BuiltInEchoServer, true);
        if (!p.urlTemplate.isEmpty())
            o.insert(Key::Url, p.urlTemplate);
        else if (!p.url.isEmpty())
            o.insert(Key::Url, p.url.toString(QUrl::FullyEncoded));
        QJsonArray headers;
        for (const HandshakeHeader &h : p.headers)
            headers.append(h.secret ? EnvironmentJson::secretObject(h.name, h.secretRef)
                                    : QJsonObject{{Key::Name, h.name}, {Key::Value, h.value}});
        o.insert(Key::Headers, headers);
        o.insert(Key::Subprotocols, QJsonArray::fromStringList(p.subprotocols));
        o.insert(Key::ConnectTimeoutMs, p.connectTimeoutMs);
        o.insert(Key::CloseTimeoutMs, p.closeTimeoutMs);
        o.insert(Key::IgnoreTlsErrors, p.ignoreTlsErrors);
        o.insert(Key::Tls, TransportJson::tlsObject(p.tls));
        o.insert(Key::Proxy, TransportJson::proxyObject(p.proxy));
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
    QJsonObject root{{Key::Format, QLatin1String(FormatName)},
                     {Key::Version, FormatVersion},
                     {Key::Profiles, array}};
    EnvironmentJson::write(environments, &root);
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

QString ProfileStore::save(const QString &path, const QList<Profile> &profiles,
                           const EnvironmentSet &environments)
{
    return writePrivately(path, serialise(profiles, environments));
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
