#include "pingbar.h"

#include "session/websocketsession.h"

#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>

PingBar::PingBar(QWidget *parent) : QWidget(parent)
{
    m_payload = new QLineEdit(this);
    m_payload->setAccessibleName(tr("Ping payload"));
    m_payload->setPlaceholderText(tr("Ping payload (optional)"));
    m_payload->setMinimumWidth(
        m_payload->fontMetrics().horizontalAdvance(m_payload->placeholderText()) + 16);
    m_payload->setToolTip(
        tr("At most %1 bytes of UTF-8 (RFC 6455 5.5)").arg(WebSocketSession::MaxPingPayloadBytes));
    m_pingButton = new QPushButton(tr("Ping"), this);
    m_pingButton->setAccessibleName(tr("Ping"));
    m_pingButton->setToolTip(tr("Send a ping; its pong is logged with the round-trip time"));

    // In its row (a FlowLayout) the bar takes the room the snippets leave.
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    // The bar keeps to the right end of its row. The stretch and the payload field
    // share the room the row leaves, as they did when they sat in the tab's own row.
    layout->addStretch();
    layout->addWidget(m_payload);
    layout->addWidget(m_pingButton);

    connect(m_pingButton, &QPushButton::clicked, this, &PingBar::pingRequested);
    connect(m_payload, &QLineEdit::returnPressed, this, &PingBar::pingRequested);
}

QByteArray PingBar::payload() const
{
    return m_payload->text().toUtf8();
}

void PingBar::setPingEnabled(bool enabled)
{
    m_pingButton->setEnabled(enabled);
}
