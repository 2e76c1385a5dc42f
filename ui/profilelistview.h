#pragma once

#include <QListView>

/// The main window's list of profiles (a QListView on the ProfileModel) with inline
/// rename (F2 or a click on the selected row).
///
/// QAbstractItemView opens the next row's editor when Tab leaves an editor
/// (EditNextItem): Tab in the rename field would start renaming the next profile, and
/// the keyboard could not leave the list. Here Tab commits the rename and moves focus
/// on, as in any form.
class ProfileListView final : public QListView
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProfileListView)
public:
    explicit ProfileListView(QWidget *parent = nullptr);

protected:
    void closeEditor(QWidget *editor, QAbstractItemDelegate::EndEditHint hint) override;
};
