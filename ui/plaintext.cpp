#include "plaintext.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QTextDocument>

namespace PlainText {

QLabel *label(QWidget *parent, const QString &text)
{
    auto *label = new QLabel(parent);
    // Before the text is set: QLabel decides how to lay out text when it gets it.
    label->setTextFormat(Qt::PlainText);
    label->setText(text);
    return label;
}

QString toolTip(const QString &text)
{
    return text.isEmpty() ? QString() : Qt::convertFromPlainText(text);
}

QString tabText(const QString &text)
{
    QString escaped = text;
    return escaped.replace(QLatin1Char('&'), QLatin1String("&&"));
}

bool confirm(QWidget *parent, const QString &title, const QString &question)
{
    QMessageBox box(QMessageBox::Question, title, QString(), QMessageBox::Yes | QMessageBox::No,
                    parent);
    box.setTextFormat(Qt::PlainText);
    box.setText(question);
    box.setDefaultButton(QMessageBox::No); // Enter must not be the choice that loses data
    return box.exec() == QMessageBox::Yes;
}

bool confirmOrRemember(QWidget *parent, const QString &title, const QString &question,
                       const QString &acceptText, bool *dontAskAgain)
{
    QMessageBox box(QMessageBox::Question, title, QString(), QMessageBox::Yes | QMessageBox::Cancel,
                    parent);
    box.setTextFormat(Qt::PlainText);
    box.setText(question);
    box.button(QMessageBox::Yes)->setText(acceptText);
    box.setDefaultButton(QMessageBox::Yes);
    auto *remember = new QCheckBox(QCoreApplication::translate("PlainText", "Don't ask again"));
    remember->setAccessibleName(remember->text());
    box.setCheckBox(remember);
    const bool agreed = box.exec() == QMessageBox::Yes;
    if (agreed && dontAskAgain)
        *dontAskAgain = remember->isChecked();
    return agreed;
}

} // namespace PlainText

namespace Accessibility {

void nameComboBox(QComboBox *combo, const QString &name)
{
    combo->setAccessibleName(name);
    auto *label = new QLabel(name, combo->parentWidget());
    label->setBuddy(combo);
    label->setVisible(false);
}

} // namespace Accessibility
