#pragma once

#include <QLabel>

/// The status line at the foot of a tab: what the last action did, or why it did not,
/// in the error colour (Palette::errorText). A refusal of the composer's text
/// (showRefusal) goes again once that text is edited (clearRefusal).
///
/// Plain text (Qt::PlainText), as PlainText::label() makes labels: it quotes servers.
class StatusLine final : public QLabel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StatusLine)
public:
    explicit StatusLine(QWidget *parent = nullptr);

    /// Shows @p text (empty clears the line), as an error when @p isError.
    void showStatus(const QString &text, bool isError);
    /// Shows why the composer's text was refused, as an error.
    void showRefusal(const QString &text);
    /// Clears the line if it shows a refusal.
    void clearRefusal();
    bool isError() const { return m_isError; }

private:
    bool m_isError = false;
    bool m_isRefusal = false;
};
