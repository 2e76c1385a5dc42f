#pragma once

#include <QWidget>

class ProfileModel;
class QComboBox;
class QPushButton;

/// The active environment of the profile set, chosen in the main window: "No
/// environment" or one of ProfileModel::environments(), applied (and autosaved) at once.
/// The next Connect of every tab resolves `{{name}}` against it; a connection keeps the
/// one it was opened with. "Edit…" asks for the Environments dialog.
class EnvironmentChooser final : public QWidget
{
    Q_OBJECT
public:
    explicit EnvironmentChooser(ProfileModel *profiles, QWidget *parent = nullptr);

Q_SIGNALS:
    void editRequested();

private:
    void refill();
    void onActivated(int index);

    ProfileModel *m_profiles;
    QComboBox *m_box = nullptr;
    QPushButton *m_edit = nullptr;
};
