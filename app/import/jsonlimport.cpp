#include "import/jsonlimport.h"

#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <climits>
#include <cmath>

namespace {

/// The largest size a JSON number holds exactly (2^53).
constexpr double MaxExactWhole = 9007199254740992.0;

/// The value of @p key of @p e whose key (directionKey, kindKey) is @p text.
template <typename E, int Count> bool fromKey(const QString &text, QString (*key)(E), E *out)
{
    for (int i = 0; i < Count; ++i) {
        if (key(E(i)) == text) {
            *out = E(i);
            return true;
        }
    }
    return false;
}

template <typename E, int Count> QString keyList(QString (*key)(E))
{
    QStringList keys;
    for (int i = 0; i < Count; ++i)
        keys.append(key(E(i)));
    return keys.join(QStringLiteral(", "));
}

bool isWhole(const QJsonValue &v, double min, double max)
{
    const double d = v.toDouble();
    return v.isDouble() && d >= min && d <= max && std::trunc(d) == d;
}

/// The steps of reading one line's object; each returns false with the error set.
class Line
{
    Q_DECLARE_TR_FUNCTIONS(JsonlImport)
public:
    Line(const QJsonObject &o, qsizetype number, LogEvent *e)
        : o(o), where(tr("line %1").arg(number)), e(e)
    {}
    bool timeAndKind();
    bool size();
    bool payload();
    bool closeAndRtt();

    ImportError error;

private:
    bool fail(const char *key, const QString &problem)
    {
        error = ImportError{where, QStringLiteral("\"%1\" %2").arg(QLatin1String(key), problem)};
        return false;
    }
    QJsonValue value(const char *key) const { return o.value(QLatin1String(key)); }

