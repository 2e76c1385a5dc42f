#pragma once

#include "log/messagelog.h"
#include "log/payloadcodec.h"

#include <QTableView>

class QMenu;

/// The view of a MessageLog (or a proxy of one): fixed-height rows (so a million rows
/// cost nothing to lay out), colours per direction and kind from a delegate, and
/// "follow": while following, newly inserted rows keep the newest row in view. Scrolling
/// up by hand stops following; scrolling back to the bottom, or setFollowing(true),
/// resumes it.
///
/// Several rows can be selected. Ctrl+C copies their payloads (LogRowCopy), and the
/// context menu offers: copy payload, copy row as JSON, put into the composer, show the
/// message's frames, and show only rows of this direction or kind (the tab wires those
/// to its composer, Frames view and filter bar). Return or a double-click on a text or
/// binary message asks for its frames too.
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
    /// A log with no composer and no frames (a recorded tab): "Put into Composer" and
    /// "Show Frames" are left out of the context menu, and Return asks for nothing.
    void setRecorded(bool recorded) { m_recorded = recorded; }

    /// Puts the selected rows' payloads on the clipboard, one per line.
    void copySelectedPayloads();
    /// Puts the selected rows on the clipboard as JSON Lines, the export format.
    void copySelectedRowsAsJson();
    /// The context menu for the row at @p index, with the selection as it is; the
    /// caller owns it.
    QMenu *createContextMenu(const QModelIndex &index);

Q_SIGNALS:
    void followingChanged(bool following);
    /// "Put into composer": @p text in @p format, to edit and send again.
    void composeRequested(const QString &text, PayloadFormat format);
    /// "Show only … rows".
    void directionFilterRequested(Direction direction);
    void kindFilterRequested(EventKind kind);
    /// "Show Frames" (Return, a double-click): the frames of the message at @p index.
    void framesRequested(const QModelIndex &index);

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;

private:
    void followUserScroll();
    QModelIndexList selectedRowIndexes() const;
    void requestCompose(const QModelIndex &index);
    /// "Put into Composer" and "Show Frames", for the row at @p index (@p e).
    void addLiveActions(QMenu *menu, const QModelIndex &index, const LogEvent &e);
    /// Asks for the frames of the row at @p index, if it is a text or binary message.
    void requestFrames(const QModelIndex &index);

    bool m_following = true;
    bool m_recorded = false;
    bool m_userScrollPending = false; ///< A scroll by the user is not yet looked at.
};
