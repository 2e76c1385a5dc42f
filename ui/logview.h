#pragma once

#include <QTableView>

/// The view of a MessageLog (or a proxy of one): fixed-height rows (so a million rows
/// cost nothing to lay out), colours per direction and kind from a delegate, and
/// "follow": while following, newly inserted rows keep the newest row in view. Scrolling
/// up by hand stops following; scrolling back to the bottom, or setFollowing(true),
/// resumes it.
class LogView final : public QTableView
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LogView)
public:
    explicit LogView(QWidget *parent = nullptr);
    void setModel(QAbstractItemModel *model) override;

    bool isFollowing() const { return m_following; }
    /// Starts (scrolling to the newest row) or stops following.
    void setFollowing(bool following);

Q_SIGNALS:
    void followingChanged(bool following);

protected:
    void keyPressEvent(QKeyEvent *event) override;

private:
    void followUserScroll();

    bool m_following = true;
    bool m_userScrollPending = false; ///< A scroll by the user is not yet looked at.
};
