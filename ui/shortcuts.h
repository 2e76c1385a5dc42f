#pragma once

#include <QKeySequence>
#include <QString>

/// The keyboard shortcuts of a tab's connection, named once for the menus (where they
/// work from anywhere in the window, on the current tab) and for the tooltips of the
/// buttons they press.
namespace Shortcuts {

/// Connect: start the opening handshake.
inline QKeySequence connectKey()
{
    return QKeySequence(Qt::CTRL | Qt::Key_Return);
}
/// Close: the closing handshake with the chosen status code and reason.
inline QKeySequence closeKey()
{
    return QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Return);
}
/// Stop: drop the connection, no closing handshake.
inline QKeySequence stopKey()
{
    return QKeySequence(Qt::CTRL | Qt::Key_Period);
}
/// Put the cursor in the log's filter field.
inline QKeySequence filterKey()
{
    return QKeySequence(QKeySequence::Find);
}
/// "@p text (Ctrl+Return)": a tooltip that names the shortcut, as the platform writes it.
inline QString withKey(const QString &text, const QKeySequence &key)
{
    return QStringLiteral("%1 (%2)").arg(text, key.toString(QKeySequence::NativeText));
}

} // namespace Shortcuts
