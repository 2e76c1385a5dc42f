#pragma once

#include "automation/runplan.h"
#include "profiles/profile.h"
#include "profiles/variables.h"
#include "session/websocketsession.h"

#include <QObject>
#include <QTimer>
#include <memory>
#include <optional>

class EchoServer;
class QIODevice;
class SecretStore;

/// Runs a RunPlan headless (`sockscope run`): loads the profiles file without ever
/// writing it, reads the profile's secrets from the OS keychain (SecretStore; without
/// one, secret values are empty and the connect is refused), starts the built-in echo
/// server for a built-in echo profile, connects through a WebSocketSession and runs the
/// steps in order once it is Open. Each log row goes to @p out as a JSON line
/// (LogExporter::jsonLine, secrets redacted as in the app), flushed per row; diagnostics
/// go to @p err, one line each. finished() gives the RunExit once the connection has
/// ended, as WebSocketSession::finished() reports it.
class ScriptRunner final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ScriptRunner)
public:
    /// @p defaultProfilesFile: the file read when the plan names none.
    ScriptRunner(RunPlan plan, const QString &defaultProfilesFile, QIODevice *out, QIODevice *err,
                 QObject *parent = nullptr);
    ~ScriptRunner() override;

    /// Starts the run; finished() follows, maybe at once (a profile that cannot be used).
    void start();
    /// Ctrl+C: closes with 1001 Going Away (or stops while connecting); the run ends with
    /// RunExit::Interrupted.
    void interrupt();

    WebSocketSession *session() const { return m_session; }

Q_SIGNALS:
    void finished(int exitCode);

private:
    bool loadProfile();
    void onSecretRead(const QString &ref, const QString &value);
    EnvironmentSet environmentSet() const;
    void connectToServer();
    void onOpened();
    void onRowsInserted(int first, int last);
    void onSessionFinished();
    void runSteps();
    /// Runs one step that takes no waiting; false when it failed (the run is ending).
    bool runStep(const RunStep &step);
    bool expectMatched();
    void keepForExpect(const QString &text);
    void eraseReceived(qsizetype count);

    static constexpr qsizetype MaxKeptMessages = 10000;
    static constexpr qint64 MaxKeptChars = 64 * 1024 * 1024;
    void onExpectTimedOut();
    RunExit exitForEnd() const;
    void say(const QString &line);
    void end(RunExit exit);

    RunPlan m_plan;
    QString m_defaultProfilesFile;
    QIODevice *m_out;
    QIODevice *m_err;
    Profile m_profile;
    std::optional<Environment> m_environment;
    SecretStore *m_keychain = nullptr;
    std::unique_ptr<EchoServer> m_echo;
    WebSocketSession *m_session = nullptr;
    QTimer m_stepTimer; ///< --wait, and --expect's timeout.
    qsizetype m_nextStep = 0;
    bool m_waitingForExpect = false;
    /// Received text messages the next --expect looks at, oldest first: those after the
    /// last match, while an --expect is still to run, at most MaxKeptMessages and
    /// MaxKeptChars (UTF-16 code units) of the newest.
    QStringList m_received;
    qint64 m_receivedChars = 0;
    bool m_interrupted = false;
    bool m_closeAsked = false; ///< A close frame this run asked for (--close, Ctrl+C, …).
    bool m_ended = false;
    std::optional<RunExit> m_failure; ///< Set when the run failed before the connection ended.
};
