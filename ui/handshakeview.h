#pragma once

#include <QPlainTextEdit>

class WebSocketSession;

/// The Handshake view of a tab: the opening handshake of the current or last
/// connection as the wire tap saw it (handshakeText()), read-only plain text.
class HandshakeView : public QPlainTextEdit
{
    Q_OBJECT
public:
    explicit HandshakeView(WebSocketSession *session, QWidget *parent = nullptr);

private:
    void refresh();

    WebSocketSession *m_session;
};
