#include "automation/runcommand.h"

#include "automation/scriptrunner.h"

#include <QCoreApplication>
#include <QFile>
#include <QSocketNotifier>

#include <csignal>
#include <unistd.h>

namespace {

int interruptPipe[2] = {-1, -1};

/// SIGINT's handler: only async-signal-safe work, a byte down the pipe (the self-pipe
/// trick); the event loop reads it through a QSocketNotifier.
extern "C" void onSigint(int)
{
    const char byte = 1;
    [[maybe_unused]] const ssize_t written = ::write(interruptPipe[1], &byte, 1);
}

/// Calls @p runner's interrupt() on each SIGINT while it lives.
class InterruptWatch
{
public:
    explicit InterruptWatch(ScriptRunner *runner)
    {
        if (::pipe(interruptPipe) != 0)
            return;
        m_notifier = std::make_unique<QSocketNotifier>(interruptPipe[0], QSocketNotifier::Read);
        QObject::connect(m_notifier.get(), &QSocketNotifier::activated, runner, [runner] {
            char byte = 0;
            [[maybe_unused]] const ssize_t read = ::read(interruptPipe[0], &byte, 1);
            runner->interrupt();
        });
        std::signal(SIGINT, onSigint);
    }
    ~InterruptWatch()
    {
        std::signal(SIGINT, SIG_DFL);
        m_notifier.reset();
        for (int &fd : interruptPipe) {
            if (fd >= 0)
                ::close(fd);
            fd = -1;
        }
    }
    InterruptWatch(const InterruptWatch &) = delete;
    InterruptWatch &operator=(const InterruptWatch &) = delete;

private:
    std::unique_ptr<QSocketNotifier> m_notifier;
};

} // namespace

int RunCommand::exec(const QStringList &arguments, const QString &defaultProfilesFile)
{
    QFile out;
    QFile err;
    if (!out.open(stdout, QIODevice::WriteOnly | QIODevice::Unbuffered) ||
        !err.open(stderr, QIODevice::WriteOnly | QIODevice::Unbuffered))
        return int(RunExit::Failed);
    QString problem;
    RunPlan plan = RunPlan::parse(arguments, &problem);
    if (plan.help) {
        out.write(RunPlan::helpText().toUtf8());
        return int(RunExit::Ok);
    }
    if (!problem.isEmpty()) {
        err.write("sockscope run: " + problem.toUtf8() + '\n');
        return int(RunExit::BadArguments);
    }
    ScriptRunner runner(std::move(plan), defaultProfilesFile, &out, &err);
    InterruptWatch watch(&runner);
    QObject::connect(&runner, &ScriptRunner::finished, qApp, &QCoreApplication::exit,
                     Qt::QueuedConnection);
    runner.start();
    return QCoreApplication::exec();
}
