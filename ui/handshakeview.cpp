#include "handshakeview.h"

#include "session/handshaketext.h"
#include "session/websocketsession.h"

#include <QFontDatabase>

HandshakeView::HandshakeView(WebSocketSession *session, QWidget *parent)
    : QPlainTextEdit(parent), m_session(session)
{
    setAccessibleName(tr("Handshake"));
    setReadOnly(true);
    setLineWrapMode(QPlainTextEdit::WidgetWidth);
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    connect(session, &WebSocketSession::handshakeChanged, this, &HandshakeView::refresh);
    connect(session, &WebSocketSession::stateChanged, this, &HandshakeView::refresh);
    refresh();
}

void HandshakeView::refresh()
{
    setPlainText(handshakeText(*m_session));
}
