#pragma once

#include "log/messagelog.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;

/// The selected log row in full: its text, its JSON pretty-printed (QJsonDocument), or a
/// hex dump (offset, hex, ASCII) of its bytes, with copy to the clipboard, and for a text
/// or binary message, Show frames (framesRequested()).
///
/// Large payloads are shown up to MaxShownBytes (the hex dump up to MaxHexBytes); Copy
/// always copies the whole payload, in the chosen form. QPlainTextEdit's wrapping costs
/// time that grows with the square of a line's length (a 256 KiB line: seconds), so a
/// text with a line over MaxWrappedLineChars is shown unwrapped (linear: 1 MiB in about
/// 0.2 s), and the summary says so.
class DetailPane final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DetailPane)
public:
    enum class Mode { Auto, Text, Json, Hex };
    static constexpr qsizetype MaxShownBytes = 1024 * 1024;
    static constexpr qsizetype MaxWrappedLineChars = 16 * 1024;
    static constexpr qsizetype MaxHexBytes = 256 * 1024;

    explicit DetailPane(QWidget *parent = nullptr);

    /// Shows @p event, or nothing when @p event is empty.
    void setEvent(const std::optional<LogEvent> &event);
    void setMode(Mode mode);
    /// Hides Show frames, for a log that has no frames (a recorded tab).
    void hideFramesButton();
    /// The mode in effect for the current event (Auto resolved).
    Mode effectiveMode() const { return m_effective; }
    QString shownText() const;
    /// Copies the current payload to the clipboard in the effective mode.
    void copy();

Q_SIGNALS:
    /// Show frames was pressed: the tab selects the shown message's frames.
    void framesRequested();

private:
    /// The longest line of @p text, in UTF-16 code units.
    static qsizetype longestLine(const QString &text);
    void render();
    QString fullText(Mode mode) const;

    std::optional<LogEvent> m_event;
    Mode m_effective = Mode::Text;
    QComboBox *m_mode = nullptr;
    QLabel *m_summary = nullptr;
    QPushButton *m_copy = nullptr;
    QPushButton *m_frames = nullptr;
    QPlainTextEdit *m_text = nullptr;
};
