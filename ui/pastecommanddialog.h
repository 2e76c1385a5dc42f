#pragma once

#include "import/recordedlog.h"

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QPlainTextEdit;

/// File > Paste Command Line…: a field for a pasted `wscat -c …`, `websocat …` or
/// `curl …` command. OK reads it (CommandLineImport::fromText); a command it refuses
/// keeps the dialog open, the text as it was, and says under the field which word is
/// wrong and why. Once accepted, result() holds the profile and the warnings.
class PasteCommandDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PasteCommandDialog)
public:
    explicit PasteCommandDialog(QWidget *parent = nullptr);

    /// What the accepted command line gave: one connection, no events.
    const ImportResult &result() const { return m_result; }
    /// The problem shown under the field, or empty.
    QString problem() const;

public Q_SLOTS:
    /// Reads the command line: accepts the dialog, or shows why not and stays.
    void accept() override;

private:
    void clearProblem();

    QPlainTextEdit *m_commandLine = nullptr;
    QLabel *m_problem = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    ImportResult m_result;
};
