#include "import/harimport.h"

#include "import/harmessages.h"

#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace {

/// Headers QtWebSockets writes itself, lowercase: a copy would be sent twice.
bool writtenByQtWebSockets(const QString &lowerName)
{
    static const QStringList names = {
        QStringLiteral("host"), QStringLiteral("connection"), QStringLiteral("upgrade"),
        QStringLiteral("sec-websocket-key"), QStringLiteral("sec-websocket-version"),
        // QtWebSockets 6.4 implements none (Profile::headerWarning), and every browser
        // offers permessage-deflate.
        QStringLiteral("sec-websocket-extensions")};
    return names.contains(lowerName);
}

/// RFC 7230 3.2.6 token, as a subprotocol must be (RFC 6455 4.1).
bool isToken(const QString &s)
{
    if (s.isEmpty())
        return false;
    for (const QChar c : s) {
        if (c.unicode() <= 0x20 || c.unicode() > 0x7e ||
            QStringView(u"\"(),/:;<=>?@[\\]{}").contains(c))
            return false;
    }
    return true;
}

/// Walks log.entries[]: the first problem stops it.
class Reader
{
    Q_DECLARE_TR_FUNCTIONS(HarImport)
public:
    bool read(const QJsonObject &root);

    QList<RecordedConnection> connections;
    QStringList warnings;
    ImportError error;

private:
    bool fail(const QString &where, const QString &problem)
    {
        error = ImportError{where, problem};
        return false;
    }
    bool entry(const QJsonValue &value, const QString &where);
    /// request.headers[] into @p out, each checked to be {name: string, value: string}.
    bool headers(const QJsonObject &request, const QString &where, QJsonArray *out);
    bool messages(const QJsonValue &list, const QString &where, QList<LogEvent> *out);
    bool profile(const QJsonObject &request, const QJsonArray &headers, const QString &where,
                 Profile *p);
    void header(const QString &name, const QString &value, const QString &where, Profile *p);

    qsizetype m_messages = 0;
    QHash<QString, int> m_hosts; ///< Connections so far per host, for unique names.
};

bool Reader::read(const QJsonObject &root)
{
    const QJsonValue log = root.value(QLatin1String("log"));
    if (log.isUndefined())
        return fail(QStringLiteral("log"), tr("is missing: this is not a HAR file"));
    if (!log.isObject())
        return fail(QStringLiteral("log"), tr("must be an object"));
    const QJsonValue entries = log.toObject().value(QLatin1String("entries"));
    if (!entries.isArray())
        return fail(QStringLiteral("log.entries"), tr("must be an array"));
    const QJsonArray list = entries.toArray();
    for (qsizetype i = 0; i < list.size(); ++i) {
        if (!entry(list.at(i), QStringLiteral("log.entries[%1]").arg(i)))
            return false;
    }
    if (connections.isEmpty())
        return fail(QStringLiteral("log.entries"), tr("no WebSocket connections in this HAR"));
    return true;
}

bool Reader::headers(const QJsonObject &request, const QString &where, QJsonArray *out)
{
    const QJsonValue headers = request.value(QLatin1String("headers"));
    if (headers.isUndefined())
        return true;
    if (!headers.isArray())
        return fail(where + QLatin1String(".headers"), tr("must be an array"));
    *out = headers.toArray();
    for (qsizetype j = 0; j < out->size(); ++j) {
        const QString at = where + QStringLiteral(".headers[%1]").arg(j);
        if (!out->at(j).isObject())
            return fail(at, tr("must be an object"));
        const QJsonObject h = out->at(j).toObject();
        for (const char *key : {"name", "value"}) {
            if (!h.value(QLatin1String(key)).isString())
                return fail(at + u'.' + QLatin1String(key), tr("must be a string"));
        }
    }
    return true;
}

bool Reader::entry(const QJsonValue &value, const QString &where)
{
    if (!value.isObject())
        return fail(where, tr("must be an object"));
    const QJsonObject e = value.toObject();
    const QJsonValue request = e.value(QLatin1String("request"));
    if (!request.isObject())
        return fail(where + QLatin1String(".request"), tr("must be an object"));
    const QJsonObject r = request.toObject();
    if (!r.value(QLatin1String("url")).isString())
        return fail(where + QLatin1String(".request.url"), tr("must be a string"));
    QJsonArray headerList;
    if (!headers(r, where + QLatin1String(".request"), &headerList))
        return false;

    const QString url = r.value(QLatin1String("url")).toString();
    bool isWebSocket = e.value(QLatin1String("_resourceType")).toString() == u"websocket" ||
                       url.startsWith(u"ws://", Qt::CaseInsensitive) ||
                       url.startsWith(u"wss://", Qt::CaseInsensitive);
    for (const QJsonValue &h : headerList) { // RFC 6455 4.1: Upgrade: websocket
        const QJsonObject o = h.toObject();
        if (o.value(QLatin1String("name")).toString().compare(u"upgrade", Qt::CaseInsensitive) ==
                0 &&
            o.value(QLatin1String("value")).toString().compare(u"websocket", Qt::CaseInsensitive) ==
                0)
            isWebSocket = true;
    }
    if (!isWebSocket)
        return true;

    RecordedConnection c;
    if (!profile(r, headerList, where + QLatin1String(".request"), &c.profile))
        return false;
    const QJsonValue list = e.value(QLatin1String("_webSocketMessages"));
    if (list.isUndefined())
        warnings.append(tr("%1: no _webSocketMessages (Firefox saves none); only the "
                           "connection's profile is imported")
                            .arg(where));
    else if (!messages(list, where + QLatin1String("._webSocketMessages"), &c.events))
        return false;
    if (connections.size() >= HarImport::MaxConnections)
        return fail(
            where,
            tr("more than %1 WebSocket connections in this HAR").arg(HarImport::MaxConnections));
    connections.append(std::move(c));
    return true;
}

