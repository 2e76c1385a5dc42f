#include "automation/scriptrunner.h"

#include "log/logexporter.h"
#include "profiles/profilesecrets.h"
#include "profiles/profilestore.h"
#include "profiles/secretstore.h"
#include "session/echoserver.h"

#include <QFile>
#include <QIODevice>

ScriptRunner::ScriptRunner(RunPlan plan, const QString &defaultProfilesFile, QIODevice *out,
                           QIODevice *err, QObject *parent)
    : QObject(parent), m_plan(std::move(plan)), m_defaultProfilesFile(defaultProfilesFile),
      m_out(out), m_err(err), m_session(new WebSocketSession(this))
{
    m_stepTimer.setSingleShot(true);
    connect(m_session->log(), &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex &, int first, int last) { onRowsInserted(first, last); });
    connect(m_session, &WebSocketSession::opened, this, &ScriptRunner::onOpened);
    connect(m_session, &WebSocketSession::finished, this, &ScriptRunner::onSessionFinished);
    connect(m_session, &WebSocketSession::errorOccurred, this, &ScriptRunner::say);
}

ScriptRunner::~ScriptRunner() = default;

void ScriptRunner::say(const QString &line)
{
    m_err->write("sockscope run: " + line.toUtf8() + '\n');
}

void ScriptRunner::start()
{
    if (!loadProfile()) {
        end(RunExit::BadArguments);
        return;
    }
    const QStringList refs = ProfileSecrets::refsWithoutValues({m_profile}, environmentSet());
    if (refs.isEmpty()) {
        connectToServer();
        return;
    }
    m_keychain = new SecretStore(this);
    connect(m_keychain, &SecretStore::valueRead, this, &ScriptRunner::onSecretRead);
    connect(m_keychain, &SecretStore::unavailable, this, [this](const QString &reason) {
        say(tr("no keychain (%1): secret values are empty.").arg(reason));
    });
    connect(m_keychain, &SecretStore::readFinished, this, &ScriptRunner::connectToServer);
    m_keychain->read(refs);
}

bool ScriptRunner::loadProfile()
{
    const QString path =
        m_plan.profilesFile.isEmpty() ? m_defaultProfilesFile : m_plan.profilesFile;
    const ProfileStore::LoadResult loaded = ProfileStore::load(path);
    QList<Profile> profiles = loaded.profiles;
    if (!loaded.ok && loaded.fileMissing && m_plan.profilesFile.isEmpty()) {
        profiles = {Profile::localEcho()}; // as the app starts without a file
    } else if (!loaded.ok) {
        say(loaded.error);
        return false;
    }
    const auto found = std::find_if(profiles.cbegin(), profiles.cend(),
                                    [this](const Profile &p) { return p.name == m_plan.profile; });
    if (found == profiles.cend()) {
        QStringList names;
        for (const Profile &p : profiles)
            names.append(QLatin1Char('"') + p.name + QLatin1Char('"'));
        const QString where =
            loaded.fileMissing
                ? tr("there is no profiles file at %1, so only the default").arg(path)
                : tr("in %1").arg(path);
        say(names.isEmpty()
                ? tr("no profile is named \"%1\": %2 has no profiles.").arg(m_plan.profile, path)
                : tr("no profile is named \"%1\" (%2); there are: %3.")
                      .arg(m_plan.profile, where, names.join(QStringLiteral(", "))));
        return false;
    }
    m_profile = *found;
    const QString environment =
        m_plan.environment.isEmpty() ? loaded.environments.active : m_plan.environment;
    if (environment.isEmpty())
        return true;
    for (const Environment &e : loaded.environments.environments) {
        if (e.name == environment)
            m_environment = e;
    }
    if (!m_environment)
        say(tr("no environment is named \"%1\" in %2.").arg(environment, path));
    return m_environment.has_value();
}

void ScriptRunner::onSecretRead(const QString &ref, const QString &value)
{
    QList<Profile> profiles{m_profile};
    EnvironmentSet environments = environmentSet();
    bool environmentFilled = false;
    ProfileSecrets::fill(profiles, environments, ref, value, &environmentFilled);
    m_profile = profiles.first();
    if (m_environment)
        m_environment = environments.environments.first();
}

/// The run's one environment as a set, the shape ProfileSecrets works on.
EnvironmentSet ScriptRunner::environmentSet() const
{
    EnvironmentSet set;
    if (m_environment)
        set.environments.append(*m_environment);
    return set;
}

