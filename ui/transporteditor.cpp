#include "transporteditor.h"

#include "plaintext.h"

#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QToolButton>

namespace {
/// Characters a combo box of the form shows at least (QComboBox::minimumContentsLength).
constexpr int MinimumComboChars = 10;
constexpr ProxySettings::Type ProxyTypes[] = {
    ProxySettings::Type::None, ProxySettings::Type::System, ProxySettings::Type::Http,
    ProxySettings::Type::Socks5};
} // namespace

TransportEditor::TransportEditor(QWidget *owner) : QObject(owner), m_owner(owner)
{
    m_caBundle = fileField(tr("CA bundle"), tr("PEM file; empty: the system's roots"));
    m_caBundle->setToolTip(tr("CA certificates (PEM) to trust for wss:// servers, for a "
                              "private CA or a self-signed server"));
    m_caMode = new QComboBox(m_owner);
    m_caMode->setAccessibleName(tr("Trust"));
    // Read after its label, "Trust:"; short, so that the narrow panel shows them whole.
    m_caMode->addItem(tr("Also system roots"));
    m_caMode->setItemData(0, tr("Trust the CA bundle added to the system's roots"),
                          Qt::ToolTipRole);
    m_caMode->addItem(tr("Only this bundle"));
    m_caMode->setItemData(1, tr("Trust only the CA bundle, not the system's roots"),
                          Qt::ToolTipRole);
    m_caMode->setToolTip(tr("Whether the CA bundle is trusted together with the system's "
                            "root certificates, or alone"));
    // Not as wide as its longest item: it must not set the narrow panel's width.
    m_caMode->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_caMode->setMinimumContentsLength(MinimumComboChars);
    // Its items have no icon; room kept for one would make it 2 px taller than the others.
    m_caMode->setIconSize(QSize(0, 0));
    m_clientCertificate = fileField(tr("Client certificate"), tr("PEM, or PKCS#12 (.p12, .pfx)"));
    m_clientCertificate->setToolTip(tr("Sent to a wss:// server that asks for one. A PKCS#12 "
                                       "file holds the key too; a passphrase is asked for at "
                                       "Connect and never saved."));
    m_clientKey = fileField(tr("Client key"), tr("PEM private key"));
    m_clientKey->setToolTip(tr("The PEM certificate's private key; if it is encrypted, the "
                               "passphrase is asked for at Connect and never saved"));
    buildProxyFields();
    connect(m_caMode, &QComboBox::currentIndexChanged, this, &TransportEditor::commit);
    connect(m_proxyType, &QComboBox::currentIndexChanged, this, &TransportEditor::commit);
    connect(m_proxyHost, &QLineEdit::editingFinished, this, &TransportEditor::commit);
    connect(m_proxyPort, &QSpinBox::editingFinished, this, &TransportEditor::commit);
    connect(m_proxyUser, &QLineEdit::editingFinished, this, &TransportEditor::commit);
    updateEnabled();
}

TransportEditor::~TransportEditor()
{
    // A field with the focus emits editingFinished as its owner deletes it, later.
    for (QObject *field :
         std::initializer_list<QObject *>{m_caBundle, m_caMode, m_clientCertificate, m_clientKey,
                                          m_proxyType, m_proxyHost, m_proxyPort, m_proxyUser})
        disconnect(field, nullptr, this, nullptr);
}

QLineEdit *TransportEditor::fileField(const QString &name, const QString &placeholder)
{
    auto *field = new QLineEdit(m_owner);
    field->setAccessibleName(name);
    field->setPlaceholderText(placeholder);
    connect(field, &QLineEdit::editingFinished, this, &TransportEditor::commit);
    return field;
}

/// A row of @p field with its Browse… button; @p label's mnemonic focuses @p field.
void TransportEditor::addFileRow(QFormLayout *form, const QString &label, QLineEdit *field,
                                 const QString &filter)
{
    auto *text = PlainText::label(m_owner, label);
    text->setBuddy(field);
    form->addRow(text, withBrowse(field, field->accessibleName(), filter));
}

/// @p field with a "…" (browse) button after it that fills it from a file dialog.
QWidget *TransportEditor::withBrowse(QLineEdit *field, const QString &title, const QString &filter)
{
    auto *row = new QWidget(m_owner);
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(field, 1);
    auto *button = new QToolButton(row); // narrow: the panel may be too
    button->setText(tr("…"));
    button->setAccessibleName(tr("Browse for the %1").arg(field->accessibleName().toLower()));
    button->setToolTip(tr("Choose the file"));
    layout->addWidget(button);
    connect(button, &QToolButton::clicked, this,
            [this, field, title, filter] { browse(field, title, filter); });
    return row;
}