bool Reader::messages(const QJsonValue &value, const QString &where, QList<LogEvent> *out)
{
    if (!value.isArray())
        return fail(where, tr("must be an array"));
    const QJsonArray list = value.toArray();
    // Counted before any is read: the bound holds whatever the items are.
    m_messages += list.size();
    if (m_messages > HarImport::MaxMessages)
        return fail(where, tr("more than %1 messages in this HAR").arg(HarImport::MaxMessages));
    out->reserve(list.size());
    for (qsizetype j = 0; j < list.size(); ++j) {
        LogEvent event;
        error = HarMessages::read(list.at(j), where + QStringLiteral("[%1]").arg(j), &event);
        if (!error.isEmpty())
            return false;
        out->append(std::move(event));
    }
    return true;
}

bool Reader::profile(const QJsonObject &request, const QJsonArray &headers, const QString &where,
                     Profile *p)
{
    QUrl url = Profile::urlFromText(request.value(QLatin1String("url")).toString());
    const QString scheme = url.scheme().toLower();
    if (scheme == u"http" || scheme == u"https") // RFC 6455 3: the same resource
        url.setScheme(scheme == u"http" ? QStringLiteral("ws") : QStringLiteral("wss"));
    if (const QString problem = Profile::urlProblem(url); !problem.isEmpty())
        return fail(where + QLatin1String(".url"), problem);
    p->url = url;
    const int n = ++m_hosts[url.host()];
    p->name = n == 1 ? tr("HAR: %1").arg(url.host()) : tr("HAR: %1 (%2)").arg(url.host()).arg(n);
    for (qsizetype j = 0; j < headers.size(); ++j) {
        const QJsonObject h = headers.at(j).toObject();
        header(h.value(QLatin1String("name")).toString(),
               h.value(QLatin1String("value")).toString(),
               where + QStringLiteral(".headers[%1]").arg(j), p);
    }
    return true;
}

void Reader::header(const QString &name, const QString &value, const QString &where, Profile *p)
{
    const QString lower = name.toLower();
    // RFC 9113 8.3: pseudo-headers of an HTTP/2 request (RFC 8441 WebSockets).
    if (name.startsWith(u':') || writtenByQtWebSockets(lower))
        return;
    if (lower == u"sec-websocket-protocol") {
        for (const QString &part : value.split(u',')) {
            const QString s = part.trimmed();
            if (!isToken(s))
                warnings.append(
                    tr("%1: the subprotocol \"%2\" is not a valid token; left out").arg(where, s));
            else if (!p->subprotocols.contains(s))
                p->subprotocols.append(s);
        }
        return;
    }
    if (const QString problem = Profile::headerProblem(name, value); !problem.isEmpty()) {
        warnings.append(tr("%1: left out: %2").arg(where, problem));
        return;
    }
    p->headers.append(HandshakeHeader(name, value, HandshakeHeader::proposedSecret(name)));
}

/// "line 3, column 7" of byte @p offset in @p data, from 1.
QString placeOf(const QByteArray &data, qsizetype offset)
{
    const QByteArrayView before =
        QByteArrayView(data).first(qBound<qsizetype>(0, offset, data.size()));
    const qsizetype lineStart = before.lastIndexOf('\n') + 1;
    return HarImport::tr("line %1, column %2")
        .arg(before.count('\n') + 1)
        .arg(before.size() - lineStart + 1);
}

} // namespace

ImportResult HarImport::fromBytes(const QByteArray &json)
{
    if (json.size() > MaxFileBytes)
        return ImportResult::failure(
            QString(), tr("a HAR file is read up to %1 MiB").arg(MaxFileBytes / Limits::MiB));
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return ImportResult::failure(placeOf(json, parseError.offset),
                                     tr("not JSON: %1").arg(parseError.errorString()));
    if (!doc.isObject())
        return ImportResult::failure(QString(), tr("not a HAR file: the JSON is not an object"));
    Reader reader;
    ImportResult result;
    if (reader.read(doc.object()))
        result.connections = std::move(reader.connections);
    else
        result.error = reader.error;
    result.warnings = reader.warnings;
    return result;
}

ImportResult HarImport::fromFile(const QString &path)
{
    const QFileInfo info(path);
    // Refused before anything is read: QJsonDocument holds the whole tree in memory.
    if (info.size() > MaxFileBytes)
        return ImportResult::failure(info.fileName(),
                                     tr("is %1 MiB; a HAR file is read up to %2 MiB")
                                         .arg((info.size() + Limits::MiB - 1) / Limits::MiB)
                                         .arg(MaxFileBytes / Limits::MiB));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return ImportResult::failure(info.fileName(),
                                     tr("cannot be read: %1").arg(file.errorString()));
    // The file may have grown since: never read past the bound.
    return fromBytes(file.read(MaxFileBytes + 1));
}
