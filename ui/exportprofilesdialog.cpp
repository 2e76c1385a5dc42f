#include "exportprofilesdialog.h"

#include "plaintext.h"
#include "profiles/profilemodel.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

ExportProfilesDialog::ExportProfilesDialog(const ProfileModel *profiles, int selectedRow,
                                           QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Export Profiles"));
    m_list = new QListWidget(this);
    m_list->setAccessibleName(tr("Profiles to export"));
    for (int row = 0; row < profiles->rowCount(); ++row) {
        auto *item = new QListWidgetItem(profiles->profile(row).name, m_list);
        item->setFlags(Qt::ItemIsUserCheckable | Qt::ItemIsEnabled | Qt::ItemIsSelectable);
        item->setCheckState(row == selectedRow ? Qt::Checked : Qt::Unchecked);
    }
    m_list->setCurrentRow(qMax(0, selectedRow));
    const int environments = int(profiles->environments().environments.size());
    m_environments = new QCheckBox(tr("With the &environments (%n)", nullptr, environments), this);
    m_environments->setAccessibleName(tr("Export the environments"));
    m_environments->setChecked(environments > 0);
    m_environments->setEnabled(environments > 0);
    auto *note = PlainText::label(this);
    note->setWordWrap(true);
    note->setText(tr("Secret values are left out: the file holds a reference for each, "
                     "which whoever imports it fills in. Space ticks a profile."));
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Export…"));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_environments);
    layout->addWidget(note);
    layout->addWidget(m_buttons);
    connect(m_list, &QListWidget::itemChanged, this, &ExportProfilesDialog::updateOk);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    updateOk();
}

QList<int> ExportProfilesDialog::rows() const
{
    QList<int> ticked;
    for (int row = 0; row < m_list->count(); ++row) {
        if (m_list->item(row)->checkState() == Qt::Checked)
            ticked.append(row);
    }
    return ticked;
}

bool ExportProfilesDialog::withEnvironments() const
{
    return m_environments->isChecked();
}

void ExportProfilesDialog::updateOk()
{
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!rows().isEmpty());
}
