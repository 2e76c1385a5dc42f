#include "palette.h"

#include <QApplication>
#include <QEvent>
#include <QPalette>
#include <QPointer>
#include <QWidget>

namespace {

/// One set of colours; see palette.h for what each is drawn on.
struct ColourSet
{
    QColor error;
    QColor closed;
    QColor busy; // Connecting, Closing
    QColor open;
    QColor tls;
    QColor sent;
    QColor received;
    QColor local;
    Palette::BannerColours banner;
};

// The light set: dark text on a white Base. The amber was #b26a00 until white text on
// it was found to read at 4.2:1, under WCAG's 4.5:1.
const ColourSet Light{
    QColor(0xb0, 0x00, 0x20),
    QColor(0x75, 0x75, 0x75),
    QColor(0xa1, 0x5c, 0x00),
    QColor(0x1b, 0x6e, 0x20),
    QColor(0xb0, 0x00, 0x20),
    QColor(0x1a, 0x4f, 0xa0),
    QColor(0x1b, 0x6e, 0x20),
    QColor(0x5f, 0x5f, 0x5f),
    {QColor(0xfd, 0xec, 0xea), QColor(0xf5, 0xc2, 0xc0), QColor(0x8a, 0x1c, 0x1c)},
};

// The dark set: pale text that reads on a Base or AlternateBase as light as #4a4a4a;
// badges that keep white text but stand apart from a dark window. The error text is
// too pale to carry white text, so the TLS badge has a red of its own.
const ColourSet Dark{
    QColor(0xff, 0xa1, 0x98),
    QColor(0x75, 0x75, 0x75),
    QColor(0xa1, 0x5c, 0x00),
    QColor(0x2e, 0x7d, 0x32),
    QColor(0xc6, 0x28, 0x28),
    QColor(0x9c, 0xc3, 0xff),
    QColor(0x8f, 0xd6, 0xa0),
    QColor(0xc4, 0xc4, 0xc4),
    {QColor(0x4a, 0x1e, 0x1e), QColor(0x7a, 0x30, 0x30), QColor(0xff, 0xb4, 0xab)},
};

/// By Base, which the log rows are drawn on; Window goes with it in every palette seen.
const ColourSet &colours(const QPalette &palette)
{
    return palette.color(QPalette::Base).lightness() < 128 ? Dark : Light;
}

/// A badge: white bold text on @p background, rounded.
QString badgeStyle(const QColor &background)
{
    return QStringLiteral("QLabel { color: white; background: %1; border-radius: 3px; "
                          "padding: 2px 6px; font-weight: bold; }")
        .arg(background.name());
}

/// Tells when the application's palette changes: QGuiApplication gets
/// QEvent::ApplicationPaletteChange (QApplication::setPalette(), or the platform theme
/// following the system's light or dark scheme). One filter on the application for all
/// the styled widgets; Qt 6 has no signal for it that is not deprecated.
class ApplicationPaletteWatcher final : public QObject
{
    Q_OBJECT
public:
    static ApplicationPaletteWatcher *instance()
    {
        static QPointer<ApplicationPaletteWatcher> watcher; // goes with its QApplication
        if (!watcher)
            watcher = new ApplicationPaletteWatcher(qApp);
        return watcher;
    }

    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (watched == qApp && event->type() == QEvent::ApplicationPaletteChange)
            Q_EMIT changed();
        return false;
    }

Q_SIGNALS:
    void changed();

private:
    explicit ApplicationPaletteWatcher(QObject *parent) : QObject(parent)
    {
        parent->installEventFilter(this);
    }
};

/// Keeps a widget's style sheet built from the application's palette: applyStyle()'s
/// state, a child of the widget.
class StyleFollower final : public QObject
{
    Q_OBJECT
public:
    explicit StyleFollower(QWidget *widget) : QObject(widget), m_widget(widget)
    {
        connect(ApplicationPaletteWatcher::instance(), &ApplicationPaletteWatcher::changed, this,
                &StyleFollower::apply);
    }

    void setStyle(Palette::Style style)
    {
        m_style = std::move(style);
        apply();
    }

private:
    /// The application's palette, not the widget's: Qt passes no palette change on to a
    /// widget with a style sheet, so its palette() is the one it had when styled.
    void apply()
    {
        m_widget->setStyleSheet(m_style ? m_style(QApplication::palette(m_widget)) : QString());
    }

    QWidget *m_widget;
    Palette::Style m_style;
};

} // namespace

namespace Palette {

void applyStyle(QWidget *widget, Style style)
{
    auto *follower = widget->findChild<StyleFollower *>(QString(), Qt::FindDirectChildrenOnly);
    if (!follower)
        follower = new StyleFollower(widget);
    follower->setStyle(std::move(style));
}

QColor errorText(const QPalette &palette)
{
    return colours(palette).error;
}

QString errorTextStyle(const QPalette &palette)
{
    return QStringLiteral("color: %1;").arg(errorText(palette).name());
}

QString strongErrorTextStyle(const QPalette &palette)
{
    return QStringLiteral("color: %1; font-weight: bold;").arg(errorText(palette).name());
}

QColor stateBadge(WebSocketSession::State state, const QPalette &palette)
{
    const ColourSet &set = colours(palette);
    switch (state) {
    case WebSocketSession::State::Closed:
        return set.closed;
    case WebSocketSession::State::Connecting:
    case WebSocketSession::State::Closing:
        return set.busy;
    case WebSocketSession::State::Open:
        return set.open;
    }
    return set.closed;
}

QString stateBadgeStyle(WebSocketSession::State state, const QPalette &palette)
{
    return badgeStyle(stateBadge(state, palette));
}

QColor tlsBadge(const QPalette &palette)
{
    return colours(palette).tls;
}

QString tlsBadgeStyle(const QPalette &palette)
{
    return badgeStyle(tlsBadge(palette));
}

BannerColours banner(const QPalette &palette)
{
    return colours(palette).banner;
}

QString bannerStyle(const QString &objectName, const QPalette &palette)
{
    const BannerColours c = banner(palette);
    return QStringLiteral("#%1 { background: %2; border: 1px solid %3; border-radius: 4px; }"
                          "#%1 QLabel { color: %4; }")
        .arg(objectName, c.background.name(), c.border.name(), c.text.name());
}

QColor logRowText(EventKind kind, Direction direction, const QPalette &palette)
{
    const ColourSet &set = colours(palette);
    if (kind == EventKind::Error)
        return set.error;
    if (direction == Direction::Sent)
        return set.sent;
    if (direction == Direction::Received)
        return set.received;
    return set.local;
}

} // namespace Palette

#include "palette.moc"
