#pragma once

#include <QStringList>

/// `sockscope run …`: the headless runner's command line, on a QCoreApplication that
/// the caller has made (no widgets are loaded). Prints --help, or a bad argument's
/// problem (exit 2), or runs the plan with a ScriptRunner on standard output and
/// standard error; SIGINT (Ctrl+C) closes the connection with 1001 Going Away.
namespace RunCommand {

/// Runs `sockscope run` with @p arguments, the words after "run"; returns the exit
/// status (RunExit). @p defaultProfilesFile: the autosaved profiles file the app uses.
int exec(const QStringList &arguments, const QString &defaultProfilesFile);

} // namespace RunCommand
