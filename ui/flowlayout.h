#pragma once

#include <QLayout>
#include <QList>

/// A layout that puts its items in a row, left to right, and wraps them onto further
/// rows when the row is too narrow for them all (QLayout with heightForWidth): what a
/// toolbar row of a tab needs to work at 800x600 and at 1920x1080 alike.
///
/// Each item takes its size hint; an item whose size policy expands horizontally
/// (a text field) may shrink to its minimum size hint to stay in its row, and shares the
/// row's spare width with the other expanding items. Items are in the order added;
/// rows are as high as their highest item, and items are centred in them.
class FlowLayout final : public QLayout
{
public:
    explicit FlowLayout(QWidget *parent = nullptr);
    ~FlowLayout() override;

    void addItem(QLayoutItem *item) override;
    int count() const override { return int(m_items.size()); }
    QLayoutItem *itemAt(int index) const override { return m_items.value(index); }
    QLayoutItem *takeAt(int index) override;
    Qt::Orientations expandingDirections() const override { return Qt::Horizontal; }
    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;
    QSize minimumSize() const override;
    QSize sizeHint() const override;
    void setGeometry(const QRect &rect) override;

private:
    /// Lays the items out in @p rect (only measures when @p apply is false); returns the
    /// height used, in pixels.
    int arrange(const QRect &rect, bool apply) const;

    QList<QLayoutItem *> m_items;
};
