#include "palette.h"

#include <QPalette>

namespace {

// The light set: the colours Sockscope has always used.
const QColor LightRed(0xb0, 0x00, 0x20);
const QColor LightGrey(0x75, 0x75, 0x75);
const QColor LightAmber(0xb2, 0x6a, 0x00);
const QColor LightGreen(0x1b, 0x6e, 0x20);
const QColor LightBlue(0x1a, 0x4f, 0xa0);
const QColor LightDarkGrey(0x5f, 0x5f, 0x5f);
const QColor LightBannerBackground(0xfd, 0xec, 0xea);
const QColor LightBannerBorder(0xf5, 0xc2, 0xc0);
const QColor LightBannerText(0x8a, 0x1c, 0x1c);

/// A badge: white bold text on @p background, rounded.
QString badgeStyle(const QColor &background)
{
    return QStringLiteral("QLabel { color: white; background: %1; border-radius: 3px; "
                          "padding: 2px 6px; font-weight: bold; }")
        .arg(background.name());
}

} // namespace

namespace Palette {

QColor errorText(const QPalette &)
{
    return LightRed;
}

QString errorTextStyle(const QPalette &palette)
{
    return QStringLiteral("color: %1;").arg(errorText(palette).name());
}

QString strongErrorTextStyle(const QPalette &palette)
{
    return QStringLiteral("color: %1; font-weight: bold;").arg(errorText(palette).name());
}

QColor stateBadge(WebSocketSession::State state, const QPalette &)
{
    switch (state) {
    case WebSocketSession::State::Closed:
        return LightGrey;
    case WebSocketSession::State::Connecting:
    case WebSocketSession::State::Closing:
        return LightAmber;
    case WebSocketSession::State::Open:
        return LightGreen;
    }
    return LightGrey;
}

QString stateBadgeStyle(WebSocketSession::State state, const QPalette &palette)
{
    return badgeStyle(stateBadge(state, palette));
}

QString tlsBadgeStyle(const QPalette &palette)
{
    return badgeStyle(errorText(palette));
}

QString bannerStyle(const QString &objectName, const QPalette &)
{
    return QStringLiteral("#%1 { background: %2; border: 1px solid %3; border-radius: 4px; }"
                          "#%1 QLabel { color: %4; }")
        .arg(objectName, LightBannerBackground.name(), LightBannerBorder.name(),
             LightBannerText.name());
}

QColor logRowText(EventKind kind, Direction direction, const QPalette &palette)
{
    if (kind == EventKind::Error)
        return errorText(palette);
    if (direction == Direction::Sent)
        return LightBlue;
    if (direction == Direction::Received)
        return LightGreen;
    return LightDarkGrey;
}

} // namespace Palette
