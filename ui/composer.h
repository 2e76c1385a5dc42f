#pragma once

#include "log/payloadcodec.h"

#include <QList>
#include <QWidget>

class QComboBox;
class MessageEdit;
class QPushButton;

/// The message composer of a tab: the format (text, hex or base64), the message
/// field (MessageEdit: several lines, monospace; Enter sends, Shift+Enter starts a new
/// line), Send and Send file…. The field's placeholder says what the format takes and
/// which keys do what; Up on its first line and Down on its last recall what was sent
/// before (at most MaxHistory entries, format included), and Down past the newest
/// brings back what was being typed.
/// It asks (signals); the tab parses, sends and calls remember().
class Composer final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Composer)
public:
    /// History entries kept.
    static constexpr int MaxHistory = 200;
    /// Largest file Send file… sends, in bytes.
    static constexpr qint64 MaxFileBytes = 64 * 1024 * 1024;

    explicit Composer(QWidget *parent = nullptr);

    QString text() const;
    PayloadFormat format() const;
    /// Puts @p text in @p format in the field (a snippet chosen) and focuses it.
    void load(const QString &text, PayloadFormat format);
    /// Send and Send file work only while the connection is open.
    void setSendEnabled(bool enabled);
    void focusMessage();
    /// @p text in @p format was sent: it becomes the newest history entry (unless it
    /// is the newest already), browsing ends and the field is emptied.
    void remember(const QString &text, PayloadFormat format);

Q_SIGNALS:
    /// Send was clicked or Enter pressed in the field.
    void sendRequested();
    /// The user chose @p path in the Send file… dialog.
    void sendFileRequested(const QString &path);
    /// The text or the format changed: a refusal of the old text is stale.
    void edited();

private:
    void showPlaceholder();
    void chooseFileToSend();
    /// Moves @p step entries through the history (-1 older, +1 newer).
    void recallHistory(int step);
    void putInField(const QString &text, PayloadFormat format);

    QComboBox *m_format = nullptr;
    MessageEdit *m_message = nullptr;
    QPushButton *m_sendButton = nullptr;
    QPushButton *m_fileButton = nullptr;

    struct HistoryEntry
    {
        QString text;
        PayloadFormat format;
    };
    QList<HistoryEntry> m_history;
    int m_historyPos = 0; ///< == m_history.size() when not browsing.
    QString m_draft;      ///< What was typed before browsing history.
};
