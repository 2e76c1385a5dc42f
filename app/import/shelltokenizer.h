#pragma once

#include "import/recordedlog.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

/// One word of a command line, after quote removal.
struct ShellToken
{
    QString text;
    qsizetype offset = 0; ///< Where the word starts in the input, in UTF-16 code units.
    /// The word held an unquoted or double-quoted `$` or a backquote, which a shell
    /// would expand; it is kept as written.
    bool hasExpansion = false;
};

/// Splits a pasted command line into words the way a POSIX shell does (POSIX.1-2017
/// XCU 2.2 "Quoting" and 2.3 "Token Recognition"), without running anything:
/// - blanks (space, tab, newline) separate words; `#` at the start of a word begins a
///   comment up to the end of the line;
/// - a backslash outside quotes keeps the next character as it is; backslash-newline
///   (also backslash-CR-LF, as pasted from Windows docs) joins lines (2.2.1);
/// - 'single quotes' keep everything up to the next single quote (2.2.2);
/// - "double quotes" keep everything, a backslash escaping only $ ` " \ and newline
///   (2.2.3);
/// - `$VAR`, `$(...)` and backquotes are not expanded: they stay as written and the
///   word is marked hasExpansion.
/// Refused, with the place (line and column, from 1) and the problem: an unterminated
/// quote, a trailing backslash, ANSI-C quoting `$'...'` (a bash extension), and the
/// operators | & ; < > ( ) (a pipeline or a list is more than one command).
/// Bounds: MaxInputBytes of UTF-8 input, MaxTokens words.
class ShellTokenizer
{
    Q_DECLARE_TR_FUNCTIONS(ShellTokenizer)
public:
    static constexpr qsizetype MaxInputBytes = 64 * 1024;
    static constexpr qsizetype MaxTokens = 1000;

    /// The words of @p text, or an empty list with @p error set (error may also be set
    /// for an empty input: "the command line is empty").
    static QList<ShellToken> split(const QString &text, ImportError *error);
    /// "line 2, column 5" for @p offset in @p text (both from 1).
    static QString place(const QString &text, qsizetype offset);
};