void TransportEditor::browse(QLineEdit *field, const QString &title, const QString &filter)
{
    const QString path = QFileDialog::getOpenFileName(m_owner, title, field->text(), filter);
    if (path.isEmpty())
        return;
    field->setText(QDir::toNativeSeparators(path));
    commit();
}

void TransportEditor::buildProxyFields()
{
    m_proxyType = new QComboBox(m_owner);
    m_proxyType->setAccessibleName(tr("Proxy"));
    m_proxyType->addItem(tr("None"));
    m_proxyType->addItem(tr("System"));
    m_proxyType->addItem(tr("HTTP (CONNECT)"));
    m_proxyType->addItem(tr("SOCKS5"));
    m_proxyType->setToolTip(tr("How the connection reaches the server. System: the "
                               "proxy the system sets for the URL, if any."));
    m_proxyHost = new QLineEdit(m_owner);
    m_proxyHost->setAccessibleName(tr("Proxy host"));
    m_proxyHost->setPlaceholderText(QStringLiteral("proxy.example.com"));
    m_proxyPort = new QSpinBox(m_owner);
    m_proxyPort->setAccessibleName(tr("Proxy port"));
    m_proxyPort->setRange(0, 65535);
    m_proxyPort->setSpecialValueText(tr("none"));
    m_proxyUser = new QLineEdit(m_owner);
    m_proxyUser->setAccessibleName(tr("Proxy user"));
    m_proxyUser->setPlaceholderText(tr("optional; the password is asked for at Connect"));
}

void TransportEditor::addRows(QFormLayout *form)
{
    const QString pem = tr("PEM files (*.pem *.crt *.cer *.key);;All files (*)");
    addFileRow(form, tr("CA &bundle:"), m_caBundle, pem);
    form->addRow(tr("Trust:"), m_caMode);
    addFileRow(form, tr("Client certificate:"), m_clientCertificate,
               tr("Certificates (*.pem *.crt *.cer *.p12 *.pfx);;All files (*)"));
    addFileRow(form, tr("Client ke&y:"), m_clientKey, pem);
    form->addRow(tr("Pro&xy:"), m_proxyType);
    form->addRow(tr("Proxy host:"), m_proxyHost);
    form->addRow(tr("Proxy port:"), m_proxyPort);
    form->addRow(tr("Proxy user:"), m_proxyUser);
}

void TransportEditor::setOptions(const TlsFiles &tls, const ProxySettings &proxy)
{
    m_loading = true;
    m_caBundle->setText(QDir::toNativeSeparators(tls.caBundleFile));
    m_caMode->setCurrentIndex(tls.caBundleReplacesSystemRoots ? 1 : 0);
    m_clientCertificate->setText(QDir::toNativeSeparators(tls.clientCertificateFile));
    m_clientKey->setText(QDir::toNativeSeparators(tls.clientKeyFile));
    m_proxyType->setCurrentIndex(
        int(std::find(std::begin(ProxyTypes), std::end(ProxyTypes), proxy.type) -
            std::begin(ProxyTypes)));
    m_proxyHost->setText(proxy.host);
    m_proxyPort->setValue(proxy.port);
    m_proxyUser->setText(proxy.user);
    updateEnabled();
    m_loading = false;
}

TlsFiles TransportEditor::tls() const
{
    TlsFiles t;
    t.caBundleFile = QDir::fromNativeSeparators(m_caBundle->text().trimmed());
    t.caBundleReplacesSystemRoots = m_caMode->currentIndex() == 1;
    t.clientCertificateFile = QDir::fromNativeSeparators(m_clientCertificate->text().trimmed());
    t.clientKeyFile = QDir::fromNativeSeparators(m_clientKey->text().trimmed());
    return t;
}

ProxySettings TransportEditor::proxy() const
{
    ProxySettings p;
    p.type = ProxyTypes[qBound(0, m_proxyType->currentIndex(), int(std::size(ProxyTypes)) - 1)];
    p.host = m_proxyHost->text().trimmed();
    p.port = m_proxyPort->value();
    p.user = m_proxyUser->text();
    return p;
}

void TransportEditor::commit()
{
    updateEnabled();
    if (!m_loading)
        Q_EMIT edited();
}

/// The fields that mean nothing for the current choices are disabled, not hidden, so
/// the form does not jump: the key for PKCS#12, host, port and user without a proxy.
void TransportEditor::updateEnabled()
{
    m_clientKey->parentWidget()->setEnabled(!tls().clientCertificateIsPkcs12()); // with Browse…
    const bool own = proxy().hasOwnProxy();
    for (QWidget *w : {static_cast<QWidget *>(m_proxyHost), static_cast<QWidget *>(m_proxyPort),
                       static_cast<QWidget *>(m_proxyUser)})
        w->setEnabled(own);
}
