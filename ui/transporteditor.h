#pragma once

#include "profiles/transportoptions.h"

#include <QObject>

class QCheckBox;
class QComboBox;
class QFormLayout;
class QLineEdit;
class QSpinBox;
class QWidget;

/// The profile editor's TLS and proxy fields: the CA bundle (added to, or replacing,
/// the system's roots), the client certificate and key (PEM, or PKCS#12), and the
/// proxy (none, system, HTTP CONNECT or SOCKS5, with host, port and user). Passwords
/// are not here: they are asked for at Connect (SecretPrompt), and never saved in the
/// profiles file.
/// The fields belong to @p owner and go into its form (addRows), so they line up with
/// the rest of it. Each committed edit emits edited().
class TransportEditor final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TransportEditor)
public:
    explicit TransportEditor(QWidget *owner);
    ~TransportEditor() override;

    /// Adds the fields' rows to @p form, in order.
    void addRows(QFormLayout *form);

    void setOptions(const TlsFiles &tls, const ProxySettings &proxy);
    TlsFiles tls() const;
    ProxySettings proxy() const;

Q_SIGNALS:
    void edited();

private:
    QLineEdit *fileField(const QString &name, const QString &placeholder);
    void addFileRow(QFormLayout *form, const QString &label, QLineEdit *field,
                    const QString &filter);
    QWidget *withBrowse(QLineEdit *field, const QString &title, const QString &filter);
    void browse(QLineEdit *field, const QString &title, const QString &filter);
    void buildProxyFields();
    void commit();
    void updateEnabled();

    QWidget *m_owner;
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
