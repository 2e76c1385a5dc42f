#include "bench_variables.h"

#include "benchsupport.h"
#include "profiles/variables.h"

#include <QElapsedTimer>

namespace {

/// Nanoseconds per call of @p f, over @p reps calls.
template <typename F> double nsPerCall(int reps, F f)
{
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < reps; ++i)
        f();
    return double(timer.nsecsElapsed()) / reps;
}

void measure(const VariableResolver &resolver, qsizetype chars, bool withReference, int reps)
{
    QString text(chars, QLatin1Char('a'));
    if (withReference)
        text.replace(0, 8, QStringLiteral("{{user}}"));
    qsizetype sink = 0;
    const double baseline = nsPerCall(reps, [&] { sink += text.toUtf8().size(); });
    const double resolved = nsPerCall(
        reps, [&] { sink += resolver.resolve(text, QStringLiteral("the message")).text.size(); });
    const QString what =
        QStringLiteral("resolve %1 %2, ns per message")
            .arg(chars >= 1024 * 1024 ? QStringLiteral("%1 MiB").arg(chars >> 20)
                                      : QStringLiteral("%1 B").arg(chars),
                 withReference ? QStringLiteral("with {{user}}") : QStringLiteral("plain"));
    report(what, num(resolved), num(baseline) + QStringLiteral(" (toUtf8)"),
           num(resolved / baseline, 2), QStringLiteral("informative"), sink > 0);
}

} // namespace

void runVariableBenchmarks(bool smoke)
{
    const Environment environment{QStringLiteral("bench"),
                                  {Variable(QStringLiteral("user"), QStringLiteral("alice"))}};
    const VariableResolver resolver(&environment);
    for (bool withReference : {false, true}) {
        measure(resolver, 64, withReference, smoke ? 1000 : 200000);
        measure(resolver, qsizetype(16) << 20, withReference, smoke ? 1 : 20);
    }
}