void ScriptRunner::connectToServer()
{
    // Every --send is checked before anything is sent: an unknown variable ends the run.
    const VariableResolver resolver(m_environment ? &*m_environment : nullptr);
    for (const RunStep &step : std::as_const(m_plan.steps)) {
        if (step.kind != RunStep::Kind::SendText && step.kind != RunStep::Kind::Close)
            continue;
        const VariableResolver::Result r = resolver.resolve(step.text, step.argument);
        if (!r.unknown.isEmpty() || !r.withoutValue.isEmpty()) {
            say(r.error);
            end(RunExit::BadArguments);
            return;
        }
    }
    if (m_profile.builtInEchoServer) {
        m_echo = std::make_unique<EchoServer>();
        if (!m_echo->listen(0)) {
            say(tr("the built-in echo server cannot start: %1").arg(m_echo->errorString()));
            end(RunExit::Failed);
            return;
        }
        m_session->setBuiltInEchoUrl(m_echo->url());
    }
    m_session->setEnvironment(m_environment);
    if (!m_session->open(m_profile)) {
        m_session->log()->flush();
        end(RunExit::BadArguments); // refused before anything was sent; logged and said
    }
}

void ScriptRunner::onRowsInserted(int first, int last)
{
    const MessageLog *log = m_session->log();
    for (int row = first; row <= last; ++row) {
        const LogEventView e = log->view(row);
        m_out->write(LogExporter::jsonLine(e));
        if (e.direction == Direction::Received && e.kind == EventKind::Text)
            keepForExpect(QString::fromUtf8(e.payload.data(), e.payload.size()));
    }
    if (auto *file = qobject_cast<QFile *>(m_out))
        file->flush();
    if (m_waitingForExpect && expectMatched()) {
        m_waitingForExpect = false;
        m_stepTimer.stop();
        ++m_nextStep;
        runSteps();
    }
}

void ScriptRunner::onOpened()
{
    runSteps();
}

void ScriptRunner::runSteps()
{
    while (m_nextStep < m_plan.steps.size() && !m_ended && !m_interrupted) {
        const RunStep &step = m_plan.steps.at(m_nextStep);
        if (step.kind == RunStep::Kind::Wait) {
            disconnect(&m_stepTimer, nullptr, this, nullptr);
            connect(&m_stepTimer, &QTimer::timeout, this, [this] {
                ++m_nextStep;
                runSteps();
            });
            m_stepTimer.start(step.ms);
            return;
        }
        if (step.kind == RunStep::Kind::Expect) {
            m_session->log()->flush(); // what arrived is looked at first
            if (expectMatched()) {
                ++m_nextStep;
                continue;
            }
            m_waitingForExpect = true;
            disconnect(&m_stepTimer, nullptr, this, nullptr);
            connect(&m_stepTimer, &QTimer::timeout, this, &ScriptRunner::onExpectTimedOut);
            m_stepTimer.start(step.ms);
            return;
        }
        ++m_nextStep; // counted first: --stop ends the connection before it returns
        if (!runStep(step))
            return;
    }
}

void ScriptRunner::keepForExpect(const QString &text)
{
    const bool expectAhead =
        std::any_of(m_plan.steps.cbegin() + m_nextStep, m_plan.steps.cend(),
                    [](const RunStep &step) { return step.kind == RunStep::Kind::Expect; });
    if (!expectAhead)
        return; // nothing will look: a long run keeps nothing
    m_received.append(text);
    m_receivedChars += text.size();
    // The server decides how much arrives: only the newest are kept for the next --expect.
    qsizetype drop = 0;
    qint64 chars = m_receivedChars;
    while (drop < m_received.size() - 1 &&
           (m_received.size() - drop > MaxKeptMessages || chars > MaxKeptChars))
        chars -= m_received.at(drop++).size();
    eraseReceived(drop);
}

void ScriptRunner::eraseReceived(qsizetype count)
{
    for (qsizetype i = 0; i < count; ++i)
        m_receivedChars -= m_received.at(i).size();
    m_received.erase(m_received.begin(), m_received.begin() + count);
}

bool ScriptRunner::expectMatched()
{
    const RunStep &step = m_plan.steps.at(m_nextStep);
    for (qsizetype i = 0; i < m_received.size(); ++i) {
        if (step.pattern.match(m_received.at(i)).hasMatch()) {
            eraseReceived(i + 1); // the next --expect looks after this one
            return true;
        }
    }
    return false;
}

void ScriptRunner::onExpectTimedOut()
{
    m_waitingForExpect = false;
    say(tr("%1: no received text message matched within %2 ms.")
            .arg(m_plan.steps.at(m_nextStep).argument)
            .arg(m_plan.steps.at(m_nextStep).ms));
    m_failure = RunExit::ExpectTimedOut;
    m_closeAsked = true;
    m_session->close(1000, QString());
}

