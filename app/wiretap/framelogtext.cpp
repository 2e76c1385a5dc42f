// FrameLog's words: column titles, opcode names, the RSV and mask columns, the payload
// preview and the violation tooltip. Display text only, built on demand (never stored).
#include "log/messagelog.h"
#include "wiretap/framelog.h"

#include <QLocale>

namespace {

/// The code point of the UTF-8 sequence at @p at in @p bytes, and its length in bytes;
/// 0 when the bytes there are not a whole, valid sequence (overlong forms, surrogates
/// and values past U+10FFFF are not, RFC 3629 3).
int decodeUtf8(QByteArrayView bytes, qsizetype at, char32_t *codePoint)
{
    const quint8 lead = quint8(bytes[at]);
    int length = 0;
    char32_t smallest = 0;
    if (lead < 0x80) {
        *codePoint = lead;
        return 1;
    } else if ((lead & 0xe0) == 0xc0) {
        length = 2, smallest = 0x80, *codePoint = lead & 0x1f;
    } else if ((lead & 0xf0) == 0xe0) {
        length = 3, smallest = 0x800, *codePoint = lead & 0x0f;
    } else if ((lead & 0xf8) == 0xf0) {
        length = 4, smallest = 0x10000, *codePoint = lead & 0x07;
    } else {
        return 0;
    }
    if (at + length > bytes.size())
        return 0; // cut short, as a preview often is
    for (int k = 1; k < length; ++k) {
        const quint8 next = quint8(bytes[at + k]);
        if ((next & 0xc0) != 0x80)
            return 0;
        *codePoint = (*codePoint << 6) | (next & 0x3f);
    }
    const char32_t c = *codePoint;
    if (c < smallest || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
        return 0;
    return length;
}

QString hexByte(quint8 byte)
{
    return QStringLiteral("\\x%1").arg(byte, 2, 16, QLatin1Char('0'));
}

/// @p bytes as one line of text: printable characters of valid UTF-8 as they are, every
/// other byte (controls, line breaks, invalid or cut sequences) as \xNN.
QString printable(QByteArrayView bytes)
{
    QString text;
    for (qsizetype at = 0; at < bytes.size();) {
        char32_t c = 0;
        const int length = decodeUtf8(bytes, at, &c);
        if (length > 0 && QChar::isPrint(c)) {
            text += QStringView(QChar::fromUcs4(c));
            at += length;
            continue;
        }
        for (int k = 0; k < qMax(1, length); ++k)
            text += hexByte(quint8(bytes[at + k]));
        at += qMax(1, length);
    }
    return text;
}

QString hexBytes(QByteArrayView bytes)
{
    return QString::fromLatin1(bytes.toByteArray().toHex(' '));
}

/// A close frame's payload: its status code and quoted reason (RFC 6455 5.5.1).
QString closeText(QByteArrayView payload)
{
    if (payload.isEmpty())
        return FrameLog::tr("no status code");
    if (payload.size() < 2)
        return hexBytes(payload); // too short for a code: a violation says so
    const int code = (quint8(payload[0]) << 8) | quint8(payload[1]);
    if (payload.size() == 2)
        return QString::number(code);
    return QStringLiteral("%1 '%2'").arg(code).arg(printable(payload.sliced(2)));
}

} // namespace

QString FrameLog::opcodeName(quint8 opcode)
{
    switch (opcode) {
    case Opcode::Continuation:
        return tr("continuation");
    case Opcode::Text:
        return tr("text");
    case Opcode::Binary:
        return tr("binary");
    case Opcode::Close:
        return tr("close");
    case Opcode::Ping:
        return tr("ping");
    case Opcode::Pong:
        return tr("pong");
    }
    return tr("reserved 0x%1").arg(QString::number(opcode, 16).toUpper());
}

QString FrameLog::rsvText(quint8 rsv)
{
    QStringList set;
    if (rsv & 0x4)
        set << QStringLiteral("RSV1");
    if (rsv & 0x2)
        set << QStringLiteral("RSV2");
    if (rsv & 0x1)
        set << QStringLiteral("RSV3");
    return set.join(QLatin1Char(' '));
}

QString FrameLog::preview(quint8 opcode, QByteArrayView kept, quint64 payloadLength)
{
    QString text;
    switch (opcode) {
    case Opcode::Text:
    case Opcode::Ping:
    case Opcode::Pong:
        text = printable(kept);
        break;
    case Opcode::Close:
        text = closeText(kept);
        break;
    default: // binary, and continuations and reserved opcodes, whose meaning is unknown
        text = hexBytes(kept);
        if (quint64(kept.size()) < payloadLength && !kept.isEmpty())
            text += QLatin1Char(' ');
        break;
    }
    if (quint64(kept.size()) < payloadLength)
        text += QChar(0x2026);
    return text;
}

QString FrameLog::displayText(const Record &r, int row, int column) const
{
    const QLocale locale;
    switch (column) {
    case TimeColumn:
        return tr("%1 µs").arg(locale.toString(qlonglong(timeUs(row))));
    case DirectionColumn:
        return MessageLog::directionName((r.bits & ServerBit) ? Direction::Received
                                                              : Direction::Sent);
    case OpcodeColumn:
        return opcodeName(quint8(r.bits & OpcodeMask));
    case FinColumn:
        return (r.bits & FinBit) ? QStringLiteral("FIN") : QString();
    case RsvColumn:
        return rsvText(quint8((r.bits >> RsvShift) & 0x7));
    case MaskColumn:
        if (!(r.bits & MaskBit))
            return QString();
        return QStringLiteral("%1").arg(r.maskingKey, 8, 16, QLatin1Char('0'));
    case LengthColumn:
        return locale.toString(qulonglong(payloadLength(row)));
    case PreviewColumn:
        return preview(quint8(r.bits & OpcodeMask), keptPayload(row), payloadLength(row));
    }
    return QString();
}

QString FrameLog::toolTip(int row) const
{
    QStringList lines;
    for (const FrameViolation &v : violations(row))
        lines << tr("RFC 6455 %1: %2").arg(v.section, v.rule);
    return lines.join(QLatin1Char('\n'));
}

QString FrameLog::headerToolTip(int section)
{
    switch (section) {
    case TimeColumn:
        return tr("When the frame's header crossed the wire tap, in µs since the connection "
                  "was made");
    case DirectionColumn:
        return tr("Sent: this client's frames, masked (RFC 6455 5.1). Received: the server's");
    case FinColumn:
        return tr("FIN: the last fragment of a message (RFC 6455 5.4)");
    case RsvColumn:
        return tr("RSV1-3: set only by a negotiated extension (RFC 6455 5.2); empty when clear");
    case MaskColumn:
        return tr("The masking key of a client's frame; a server's frames are never masked");
    case LengthColumn:
        return tr("The payload length as the header encodes it, in bytes");
    case PreviewColumn:
        return tr("The first %1 bytes of a data frame's payload (the whole message is in "
                  "Messages); all of a control frame's")
            .arg(PreviewBytes);
    default:
        return {};
    }
}

QVariant FrameLog::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::ToolTipRole)
        return headerToolTip(section);
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case DirectionColumn:
        return tr("Direction");
    case OpcodeColumn:
        return tr("Opcode");
    case FinColumn:
        return tr("FIN");
    case RsvColumn:
        return tr("RSV");
    case MaskColumn:
        return tr("Masking key");
    case LengthColumn:
        return tr("Length (bytes)");
    case PreviewColumn:
        return tr("Preview");
    }
    return {};
}
