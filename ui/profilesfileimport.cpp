// ProfilesFileActions: File > Import Profiles… by the file's type, and File > Paste
// Command Line….
#include "import/harimport.h"
#include "import/jsonlimport.h"
#include "pastecommanddialog.h"
#include "profiles/profilemodel.h"
#include "profilesfileactions.h"

#include <QFileInfo>

namespace {

/// Warnings the banner lists; the rest are counted.
constexpr int MaxShownWarnings = 12;

} // namespace

bool ProfilesFileActions::importFile(const QString &path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("har"))
        return importRecording(path, true);
    if (suffix == QLatin1String("jsonl"))
        return importRecording(path, false);
    return importProfiles(path);
}

bool ProfilesFileActions::importProfiles(const QString &path)
{
    const ProfileModel::ImportResult done = m_profiles->importFrom(path);
    if (!done.error.isEmpty()) {
        Q_EMIT problem(done.error + QLatin1Char('\n') +
                       tr("Nothing was changed; the file was not modified."));
        return false;
    }
    QString text = tr("Imported %1 from \"%2\".").arg(profilesText(done.imported), shown(path));
    if (!done.renamed.isEmpty())
        text += QLatin1Char(' ') + tr("Renamed: %1.").arg(done.renamed.join(QStringLiteral(", ")));
    Q_EMIT message(text);
    return true;
}

bool ProfilesFileActions::importRecording(const QString &path, bool har)
{
    const ImportResult read = har ? HarImport::fromFile(path) : JsonlImport::fromFile(path);
    QString refusal = read.error.text();
    QList<Profile> profiles;
    for (const RecordedConnection &c : read.connections) {
        if (const QString bad = c.profile.problem(); har && !bad.isEmpty() && refusal.isEmpty())
            refusal = tr("%1: %2").arg(c.profile.name, bad);
        profiles.append(c.profile);
    }
    if (!refusal.isEmpty()) {
        Q_EMIT problem(tr("\"%1\" was not imported: %2").arg(shown(path), refusal) +
                       QLatin1Char('\n') + tr("Nothing was changed."));
        return false;
    }
    QStringList renamed;
    if (har)
        m_profiles->addImported(profiles, &renamed);
    int tabs = 0;
    for (const RecordedConnection &c : read.connections) {
        if (c.events.isEmpty())
            continue;
        Q_EMIT recordingImported(c, path);
        ++tabs;
    }
    Q_EMIT message(importedText(path, har, int(profiles.size()), tabs, renamed));
    reportWarnings(tr("\"%1\" was imported").arg(shown(path)), read.warnings);
    return true;
}

QString ProfilesFileActions::importedText(const QString &path, bool har, int profiles, int tabs,
                                          const QStringList &renamed)
{
    if (!har)
        return tr("Opened \"%1\" read-only.").arg(shown(path));
    const QString logs = tabs == 1 ? tr("1 recorded log") : tr("%1 recorded logs").arg(tabs);
    QString text = tabs == 0 ? tr("Imported %1 from \"%2\"; it holds no messages to show.")
                                   .arg(profilesText(profiles), shown(path))
                             : tr("Imported %1 and opened %2 from \"%3\".")
                                   .arg(profilesText(profiles), logs, shown(path));
    if (!renamed.isEmpty())
        text += QLatin1Char(' ') + tr("Renamed: %1.").arg(renamed.join(QStringLiteral(", ")));
    return text;
}

PasteCommandDialog *ProfilesFileActions::pasteCommandLine()
{
    auto *dialog = new PasteCommandDialog(m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] { addPastedProfile(dialog); });
    dialog->open();
    return dialog;
}

void ProfilesFileActions::addPastedProfile(PasteCommandDialog *dialog)
{
    const ImportResult &read = dialog->result();
    if (read.connections.isEmpty())
        return;
    QStringList renamed;
    const int row = m_profiles->addImported({read.connections.constFirst().profile}, &renamed);
    if (row < 0)
        return;
    const QString name = m_profiles->profile(row).name;
    QString text = tr("Added the profile \"%1\" from the command line.").arg(name);
    if (!renamed.isEmpty())
        text += QLatin1Char(' ') + tr("Renamed: %1.").arg(renamed.join(QStringLiteral(", ")));
    Q_EMIT message(text);
    Q_EMIT profileAdded(row);
    reportWarnings(tr("The command line was read"), read.warnings);
}

void ProfilesFileActions::reportWarnings(const QString &what, const QStringList &warnings)
{
    if (warnings.isEmpty())
        return;
    QStringList lines = warnings.mid(0, MaxShownWarnings);
    if (const qsizetype more = warnings.size() - lines.size(); more > 0)
        lines.append(tr("and %n more", nullptr, int(more)));
    const QString count =
        warnings.size() == 1 ? tr("1 warning") : tr("%1 warnings").arg(warnings.size());
    Q_EMIT problem(tr("%1, with %2:").arg(what, count) + QLatin1Char('\n') +
                   lines.join(QLatin1Char('\n')));
}
