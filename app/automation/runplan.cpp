#include "automation/runplan.h"

#include "log/payloadcodec.h"
#include "protocol/closecodecatalogue.h"

#include <QFileInfo>

namespace {

/// Reads the words after "run" one at a time; each read that fails sets the error.
class Reader
{
public:
    explicit Reader(const QStringList &words) : m_words(words) {}

    bool atEnd() const { return m_next >= m_words.size(); }
    QString peek() const { return atEnd() ? QString() : m_words.at(m_next); }
    QString take() { return m_words.at(m_next++); }
    /// The value after option @p option, or nullopt with @p error set.
    std::optional<QString> value(const QString &option, QString *error)
    {
        if (atEnd()) {
            *error = RunPlan::tr("%1 needs a value.").arg(option);
            return std::nullopt;
        }
        return take();
    }

private:
    const QStringList &m_words;
    qsizetype m_next = 0;
};

/// @p text as a count of ms from 0 to RunPlan::MaxWaitMs, or -1 with @p error set.
int milliseconds(const QString &option, const QString &text, QString *error)
{
    bool ok = false;
    const qint64 ms = text.toLongLong(&ok);
    if (!ok || ms < 0 || ms > RunPlan::MaxWaitMs) {
        *error = RunPlan::tr("%1 takes a time in ms from 0 to %2, not \"%3\".")
                     .arg(option)
                     .arg(RunPlan::MaxWaitMs)
                     .arg(text);
        return -1;
    }
    return int(ms);
}

bool readBytes(RunStep &step, PayloadFormat format, const QString &text, QString *error)
{
    const ParsedPayload parsed = PayloadCodec::parse(format, text);
    if (!parsed.ok()) {
        *error = RunPlan::tr("%1: %2").arg(step.argument, parsed.error);
        return false;
    }
    step.bytes = parsed.bytes;
    return true;
}

bool checkFile(const RunStep &step, QString *error)
{
    const QFileInfo file(step.text);
    if (!file.isFile() || !file.isReadable())
        *error = RunPlan::tr("--send-file: %1 is not a readable file.").arg(step.text);
    else if (file.size() > RunPlan::MaxFileBytes)
        *error = RunPlan::tr("--send-file: %1 is larger than %2 bytes.")
                     .arg(step.text)
                     .arg(RunPlan::MaxFileBytes);
    return error->isEmpty();
}

/// Reads the step that starts with @p option (already taken), and its values.
bool readStep(Reader &in, const QString &option, RunStep &step, QString *error)
{
    using Kind = RunStep::Kind;
    step.argument = option;
    const auto value = [&]() -> std::optional<QString> {
        std::optional<QString> v = in.value(option, error);
        if (v)
            step.argument += QLatin1Char(' ') + *v;
        return v;
    };
    std::optional<QString> v;
    if (option == QLatin1String("--send") && (v = value())) {
        step.kind = Kind::SendText;
        step.text = *v;
    } else if (option == QLatin1String("--send-hex") && (v = value())) {
        step.kind = Kind::SendBinary;
        return readBytes(step, PayloadFormat::Hex, *v, error);
    } else if (option == QLatin1String("--send-base64") && (v = value())) {
        step.kind = Kind::SendBinary;
        return readBytes(step, PayloadFormat::Base64, *v, error);
    } else if (option == QLatin1String("--send-file") && (v = value())) {
        step.kind = Kind::SendFile;
        step.text = *v;
        return checkFile(step, error);
    } else if (option == QLatin1String("--expect") && (v = value())) {
        step.kind = Kind::Expect;
        step.pattern = QRegularExpression(*v);
        if (!step.pattern.isValid()) {
            *error = RunPlan::tr("--expect %1: not a regular expression: %2.")
                         .arg(*v, step.pattern.errorString());
            return false;
        }
        step.ms = RunPlan::DefaultExpectTimeoutMs;
        if (in.peek() == QLatin1String("--timeout")) {
            in.take();
            const std::optional<QString> t = in.value(QStringLiteral("--timeout"), error);
            return t && (step.ms = milliseconds(QStringLiteral("--timeout"), *t, error)) >= 0;
        }
    } else if (option == QLatin1String("--wait") && (v = value())) {
        step.kind = Kind::Wait;
        return (step.ms = milliseconds(option, *v, error)) >= 0;
    } else if (option == QLatin1String("--ping")) {
        step.kind = Kind::Ping;
        if (!in.atEnd() && !in.peek().startsWith(QLatin1String("--")))
            step.bytes = value()->toUtf8();
        if (step.bytes.size() > 125) {
            *error = RunPlan::tr("--ping: the payload is %1 bytes; a ping carries at most 125 "
                                 "(RFC 6455 5.5).")
                         .arg(step.bytes.size());
            return false;
        }
    } else if (option == QLatin1String("--close") && (v = value())) {
        step.kind = Kind::Close;
        bool ok = false;
        step.code = v->toInt(&ok);
        if (!ok) {
            *error = RunPlan::tr("--close takes a status code (a number), not \"%1\".").arg(*v);
            return false;
        }
        if (in.peek() == QLatin1String("--reason")) {
            in.take();
            const std::optional<QString> reason = in.value(QStringLiteral("--reason"), error);
            if (!reason)
                return false;
            step.text = *reason;
        }
        const CloseCheck check = CloseCodeCatalogue::check(step.code, step.text);
        if (!check.ok) {
            *error = RunPlan::tr("--close %1: %2").arg(*v, check.problem);
            return false;
        }
    } else if (option == QLatin1String("--stop")) {
        step.kind = Kind::Stop;
    } else if (error->isEmpty()) {
        *error = RunPlan::tr("%1 is not a step; see sockscope run --help.").arg(option);
        if (option == QLatin1String("--profiles") || option == QLatin1String("--environment"))
            *error = RunPlan::tr("%1 goes before the profile's name: sockscope run [--profiles "
                                 "FILE] [--environment NAME] PROFILE [STEP]...")
                         .arg(option);
        else if (option == QLatin1String("--timeout"))
            *error = RunPlan::tr("--timeout belongs right after an --expect REGEX, once.");
        else if (option == QLatin1String("--reason"))
            *error = RunPlan::tr("--reason belongs right after a --close CODE, once.");
    }
    return error->isEmpty();
}

} // namespace

