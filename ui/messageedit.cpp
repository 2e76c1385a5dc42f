#include "messageedit.h"

#include <QFontDatabase>
#include <QKeyEvent>
#include <QTextBlock>

MessageEdit::MessageEdit(QWidget *parent) : QPlainTextEdit(parent)
{
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setTabChangesFocus(true); // Tab moves on, as in every other field of the tab
    setLineWrapMode(QPlainTextEdit::WidgetWidth);
    const QMargins margins = contentsMargins();
    setFixedHeight(VisibleLines * fontMetrics().lineSpacing() +
                   2 * int(document()->documentMargin()) + margins.top() + margins.bottom() +
                   2 * frameWidth());
}

void MessageEdit::setText(const QString &text)
{
    setPlainText(text);
    moveCursor(QTextCursor::End);
}

void MessageEdit::keyPressEvent(QKeyEvent *event)
{
    const bool enter = event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter;
    if (enter && !(event->modifiers() & Qt::ShiftModifier)) {
        event->accept();
        Q_EMIT returnPressed();
        return;
    }
    if (enter) { // Shift+Enter: a new line (QPlainTextEdit would insert a line separator)
        insertPlainText(QStringLiteral("\n"));
        event->accept();
        return;
    }
    const QTextCursor cursor = textCursor();
    if (event->key() == Qt::Key_Up && event->modifiers() == Qt::NoModifier &&
        cursor.block() == document()->firstBlock() &&
        cursor.positionInBlock() <= cursor.block().layout()->lineAt(0).textLength()) {
        event->accept();
        Q_EMIT historyRequested(-1);
        return;
    }
    if (event->key() == Qt::Key_Down && event->modifiers() == Qt::NoModifier &&
        cursor.block() == document()->lastBlock() &&
        cursor.block().layout()->lineForTextPosition(cursor.positionInBlock()).lineNumber() ==
            cursor.block().layout()->lineCount() - 1) {
        event->accept();
        Q_EMIT historyRequested(+1);
        return;
    }
    QPlainTextEdit::keyPressEvent(event);
}
