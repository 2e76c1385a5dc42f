#pragma once

#include "session/websocketsession.h"

#include <QSet>
#include <QTabWidget>
#include <QUrl>

class ProfileModel;
class RecordedTab;
class SessionTab;
struct RecordedConnection;

/// The tabs of the opened profiles, one SessionTab each (QTabWidget).
///
/// - Each tab shows its connection's state as an icon, and says it in the tab's
///   accessible name ("Local echo, Open") for screen readers.
/// - A tab whose connection is not Closed is closed only after asking (unless the user
///   chose "Don't ask again", kept in QSettings under DontAskKey). It then ends its
///   connection itself: a close frame with 1001 Going Away and the reason "tab closed"
///   (RFC 6455 7.4.1), logged like any other; the tab stays, Closing, until the session
///   reports the end, or at most CloseWaitMs, and then goes. QWebSocket's destructor
///   would otherwise send 1001 "Connection closed", unasked and unlogged.
/// - The profiles of the open tabs are kept in QSettings at quit (saveOpenTabs) and
///   reopened, unconnected, at the next start (restoreOpenTabs).
/// - A recorded tab (RecordedTab: the events of a file, read-only) has no connection:
///   it closes at once, and is not kept at quit.
class ConnectionTabs final : public QTabWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionTabs)
public:
    /// @p profiles must outlive the tabs; @p echoUrl is the built-in echo server's
    /// address, or empty.
    ConnectionTabs(ProfileModel *profiles, const QUrl &echoUrl, QWidget *parent = nullptr);

    /// How long a closing tab waits for its connection to end, in ms, before it stops it
    /// (QWebSocket::abort()) and goes.
    static constexpr int CloseWaitMs = 3000;
    /// The close code and reason a tab that is closed, or a quit, sends (RFC 6455 7.4.1).
    static constexpr quint16 GoingAwayCode = 1001;
    static QString goingAwayReason() { return tr("tab closed"); }
    /// QSettings key: true once the user chose "Don't ask again" for closing connected tabs.
    static constexpr const char *DontAskKey = "confirm/closeConnectedTabNoMore";
    /// QSettings keys of the open tabs: their profile names in order, and the current one.
    static constexpr const char *OpenTabsKey = "tabs/openProfiles";
    static constexpr const char *CurrentTabKey = "tabs/current";

    /// Opens the tab of the profile in @p row, or makes it current if it is open.
    /// nullptr for a row that does not exist.
    SessionTab *openProfile(int row);
    /// Opens a read-only tab on @p recorded's events, read from @p source, and makes it
    /// current.
    RecordedTab *openRecorded(const RecordedConnection &recorded, const QString &source);
    /// The SessionTab at @p index; nullptr for a recorded tab.
    SessionTab *tab(int index) const;
    RecordedTab *recordedTab(int index) const;
    SessionTab *currentTab() const;
    /// The tabs whose connection is not Closed.
    QList<SessionTab *> connectedTabs() const;

    /// Closes the tab at @p index: asks first when its connection is not Closed, and
    /// then ends it as the class comment says. False when the user said no.
    bool requestClose(int index);
    /// Asks once about every connected tab (none: true at once). When the user agrees,
    /// ends each connection as requestClose() does and emits allEnded() once every one
    /// has ended, within CloseWaitMs; false when the user said no.
    bool requestCloseAll();
    /// True while tabs wait for their connection to end.
    bool isEnding() const { return !m_ending.isEmpty(); }

    /// Puts the cursor in the current tab's filter field, live or recorded.
    void focusFilter();

    void saveOpenTabs() const;
    /// Reopens the tabs saveOpenTabs() kept, unconnected; profiles that are gone are
    /// skipped. Returns how many were opened.
    int restoreOpenTabs();

Q_SIGNALS:
    /// Every tab that requestCloseAll() ended has ended.
    void allEnded();
    /// A tab was added or removed; @p tabs is count().
    void countChanged(int tabs);

protected:
    /// Redraws the tabs' state icons when the palette changes (QEvent::PaletteChange).
    void changeEvent(QEvent *event) override;
    void tabInserted(int index) override;
    void tabRemoved(int index) override;

private:
    bool confirmClosing(const QList<SessionTab *> &tabs);
    /// Sends 1001 Going Away on @p tab's connection and removes the tab once it ends.
    void endAndRemove(SessionTab *tab);
    void onTabEnded(SessionTab *tab);
    void onTabTimedOut(SessionTab *tab);
    void removeTab(SessionTab *tab);
    void showState(SessionTab *tab);
    void onTitleChanged(SessionTab *tab, const QString &title);

    ProfileModel *m_profiles = nullptr;
    QUrl m_echoUrl;
    QSet<SessionTab *> m_ending; ///< Tabs waiting for their connection to end.
    bool m_endingAll = false;    ///< allEnded() is due once m_ending empties.
};
