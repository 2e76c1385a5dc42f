#include "payloadcodec.h"

#include <QCoreApplication>
#include <QJsonDocument>

namespace {

/// The translation context "PayloadCodec" for the namespace's texts.
struct PayloadCodecText
{
    Q_DECLARE_TR_FUNCTIONS(PayloadCodec)
};

bool isSeparator(QChar c)
{
    return c.isSpace() || c == QLatin1Char(':') || c == QLatin1Char('-') || c == QLatin1Char(',');
}

int hexValue(QChar c)
{
    const char16_t u = c.unicode();
    if (u >= u'0' && u <= u'9')
        return u - u'0';
    if (u >= u'a' && u <= u'f')
        return u - u'a' + 10;
    if (u >= u'A' && u <= u'F')
        return u - u'A' + 10;
    return -1;
}

bool isBase64Char(QChar c)
{
    const char16_t u = c.unicode();
    return (u >= u'A' && u <= u'Z') || (u >= u'a' && u <= u'z') || (u >= u'0' && u <= u'9') ||
           u == u'+' || u == u'/' || u == u'-' || u == u'_' || u == u'=';
}

} // namespace

namespace PayloadCodec {

QString formatKey(PayloadFormat format)
{
    switch (format) {
    case PayloadFormat::Text:
        return QStringLiteral("text");
    case PayloadFormat::Hex:
        return QStringLiteral("hex");
    case PayloadFormat::Base64:
        return QStringLiteral("base64");
    }
    return QString();
}

std::optional<PayloadFormat> formatFromKey(const QString &key)
{
    for (PayloadFormat f : {PayloadFormat::Text, PayloadFormat::Hex, PayloadFormat::Base64}) {
        if (formatKey(f) == key)
            return f;
    }
    return std::nullopt;
}

ParsedPayload parseHex(QStringView text)
{
    ParsedPayload result;
    result.bytes.reserve(text.size() / 2);
    qsizetype i = 0;
    const qsizetype n = text.size();
    while (i < n) {
        if (isSeparator(text[i])) {
            ++i;
            continue;
        }
        // One group: an optional 0x, then pairs of digits up to the next separator.
        const qsizetype groupStart = i;
        if (i + 1 < n && text[i] == QLatin1Char('0') &&
            (text[i + 1] == QLatin1Char('x') || text[i + 1] == QLatin1Char('X')))
            i += 2;
        const qsizetype digitsStart = i;
        while (i < n && !isSeparator(text[i])) {
            if (hexValue(text[i]) < 0) {
                result.error = PayloadCodecText::tr("'%1' at column %2 is not a hex digit.")
                                   .arg(text[i])
                                   .arg(i + 1);
                result.bytes.clear();
                return result;
            }
            ++i;
        }
        const qsizetype digits = i - digitsStart;
        if (digits == 0 || digits % 2 != 0) {
            result.error = PayloadCodecText::tr(
                               "\"%1\" at column %2 has an odd number of hex digits: each byte "
                               "is two digits.")
                               .arg(text.mid(groupStart, i - groupStart))
                               .arg(groupStart + 1);
            if (digits == 0)
                result.error = PayloadCodecText::tr("\"0x\" at column %1 has no digits after it.")
                                   .arg(groupStart + 1);
            result.bytes.clear();
            return result;
        }
        for (qsizetype d = digitsStart; d < i; d += 2)
            result.bytes.append(char(hexValue(text[d]) * 16 + hexValue(text[d + 1])));
    }
    return result;
}

ParsedPayload parseBase64(QStringView text)
{
    ParsedPayload result;
    QByteArray compact;
    compact.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (c.isSpace())
            continue;
        if (!isBase64Char(c)) {
            result.error = PayloadCodecText::tr("'%1' at column %2 is not a base64 character.")
                               .arg(c)
                               .arg(i + 1);
            return result;
        }
        compact.append(char(c.unicode()));
    }
    const bool url = compact.contains('-') || compact.contains('_');
    if (url && (compact.contains('+') || compact.contains('/'))) {
        result.error = PayloadCodecText::tr(
            "The text mixes base64 ('+', '/') and base64url ('-', '_') characters.");
        return result;
    }
    // 4n+1 characters leave 6 bits over, never a whole byte; Qt 6.4 drops them silently.
    const qsizetype padding = compact.indexOf('=');
    const qsizetype unpadded = padding < 0 ? compact.size() : padding;
    if (unpadded % 4 == 1) {
        result.error =
            PayloadCodecText::tr("Base64 text has %1 characters; 4n+1 characters cannot be whole "
                                 "bytes.")
                .arg(unpadded);
        return result;
    }
    const auto decoded = QByteArray::fromBase64Encoding(
        compact, (url ? QByteArray::Base64UrlEncoding : QByteArray::Base64Encoding) |
                     QByteArray::AbortOnBase64DecodingErrors);
    switch (decoded.decodingStatus) {
    case QByteArray::Base64DecodingStatus::Ok:
        result.bytes = decoded.decoded;
        break;
    case QByteArray::Base64DecodingStatus::IllegalInputLength:
        result.error =
            PayloadCodecText::tr("Base64 text has %1 characters; with padding ('=') that cannot be "
                                 "whole bytes.")
                .arg(compact.size());
        break;
    case QByteArray::Base64DecodingStatus::IllegalPadding:
        result.error =
            PayloadCodecText::tr("Base64 padding ('=') may only end the text, at most twice.");
        break;
    case QByteArray::Base64DecodingStatus::IllegalCharacter:
        result.error = PayloadCodecText::tr("The text is not valid base64.");
        break;
    }
    return result;
}

