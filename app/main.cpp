// Sockscope's entry point: the main window; `sockscope run …`, the headless runner; or
// with --echo-server a headless echo server for use as a test peer. Kept tiny; everything
// lives in sockscope_core/_ui.
#include "automation/runcommand.h"
#include "mainwindow.h"
#include "profiles/profilemodel.h"
#include "profiles/profilestore.h"
#include "profiles/secretstore.h"
#include "session/echoserver.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QEventLoop>
#include <QMessageBox>
#include <QSettings>
#include <QStandardPaths>
#include <QTextStream>
#include <QTimer>
#include <memory>
#include <optional>

namespace {

void describeOptions(QCommandLineParser &parser)
{
    parser.setApplicationDescription(
        QCoreApplication::translate("main", "Sockscope, a WebSocket debugging client.\n\n"
                                            "sockscope run [--profiles FILE] [--environment "
                                            "NAME] PROFILE [STEP]... connects without a "
                                            "window and runs the steps: see sockscope run "
                                            "--help."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOption({QStringLiteral("echo-server"),
                      QCoreApplication::translate(
                          "main", "Run only the echo server on 127.0.0.1:<port>, without a "
                                  "window (0 picks a free port)."),
                      QStringLiteral("port")});
    parser.addOption({QStringLiteral("profiles"),
                      QCoreApplication::translate(
                          "main", "Use <file> as the autosaved profiles file instead of the "
                                  "one in the user's config folder."),
                      QStringLiteral("file")});
}

int runEchoServer(const QString &portText)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    bool ok = false;
    const uint port = portText.toUInt(&ok);
    if (!ok || port > 65535) {
        err << "sockscope: --echo-server needs a port from 0 to 65535, not \"" << portText
            << "\"\n";
        return 2;
    }
    EchoServer server;
    if (!server.listen(quint16(port))) {
        err << "sockscope: cannot listen on 127.0.0.1:" << port << ": " << server.errorString()
            << '\n';
        return 1;
    }
    QObject::connect(&server, &EchoServer::clientConnected, &server,
                     [&out](const QString &peer) { out << "connected " << peer << Qt::endl; });
    QObject::connect(&server, &EchoServer::closeFrameReceived, &server,
                     [&out](quint16 code, const QString &reason) {
                         out << "close frame " << code << " '" << reason << "' echoed" << Qt::endl;
                     });
    QObject::connect(&server, &EchoServer::connectionFailed, &server,
                     [&out](const QString &peer, const QString &why) {
                         out << "failed " << peer << ": " << why << Qt::endl;
                     });
    QObject::connect(&server, &EchoServer::clientDisconnected, &server,
                     [&out](const QString &peer, bool closeSeen) {
                         out << "disconnected " << peer
                             << (closeSeen ? "" : " without a close frame (1006)") << Qt::endl;
                     });
    out << "Sockscope echo server listening on " << server.url().toString() << Qt::endl;
    return QCoreApplication::exec();
}

QString autosavePath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation) +
           QStringLiteral("/profiles.json");
}

/// The words after "run" when the command line is `sockscope run …`, or
/// `sockscope --profiles FILE run …` (the option then goes to the runner); nullopt else.
std::optional<QStringList> runArguments(const QStringList &arguments)
{
    if (arguments.value(1) == QLatin1String("run"))
        return arguments.mid(2);
    if (arguments.value(1) == QLatin1String("--profiles") &&
        arguments.value(3) == QLatin1String("run"))
        return QStringList{arguments.at(1), arguments.at(2)} + arguments.mid(4);
    if (arguments.value(1).startsWith(QLatin1String("--profiles=")) &&
        arguments.value(2) == QLatin1String("run"))
        return QStringList{QStringLiteral("--profiles"), arguments.at(1).mid(11)} +
               arguments.mid(3);
    return std::nullopt;
}

