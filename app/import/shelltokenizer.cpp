#include "import/shelltokenizer.h"

namespace {

bool isBlank(QChar c)
{
    return c == QLatin1Char(' ') || c == QLatin1Char('\t') || c == QLatin1Char('\n') ||
           c == QLatin1Char('\r');
}

/// XCU 2.4 control and redirection operators start with one of these.
bool isOperator(QChar c)
{
    return QStringView(u"|&;<>()").contains(c);
}

/// The state of one split: the text, where the scan is, the word being built.
class Splitter
{
public:
    explicit Splitter(const QString &text) : s(text) {}

    bool run(QList<ShellToken> *out, ImportError *error);

private:
    bool fail(qsizetype at, const QString &problem)
    {
        err = ImportError{ShellTokenizer::place(s, at), problem};
        return false;
    }
    void startWord()
    {
        if (!inWord)
            word = ShellToken{QString(), i, false};
        inWord = true;
    }
    bool endWord(QList<ShellToken> *out);
    /// At a backslash outside quotes; false on error.
    bool backslash();
    /// At an opening quote; false on error.
    bool singleQuoted();
    bool doubleQuoted();
    /// The length of a line continuation (backslash-newline) at @p at, or 0.
    qsizetype continuationAt(qsizetype at) const
    {
        if (at + 1 < s.size() && s.at(at + 1) == QLatin1Char('\n'))
            return 2;
        if (at + 2 < s.size() && s.at(at + 1) == QLatin1Char('\r') &&
            s.at(at + 2) == QLatin1Char('\n'))
            return 3;
        return 0;
    }

    const QString &s;
    qsizetype i = 0;
    ShellToken word;
    bool inWord = false;

public:
    ImportError err;
};

bool Splitter::endWord(QList<ShellToken> *out)
{
    if (!inWord)
        return true;
    inWord = false;
    if (out->size() >= ShellTokenizer::MaxTokens)
        return fail(word.offset, ShellTokenizer::tr("more than %1 words; this is not one command")
                                     .arg(ShellTokenizer::MaxTokens));
    out->append(std::move(word));
    return true;
}

bool Splitter::backslash()
{
    if (const qsizetype n = continuationAt(i)) {
        i += n; // XCU 2.2.1: backslash-newline is removed, the word goes on
        return true;
    }
    if (i + 1 >= s.size())
        return fail(i, ShellTokenizer::tr("the command line ends with a backslash"));
    startWord();
    word.text.append(s.at(i + 1));
    i += 2;
    return true;
}

bool Splitter::singleQuoted()
{
    const qsizetype close = s.indexOf(QLatin1Char('\''), i + 1);
    if (close < 0)
        return fail(i, ShellTokenizer::tr("this single quote is never closed"));
    startWord();
    word.text.append(QStringView(s).sliced(i + 1, close - i - 1));
    i = close + 1;
    return true;
}

bool Splitter::doubleQuoted()
{
    const qsizetype open = i;
    startWord();
    for (qsizetype j = i + 1; j < s.size(); ++j) {
        const QChar c = s.at(j);
        if (c == QLatin1Char('"')) {
            i = j + 1;
            return true;
        }
        if (c == QLatin1Char('\\')) {
            if (const qsizetype n = continuationAt(j)) {
                j += n - 1;
                continue;
            }
            // XCU 2.2.3: inside double quotes a backslash escapes only these.
            if (j + 1 < s.size() && QStringView(u"$`\"\\").contains(s.at(j + 1))) {
                word.text.append(s.at(j + 1));
                ++j;
                continue;
            }
        }
        if (c == QLatin1Char('$') || c == QLatin1Char('`'))
            word.hasExpansion = true;
        word.text.append(c);
    }
    return fail(open, ShellTokenizer::tr("this double quote is never closed"));
}

bool Splitter::run(QList<ShellToken> *out, ImportError *error)
{
    bool ok = true;
    while (ok && i < s.size()) {
        const QChar c = s.at(i);
        if (c == QLatin1Char('\\')) {
            ok = backslash();
        } else if (isBlank(c)) {
            ok = endWord(out);
            ++i;
        } else if (c == QLatin1Char('#') && !inWord) {
            const qsizetype end = s.indexOf(QLatin1Char('\n'), i);
            i = end < 0 ? s.size() : end;
        } else if (c == QLatin1Char('\'')) {
            ok = singleQuoted();
        } else if (c == QLatin1Char('"')) {
            ok = doubleQuoted();
        } else if (c == QLatin1Char('$') && i + 1 < s.size() && s.at(i + 1) == QLatin1Char('\'')) {
            ok = fail(i, ShellTokenizer::tr("$'...' quoting is a bash extension Sockscope does "
                                            "not read; write the value in single quotes"));
        } else if (isOperator(c)) {
            ok = fail(i, ShellTokenizer::tr("\"%1\" is a shell operator; paste a single command "
                                            "(no pipe, list or redirection), and quote a URL "
                                            "holding it")
                             .arg(c));
        } else {
            startWord();
            if (c == QLatin1Char('$') || c == QLatin1Char('`'))
                word.hasExpansion = true;
            word.text.append(c);
            ++i;
        }
    }
    if (ok)
        ok = endWord(out);
    if (!ok) {
        out->clear();
        *error = err;
    }
    return ok;
}

} // namespace

QString ShellTokenizer::place(const QString &text, qsizetype offset)
{
    const QStringView before = QStringView(text).first(qBound<qsizetype>(0, offset, text.size()));
    const qsizetype lineStart = before.lastIndexOf(QLatin1Char('\n')) + 1;
    return tr("line %1, column %2")
        .arg(before.count(QLatin1Char('\n')) + 1)
        .arg(offset - lineStart + 1);
}

QList<ShellToken> ShellTokenizer::split(const QString &text, ImportError *error)
{
    *error = ImportError();
    // A UTF-16 code unit is at least one UTF-8 byte: a long text is refused uncounted.
    if (text.size() > MaxInputBytes || text.toUtf8().size() > MaxInputBytes) {
        *error = ImportError{
            QString(), tr("the command line is longer than %1 KiB").arg(MaxInputBytes / 1024)};
        return {};
    }
    QList<ShellToken> tokens;
    Splitter splitter(text);
    if (!splitter.run(&tokens, error))
        return {};
    if (tokens.isEmpty())
        *error = ImportError{QString(), tr("the command line is empty")};
    return tokens;
}
