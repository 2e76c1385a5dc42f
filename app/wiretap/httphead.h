#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QCoreApplication>
#include <QList>
#include <QPair>
#include <QString>

/// One HTTP/1.1 message head (RFC 9112 2.1: start line, header fields, empty line),
/// exactly as it crossed the wire: the opening handshake's request or response
/// (RFC 6455 4.1, 4.2.2).
struct HttpHead
{
    QByteArray raw;       ///< The head's bytes, up to and including the empty line.
    QByteArray startLine; ///< "GET /chat HTTP/1.1" or "HTTP/1.1 101 Switching Protocols".
    /// The header fields in wire order, names as sent, values trimmed (RFC 9110 5.5).
    QList<QPair<QByteArray, QByteArray>> fields;

    /// The first value of the field @p name (compared case-insensitively, RFC 9110
    /// 5.1); empty when absent.
    QByteArray value(QByteArrayView name) const;
    bool has(QByteArrayView name) const;
    /// For a response: the status code of the status line (RFC 9112 4), or 0 when the
    /// line is not "HTTP/x.y NNN ...".
    int statusCode() const;
    /// For a response: the reason phrase after the status code, as sent (may be empty).
    QByteArray reasonPhrase() const;
    /// Replaces the Host field's value by @p host (RFC 9110 7.2), in raw and fields, the
    /// other bytes kept as they were; a head without Host gets one after the start line.
    void replaceHost(QByteArrayView host);
};

/// Reads one HTTP/1.1 head from a byte stream fed in pieces of any size. A head is
/// peer-controlled: it is bounded at MaxHeadBytes, and a line that is not a header
/// field makes it malformed. What follows the head is handed back by feed().
class HttpHeadReader
{
    Q_DECLARE_TR_FUNCTIONS(HttpHeadReader)

public:
    /// The longest head accepted, in bytes (start line, fields and the empty line).
    static constexpr int MaxHeadBytes = 64 * 1024;
    enum class Status { NeedMore, Complete, Malformed, TooLarge };

    /// Feeds the next @p bytes. Once Complete, head() is set and @p rest receives the
    /// bytes after the head, from this call (later calls return Complete and add none).
    Status feed(QByteArrayView bytes, QByteArray *rest);
    Status status() const { return m_status; }
    const HttpHead &head() const { return m_head; }
    /// Why the head is Malformed or TooLarge, in words; empty otherwise.
    QString problem() const { return m_problem; }

private:
    Status parse();

    QByteArray m_buffer;
    HttpHead m_head;
    Status m_status = Status::NeedMore;
    QString m_problem;
};
