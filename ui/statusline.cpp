#include "statusline.h"

#include "palette.h"
#include "plaintext.h"

StatusLine::StatusLine(QWidget *parent) : QLabel(parent)
{
    setTextFormat(Qt::PlainText); // before any text, which can come from a server
    setAccessibleName(tr("Status"));
    setWordWrap(true);
    setTextInteractionFlags(Qt::TextSelectableByMouse);
    // Always two lines high, so nothing above moves as messages come and go; a longer
    // one is whole in the tooltip.
    setAlignment(Qt::AlignLeft | Qt::AlignTop);
    setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Fixed);
    setFixedHeight(2 * fontMetrics().lineSpacing());
}

void StatusLine::showStatus(const QString &text, bool isError)
{
    m_isRefusal = false;
    m_isError = isError;
    setText(text);
    setToolTip(PlainText::toolTip(text));
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