bool RunPlan::endsConnection() const
{
    return !steps.isEmpty() &&
           (steps.last().kind == RunStep::Kind::Close || steps.last().kind == RunStep::Kind::Stop);
}

RunPlan RunPlan::parse(const QStringList &arguments, QString *error)
{
    RunPlan plan;
    error->clear();
    Reader in(arguments);
    // The options, then the profile's name, then the steps.
    while (!in.atEnd() && plan.profile.isNull()) {
        const QString word = in.take();
        std::optional<QString> v;
        if (word == QLatin1String("-h") || word == QLatin1String("--help")) {
            plan.help = true;
            return plan;
        }
        if (word == QLatin1String("--profiles") && (v = in.value(word, error)))
            plan.profilesFile = *v;
        else if (word == QLatin1String("--environment") && (v = in.value(word, error)))
            plan.environment = *v;
        else if (!error->isEmpty())
            return plan;
        else if (word.startsWith(QLatin1String("--")))
            *error =
                tr("%1 is not an option of sockscope run; see sockscope run --help.").arg(word);
        else
            plan.profile = word;
        if (!error->isEmpty())
            return plan;
    }
    if (plan.profile.isEmpty()) {
        *error = tr("Name the profile to run; see sockscope run --help.");
        return plan;
    }
    while (!in.atEnd()) {
        if (plan.endsConnection()) {
            *error = tr("%1 comes after %2, so it would never run.")
                         .arg(in.peek(), plan.steps.last().argument);
            return plan;
        }
        RunStep step;
        if (!readStep(in, in.take(), step, error))
            return plan;
        plan.steps.append(step);
    }
    return plan;
}

QString RunPlan::helpText()
{
    return tr(R"(Usage: sockscope run [--profiles FILE] [--environment NAME] PROFILE [STEP]...

Connects with the profile named PROFILE, without a window, runs the steps in order once
the opening handshake completes, and prints one JSON line per log row to standard
output, in the format of an exported log (flushed per row). Diagnostics go to standard
error, each line starting "sockscope run:". Without --close or --stop, it runs until the
server closes the connection, or until Ctrl+C, which closes it with 1001 Going Away (a
second Ctrl+C stops at once). The profiles file is only read; secret values come from
the OS keychain.

Options:
  --profiles FILE       the profiles file (default: the one the app autosaves)
  --environment NAME    the environment for {{variables}} (default: the file's active one)

Steps (nothing may follow --close or --stop):
  --send TEXT           a text message; {{variables}} are substituted when it is sent
  --send-hex HEX        a binary message: hex digits, spaces allowed
  --send-base64 B64     a binary message: base64 or base64url
  --send-file PATH      a binary message: the file's bytes (at most 64 MiB)
  --expect REGEX [--timeout MS]
                        wait for a received text message that matches (default 10000 ms);
                        each --expect looks at the messages after the last one matched, as
                        the log shows them (a secret's value as •••)
  --wait MS             wait
  --ping [PAYLOAD]      a ping, with at most 125 bytes of payload
  --close CODE [--reason TEXT]
                        the closing handshake with this status code and reason ({{variables}}
                        substituted), checked against RFC 6455's rules before anything connects
  --stop                drop the connection at once, with no closing handshake

Exit status:
  0    every step succeeded and the connection ended as the steps asked
  1    another failure (a message could not be sent)
  2    bad arguments, or a profile, environment or file that cannot be used;
       nothing was sent
  3    the opening handshake was refused or failed
  4    the connection was lost without a close frame (1006)
  5    an --expect timed out (the connection is then closed with 1000)
  6    the server closed the connection while steps were still to run
  7    QtWebSockets failed the connection for a protocol violation
  130  interrupted by Ctrl+C
)");
}