/// `sockscope run …`: the headless runner, on a QCoreApplication (no display needed).
int runHeadless(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("sockscope"));
    QCoreApplication::setOrganizationName(QStringLiteral("sockscope"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PROJECT_VERSION_STRING));
    return RunCommand::exec(*runArguments(QCoreApplication::arguments()), autosavePath());
}

/// Whether the window has no display to open on: Qt would abort. X11 and Wayland only
/// (Debian); QT_QPA_PLATFORM names a platform of its own (offscreen, say).
bool noDisplay()
{
    return qEnvironmentVariableIsEmpty("DISPLAY") &&
           qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY") &&
           qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM");
}

} // namespace

int main(int argc, char *argv[])
{
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments.append(QString::fromLocal8Bit(argv[i]));
    if (runArguments(arguments))
        return runHeadless(argc, argv);
    // The echo server must run where there is no display, so pick the application
    // class before parsing (the pattern QCommandLineParser's documentation gives).
    bool headless = false;
    for (int i = 1; i < argc; ++i) {
        const QByteArray arg(argv[i]);
        if (arg == "--echo-server" || arg.startsWith("--echo-server=") || arg == "-h" ||
            arg == "--help" || arg == "-v" || arg == "--version")
            headless = true;
    }
    if (!headless && noDisplay()) {
        QTextStream(stderr) << "sockscope: no display to open the window on (DISPLAY and "
                               "WAYLAND_DISPLAY are not set). Without one, use sockscope run "
                               "(see sockscope run --help).\n";
        return 1;
    }
    std::unique_ptr<QCoreApplication> app(headless ? new QCoreApplication(argc, argv)
                                                   : new QApplication(argc, argv));
    QCoreApplication::setApplicationName(QStringLiteral("sockscope"));
    QCoreApplication::setOrganizationName(QStringLiteral("sockscope"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PROJECT_VERSION_STRING));

    QCommandLineParser parser;
    describeOptions(parser);
    parser.process(*app);
    if (parser.isSet(QStringLiteral("echo-server")))
        return runEchoServer(parser.value(QStringLiteral("echo-server")));

    QGuiApplication::setDesktopFileName(QStringLiteral("sockscope"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/sockscope/sockscope.png")));

    EchoServer echo;
    QString echoProblem;
    if (!echo.listen(0))
        echoProblem = echo.errorString();

    ProfileModel profiles;
    const ProfileStore::StartupFile file = ProfileStore::chooseStartupFile(
        parser.value(QStringLiteral("profiles")),
        QSettings().value(QLatin1String(ProfileStore::LastFileKey)).toString(), autosavePath());
    const QString loadError = profiles.loadAutosave(file.path);

    MainWindow window(&profiles, echo.url());
    SecretStore secrets; // after the window, which says it if there is no keychain
    profiles.setSecretStore(&secrets);
    QTimer::singleShot(0, &window, &MainWindow::offerSecretMigration); // once it is shown
    window.restoreOpenTabs();
    window.show();
    if (!echoProblem.isEmpty())
        window.reportProblem(QCoreApplication::translate("main",
                                                         "The built-in echo server could not "
                                                         "start: %1")
                                 .arg(echoProblem));
    if (!file.note.isEmpty())
        window.reportProblem(file.note);
    if (!loadError.isEmpty())
        window.reportProblem(loadError + QLatin1Char('\n') +
                             QCoreApplication::translate(
                                 "main", "That file will not be overwritten. Sockscope starts "
                                         "with the default profile; use File > Save Profiles "
                                         "As… to keep changes."));
    const int status = QCoreApplication::exec();
    // The file holds only the secrets' references: let the keychain take the values
    // written at the last autosave before they are gone with the process.
    if (secrets.pendingJobs() > 0) {
        QEventLoop wait;
        QTimer::singleShot(5000, &wait, &QEventLoop::quit);
        QObject::connect(&secrets, &SecretStore::idle, &wait, &QEventLoop::quit);
        wait.exec();
    }
    return status;
}
