#pragma once

#include "import/recordedlog.h"

#include <QObject>

class PasteCommandDialog;
class QAction;
class ProfileModel;
class QLabel;
class QMenu;
class QWidget;

/// The File menu's profiles-file commands, like a document's: Open makes a file the
/// autosave file, Import adds a file's profiles to the current ones, Save As writes
/// them elsewhere and saves there from then on. Nothing replaces profiles without a
/// confirmation that names what will be lost; a status-bar indicator stays visible
/// while autosaving is off, and quitting with profiles no file holds asks first.
/// Import also reads a HAR or a Sockscope log export into recorded tabs, and Paste
/// Command Line… makes a profile of a wscat, websocat or curl command
/// (profilesfileimport.cpp).
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
    /// File > Export Profiles…, for the window to connect with its selected row.
    QAction *exportAction() const { return m_exportAction; }

    /// Validates @p path, asks, then opens it (ProfileModel::openFile). False when it
    /// failed (problem() says why) or the user said no.
    bool open(const QString &path);
    /// Imports @p path by its suffix: .har (HarImport) adds each connection's profile and
    /// opens a recorded tab (recordingImported()) for each one with events; .jsonl
    /// (JsonlImport) opens a recorded tab only; anything else is a profiles file
    /// (ProfileModel::importFrom). Warnings go to the banner (problem()), once. A file
    /// that fails to read changes nothing, and the banner names it, the place (line,
    /// JSON path) and the problem. False then.
    bool importFile(const QString &path);
    /// Opens the Paste Command Line dialog, window-modal; its OK adds the profile
    /// (addPastedProfile). The dialog deletes itself when closed.
    PasteCommandDialog *pasteCommandLine();
    /// Saves to @p path and switches the autosave file to it (ProfileModel::saveAs).
    bool saveAs(const QString &path);
    /// Export Profiles…: asks which (ExportProfilesDialog, @p selectedRow ticked) and
    /// where, then writes them to share, secrets as references only.
    void chooseAndExport(int selectedRow);
    /// Writes the profiles in @p rows (and the environments) to @p path; says how it went.
    bool exportProfiles(const QList<int> &rows, bool withEnvironments, const QString &path);
    /// True when the window may close: nothing would be lost, or the user agreed.
    bool confirmQuit();

Q_SIGNALS:
    /// A failure to show in the problem banner.
    void problem(const QString &message);
    /// A passing note for the status bar.
    void message(const QString &message);
    /// A file's connection to show read-only, in a tab of its own.
    void recordingImported(const RecordedConnection &recorded, const QString &source);
    /// The profile in @p row was added by Paste Command Line: the list selects it.
    void profileAdded(int row);

private:
    void chooseAndOpen();
    void chooseAndImport();
    void chooseAndSaveAs();
    // Profiles files, HARs, logs and command lines (profilesfileimport.cpp)
    bool importProfiles(const QString &path);
    bool importRecording(const QString &path, bool har);
    /// The status bar's words for a HAR (@p har) or log import that went well.
    static QString importedText(const QString &path, bool har, int profiles, int tabs,
                                const QStringList &renamed);
    void addPastedProfile(PasteCommandDialog *dialog);
    /// The banner's text for @p warnings of the import of @p what: one line each.
    void reportWarnings(const QString &what, const QStringList &warnings);
    void updateIndicator();
    /// The names of the current profiles, for a question that says what will be lost.
    QString currentNames() const;
    /// @p path as the user's system writes it.
    static QString shown(const QString &path);
    /// "1 profile", "3 profiles".
    static QString profilesText(int count);
    /// Keeps @p path as the profiles file of the next start (ProfileStore::LastFileKey).
    static void remember(const QString &path);

    ProfileModel *m_profiles = nullptr;
    QWidget *m_window = nullptr;
    QLabel *m_indicator = nullptr;
    QAction *m_exportAction = nullptr;
};
