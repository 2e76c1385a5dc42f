#include "profilesfileactions.h"

#include "exportprofilesdialog.h"

#include "palette.h"
#include "plaintext.h"
#include "profiles/profilemodel.h"
#include "profiles/profilestore.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QSettings>

namespace {

const char *const FileFilter =
    QT_TRANSLATE_NOOP("ProfilesFileActions", "Sockscope profiles (*.json);;All files (*)");
const char *const ImportFilter =
    QT_TRANSLATE_NOOP("ProfilesFileActions", "Profiles (*.json);;HAR files (*.har);;"
                                             "Sockscope logs (*.jsonl);;All files (*)");

} // namespace

ProfilesFileActions::ProfilesFileActions(ProfileModel *profiles, QWidget *window)
    : QObject(window), m_profiles(profiles), m_window(window), m_indicator(PlainText::label(window))
{
    m_indicator->setAccessibleName(tr("Autosave state"));
    Palette::applyStyle(m_indicator, Palette::errorTextStyle);
    connect(m_profiles, &ProfileModel::autosaveFailed, this, &ProfilesFileActions::updateIndicator);
    updateIndicator();
}

void ProfilesFileActions::addTo(QMenu *file)
{
    QAction *open =
        file->addAction(tr("&Open Profiles File…"), this, &ProfilesFileActions::chooseAndOpen);
    open->setShortcut(QKeySequence::Open);
    open->setToolTip(tr("Use another profiles file from now on, as a document"));
    file->addAction(tr("&Import Profiles…"), this, &ProfilesFileActions::chooseAndImport)
        ->setToolTip(tr("Add a file's profiles to these (a taken name gets \" (2)\"), or "
                        "open a HAR's or a Sockscope log's messages read-only"));
    file->addAction(tr("Paste &Command Line…"), this, &ProfilesFileActions::pasteCommandLine)
        ->setToolTip(tr("Make a profile of a wscat, websocat or curl command line"));
    m_exportAction = file->addAction(tr("&Export Profiles…"));
    m_exportAction->setToolTip(
        tr("Write chosen profiles to a file to share; secret values are left out"));
    QAction *saveAs =
        file->addAction(tr("Save Profiles &As…"), this, &ProfilesFileActions::chooseAndSaveAs);
    // QKeySequence::SaveAs is empty outside GNOME and KDE key schemes; give it the
    // binding those two use.
    saveAs->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
    saveAs->setToolTip(tr("Save the profiles to another file, and autosave there from now on"));
}

void ProfilesFileActions::chooseAndOpen()
{
    const QString path =
        QFileDialog::getOpenFileName(m_window, tr("Open Profiles File"), QString(), tr(FileFilter));
    if (!path.isEmpty())
        open(path);
}

void ProfilesFileActions::chooseAndImport()
{
    const QString path =
        QFileDialog::getOpenFileName(m_window, tr("Import Profiles"), QString(), tr(ImportFilter));
    if (!path.isEmpty())
        importFile(path);
}

void ProfilesFileActions::chooseAndExport(int selectedRow)
{
    ExportProfilesDialog choose(m_profiles, selectedRow, m_window);
    if (choose.exec() != QDialog::Accepted)
        return;
    const QString path = QFileDialog::getSaveFileName(
        m_window, tr("Export Profiles"), QStringLiteral("shared-profiles.json"), tr(FileFilter));
    if (!path.isEmpty())
        exportProfiles(choose.rows(), choose.withEnvironments(), path);
}

bool ProfilesFileActions::exportProfiles(const QList<int> &rows, bool withEnvironments,
                                         const QString &path)
{
    if (const QString error = m_profiles->exportProfiles(rows, withEnvironments, path);
        !error.isEmpty()) {
        Q_EMIT problem(error);
        return false;
    }
    Q_EMIT message(tr("Exported %1 to \"%2\"; secret values were left out.")
                       .arg(profilesText(int(rows.size())), shown(path)));
    return true;
}

