#pragma once

#include "log/messagelog.h"
#include "session/websocketsession.h"

#include <QColor>
#include <QString>

class QPalette;

/// Every colour the widgets use, in one place. Each function takes the widget's
/// QPalette so that a dark set can be chosen from it later; today they all return the
/// light set, whatever the palette.
///
/// Colours are QColor; the *Style() functions are Qt style sheets (QWidget::
/// setStyleSheet) built from them.
namespace Palette {

/// Text that reports an error or a refusal: #b00020.
QColor errorText(const QPalette &palette);
/// Style sheet for a label whose text is an error.
QString errorTextStyle(const QPalette &palette);
/// Style sheet for a label whose text is an error that must stand out (bold).
QString strongErrorTextStyle(const QPalette &palette);

/// Background of the connection-state badge, and the colour of the tab's state icon:
/// grey while Closed, amber while Connecting or Closing, green while Open.
QColor stateBadge(WebSocketSession::State state, const QPalette &palette);
/// Style sheet of the connection-state badge (white bold text on stateBadge()).
QString stateBadgeStyle(WebSocketSession::State state, const QPalette &palette);
/// Style sheet of the "TLS not verified" badge (white bold text on errorText()).
QString tlsBadgeStyle(const QPalette &palette);

/// Style sheet of the main window's problem banner, a widget named @p objectName:
/// pale red box, dark red text.
QString bannerStyle(const QString &objectName, const QPalette &palette);

/// Text colour of a log row: errors in errorText(), sent rows blue, received rows
/// green, local rows grey (MessageLog::KindRole, DirectionRole).
QColor logRowText(EventKind kind, Direction direction, const QPalette &palette);

} // namespace Palette
