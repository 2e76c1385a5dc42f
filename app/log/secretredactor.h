#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

/// Hides the values of secret variables and secret header values in what a connection
/// logs and shows: message payloads, frame previews, the opening handshake's request.
///
/// Each occurrence of a secret's UTF-8 bytes becomes "•••" (VariableResolver::Redacted),
/// in sent and received data alike: an echo server sends a token straight back. This
/// is the net under VariableResolver::Result::redacted, which hides what a template put
/// in; the redactor also catches the value where it came back or was typed by hand.
/// A short secret may hide matching bytes that were not it: hiding too much is the safe
/// way to fail. Empty values are ignored.
class SecretRedactor
{
public:
    /// Adds @p value (as UTF-8) to the secrets hidden; a value already held, or empty,
    /// changes nothing.
    void add(const QString &value);
    void clear() { m_secrets.clear(); }
    bool isEmpty() const { return m_secrets.isEmpty(); }
    /// Whether @p bytes hold any secret.
    bool matches(QByteArrayView bytes) const;
    /// @p bytes with each secret replaced by "•••" (UTF-8). When @p truncated, the bytes
    /// are the first part of a longer payload (a frame preview): a tail that could be
    /// the start of a secret is hidden too, so no prefix of a secret is shown.
    QByteArray redacted(QByteArrayView bytes, bool truncated = false) const;
    /// The same for text.
    QString redactedText(const QString &text) const;

private:
    QList<QByteArray> m_secrets; ///< Longest first, so a secret inside another goes second.
};
