#include "sessiontab.h"

#include "closecontrols.h"
#include "logfiltermodel.h"
#include "logview.h"
#include "profilemodel.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

SessionTab::SessionTab(ProfileModel *profiles, quint64 profileId, const QUrl &echoUrl,
                       QWidget *parent)
    : QWidget(parent), m_profiles(profiles), m_profileId(profileId), m_echoUrl(echoUrl),
      m_session(new WebSocketSession(this))
{
    m_target = new QLabel(this);
    m_target->setAccessibleName(tr("Server URL"));
    m_target->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_stateLabel = new QLabel(this);
    m_stateLabel->setAccessibleName(tr("Connection state"));
    m_stateLabel->setMinimumWidth(fontMetrics().horizontalAdvance(QStringLiteral("Connecting")) +
                                  16);
    m_stateLabel->setAlignment(Qt::AlignCenter);
    m_subprotocol = new QLabel(this);
    m_subprotocol->setAccessibleName(tr("Accepted subprotocol"));
    m_connectButton = new QPushButton(tr("Connect"), this);
    m_connectButton->setAccessibleName(tr("Connect"));
    m_connectButton->setToolTip(tr("Start the opening handshake"));

    m_filter = new LogFilterModel(this);
    m_filter->setSourceModel(m_session->log());
    m_log = new LogView(this);
    m_log->setModel(m_filter);

    m_message = new QLineEdit(this);
    m_message->setAccessibleName(tr("Message"));
    m_message->setPlaceholderText(tr("Text message; Enter sends"));
    m_sendButton = new QPushButton(tr("Send"), this);
    m_sendButton->setAccessibleName(tr("Send"));

    m_closeControls = new CloseControls(this);

    m_status = new QLabel(this);
    m_status->setAccessibleName(tr("Status"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *top = new QHBoxLayout;
    top->addWidget(m_stateLabel);
    top->addWidget(m_target, 1);
    top->addWidget(m_subprotocol);
    top->addWidget(m_connectButton);
    auto *composer = new QHBoxLayout;
    composer->addWidget(m_message, 1);
    composer->addWidget(m_sendButton);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_log, 1);
    layout->addLayout(composer);
    layout->addWidget(m_closeControls);
    layout->addWidget(m_status);

    connect(m_connectButton, &QPushButton::clicked, this, &SessionTab::connectToServer);
    connect(m_sendButton, &QPushButton::clicked, this, &SessionTab::sendMessage);
    connect(m_message, &QLineEdit::returnPressed, this, &SessionTab::sendMessage);
    connect(m_closeControls, &CloseControls::closeRequested, this,
            [this](int code, const QString &reason) {
                const CloseCheck check = m_session->close(code, reason);
                if (!check.ok)
                    m_closeControls->showProblem(check.problem);
            });
    connect(m_closeControls, &CloseControls::stopRequested, m_session, &WebSocketSession::stop);
    connect(m_session, &WebSocketSession::stateChanged, this, &SessionTab::onStateChanged);
    connect(m_session, &WebSocketSession::errorOccurred, this,
            [this](const QString &message) { showStatus(message, true); });
    connect(m_session, &WebSocketSession::opened, this, [this] {
        const QString sub = m_session->acceptedSubprotocol();
        m_subprotocol->setText(sub.isEmpty() ? QString() : tr("Subprotocol: %1").arg(sub));
        showStatus(tr("Connected."), false);
    });
    connect(m_session, &WebSocketSession::finished, this, [this] {
        if (m_session->lastError().isEmpty())
            showStatus(tr("Connection ended; see the log for how."), false);
    });
    connect(m_profiles, &ProfileModel::dataChanged, this, &SessionTab::refreshProfile);
    connect(m_profiles, &ProfileModel::modelReset, this, &SessionTab::refreshProfile);

    refreshProfile();
    onStateChanged(m_session->state());
}

void SessionTab::connectToServer()
{
    refreshProfile();
    Profile profile = m_profile;
    if (profile.builtInEchoServer) {
        if (m_echoUrl.isEmpty()) {
            showStatus(tr("The built-in echo server is not running."), true);
            return;
        }
        profile.url = m_echoUrl;
    }
    m_subprotocol->clear();
    showStatus(QString(), false);
    m_session->open(profile);
}

void SessionTab::sendMessage()
{
    const QString text = m_message->text();
    if (m_session->sendText(text))
        m_message->clear();
}

void SessionTab::refreshProfile()
{
    const int row = m_profiles->rowOfId(m_profileId);
    if (row >= 0)
        m_profile = m_profiles->profile(row);
    m_session->log()->setMaxRows(m_profile.maxLogRows);
    const QString url = m_profile.builtInEchoServer
                            ? tr("%1 (built-in echo server)").arg(m_echoUrl.toString())
                            : m_profile.url.toString();
    m_target->setText(url);
    Q_EMIT titleChanged(row >= 0 ? m_profile.name : tr("%1 (deleted)").arg(m_profile.name));
}

void SessionTab::onStateChanged(WebSocketSession::State state)
{
    using State = WebSocketSession::State;
    m_stateLabel->setText(WebSocketSession::stateName(state));
    QString colour;
    switch (state) {
    case State::Closed:
        colour = QStringLiteral("#757575");
        break;
    case State::Connecting:
    case State::Closing:
        colour = QStringLiteral("#b26a00");
        break;
    case State::Open:
        colour = QStringLiteral("#1b6e20");
        break;
    }
    m_stateLabel->setStyleSheet(
        QStringLiteral("QLabel { color: white; background: %1; border-radius: 3px; "
                       "padding: 2px 6px; font-weight: bold; }")
            .arg(colour));
    m_connectButton->setEnabled(state == State::Closed);
    m_sendButton->setEnabled(state == State::Open);
    m_message->setEnabled(state == State::Open);
    m_closeControls->setConnectionState(state);
    if (state == State::Open)
        m_message->setFocus(Qt::OtherFocusReason);
}

void SessionTab::showStatus(const QString &text, bool isError)
{
    m_status->setText(text);
    m_status->setStyleSheet(isError ? QStringLiteral("color: #b00020;") : QString());
}
