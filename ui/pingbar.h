#pragma once

#include <QByteArray>
#include <QWidget>

class QLineEdit;
class QPushButton;

/// A ping's payload (optional UTF-8 text) and the Ping button, at the right end of the
/// room it is given. The tab sends it
/// (WebSocketSession::ping) and refuses one over WebSocketSession::MaxPingPayloadBytes.
class PingBar final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PingBar)
public:
    explicit PingBar(QWidget *parent = nullptr);

    /// The payload field as UTF-8 bytes.
    QByteArray payload() const;
    /// Ping works only while the connection is open.
    void setPingEnabled(bool enabled);

Q_SIGNALS:
    /// Ping was clicked or Enter pressed in the payload field.
    void pingRequested();

private:
    QLineEdit *m_payload = nullptr;
    QPushButton *m_pingButton = nullptr;
};
