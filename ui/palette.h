#pragma once

#include "log/messagelog.h"
#include "session/websocketsession.h"

#include <QColor>
#include <QString>
#include <functional>

class QPalette;
class QWidget;

/// Every colour the widgets use, in one place, in a light and a dark set. Each
/// function takes the QPalette the colour is drawn with and returns the dark set when
/// that palette is dark (QPalette::Base darker than mid-grey), the light set otherwise.
///
/// Every text colour reads at 4.5:1 or more (WCAG 2.x contrast ratio) on what it is
/// drawn on: log rows on QPalette::Base and AlternateBase, error text on Window, the
/// badges' white text on the badge, the banner's text on the banner.
///
/// Colours are QColor; the *Style() functions are Qt style sheets (QWidget::
/// setStyleSheet) built from them. A widget that sets such a style sheet does it
/// through applyStyle(), so that it follows a change of palette.
namespace Palette {

/// A style sheet built from a palette: errorTextStyle, tlsBadgeStyle, …
using Style = std::function<QString(const QPalette &palette)>;

/// Sets @p widget's style sheet to @p style(QApplication::palette(@p widget)), now and
/// again each time the application's palette changes (QEvent::ApplicationPaletteChange:
/// QApplication::setPalette(), the system's scheme turning light or dark), until the
/// next applyStyle() on it. An empty @p style clears the style sheet.
void applyStyle(QWidget *widget, Style style);

/// Text that reports an error or a refusal: #b00020 (light), #ffa198 (dark).
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
/// Background of the "TLS not verified" badge: red.
QColor tlsBadge(const QPalette &palette);
/// Style sheet of the "TLS not verified" badge (white bold text on tlsBadge()).
QString tlsBadgeStyle(const QPalette &palette);

/// The main window's problem banner: its background, border and text.
struct BannerColours
{
    QColor background;
    QColor border;
    QColor text;
};
BannerColours banner(const QPalette &palette);
/// Style sheet of the main window's problem banner, a widget named @p objectName:
/// a box in banner().background, its labels in banner().text.
QString bannerStyle(const QString &objectName, const QPalette &palette);

/// Text colour of a log row: errors in errorText(), sent rows blue, received rows
/// green, local rows grey (MessageLog::KindRole, DirectionRole).
QColor logRowText(EventKind kind, Direction direction, const QPalette &palette);

} // namespace Palette
