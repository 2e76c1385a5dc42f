#include "secretdialog.h"

#include "plaintext.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

SecretDialog::SecretDialog(const QString &title, const QString &question, bool canRemember,
                           QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(title);
    setAccessibleName(title);
    m_question = PlainText::label(this, question);
    m_question->setWordWrap(true);
    m_value = new QLineEdit(this);
    m_value->setEchoMode(QLineEdit::Password);
    m_value->setAccessibleName(title);
    m_question->setBuddy(m_value);
    m_remember = new QCheckBox(tr("&Remember in the OS keychain"), this);
    m_remember->setAccessibleName(tr("Remember in the OS keychain"));
    m_remember->setChecked(canRemember);
    m_remember->setEnabled(canRemember);
    m_remember->setToolTip(canRemember
                               ? tr("Kept in the OS keychain, never in the profiles file. "
                                    "Untick to be asked again after Sockscope quits.")
                               : tr("No keychain answered: the value is kept until Sockscope "
                                    "quits, and never saved."));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setAccessibleName(tr("OK"));
    buttons->button(QDialogButtonBox::Cancel)->setAccessibleName(tr("Cancel"));

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_question);
    layout->addWidget(m_value);
    layout->addWidget(m_remember);
    if (!canRemember) {
        auto *note = PlainText::label(this, m_remember->toolTip());
        note->setWordWrap(true);
        layout->addWidget(note);
    }
    layout->addWidget(buttons);
    resize(440, sizeHint().height());

    // An empty answer is no answer: it would open nothing, and Remember would keep it.
    QPushButton *ok = buttons->button(QDialogButtonBox::Ok);
    ok->setEnabled(false);
    connect(m_value, &QLineEdit::textChanged, ok,
            [ok](const QString &text) { ok->setEnabled(!text.isEmpty()); });
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

QString SecretDialog::question() const
{
    return m_question->text();
}

QString SecretDialog::value() const
{
    return m_value->text();
}

void SecretDialog::setValue(const QString &value)
{
    m_value->setText(value);
}

bool SecretDialog::remember() const
{
    return m_remember->isEnabled() && m_remember->isChecked();
}

void SecretDialog::setRemember(bool remember)
{
    m_remember->setChecked(remember);
}
