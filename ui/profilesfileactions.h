#pragma once

#include <QObject>

class ProfileModel;
class QLabel;
class QMenu;
class QWidget;

/// The File menu's profiles-file commands, like a document's: Open makes a file the
/// autosave file, Import adds a file's profiles to the current ones, Save As writes
/// them elsewhere and saves there from then on. Nothing replaces profiles without a
/// confirmation that names what will be lost; a status-bar indicator stays visible
/// while autosaving is off, and quitting with profiles no file holds asks first.
class ProfilesFileActions final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProfilesFileActions)
public:
    /// Dialogs are shown over @p window.
    ProfilesFileActions(ProfileModel *profiles, QWidget *window);

    void addTo(QMenu *file);
    /// "Autosave off: …" while ProfileModel::autosaveBlocked(); hidden otherwise.
    QLabel *autosaveIndicator() const { return m_indicator; }

    /// Validates @p path, asks, then opens it (ProfileModel::openFile). False when it
    /// failed (problem() says why) or the user said no.
    bool open(const QString &path);
    /// Adds the profiles in @p path (ProfileModel::importFrom).
    bool importFile(const QString &path);
    /// Saves to @p path and switches the autosave file to it (ProfileModel::saveAs).
    bool saveAs(const QString &path);
    /// True when the window may close: nothing would be lost, or the user agreed.
    bool confirmQuit();

Q_SIGNALS:
    /// A failure to show in the problem banner.
    void problem(const QString &message);
    /// A passing note for the status bar.
    void message(const QString &message);

private:
    void chooseAndOpen();
    void chooseAndImport();
    void chooseAndSaveAs();
    void updateIndicator();
    /// The names of the current profiles, for a question that says what will be lost.
    QString currentNames() const;
    /// "1 profile", "3 profiles".
    static QString profilesText(int count);
    /// Keeps @p path as the profiles file of the next start (ProfileStore::LastFileKey).
    static void remember(const QString &path);

    ProfileModel *m_profiles = nullptr;
    QWidget *m_window = nullptr;
    QLabel *m_indicator = nullptr;
};
