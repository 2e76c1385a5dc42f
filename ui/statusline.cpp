#include "statusline.h"

#include "palette.h"

StatusLine::StatusLine(QWidget *parent) : QLabel(parent)
{
    setTextFormat(Qt::PlainText); // before any text, which can come from a server
    setAccessibleName(tr("Status"));
    setWordWrap(true);
    setTextInteractionFlags(Qt::TextSelectableByMouse);
}

void StatusLine::showStatus(const QString &text, bool isError)
{
    m_isRefusal = false;
    m_isError = isError;
    setText(text);
    Palette::applyStyle(this, isError ? Palette::Style(Palette::errorTextStyle) : Palette::Style());
}

void StatusLine::showRefusal(const QString &text)
{
    showStatus(text, true);
    m_isRefusal = true;
}

void StatusLine::clearRefusal()
{
    if (m_isRefusal)
        showStatus(QString(), false);
}