ParsedPayload parse(PayloadFormat format, const QString &text)
{
    switch (format) {
    case PayloadFormat::Hex:
        return parseHex(text);
    case PayloadFormat::Base64:
        return parseBase64(text);
    case PayloadFormat::Text:
        break;
    }
    return ParsedPayload{text.toUtf8(), QString()};
}

QString hexDump(QByteArrayView data, qsizetype maxBytes)
{
    static const char digits[] = "0123456789abcdef";
    const qsizetype shown = qMin(data.size(), maxBytes);
    QString out;
    out.reserve((shown / 16 + 2) * 80);
    for (qsizetype line = 0; line < shown; line += 16) {
        out += QStringLiteral("%1 ").arg(line, 8, 16, QLatin1Char('0'));
        QString ascii;
        for (qsizetype i = 0; i < 16; ++i) {
            if (i == 8)
                out += QLatin1Char(' ');
            if (line + i < shown) {
                const auto b = quint8(data[line + i]);
                out += QLatin1Char(' ');
                out += QLatin1Char(digits[b >> 4]);
                out += QLatin1Char(digits[b & 15]);
                ascii += (b >= 0x20 && b < 0x7f) ? QLatin1Char(char(b)) : QLatin1Char('.');
            } else {
                out += QStringLiteral("   ");
            }
        }
        out += QStringLiteral("  |") + ascii + QStringLiteral("|\n");
    }
    if (data.size() > shown)
        out += PayloadCodecText::tr("(%1 more bytes not shown)\n").arg(data.size() - shown);
    return out;
}

std::optional<QString> prettyJson(QByteArrayView data)
{
    // QJsonDocument decides whether this is JSON. It does not print it: it would sort
    // the keys and round numbers through double (an id above 2^53 would change), which
    // would misreport what the server sent. So the original text is re-indented.
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(data.toByteArray(), &error);
    if (error.error != QJsonParseError::NoError || doc.isNull())
        return std::nullopt;
    const QString text = QString::fromUtf8(data);
    QString out;
    out.reserve(text.size() * 2);
    int depth = 0;
    bool inString = false;
    const auto newline = [&] {
        out += QLatin1Char('\n');
        out += QString(depth * 4, QLatin1Char(' '));
    };
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (inString) {
            out += c;
            if (c == QLatin1Char('\\') && i + 1 < text.size())
                out += text[++i];
            else if (c == QLatin1Char('"'))
                inString = false;
            continue;
        }
        switch (c.unicode()) {
        case u'"':
            inString = true;
            out += c;
            break;
        case u'{':
        case u'[': {
            // An empty container stays on one line.
            qsizetype j = i + 1;
            while (j < text.size() && text[j].isSpace())
                ++j;
            if (j < text.size() && (text[j] == QLatin1Char('}') || text[j] == QLatin1Char(']'))) {
                out += c;
                out += text[j];
                i = j;
                break;
            }
            out += c;
            ++depth;
            newline();
            break;
        }
        case u'}':
        case u']':
            --depth;
            newline();
            out += c;
            break;
        case u',':
            out += c;
            newline();
            break;
        case u':':
            out += QStringLiteral(": ");
            break;
        case u' ':
        case u'\t':
        case u'\n':
        case u'\r':
            break; // insignificant whitespace (RFC 8259 2)
        default:
            out += c;
        }
    }
    out += QLatin1Char('\n');
    return out;
}

} // namespace PayloadCodec
