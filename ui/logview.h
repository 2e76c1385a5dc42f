#pragma once

#include <QTableView>

/// The view of a MessageLog: fixed-height rows (so a million rows cost nothing to lay
/// out), colours per direction and kind from a delegate, and "follow": while the view
/// is scrolled to the bottom, newly inserted rows keep it there.
class LogView final : public QTableView
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LogView)
public:
    explicit LogView(QWidget *parent = nullptr);
    void setModel(QAbstractItemModel *model) override;

    bool isFollowing() const { return m_following; }

private:
    bool m_following = true;
};
