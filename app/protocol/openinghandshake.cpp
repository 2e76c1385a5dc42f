#include "openinghandshake.h"

#include <QCryptographicHash>
#include <QList>

namespace OpeningHandshake {

QByteArray acceptKey(QByteArrayView key)
{
    static constexpr char Guid[] = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"; // RFC 6455 1.3
    QCryptographicHash sha1(QCryptographicHash::Sha1);
    sha1.addData(key);
    sha1.addData(QByteArrayView(Guid));
    return sha1.result().toBase64();
}

QByteArray clientKey(QByteArrayView request)
{
    static constexpr QByteArrayView Name("sec-websocket-key:");
    for (const QByteArray &line : request.toByteArray().split('\n')) {
        if (line.size() >= Name.size() && line.first(Name.size()).toLower() == Name)
            return line.mid(Name.size()).trimmed();
    }
    return {};
}

} // namespace OpeningHandshake