    const QJsonObject &o;
    const QString where;
    LogEvent *e;
};

bool Line::timeAndKind()
{
    const QJsonValue time = value("time");
    if (time.isUndefined())
        return fail("time", tr("is missing"));
    const QDateTime t = QDateTime::fromString(time.toString(), Qt::ISODateWithMs);
    if (!time.isString() || !t.isValid())
        return fail("time", tr("must be an ISO 8601 time such as \"2026-11-22T10:00:00.123Z\""));
    e->timestampMs = t.toMSecsSinceEpoch();
    constexpr int Directions = int(Direction::Local) + 1;
    if (!fromKey<Direction, Directions>(value("direction").toString(), &MessageLog::directionKey,
                                        &e->direction))
        return fail(
            "direction",
            tr("must be one of %1").arg(keyList<Direction, Directions>(&MessageLog::directionKey)));
    if (!fromKey<EventKind, EventKindCount>(value("kind").toString(), &MessageLog::kindKey,
                                            &e->kind))
        return fail(
            "kind",
            tr("must be one of %1").arg(keyList<EventKind, EventKindCount>(&MessageLog::kindKey)));
    return true;
}

bool Line::size()
{
    const QJsonValue size = value("size");
    if (size.isNull()) { // QtWebSockets did not tell (UnknownSize)
        e->sizeBytes = UnknownSize;
        return true;
    }
    // Checked on the double before it is converted: no out-of-range conversion (UB).
    if (!isWhole(size, 0, MaxExactWhole))
        return fail("size", size.isUndefined() ? tr("is missing")
                                               : tr("must be a whole number of bytes or null"));
    e->sizeBytes = qint64(size.toDouble());
    return true;
}

bool Line::payload()
{
    const QJsonValue text = value("payload");
    const QJsonValue base64 = value("payloadBase64");
    const QJsonValue kept = value("payloadKept");
    const int present =
        int(!text.isUndefined()) + int(!base64.isUndefined()) + int(!kept.isUndefined());
    if (present != 1)
        return fail("payload", present == 0 ? tr("is missing (or \"payloadBase64\", or "
                                                 "\"payloadKept\": false)")
                                            : tr("comes with \"payloadBase64\" or "
                                                 "\"payloadKept\"; a line has one of them"));
    if (!kept.isUndefined()) {
        if (kept != QJsonValue(false))
            return fail("payloadKept", tr("must be false (a kept payload is in \"payload\")"));
        e->payloadKept = false;
        return true;
    }
    if (!text.isUndefined()) {
        if (!text.isString())
            return fail("payload", tr("must be a string"));
        e->payload = text.toString().toUtf8();
        return true;
    }
    const QString b = base64.toString();
    bool ascii = base64.isString();
    for (const QChar c : b)
        ascii = ascii && c.unicode() < 0x80;
    auto decoded =
        QByteArray::fromBase64Encoding(b.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    if (!ascii || !decoded)
        return fail("payloadBase64", tr("must be a base64 string (RFC 4648 4)"));
    e->payload = std::move(*decoded);
    return true;
}

bool Line::closeAndRtt()
{
    const QJsonValue code = value("closeCode");
    if (!code.isUndefined()) {
        if (!isWhole(code, 1, 65535))
            return fail("closeCode", tr("must be a whole number 1-65535 (RFC 6455 7.4)"));
        e->closeCode = quint16(code.toDouble());
    }
    const QJsonValue rtt = value("rttMs");
    if (!rtt.isUndefined()) {
        const double us = rtt.toDouble(-1) * 1000.0;
        if (!rtt.isDouble() || !(us >= 0 && us <= INT_MAX))
            return fail("rttMs", tr("must be a number of ms from 0 to %1").arg(INT_MAX / 1000));
        e->rttUs = qint32(std::llround(us));
    }
    return true;
}

} // namespace

ImportError JsonlImport::readLine(QByteArrayView line, qsizetype number, LogEvent *out)
{
    QJsonParseError parseError;
    // No copy: the parser reads the line where it is.
    const QJsonDocument doc =
        QJsonDocument::fromJson(QByteArray::fromRawData(line.data(), line.size()), &parseError);
    const QString where = tr("line %1").arg(number);
    if (parseError.error != QJsonParseError::NoError)
        return {where, tr("not JSON: %1 at column %2")
                           .arg(parseError.errorString())
                           .arg(parseError.offset + 1)};
    if (!doc.isObject())
        return {where, tr("must be a JSON object")};
    const QJsonObject o = doc.object();
    LogEvent e;
    Line reader(o, number, &e);
    if (!reader.timeAndKind() || !reader.size() || !reader.payload() || !reader.closeAndRtt())
        return reader.error;
    *out = std::move(e);
    return {};
}

ImportResult JsonlImport::fromBytes(QByteArrayView data, const QString &name)
{
    if (data.size() > MaxFileBytes)
        return ImportResult::failure(
            QString(), tr("a log file is read up to %1 MiB").arg(MaxFileBytes / Limits::MiB));
    RecordedConnection c;
    c.profile.name = name.isEmpty() ? tr("Imported log") : name;
    qsizetype number = 0;
    for (qsizetype start = 0; start < data.size();) {
        ++number;
        qsizetype end = data.indexOf('\n', start);
        if (end < 0)
            end = data.size();
        QByteArrayView line = data.sliced(start, end - start);
        start = end + 1;
        if (line.endsWith('\r'))
            line.chop(1);
        if (line.size() > MaxLineBytes)
            return ImportResult::failure(tr("line %1").arg(number),
                                         tr("longer than %1 MiB").arg(MaxLineBytes / Limits::MiB));
        if (line.trimmed().isEmpty())
            continue;
        if (c.events.size() >= MaxEvents)
            return ImportResult::failure(tr("line %1").arg(number),
                                         tr("more than %1 events").arg(MaxEvents));
        LogEvent e;
        if (const ImportError error = readLine(line, number, &e); !error.isEmpty())
            return ImportResult::failure(error.where, error.problem);
        c.events.append(std::move(e));
    }
    if (c.events.isEmpty())
        return ImportResult::failure(QString(), tr("the file holds no log lines"));
    ImportResult result;
    result.connections.append(std::move(c));
    return result;
}

ImportResult JsonlImport::fromFile(const QString &path)
{
    const QFileInfo info(path);
    // Refused before anything is read.
    if (info.size() > MaxFileBytes)
        return ImportResult::failure(info.fileName(),
                                     tr("is %1 MiB; a log file is read up to %2 MiB")
                                         .arg((info.size() + Limits::MiB - 1) / Limits::MiB)
                                         .arg(MaxFileBytes / Limits::MiB));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return ImportResult::failure(info.fileName(),
                                     tr("cannot be read: %1").arg(file.errorString()));
    // Mapped rather than read: lines are parsed where they lie. A file that cannot be
    // mapped (empty, or not a regular file) is read, never past the bound.
    const qint64 size = file.size();
    if (uchar *mapped = size > 0 ? file.map(0, size) : nullptr)
        return fromBytes(QByteArrayView(mapped, size), info.fileName());
    return fromBytes(file.read(MaxFileBytes + 1), info.fileName());
}
