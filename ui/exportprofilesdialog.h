#pragma once

#include <QDialog>
#include <QList>

class ProfileModel;
class QCheckBox;
class QDialogButtonBox;
class QListWidget;

/// File > Export Profiles…: which profiles to write to a file for a colleague, each a
/// check box (the selected one ticked), and whether the environments go with them. A
/// secret is never written: the file holds its reference only (secretRef), which the
/// colleague fills in, in their own keychain.
class ExportProfilesDialog final : public QDialog
{
    Q_OBJECT
public:
    ExportProfilesDialog(const ProfileModel *profiles, int selectedRow, QWidget *parent = nullptr);

    /// The rows ticked, in order.
    QList<int> rows() const;
    bool withEnvironments() const;

private:
    void updateOk();

    QListWidget *m_list = nullptr;
    QCheckBox *m_environments = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};
