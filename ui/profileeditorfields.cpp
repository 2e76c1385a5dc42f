// ProfileEditor: building its fields, each named for a screen reader and explained in a
// tooltip.
#include "profileeditor.h"

#include "namevaluetable.h"

#include "transporteditor.h"

#include <QCheckBox>
#include <QHeaderView>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>

void ProfileEditor::buildConnectionFields()
{
    m_name = new QLineEdit(this);
    m_name->setAccessibleName(tr("Profile name"));

    m_builtInEcho = checkBox(tr("Built-in echo server"), tr("Built-in echo server"),
                             tr("Use the built-in echo server: Sockscope runs it on 127.0.0.1, "
                                "and the URL field shows its address"));

    m_url = new QLineEdit(this);
    m_url->setAccessibleName(tr("URL"));
    m_url->setPlaceholderText(QStringLiteral("wss://example.com/socket"));

    // A secret header's value goes to the OS keychain (ProfileModel, SecretStore);
    // Authorization, Cookie and the like are proposed as secret.
    m_headers = new NameValueTable(tr("Handshake headers"), &HandshakeHeader::proposedSecret, this);
    m_headers->setMinimumHeight(80);
    m_headers->setMinimumWidth(120);
    m_headers->setMaximumHeight(130);
    m_addHeader = new QPushButton(tr("Add header"), this);
    m_addHeader->setAccessibleName(tr("Add header"));
    m_removeHeader = new QPushButton(tr("Remove header"), this);
    m_removeHeader->setAccessibleName(tr("Remove header"));

    m_subprotocols = new QLineEdit(this);
    m_subprotocols->setAccessibleName(tr("Subprotocols"));
    m_subprotocols->setPlaceholderText(tr("e.g. chat, superchat"));
    m_subprotocols->setToolTip(tr("Offered in Sec-WebSocket-Protocol, comma-separated, in order "
                                  "of preference (RFC 6455 1.9)"));
}

void ProfileEditor::buildLimitFields()
{
    m_timeout = new QSpinBox(this);
    m_timeout->setAccessibleName(tr("Connect timeout"));
    m_timeout->setRange(Profile::MinConnectTimeoutMs, Profile::MaxConnectTimeoutMs);
    m_timeout->setSingleStep(1000);
    m_timeout->setSuffix(tr(" ms"));
    m_timeout->setToolTip(tr("How long the opening handshake may take before Sockscope gives up"));

    m_closeTimeout = new QSpinBox(this);
    m_closeTimeout->setAccessibleName(tr("Close timeout"));
    m_closeTimeout->setRange(Profile::MinCloseTimeoutMs, Profile::MaxCloseTimeoutMs);
    m_closeTimeout->setSingleStep(1000);
    m_closeTimeout->setSuffix(tr(" ms"));
    m_closeTimeout->setToolTip(tr("How long the server has to answer a close frame and close "
                                  "TCP before Sockscope closes it (RFC 6455 7.1.1)"));

    m_ignoreTls = checkBox(tr("Ignore TLS errors"), tr("Ignore TLS errors"),
                           tr("Ignore TLS certificate errors, for wss:// servers with "
                              "self-signed certificates. The errors are still logged."));
    m_transport = new TransportEditor(this);

    m_pingInterval = new QSpinBox(this);
    m_pingInterval->setAccessibleName(tr("Ping interval"));
    m_pingInterval->setRange(0, Profile::MaxPingIntervalMs);
    m_pingInterval->setSingleStep(1000);
    m_pingInterval->setSuffix(tr(" ms"));
    m_pingInterval->setSpecialValueText(tr("off"));
    m_pingInterval->setToolTip(tr("Send a ping every this many ms while connected; each pong "
                                  "is logged with its round-trip time. 0 turns it off."));

    m_maxLogRows = new QSpinBox(this);
    m_maxLogRows->setAccessibleName(tr("Log row cap"));
    m_maxLogRows->setRange(0, INT_MAX);
    m_maxLogRows->setSingleStep(100000);
    m_maxLogRows->setGroupSeparatorShown(true);
    m_maxLogRows->setSpecialValueText(tr("keep all"));
    m_maxLogRows->setToolTip(tr("Keep at most this many rows in each tab's log; the oldest "
                                "are dropped. The tab shows how much memory its log holds."));

    m_maxMessage = mibBox(tr("Incoming message limit"), Limits::MinMaxIncomingMessageMiB,
                          Limits::MaxMaxIncomingMessageMiB,
                          tr("The largest message accepted from the server. A bigger one is "
                             "refused with 1009 Message Too Big (RFC 6455 7.4.1)."));
    m_logBudget = mibBox(tr("Log memory budget"), Limits::MinLogMemoryBudgetMiB,
                         Limits::MaxLogMemoryBudgetMiB,
                         tr("The most memory this tab's log may hold. Past it the oldest "
                            "payloads are dropped; their rows stay and say so."));

    m_showSecrets =
        checkBox(tr("Show secrets in log"), tr("Show secrets in log"),
                 tr("Show secrets in the log: the values of query parameters such as token, key or "
                    "signature, in the log, its exports and the URL label. Off, they read •••. The "
                    "password in the URL is always hidden; the server always gets the real URL."));
}

QSpinBox *ProfileEditor::mibBox(const QString &name, int min, int max, const QString &toolTip)
{
    auto *box = new QSpinBox(this);
    box->setAccessibleName(name);
    box->setRange(min, max);
    box->setSuffix(tr(" MiB"));
    box->setGroupSeparatorShown(true);
    box->setToolTip(toolTip);
    return box;
}

QCheckBox *ProfileEditor::checkBox(const QString &text, const QString &name, const QString &toolTip)
{
    auto *box = new QCheckBox(text, this);
    box->setAccessibleName(name);
    box->setAccessibleDescription(toolTip);
    box->setToolTip(toolTip);
    return box;
}