void ProfilesFileActions::chooseAndSaveAs()
{
    const QString path = QFileDialog::getSaveFileName(
        m_window, tr("Save Profiles As"), QStringLiteral("profiles.json"), tr(FileFilter));
    if (!path.isEmpty())
        saveAs(path);
}

bool ProfilesFileActions::open(const QString &path)
{
    const ProfileStore::LoadResult check = ProfileStore::load(path);
    if (!check.ok) {
        Q_EMIT problem(check.error + QLatin1Char('\n') +
                       tr("Nothing was changed; the file was not modified."));
        return false;
    }
    const int count = m_profiles->rowCount();
    const QString question =
        m_profiles->hasUnsavedChanges()
            ? tr("The %1 here are in no file, because autosave is off: %2.\n\n"
                 "Opening \"%3\" replaces them, and they will be lost. Open it?")
                  .arg(profilesText(count), currentNames(), shown(path))
            : tr("Open \"%1\"? Its profiles replace the %2 shown here, which stay saved in "
                 "\"%3\". From now on changes are saved to \"%1\", also at the next start. "
                 "Open tabs stay, on the profile of the same name if there is one.")
                  .arg(shown(path), profilesText(count), shown(m_profiles->autosavePath()));
    if (!PlainText::confirm(m_window, tr("Open Profiles File"), question))
        return false;
    if (const QString error = m_profiles->openFile(path); !error.isEmpty()) {
        Q_EMIT problem(error);
        return false;
    }
    updateIndicator();
    remember(path);
    Q_EMIT message(tr("Opened \"%1\" (%2); changes are saved there now.")
                       .arg(shown(path), profilesText(m_profiles->rowCount())));
    return true;
}

bool ProfilesFileActions::saveAs(const QString &path)
{
    if (const QString error = m_profiles->saveAs(path); !error.isEmpty()) {
        Q_EMIT problem(error);
        return false;
    }
    updateIndicator();
    remember(path);
    Q_EMIT message(tr("Saved %1 to \"%2\"; changes are saved there from now on.")
                       .arg(profilesText(m_profiles->rowCount()), shown(path)));
    return true;
}

bool ProfilesFileActions::confirmQuit()
{
    if (!m_profiles->hasUnsavedChanges())
        return true;
    return PlainText::confirm(m_window, tr("Quit Sockscope"),
                              tr("The %1 here are in no file, because autosave is off: %2.\n\n"
                                 "Quit and lose them? (File > Save Profiles As… keeps them.)")
                                  .arg(profilesText(m_profiles->rowCount()), currentNames()));
}

void ProfilesFileActions::updateIndicator()
{
    const bool off = m_profiles->autosaveBlocked() || m_profiles->hasUnsavedChanges();
    m_indicator->setVisible(off);
    if (!off)
        return;
    m_indicator->setText(
        tr("Autosave off: \"%1\" is not written to").arg(shown(m_profiles->autosavePath())));
    m_indicator->setToolTip(PlainText::toolTip(
        m_profiles->autosaveBlocked() ? m_profiles->autosaveBlockedReason()
                                      : tr("The last autosave failed; see the banner.")));
}

QString ProfilesFileActions::shown(const QString &path)
{
    return QDir::toNativeSeparators(path);
}

QString ProfilesFileActions::profilesText(int count)
{
    return count == 1 ? tr("1 profile") : tr("%1 profiles").arg(QLocale().toString(count));
}

void ProfilesFileActions::remember(const QString &path)
{
    QSettings().setValue(QLatin1String(ProfileStore::LastFileKey),
                         QFileInfo(path).absoluteFilePath());
}

QString ProfilesFileActions::currentNames() const
{
    QStringList names;
    for (const Profile &p : m_profiles->profiles())
        names.append(QLatin1Char('"') + p.name + QLatin1Char('"'));
    if (const int more = int(names.size()) - 10; more > 0)
        names = names.mid(0, 10) << tr("and %n more", nullptr, more);
    return names.join(QStringLiteral(", "));
}
