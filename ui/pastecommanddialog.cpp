#include "pastecommanddialog.h"

#include "import/commandlineimport.h"
#include "palette.h"
#include "plaintext.h"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

PasteCommandDialog::PasteCommandDialog(QWidget *parent) : QDialog(parent)
{
    setWindowTitle(tr("Paste Command Line"));
    setAccessibleName(tr("Paste Command Line"));
    auto *intro = PlainText::label(
        this, tr("Paste a wscat, websocat or curl command line; it becomes a new profile."));
    intro->setWordWrap(true);
    m_commandLine = new QPlainTextEdit(this);
    m_commandLine->setAccessibleName(tr("Command line"));
    m_commandLine->setPlaceholderText(
        QStringLiteral("wscat -c wss://echo.example.com/ -H \"Authorization: Bearer …\""));
    m_commandLine->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_commandLine->setTabChangesFocus(true);
    intro->setBuddy(m_commandLine);
    m_problem = PlainText::label(this);
    m_problem->setAccessibleName(tr("Command line problem"));
    m_problem->setWordWrap(true);
    m_problem->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_problem->setVisible(false);
    Palette::applyStyle(m_problem, Palette::errorTextStyle);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Add Profile"));
    m_buttons->button(QDialogButtonBox::Ok)->setAccessibleName(tr("Add Profile"));
    m_buttons->button(QDialogButtonBox::Cancel)->setAccessibleName(tr("Cancel"));

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_commandLine, 1);
    layout->addWidget(m_problem);
    layout->addWidget(m_buttons);
    resize(560, 260);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &PasteCommandDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_commandLine, &QPlainTextEdit::textChanged, this, &PasteCommandDialog::clearProblem);
}

QString PasteCommandDialog::problem() const
{
    return m_problem->isHidden() ? QString() : m_problem->text();
}

void PasteCommandDialog::accept()
{
    ImportResult read = CommandLineImport::fromText(m_commandLine->toPlainText());
    if (!read.ok()) {
        m_problem->setText(tr("Not added: %1").arg(read.error.text()));
        m_problem->setVisible(true);
        m_commandLine->setFocus();
        return;
    }
    m_result = std::move(read);
    QDialog::accept();
}

void PasteCommandDialog::clearProblem()
{
    m_problem->clear();
    m_problem->setVisible(false);
}