bool ScriptRunner::runStep(const RunStep &step)
{
    bool sent = true;
    switch (step.kind) {
    case RunStep::Kind::SendText: {
        const VariableResolver::Result r = m_session->resolveText(step.text, tr("--send"));
        sent = r.ok && m_session->sendText(r.text);
        if (!r.ok)
            say(r.error);
        break;
    }
    case RunStep::Kind::SendBinary:
        sent = m_session->sendBinary(step.bytes);
        break;
    case RunStep::Kind::SendFile: {
        QFile file(step.text);
        sent = file.open(QIODevice::ReadOnly) &&
               m_session->sendBinary(file.read(RunPlan::MaxFileBytes));
        break;
    }
    case RunStep::Kind::Ping:
        sent = m_session->ping(step.bytes);
        break;
    case RunStep::Kind::Close: {
        // The reason takes variables, as the tab's close reason does.
        const VariableResolver::Result reason = m_session->resolveText(step.text, tr("--reason"));
        m_closeAsked = true;
        const CloseCheck check = m_session->close(step.code, reason.text);
        sent = reason.ok && check.ok;
        if (!check.ok)
            say(check.problem);
        break;
    }
    case RunStep::Kind::Stop:
        m_session->stop();
        break;
    case RunStep::Kind::Expect:
    case RunStep::Kind::Wait:
        break;
    }
    if (sent)
        return true;
    say(tr("%1 could not be sent.").arg(step.argument));
    m_failure = RunExit::Failed;
    m_session->stop();
    return false;
}

void ScriptRunner::interrupt()
{
    if (m_ended)
        return;
    if (m_interrupted) { // a second Ctrl+C: no more waiting for the closing handshake
        say(tr("interrupted again: stopped, with no closing handshake."));
        m_session->stop();
        return;
    }
    m_interrupted = true;
    m_closeAsked = true;
    m_stepTimer.stop();
    say(tr("interrupted: closing with 1001 Going Away (Ctrl+C again stops at once)."));
    if (m_session->state() == WebSocketSession::State::Open)
        m_session->close(1001, QString());
    else if (m_session->state() != WebSocketSession::State::Closed)
        m_session->stop();
    else
        end(RunExit::Interrupted);
}

RunExit ScriptRunner::exitForEnd() const
{
    using Cause = WebSocketSession::EndCause;
    if (m_interrupted)
        return RunExit::Interrupted;
    if (m_failure)
        return *m_failure;
    const bool stepsDone = m_nextStep >= m_plan.steps.size();
    switch (m_session->endCause()) {
    case Cause::HandshakeFailed:
        return RunExit::HandshakeRefused;
    case Cause::DroppedWithoutCloseFrame:
    case Cause::DroppedForBacklog:
        return RunExit::ConnectionLost;
    case Cause::QtWebSocketsClosed:
        return RunExit::ProtocolError;
    case Cause::ClosedByServer:
        // A close frame this run did not ask for went out with another code than the
        // server's (an answer echoes it): QtWebSockets answered a protocol violation of
        // the server's (1007 for a close reason that is not UTF-8).
        if (!m_closeAsked && m_session->closeFrameSent() && m_session->closeFrameReceived() &&
            m_session->closeFrameSent()->code != m_session->closeFrameReceived()->code)
            return RunExit::ProtocolError;
        return stepsDone ? RunExit::Ok : RunExit::ServerClosedFirst;
    case Cause::ClosedByClient:
    case Cause::StoppedByUser:
    case Cause::AbandonedWhileConnecting:
        return stepsDone ? RunExit::Ok : RunExit::Failed;
    case Cause::None:
    case Cause::StillOpen:
        break;
    }
    return RunExit::Failed;
}

void ScriptRunner::onSessionFinished()
{
    m_session->log()->flush(); // the last rows, before the exit status
    m_stepTimer.stop();
    const RunExit exit = exitForEnd();
    if (exit == RunExit::ServerClosedFirst)
        say(tr("the server closed the connection (%1) with %2 steps still to run, the next "
               "being %3.")
                .arg(m_session->endText())
                .arg(m_plan.steps.size() - m_nextStep)
                .arg(m_plan.steps.at(m_nextStep).argument));
    end(exit);
}

void ScriptRunner::end(RunExit exit)
{
    if (m_ended)
        return;
    m_ended = true;
    Q_EMIT finished(int(exit));
}
