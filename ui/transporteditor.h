#pragma once

#include "profiles/transportoptions.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QFormLayout;
class QLineEdit;
class QPushButton;
class QSpinBox;

/// The profile editor's TLS and proxy fields: the CA bundle (added to, or replacing,
/// the system's roots), the client certificate and key (PEM, or PKCS#12), and the
/// proxy (none, system, HTTP CONNECT or SOCKS5, with host, port and user). Passwords
/// are not here: they are asked for at Connect (SecretPrompt) and never saved.
/// Each committed edit emits edited().
class TransportEditor final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TransportEditor)
public:
    explicit TransportEditor(QWidget *parent = nullptr);
    ~TransportEditor() override;

    void setOptions(const TlsFiles &tls, const ProxySettings &proxy);
    TlsFiles tls() const;
    ProxySettings proxy() const;
    /// Compact puts each label above its field, for a narrow panel.
    void setCompact(bool compact);

Q_SIGNALS:
    void edited();

private:
    QLineEdit *fileField(const QString &name, const QString &placeholder);
    void addFileRow(const QString &label, QLineEdit *field, const QString &filter);
    QWidget *withBrowse(QLineEdit *field, const QString &title, const QString &filter);
    void browse(QLineEdit *field, const QString &title, const QString &filter);
    void buildProxyFields();
    void buildLayout();
    void commit();
    void updateEnabled();

    QFormLayout *m_form = nullptr;
    QLineEdit *m_caBundle = nullptr;
    QComboBox *m_caMode = nullptr;
    QLineEdit *m_clientCertificate = nullptr;
    QLineEdit *m_clientKey = nullptr;
    QComboBox *m_proxyType = nullptr;
    QLineEdit *m_proxyHost = nullptr;
    QSpinBox *m_proxyPort = nullptr;
    QLineEdit *m_proxyUser = nullptr;
    bool m_loading = false;
};
