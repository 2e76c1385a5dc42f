#pragma once

#include "log/logfiltermodel.h"

#include <QWidget>

class FlowLayout;
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QTimer;

/// The log's filter bar: direction and kind, text (a substring, or a PCRE2 pattern
/// with Regex), Match case, and the filter status ("12 of 3,400 rows (8 ms)", the
/// scan's progress, or why a pattern is refused). It builds a LogFilter from its
/// fields and applies it to a LogFilterModel: at once for a switch, TypingDelayMs after
/// the last keystroke in the text (or at Enter).
class FilterBar final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FilterBar)
public:
    /// The pause after the last keystroke before the text applies, in ms.
    static constexpr int TypingDelayMs = 200;

    explicit FilterBar(LogFilterModel *model, QWidget *parent = nullptr);

    /// The filter the fields describe.
    LogFilter filter() const;
    /// Adds @p widget at the end of the bar's row (it wraps with the rest when narrow).
    void addToRow(QWidget *widget);
    /// Puts the cursor in the filter text, selected.
    void focusText();
    /// Shows only rows of @p direction (the log's "Show only … rows").
    void showOnlyDirection(Direction direction);
    /// Shows only rows of @p kind, or of the narrowest group of kinds that holds it.
    void showOnlyKind(EventKind kind);
    /// The filter text field is at least this many characters wide.
    static constexpr int MinTextChars = 16;

Q_SIGNALS:
    /// The model took a new filter (a refused pattern emits nothing).
    void filterApplied();

private:
    void buildKindFilter();
    void applyFilter();
    void onFilterProgress(qsizetype scanned, qsizetype total);
    void onFilterFinished(qint64 elapsedMs, qsizetype matches);

    LogFilterModel *m_model = nullptr;
    FlowLayout *m_row = nullptr;
    QComboBox *m_directionFilter = nullptr;
    QComboBox *m_kindFilter = nullptr;
    QLineEdit *m_textFilter = nullptr;
    QCheckBox *m_regexFilter = nullptr;
    QCheckBox *m_caseFilter = nullptr;
    QLabel *m_filterStatus = nullptr;
    QTimer *m_typingDelay = nullptr;
};
