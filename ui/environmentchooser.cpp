#include "environmentchooser.h"

#include "profiles/profilemodel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSignalBlocker>

EnvironmentChooser::EnvironmentChooser(ProfileModel *profiles, QWidget *parent)
    : QWidget(parent), m_profiles(profiles)
{
    m_box = new QComboBox(this);
    m_box->setAccessibleName(tr("Environment"));
    m_box->setToolTip(tr("The variables {{name}} resolves to at the next Connect"));
    m_box->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_box->setMinimumContentsLength(14); // "No environment" whole
    m_edit = new QPushButton(tr("&Edit…"), this);
    m_edit->setAccessibleName(tr("Edit environments"));
    m_edit->setToolTip(tr("Edit the environments and their variables (Ctrl+E)"));
    auto *label = new QLabel(tr("En&vironment:"), this);
    label->setBuddy(m_box);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(label);
    layout->addWidget(m_box, 1);
    layout->addWidget(m_edit);
    connect(m_box, &QComboBox::activated, this, &EnvironmentChooser::onActivated);
    connect(m_edit, &QPushButton::clicked, this, &EnvironmentChooser::editRequested);
    connect(m_profiles, &ProfileModel::environmentsChanged, this, &EnvironmentChooser::refill);
    connect(m_profiles, &QAbstractItemModel::modelReset, this, &EnvironmentChooser::refill);
    refill();
}

void EnvironmentChooser::refill()
{
    const QSignalBlocker blocker(m_box);
    m_box->clear();
    m_box->addItem(tr("No environment"), QString());
    const EnvironmentSet &set = m_profiles->environments();
    for (const Environment &e : set.environments)
        m_box->addItem(e.name, e.name);
    m_box->setCurrentIndex(qMax(0, m_box->findData(set.active)));
}

void EnvironmentChooser::onActivated(int index)
{
    EnvironmentSet set = m_profiles->environments();
    set.active = m_box->itemData(index).toString();
    m_profiles->setEnvironments(set);
}
