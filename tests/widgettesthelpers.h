#pragma once
// Helpers shared by the widget tests: find widgets as a screen reader does, and type
// text as an input method does.

#include <QList>
#include <QString>
#include <QTest>
#include <QWidget>

/// The first child of @p root of type T whose accessible name is @p name, or nullptr.
template <typename T> T *named(QWidget *root, const QString &name)
{
    const QList<T *> all = root->findChildren<T *>();
    for (T *w : all) {
        if (w->accessibleName() == name)
            return w;
    }
    return nullptr;
}

/// Types @p text into @p widget one character at a time, as key events that carry
/// text (what an input method sends), so non-Latin-1 characters work too; QTest's
/// keyClicks() asserts on those.
inline void typeText(QWidget *widget, const QString &text)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        const qsizetype n = text.at(i).isHighSurrogate() ? 2 : 1;
        QTest::sendKeyEvent(QTest::Click, widget, Qt::Key_unknown, text.mid(i, n), Qt::NoModifier);
        i += n - 1;
    }
}
