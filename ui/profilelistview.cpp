#include "profilelistview.h"

ProfileListView::ProfileListView(QWidget *parent) : QListView(parent)
{
    setEditTriggers(QAbstractItemView::EditKeyPressed | QAbstractItemView::SelectedClicked);
    setSelectionMode(QAbstractItemView::SingleSelection);
}

void ProfileListView::closeEditor(QWidget *editor, QAbstractItemDelegate::EndEditHint hint)
{
    const bool next = hint == QAbstractItemDelegate::EditNextItem;
    const bool previous = hint == QAbstractItemDelegate::EditPreviousItem;
    if (!next && !previous) {
        QListView::closeEditor(editor, hint);
        return;
    }
    // The delegate has committed the data by now (QStyledItemDelegate does, on Tab).
    QListView::closeEditor(editor, QAbstractItemDelegate::NoHint);
    focusNextPrevChild(next);
}
