#include "closecontrols.h"

#include "flowlayout.h"
#include "palette.h"
#include "plaintext.h"
#include "shortcuts.h"

#include <QComboBox>
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
    buildCodeFields();
    buildReasonFields();
    buildButtons();
    buildLayout();
    connect(m_codeBox, &QComboBox::currentIndexChanged, this, &CloseControls::onCodeChosen);
    connect(m_customCode, &QSpinBox::valueChanged, this, &CloseControls::updateState);
    connect(m_reason, &QLineEdit::textChanged, this, &CloseControls::updateState);
    connect(m_reason, &QLineEdit::returnPressed, m_closeButton, &QPushButton::click);
    connect(m_closeButton, &QPushButton::clicked, this, &CloseControls::onCloseClicked);
    connect(m_stopButton, &QPushButton::clicked, this, &CloseControls::stopRequested);
    selectCode(CloseCodeCatalogue::NormalClosure);
    updateState();
}

void CloseControls::buildCodeFields()
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
}

void CloseControls::buildReasonFields()
{
    m_reason = new QLineEdit(this);
    m_reason->setAccessibleName(tr("Close reason"));
    m_reason->setPlaceholderText(tr("Close reason (optional)"));
    m_reason->setClearButtonEnabled(true);

    m_byteCount = PlainText::label(this);
    m_byteCount->setAccessibleName(tr("Close reason size"));
    m_byteCount->setToolTip(
        tr("UTF-8 bytes of the reason; a close frame holds at most %1 (RFC 6455 5.5)")
            .arg(CloseCodeCatalogue::MaxReasonBytes));
    // Room for a reason a person types (about 25 characters) at any window size.
    m_reason->setMinimumWidth(m_reason->fontMetrics().horizontalAdvance(QLatin1Char('x')) *
                              MinReasonChars);
}

void CloseControls::buildButtons()
{
    m_closeButton = new QPushButton(tr("Close"), this);
    m_closeButton->setAccessibleName(tr("Close"));
    m_closeButton->setToolTip(Shortcuts::withKey(
        tr("Send a close frame with this code and reason and perform the closing handshake"),
        Shortcuts::closeKey()));
    m_stopButton = new QPushButton(tr("Stop"), this);
    m_stopButton->setAccessibleName(tr("Stop"));
    m_stopButton->setToolTip(Shortcuts::withKey(
        tr("Drop the connection at once, with no closing handshake"), Shortcuts::stopKey()));
}

void CloseControls::buildLayout()
{
    // The problem line keeps its room while empty, so Close never moves under the
    // pointer when a problem comes or goes; the whole text is in its tooltip.
    m_problem = PlainText::label(this);
    m_problem->setAccessibleName(tr("Close problem"));
    Palette::applyStyle(m_problem, Palette::errorTextStyle);
    m_problem->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Fixed);
    m_problem->setFixedHeight(fontMetrics().lineSpacing());

    auto *codeGroup = new QWidget(this);
    auto *codeRow = new QHBoxLayout(codeGroup);
    codeRow->setContentsMargins(0, 0, 0, 0);
    auto *codeLabel = new QLabel(tr("Close &code:"), codeGroup);
    codeLabel->setBuddy(m_codeBox);
    codeRow->addWidget(codeLabel);
    codeRow->addWidget(m_codeBox);
    codeRow->addWidget(m_customCode);
    auto *reasonGroup = new QWidget(this);
    reasonGroup->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    auto *reasonRow = new QHBoxLayout(reasonGroup);
    reasonRow->setContentsMargins(0, 0, 0, 0);
    auto *reasonLabel = new QLabel(tr("&Reason:"), reasonGroup);
    reasonLabel->setBuddy(m_reason);
    reasonRow->addWidget(reasonLabel);
    reasonRow->addWidget(m_reason, 1);
    reasonRow->addWidget(m_byteCount);
    auto *buttonGroup = new QWidget(this);
    auto *buttonRow = new QHBoxLayout(buttonGroup);
    buttonRow->setContentsMargins(0, 0, 0, 0);
    buttonRow->addWidget(m_closeButton);
    buttonRow->addWidget(m_stopButton);
    // One row when there is room, wrapped onto more when the window is narrow.
    auto *flow = new FlowLayout;
    flow->addWidget(codeGroup);
    flow->addWidget(reasonGroup);
    flow->addWidget(buttonGroup);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addLayout(flow);
    layout->addWidget(m_problem);
}

void CloseControls::onCodeChosen()
{
    m_customCode->setVisible(m_codeBox->currentData().toInt() == CustomEntry);
    m_codeBox->setToolTip(m_codeBox->currentData(Qt::ToolTipRole).toString());
    updateState();
}

void CloseControls::requestClose()
{
    if (m_closeButton->isEnabled())
        m_closeButton->click();
}

void CloseControls::requestStop()
{
    if (m_stopButton->isEnabled())
        m_stopButton->click();
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
    m_problem->setToolTip(PlainText::toolTip(problem));
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
