#pragma once

#include <QString>

class QLabel;
class QWidget;

/// Shows text that can come from a peer or a file (a server's HTTP reason phrase,
/// header values or close reason, a profile name read from a profiles file) as exactly
/// that text.
///
/// QLabel, QToolTip and QMessageBox all guess rich text by default
/// (Qt::mightBeRichText): a server answering "HTTP/1.1 404 <img src=/dev/zero>" would
/// make QTextDocument read /dev/zero until memory runs out, and "<font size=7>" would
/// pass for Sockscope's own words. So every label in ui/ that shows more than a fixed
/// caption is made by label(), and every tooltip, tab title and question that carries
/// data goes through here.
namespace PlainText {

/// A new QLabel (child of @p parent) that shows @p text, and whatever text it is given
/// later, as plain text (Qt::PlainText).
QLabel *label(QWidget *parent, const QString &text = QString());
/// @p text as a tooltip QToolTip shows literally: Qt::convertFromPlainText markup
/// (line breaks kept); empty for no tooltip.
QString toolTip(const QString &text);
/// @p text as a QTabBar tab title shows it: QTabBar reads '&' as a mnemonic, so each
/// one is doubled.
QString tabText(const QString &text);
/// Asks @p question with Yes and No in a modal QMessageBox that shows it as plain text
/// (the static QMessageBox::question() guesses rich text). No is the default button.
/// True when Yes is chosen.
bool confirm(QWidget *parent, const QString &title, const QString &question);
/// Like confirm(), with @p acceptText on the button that agrees (Cancel on the other)
/// and a "Don't ask again" check box, whose state goes to @p dontAskAgain when the user
/// agrees. True when the user agrees.
bool confirmOrRemember(QWidget *parent, const QString &title, const QString &question,
                       const QString &acceptText, bool *dontAskAgain);

} // namespace PlainText

class QComboBox;

namespace Accessibility {

/// Names @p combo @p name for screen readers on every platform. On Linux (AT-SPI) Qt
/// reports a QComboBox's current text as its name and takes what it is from a label
/// relation (QLabel::setBuddy), so besides QWidget::setAccessibleName a hidden label
/// with @p name is made its buddy: Orca then says "Message format, Text", not "Text".
void nameComboBox(QComboBox *combo, const QString &name);

} // namespace Accessibility
