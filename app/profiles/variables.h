#pragma once

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

/// One variable of an environment: `{{name}}` in a template becomes its value.
struct Variable
{
    Variable() = default;
    Variable(QString name, QString value, bool secret = false, QString secretRef = {})
        : name(std::move(name)), value(std::move(value)), secret(secret),
          secretRef(std::move(secretRef))
    {}
    QString name;  ///< A variable name (VariableResolver::isValidName).
    QString value; ///< Substituted as it is: never scanned for `{{…}}` again.
    /// Kept in the OS keychain, not in the profiles file, and shown as
    /// VariableResolver::Redacted in the log and exports.
    bool secret = false;
    QString secretRef; ///< The keychain entry of a secret's value; ProfileModel assigns it.
    friend bool operator==(const Variable &a, const Variable &b)
    {
        return a.name == b.name && a.value == b.value && a.secret == b.secret &&
               a.secretRef == b.secretRef;
    }
    /// Whether a variable called @p name is proposed as secret: its name holds "token",
    /// "secret", "password" or "key", case-insensitively.
    static bool proposedSecret(QStringView name);
};

/// A named table of variables, such as `local`, `staging` or `prod`: the same profiles
/// against another server (the way Postman, Insomnia and Bruno use environments).
struct Environment
{
    QString name;              ///< Unique in its set, non-empty, trimmed.
    QList<Variable> variables; ///< Names unique; in the order the user gave them.
    /// The variable called @p name, or null.
    const Variable *find(QStringView name) const;
    friend bool operator==(const Environment &a, const Environment &b)
    {
        return a.name == b.name && a.variables == b.variables;
    }
};

/// Substitutes `{{name}}` references in a template: in a URL, a header name or value, a
/// subprotocol, a composer message, a snippet or a close reason.
///
/// - A reference is `{{`, optional spaces, a name, optional spaces, `}}`. A name is a
///   letter or `_`, then letters, digits, `_`, `-` or `.`; `$` before it names a built-in
///   dynamic variable. Any other `{{` is text, so JSON such as `[{{"a":1}}]` is sent as
///   it is typed.
/// - Built-in dynamic variables, evaluated at each use: `{{$timestamp}}` (ms since the
///   Unix epoch, UTC), `{{$isoTimestamp}}` (ISO 8601 UTC with ms, e.g.
///   `2026-12-03T12:00:00.000Z`), `{{$uuid}}` (QUuid::createUuid, without braces) and
///   `{{$randomInt}}` (0-1000, QRandomGenerator::global). One resolve() reads the clock
///   once, so its `$timestamp` and `$isoTimestamp` agree.
/// - Substitution is one pass: a value is never scanned again, so variables cannot
///   refer to each other or loop.
/// - A reference to a variable that is not defined is an error naming it and the place
///   it was used; nothing is substituted then, and the caller sends nothing.
class VariableResolver
{
    Q_DECLARE_TR_FUNCTIONS(VariableResolver)
public:
    /// What a secret's value is shown as in the log, exports and the editor's preview.
    static constexpr QStringView Redacted = u"\u2022\u2022\u2022";
    /// The longest text a resolve() produces by default, in UTF-16 code units (256 Mi,
    /// the largest message QtWebSockets 6.4 takes): a value used many times is bounded.
    static constexpr qsizetype DefaultMaxResultChars = qsizetype(256) * 1024 * 1024;

    struct Result
    {
        bool ok = false;
        QString text;        ///< The template with every reference substituted.
        QString redacted;    ///< The same, with each secret's value as Redacted: for the log.
        QStringList unknown; ///< Names that are not defined, in order of first use.
        /// Secret variables with no value in this run (the file never holds one).
        QStringList withoutValue;
        QString error;           ///< Empty when ok; otherwise one sentence naming the place.
        bool usedSecret = false; ///< A secret variable was substituted.
    };

    /// Resolves against @p environment (null: no environment, only built-ins). The
    /// environment must outlive the resolver.
    explicit VariableResolver(const Environment *environment = nullptr);

    /// Substitutes every reference in @p text. @p where names the place for errors,
    /// in words that follow "in", such as "the URL" or "header Authorization".
    Result resolve(QStringView text, const QString &where) const;
    /// Bounds what resolve() produces to @p chars UTF-16 code units (at least 1); past
    /// it, resolve() fails with an error naming the place.
    void setMaxResultChars(qsizetype chars) { m_maxChars = qMax<qsizetype>(1, chars); }
    qsizetype maxResultChars() const { return m_maxChars; }
    /// Whether @p text holds at least one reference (what resolve() would substitute).
    static bool hasReferences(QStringView text);
    /// Whether @p text is one or more references and nothing else ("{{a}}{{ $uuid }}").
    static bool isOnlyReferences(QStringView text);
    /// Whether @p name can be a user variable's name (no `$`, which built-ins own).
    static bool isValidName(QStringView name);
    /// The built-in dynamic variables' names, with their `$`.
    static QStringList builtInNames();

private:
    Result tooLong(const QString &where) const;
    Result refused(Result r, const QString &where) const;

    const Environment *m_environment;
    qsizetype m_maxChars = DefaultMaxResultChars;
};

/// A profile set's environments and the active one (profiles file version 2).
struct EnvironmentSet
{
    QList<Environment> environments; ///< Names unique, in the user's order.
    QString active;                  ///< The active environment's name; empty = none.
    /// The active environment, or null when none is active.
    const Environment *activeEnvironment() const;
    friend bool operator==(const EnvironmentSet &a, const EnvironmentSet &b)
    {
        return a.environments == b.environments && a.active == b.active;
    }
};
