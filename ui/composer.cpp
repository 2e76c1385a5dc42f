#include "composer.h"

#include "plaintext.h"

#include "messageedit.h"

#include <QComboBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLocale>
#include <QPushButton>

Composer::Composer(QWidget *parent) : QWidget(parent)
{
    m_format = new QComboBox(this);
    Accessibility::nameComboBox(m_format, tr("Message format"));
    m_format->addItem(tr("Text"), int(PayloadFormat::Text));
    m_format->addItem(tr("Hex"), int(PayloadFormat::Hex));
    m_format->addItem(tr("Base64"), int(PayloadFormat::Base64));
    m_format->setToolTip(tr("Text sends a text message; hex and base64 send a binary message"));
    m_message = new MessageEdit(this);
    m_message->setAccessibleName(tr("Message"));
    m_sendButton = new QPushButton(tr("Send"), this);
    m_sendButton->setAccessibleName(tr("Send"));
    m_fileButton = new QPushButton(tr("Send file…"), this);
    m_fileButton->setAccessibleName(tr("Send file"));
    m_fileButton->setToolTip(tr("Send a file's bytes as one binary message (at most %1)")
                                 .arg(QLocale().formattedDataSize(MaxFileBytes)));

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_format);
    layout->addWidget(m_message, 1);
    layout->addWidget(m_sendButton);
    layout->addWidget(m_fileButton);

    connect(m_message, &MessageEdit::textChanged, this, &Composer::edited);
    connect(m_format, &QComboBox::currentIndexChanged, this, &Composer::edited);
    connect(m_format, &QComboBox::currentIndexChanged, this, &Composer::showPlaceholder);
    connect(m_sendButton, &QPushButton::clicked, this, &Composer::sendRequested);
    connect(m_message, &MessageEdit::returnPressed, this, &Composer::sendRequested);
    connect(m_message, &MessageEdit::historyRequested, this, &Composer::recallHistory);
    connect(m_fileButton, &QPushButton::clicked, this, &Composer::chooseFileToSend);
    showPlaceholder();
}

QString Composer::text() const
{
    return m_message->text();
}

PayloadFormat Composer::format() const
{
    return PayloadFormat(m_format->currentData().toInt());
}

void Composer::load(const QString &text, PayloadFormat format)
{
    putInField(text, format);
    focusMessage();
}

void Composer::setSendEnabled(bool enabled)
{
    m_sendButton->setEnabled(enabled);
    m_fileButton->setEnabled(enabled);
}

void Composer::focusMessage()
{
    m_message->setFocus(Qt::OtherFocusReason);
}

void Composer::remember(const QString &text, PayloadFormat format)
{
    if (m_history.isEmpty() || m_history.constLast().text != text ||
        m_history.constLast().format != format)
        m_history.append({text, format});
    while (m_history.size() > MaxHistory)
        m_history.removeFirst();
    m_historyPos = int(m_history.size());
    m_draft.clear();
    m_message->clear();
}

void Composer::showPlaceholder()
{
    switch (format()) {
    case PayloadFormat::Text:
        m_message->setPlaceholderText(
            tr("Text message. Enter sends, Shift+Enter starts a new line, Up and Down recall "
               "earlier messages."));
        break;
    case PayloadFormat::Hex:
        m_message->setPlaceholderText(
            tr("Hex bytes, e.g. 48 65 6c 6c 6f or 0x48,0x65. Enter sends; Shift+Enter starts a "
               "new line."));
        break;
    case PayloadFormat::Base64:
        m_message->setPlaceholderText(
            tr("Base64 or base64url, e.g. SGVsbG8=. Enter sends; Shift+Enter starts a new "
               "line."));
        break;
    }
}

void Composer::chooseFileToSend()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Send file as a binary message"));
    if (!path.isEmpty())
        Q_EMIT sendFileRequested(path);
}

void Composer::recallHistory(int step)
{
    if (m_history.isEmpty())
        return;
    if (m_historyPos == m_history.size())
        m_draft = m_message->text();
    const int pos = qBound(0, m_historyPos + step, int(m_history.size()));
    if (pos == m_historyPos)
        return;
    m_historyPos = pos;
    if (pos == m_history.size()) {
        m_message->setText(m_draft);
        return;
    }
    const HistoryEntry &entry = m_history.at(pos);
    putInField(entry.text, entry.format);
}

void Composer::putInField(const QString &text, PayloadFormat format)
{
    m_format->setCurrentIndex(m_format->findData(int(format)));
    m_message->setText(text);
}
