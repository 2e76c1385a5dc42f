#pragma once
// Answers the secret dialogs (SecretDialog: a client key's passphrase, a proxy's
// password) that open while it lives, as a person would: types the answer, leaves or
// changes "Remember in the OS keychain", and clicks OK; or cancels.

#include "secretdialog.h"

#include <QApplication>
#include <QCheckBox>
#include <QDialogButtonBox>
#include <QLineEdit>
#include <QPushButton>
#include <QStringList>
#include <QTest>
#include <QTimer>

#include <optional>

class SecretDialogAnswerer
{
public:
    /// Types @p reply and accepts, or cancels when @p reply is null. @p remember: the
    /// box's state to set, or as the dialog offers it.
    explicit SecretDialogAnswerer(const QString &reply, std::optional<bool> remember = {})
        : SecretDialogAnswerer(QStringList{reply}, remember)
    {}
    /// Gives @p replies in turn, one per dialog; the last one again after that.
    explicit SecretDialogAnswerer(const QStringList &replies, std::optional<bool> remember = {})
        : m_replies(replies), m_remember(remember)
    {
        m_timer.setInterval(20);
        QObject::connect(&m_timer, &QTimer::timeout, [this] { this->answer(); });
        m_timer.start();
    }
    int asked = 0;
    QStringList questions;
    /// The "Remember" box as each dialog offered it: enabled, and ticked.
    QList<bool> rememberOffered;
    QList<bool> rememberTicked;

private:
    void answer()
    {
        auto *dialog = qobject_cast<SecretDialog *>(QApplication::activeModalWidget());
        if (!dialog || !dialog->isVisible())
            return;
        ++asked;
        questions.append(dialog->question());
        auto *field = dialog->findChild<QLineEdit *>();
        auto *box = dialog->findChild<QCheckBox *>();
        QVERIFY(field && box);
        QCOMPARE(field->echoMode(), QLineEdit::Password);
        rememberOffered.append(box->isEnabled());
        rememberTicked.append(box->isChecked());
        auto *buttons = dialog->findChild<QDialogButtonBox *>();
        QVERIFY(buttons);
        const QString answer = m_replies.value(qMin(asked, int(m_replies.size())) - 1);
        if (answer.isNull()) {
            QTest::mouseClick(buttons->button(QDialogButtonBox::Cancel), Qt::LeftButton);
            return;
        }
        field->insert(answer); // as typed (QTest::keyClicks takes ASCII only)
        if (m_remember && box->isChecked() != *m_remember) {
            QTest::keyClick(box, Qt::Key_Space); // as with the keyboard
            QCOMPARE(box->isChecked(), *m_remember);
        }
        QTest::mouseClick(buttons->button(QDialogButtonBox::Ok), Qt::LeftButton);
    }
    QStringList m_replies;
    std::optional<bool> m_remember;
    QTimer m_timer;
};
