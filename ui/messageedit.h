#pragma once

#include <QPlainTextEdit>

/// The composer's message field: several lines, in a monospace font, so pasted JSON
/// keeps its shape (QPlainTextEdit). Enter sends; Shift+Enter starts a new line. Up on
/// the first line and Down on the last one walk the composer's history; elsewhere they
/// move the cursor, as in any editor. It is about three lines high whatever it holds, so
/// nothing around it moves; longer text scrolls.
class MessageEdit final : public QPlainTextEdit
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MessageEdit)
public:
    /// Lines of text the field shows at once.
    static constexpr int VisibleLines = 3;

    explicit MessageEdit(QWidget *parent = nullptr);

    QString text() const { return toPlainText(); }
    /// Replaces the text; the cursor goes to its end.
    void setText(const QString &text);

Q_SIGNALS:
    /// Enter (without Shift) was pressed.
    void returnPressed();
    /// Up on the first line (@p step -1) or Down on the last line (+1).
    void historyRequested(int step);

protected:
    void keyPressEvent(QKeyEvent *event) override;
};
