#include "closecontrols.h"

#include "palette.h"
#include "plaintext.h"

#include <QComboBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>

namespace {
constexpr int CustomEntry = -1;
}

CloseControls::CloseControls(QWidget *parent) : QWidget(parent)
{
    m_codeBox = new QComboBox(this);
    m_codeBox->setAccessibleName(tr("Close code"));
    m_codeBox->setToolTip(tr("Status code of the close frame (RFC 6455 7.4)"));
    // The dropdown is the catalogue: one entry per sendable named code.
    for (const CloseCodeInfo &info : CloseCodeCatalogue::sendableNamedCodes()) {
        m_codeBox->addItem(CloseCodeCatalogue::label(info.code), int(info.code));
        m_codeBox->setItemData(m_codeBox->count() - 1, info.description, Qt::ToolTipRole);
    }
    m_codeBox->addItem(tr("Custom code (%1-%2)")
                           .arg(CloseCodeCatalogue::MinApplicationCode)
                           .arg(CloseCodeCatalogue::MaxApplicationCode),
                       CustomEntry);
    m_codeBox->setItemData(
        m_codeBox->count() - 1,
        CloseCodeCatalogue::description(CloseCodeCatalogue::MinApplicationCode) +
            QLatin1Char('\n') +
            CloseCodeCatalogue::description(CloseCodeCatalogue::MaxApplicationCode),
        Qt::ToolTipRole);

    m_customCode = new QSpinBox(this);
    m_customCode->setAccessibleName(tr("Custom close code"));
    m_customCode->setRange(CloseCodeCatalogue::MinApplicationCode,
                           CloseCodeCatalogue::MaxApplicationCode);
    m_customCode->setValue(CloseCodeCatalogue::FirstPrivateUse);
    m_customCode->setVisible(false);

    m_reason = new QLineEdit(this);
    m_reason->setAccessibleName(tr("Close reason"));
    m_reason->setPlaceholderText(tr("Close reason (optional)"));
    m_reason->setClearButtonEnabled(true);

    m_byteCount = PlainText::label(this);
    m_byteCount->setAccessibleName(tr("Close reason size"));
    m_byteCount->setToolTip(
        tr("UTF-8 bytes of the reason; a close frame holds at most %1 (RFC 6455 5.5)")
            .arg(CloseCodeCatalogue::MaxReasonBytes));

    m_closeButton = new QPushButton(tr("Close"), this);
    m_closeButton->setAccessibleName(tr("Close"));
    m_closeButton->setToolTip(tr("Send a close frame with this code and reason and perform "
                                 "the closing handshake"));
    m_stopButton = new QPushButton(tr("Stop"), this);
    m_stopButton->setAccessibleName(tr("Stop"));
    m_stopButton->setToolTip(tr("Drop the connection at once, with no closing handshake"));

    m_problem = PlainText::label(this);
    m_problem->setAccessibleName(tr("Close problem"));
    m_problem->setWordWrap(true);
    Palette::applyStyle(m_problem, Palette::errorTextStyle);
    m_problem->setVisible(false);

    auto *row = new QHBoxLayout;
    auto *codeLabel = new QLabel(tr("Close &code:"), this);
    codeLabel->setBuddy(m_codeBox);
    auto *reasonLabel = new QLabel(tr("&Reason:"), this);
    reasonLabel->setBuddy(m_reason);
    row->addWidget(codeLabel);
    row->addWidget(m_codeBox);
    row->addWidget(m_customCode);
    row->addWidget(reasonLabel);
    row->addWidget(m_reason, 1);
    row->addWidget(m_byteCount);
    row->addWidget(m_closeButton);
    row->addWidget(m_stopButton);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(row);
    layout->addWidget(m_problem);

    connect(m_codeBox, &QComboBox::currentIndexChanged, this, [this] {
        m_customCode->setVisible(m_codeBox->currentData().toInt() == CustomEntry);
        m_codeBox->setToolTip(m_codeBox->currentData(Qt::ToolTipRole).toString());
        updateState();
    });
    connect(m_customCode, &QSpinBox::valueChanged, this, &CloseControls::updateState);
    connect(m_reason, &QLineEdit::textChanged, this, &CloseControls::updateState);
    connect(m_reason, &QLineEdit::returnPressed, m_closeButton, &QPushButton::click);
    connect(m_closeButton, &QPushButton::clicked, this, &CloseControls::onCloseClicked);
    connect(m_stopButton, &QPushButton::clicked, this, &CloseControls::stopRequested);

    selectCode(CloseCodeCatalogue::NormalClosure);
    updateState();
}

int CloseControls::selectedCode() const
{
    const int data = m_codeBox->currentData().toInt();
    return data == CustomEntry ? m_customCode->value() : data;
}

QString CloseControls::reason() const
{
    return m_reason->text();
}

void CloseControls::selectCode(int code)
{
    int index = m_codeBox->findData(code);
    if (index == -1) {
        index = m_codeBox->findData(CustomEntry);
        m_customCode->setValue(code);
    }
    m_codeBox->setCurrentIndex(index);
}

void CloseControls::setConnectionState(WebSocketSession::State state)
{
    m_active = state != WebSocketSession::State::Closed;
    updateState();
}

void CloseControls::showProblem(const QString &problem)
{
    m_problem->setText(problem);
    m_problem->setVisible(!problem.isEmpty());
}

void CloseControls::updateState()
{
    const CloseCheck check = CloseCodeCatalogue::check(selectedCode(), reason());
    m_byteCount->setText(
        tr("%1 / %2 bytes").arg(check.reasonBytes).arg(CloseCodeCatalogue::MaxReasonBytes));
    Palette::applyStyle(m_byteCount, check.reasonBytes > CloseCodeCatalogue::MaxReasonBytes
                                         ? Palette::Style(Palette::strongErrorTextStyle)
                                         : Palette::Style());
    showProblem(check.problem);
    m_closeButton->setEnabled(m_active && check.ok);
    m_stopButton->setEnabled(m_active);
}

void CloseControls::onCloseClicked()
{
    Q_EMIT closeRequested(selectedCode(), reason());
}
