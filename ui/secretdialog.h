#pragma once

#include <QDialog>

class QCheckBox;
class QLabel;
class QLineEdit;

/// Asks for one secret a connection needs, a client key's passphrase or a proxy's
/// password: a password field (QLineEdit::Password, so the value is never shown; OK stays
/// disabled while it is empty) and
/// "Remember in the OS keychain", ticked by default when a keychain is there. Without
/// one, the box is off and disabled, and the dialog says the value is kept until
/// Sockscope quits.
class SecretDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SecretDialog)
public:
    /// @p title: the window title and accessible name; @p question: the label over the
    /// field (plain text); @p canRemember: whether a keychain can take the value.
    SecretDialog(const QString &title, const QString &question, bool canRemember,
                 QWidget *parent = nullptr);

    QString question() const;
    QString value() const;
    void setValue(const QString &value);
    /// Whether the value is to be kept in the keychain (false without one).
    bool remember() const;
    void setRemember(bool remember);

private:
    QLabel *m_question = nullptr;
    QLineEdit *m_value = nullptr;
    QCheckBox *m_remember = nullptr;
};
