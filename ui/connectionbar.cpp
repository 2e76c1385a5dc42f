#include "connectionbar.h"

#include "palette.h"
#include "plaintext.h"
#include "profiles/urlredaction.h"
#include "shortcuts.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

ConnectionBar::ConnectionBar(QWidget *parent) : QWidget(parent)
{
    m_target = PlainText::label(this);
    m_target->setAccessibleName(tr("Server URL"));
    m_target->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // A long URL is cut at the window's edge, not allowed to widen it; it is whole in
    // the tooltip.
    m_target->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_stateLabel = PlainText::label(this);
    m_stateLabel->setAccessibleName(tr("Connection state"));
    m_stateLabel->setMinimumWidth(fontMetrics().horizontalAdvance(QStringLiteral("Connecting")) +
                                  16);
    m_stateLabel->setAlignment(Qt::AlignCenter);
    m_tlsBadge = PlainText::label(this, tr("TLS not verified"));
    m_tlsBadge->setAccessibleName(tr("TLS not verified"));
    m_tlsBadge->setToolTip(tr("This profile ignores TLS errors: the server's certificate was not "
                              "verified, so anyone on the way could read or change this "
                              "connection. The errors are in the log."));
    Palette::applyStyle(m_tlsBadge, Palette::tlsBadgeStyle);
    m_tlsBadge->setVisible(false);
    m_subprotocol = PlainText::label(this);
    m_subprotocol->setAccessibleName(tr("Accepted subprotocol"));
    m_connectButton = new QPushButton(tr("Connect"), this);
    m_connectButton->setAccessibleName(tr("Connect"));
    m_connectButton->setToolTip(
        Shortcuts::withKey(tr("Start the opening handshake"), Shortcuts::connectKey()));

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stateLabel);
    layout->addWidget(m_tlsBadge);
    layout->addWidget(m_target, 1);
    layout->addWidget(m_subprotocol);
    layout->addWidget(m_connectButton);

    connect(m_connectButton, &QPushButton::clicked, this, &ConnectionBar::connectRequested);
}

void ConnectionBar::showState(WebSocketSession::State state)
{
    m_stateLabel->setText(WebSocketSession::stateName(state));
    Palette::applyStyle(m_stateLabel,
                        [state](const QPalette &p) { return Palette::stateBadgeStyle(state, p); });
    m_connectButton->setEnabled(state == WebSocketSession::State::Closed);
}

void ConnectionBar::showTlsNotVerified(bool shown)
{
    m_tlsBadge->setVisible(shown);
}

void ConnectionBar::showSubprotocol(const QString &subprotocol)
{
    m_subprotocol->setText(subprotocol.isEmpty() ? QString()
                                                 : tr("Subprotocol: %1").arg(subprotocol));
}

void ConnectionBar::showTarget(const Profile &profile, const std::optional<Profile> &live,
                               const QUrl &echoUrl, const QString &liveUrl,
                               const QString &environment)
{
    // While a connection lasts the label says where it is, not where an edit points.
    const Profile &p = live ? *live : profile;
    QString url;
    if (p.builtInEchoServer)
        url = tr("%1 (built-in echo server)").arg((live ? p.url : echoUrl).toString());
    else if (live && !liveUrl.isEmpty())
        url = UrlRedaction::redactedUrl(QUrl(liveUrl), p.showSecretsInLog);
    else if (!p.urlTemplate.isEmpty())
        url = UrlRedaction::redactedUrlTemplate(p.urlTemplate, p.showSecretsInLog);
    else
        url = UrlRedaction::redactedUrl(p.url, p.showSecretsInLog);
    if (!environment.isEmpty())
        url += tr(" (environment %1)").arg(environment);
    const bool edited = live && (profile.urlText() != live->urlText() ||
                                 profile.builtInEchoServer != live->builtInEchoServer);
    if (edited && !profile.builtInEchoServer)
        url += tr(" — the edited profile applies at the next Connect");
    m_target->setText(url);
    const bool hidden = !p.builtInEchoServer && !url.startsWith(p.url.toString());
    const QString shownAs =
        p.showSecretsInLog
            ? tr("The password is shown as ••• here, in the log and in exports (query values "
                 "are shown, as this profile asks); the server gets the URL as typed.")
            : tr("The password and secret-looking query values are shown as ••• here, in the "
                 "log and in exports; the server gets the URL as typed.");
    m_target->setToolTip(PlainText::toolTip(hidden ? url + QStringLiteral("\n\n") + shownAs : url));
}

void ConnectionBar::focusConnect()
{
    m_connectButton->setFocus(Qt::OtherFocusReason);
}
