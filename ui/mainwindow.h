#pragma once

#include <QMainWindow>
#include <QUrl>

class ConnectionTabs;
class QAction;
class QSplitter;
class ProfileModel;
class ProfilePanel;
class ProfilesFileActions;
class QLabel;
class QPushButton;
class QStackedWidget;
class SessionTab;

/// The main window: the profiles, managed like a project's settings (a list with
/// New/Duplicate/Rename/Delete/Open and an editor), and one tab per opened profile.
/// Problems (a profiles file that failed to load, a failed save) are shown in a banner
/// rather than a modal dialog, so nothing blocks and nothing is lost.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)
public:
    /// @p profiles must outlive the window; @p echoUrl is the built-in echo server's
    /// address, or empty when it could not start.
    explicit MainWindow(ProfileModel *profiles, const QUrl &echoUrl, QWidget *parent = nullptr);

    /// Shows @p message in the problem banner (it stays until dismissed or replaced).
    void reportProblem(const QString &message);
    /// Opens the tab of the profile in @p row, or focuses it if it is open.
    SessionTab *openProfile(int row);
    /// Reopens, unconnected, the tabs that were open when Sockscope last quit (QSettings).
    void restoreOpenTabs();
    /// A version 1 profiles file with plain Authorization-like headers: asks, naming
    /// them, whether to move their values to the OS keychain
    /// (ProfileModel::migratePlainSecrets); says how it went.
    void offerSecretMigration();
    /// File > Open Profiles File (ProfilesFileActions::open): asks, then uses @p path in
    /// place of the current profiles and autosaves there. True on success.
    bool openProfilesFile(const QString &path);
    /// File > Import Profiles: adds the profiles in @p path, or opens a HAR's or a
    /// Sockscope log's messages in recorded tabs (ProfilesFileActions::importFile).
    /// True on success.
    bool importProfilesFile(const QString &path);
    /// File > Save Profiles As: saves to @p path and autosaves there. True on success.
    bool saveProfilesFile(const QString &path);

protected:
    /// Asks before quitting when profiles would be lost (autosave off) or connections
    /// are open; ends open connections with 1001 Going Away (ConnectionTabs) and quits
    /// once they have ended.
    void closeEvent(QCloseEvent *event) override;

public:
    SessionTab *currentTab() const;
    int tabCount() const;
    ConnectionTabs *tabs() const { return m_tabs; }
    /// QSettings key: whether the profiles panel is shown (View > Profiles Panel, F9).
    static constexpr const char *PanelVisibleKey = "layout/profilesPanelVisible";
    /// QSettings key: the widths of the profiles panel and the tabs (QSplitter state).
    static constexpr const char *SplitterKey = "layout/splitter";

private:
    void buildMenus();
    void buildConnectionMenu();
    /// The Connection menu shows which actions apply to the current tab's state.
    void showConnectionActions();
    void enableConnectionActions();
    /// Tabs > Ask Before Closing a Connected Tab: the other side of "Don't ask again".
    void showAskBeforeClosing();
    void setAskBeforeClosing(bool ask);
    /// Calls @p slot on the current tab, if there is one.
    void onCurrentTab(void (SessionTab::*slot)());
    void buildPanelToggle();
    void setPanelVisible(bool visible);
    /// The empty window's hint names the built-in echo profile only if there is one.
    void updatePlaceholder();
    /// The profile list follows the tabs: the current tab's profile is selected.
    void onCurrentTabChanged();
    void onTabCountChanged(int tabs);
    void closeCurrentTab();
    /// Makes the tab @p step places on (wrapping) the current one.
    void stepTab(int step);
    void showMessage(const QString &message);
    void onSecretMigrationFinished(const QString &error);

    ProfileModel *m_profiles = nullptr;
    QUrl m_echoUrl;
    ProfilePanel *m_panel = nullptr;
    QSplitter *m_splitter = nullptr;
    QAction *m_togglePanel = nullptr;
    QAction *m_askBeforeClosing = nullptr;
    QAction *m_connectAction = nullptr;
    QAction *m_closeAction = nullptr;
    QAction *m_stopAction = nullptr;
    ConnectionTabs *m_tabs = nullptr;
    QStackedWidget *m_centre = nullptr;
    QLabel *m_banner = nullptr;
    QLabel *m_placeholder = nullptr;
    ProfilesFileActions *m_fileActions = nullptr;
    bool m_quitting = false; ///< The user agreed to quit; connections are ending.
    QPushButton *m_dismissBanner = nullptr;
};
