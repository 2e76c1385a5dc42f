#include "wiretap/httphead.h"

namespace {

bool sameName(QByteArrayView a, QByteArrayView b)
{
    return a.compare(b, Qt::CaseInsensitive) == 0;
}

} // namespace

QByteArray HttpHead::value(QByteArrayView name) const
{
    for (const auto &field : fields) {
        if (sameName(field.first, name))
            return field.second;
    }
    return {};
}

bool HttpHead::has(QByteArrayView name) const
{
    for (const auto &field : fields) {
        if (sameName(field.first, name))
            return true;
    }
    return false;
}

int HttpHead::statusCode() const
{
    if (!startLine.startsWith("HTTP/"))
        return 0;
    const QList<QByteArray> parts = startLine.split(' ');
    if (parts.size() < 2 || parts.at(1).size() != 3)
        return 0;
    bool ok = false;
    const int code = parts.at(1).toInt(&ok);
    return ok ? code : 0;
}

QByteArray HttpHead::reasonPhrase() const
{
    const qsizetype first = startLine.indexOf(' ');
    const qsizetype second = first < 0 ? -1 : startLine.indexOf(' ', first + 1);
    return second < 0 ? QByteArray() : startLine.mid(second + 1);
}

void HttpHead::replaceHost(QByteArrayView host)
{
    // Rewrite line by line so every other byte stays as the client wrote it.
    QList<QByteArray> lines = raw.split('\n');
    bool replaced = false;
    for (QByteArray &line : lines) {
        const qsizetype colon = line.indexOf(':');
        if (replaced || colon < 0 || !sameName(line.left(colon).trimmed(), "Host"))
            continue;
        const bool cr = line.endsWith('\r');
        line = "Host: " + host.toByteArray() + (cr ? "\r" : "");
        replaced = true;
    }
    if (!replaced && !lines.isEmpty())
        lines.insert(1, "Host: " + host.toByteArray() + "\r");
    raw = lines.join('\n');
    for (auto &field : fields) {
        if (sameName(field.first, "Host")) {
            field.second = host.toByteArray();
            return;
        }
    }
    fields.prepend({QByteArrayLiteral("Host"), host.toByteArray()});
}

HttpHeadReader::Status HttpHeadReader::feed(QByteArrayView bytes, QByteArray *rest)
{
    if (m_status != Status::NeedMore)
        return m_status;
    const qsizetype searchFrom = qMax<qsizetype>(0, m_buffer.size() - 3);
    m_buffer.append(bytes.data(), bytes.size());
    const qsizetype end = m_buffer.indexOf("\r\n\r\n", searchFrom);
    if (end < 0 || end + 4 > MaxHeadBytes) {
        if (m_buffer.size() > MaxHeadBytes) {
            m_status = Status::TooLarge;
            m_problem = tr("the HTTP head is over %1 bytes").arg(MaxHeadBytes);
        }
        return m_status;
    }
    m_head.raw = m_buffer.left(end + 4);
    if (rest)
        *rest = m_buffer.mid(end + 4);
    m_buffer.clear();
    m_status = parse();
    return m_status;
}

HttpHeadReader::Status HttpHeadReader::parse()
{
    const QList<QByteArray> lines = m_head.raw.left(m_head.raw.size() - 4).split('\n');
    m_head.startLine = lines.value(0).trimmed();
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).endsWith('\r') ? lines.at(i).chopped(1) : lines.at(i);
        const qsizetype colon = line.indexOf(':');
        // RFC 9112 5.1: no whitespace between the field name and the colon.
        if (colon <= 0 || line.at(colon - 1) == ' ' || line.at(colon - 1) == '\t') {
            m_problem = tr("line %1 of the HTTP head is not a header field").arg(i + 1);
            return Status::Malformed;
        }
        m_head.fields.append({line.left(colon), line.mid(colon + 1).trimmed()});
    }
    if (m_head.startLine.isEmpty()) {
        m_problem = tr("the HTTP head has no start line");
        return Status::Malformed;
    }
    return Status::Complete;
}
