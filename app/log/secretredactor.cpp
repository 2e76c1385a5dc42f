#include "log/secretredactor.h"

#include <algorithm>

namespace {
const QByteArray Mark = QByteArrayLiteral("\xe2\x80\xa2\xe2\x80\xa2\xe2\x80\xa2"); // •••
} // namespace

void SecretRedactor::add(const QString &value)
{
    const QByteArray utf8 = value.toUtf8();
    if (utf8.isEmpty() || m_secrets.contains(utf8))
        return;
    const auto at = std::lower_bound(
        m_secrets.begin(), m_secrets.end(), utf8,
        [](const QByteArray &a, const QByteArray &b) { return a.size() > b.size(); });
    m_secrets.insert(at, utf8);
}

bool SecretRedactor::matches(QByteArrayView bytes) const
{
    return std::any_of(m_secrets.cbegin(), m_secrets.cend(),
                       [bytes](const QByteArray &s) { return bytes.contains(s); });
}

QByteArray SecretRedactor::redacted(QByteArrayView bytes, bool truncated) const
{
    QByteArray out = bytes.toByteArray();
    if (m_secrets.isEmpty())
        return out;
    for (const QByteArray &s : m_secrets)
        out.replace(s, Mark);
    if (!truncated)
        return out;
    // The longest tail of the kept bytes that a secret starts with goes too.
    qsizetype hide = 0;
    for (const QByteArray &s : m_secrets) {
        for (qsizetype n = std::min(s.size() - 1, out.size()); n > hide; --n) {
            if (QByteArrayView(out).last(n) == QByteArrayView(s).first(n)) {
                hide = n;
                break;
            }
        }
    }
    if (hide > 0)
        out = out.first(out.size() - hide) + Mark;
    return out;
}

QString SecretRedactor::redactedText(const QString &text) const
{
    if (m_secrets.isEmpty())
        return text;
    const QByteArray utf8 = text.toUtf8();
    return matches(utf8) ? QString::fromUtf8(redacted(utf8)) : text;
}
