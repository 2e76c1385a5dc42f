#pragma once
// tests/peers/ws_peer.py, Debian's python3-websockets, as a peer the test starts.

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>
#include <QUrl>

/// tests/peers/ws_peer.py in "server" mode: one JSON object per stdout line.
class PythonServer
{
public:
    PythonServer()
    {
        QObject::connect(&process, &QProcess::readyReadStandardOutput, &process, [this] {
            while (process.canReadLine()) {
                const QJsonObject o = QJsonDocument::fromJson(process.readLine()).object();
                if (o.value(QStringLiteral("event")) == QLatin1String("listening"))
                    port = quint16(o.value(QStringLiteral("port")).toInt());
                else
                    events.append(o);
            }
        });
        process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        process.start(QStringLiteral(SOCKSCOPE_PYTHON3),
                      {QStringLiteral(SOCKSCOPE_PEER_SCRIPT), QStringLiteral("server")});
    }
    ~PythonServer()
    {
        process.closeWriteChannel(); // the peer exits when its stdin closes
        if (!process.waitForFinished(3000))
            process.kill();
        process.waitForFinished(1000);
    }
    bool waitListening()
    {
        [this] {
            QTRY_VERIFY_WITH_TIMEOUT(port != 0, 15000);
        }();
        return port != 0;
    }
    QUrl url(const QString &path = QStringLiteral("/")) const
    {
        return QUrl(QStringLiteral("ws://127.0.0.1:%1%2").arg(port).arg(path));
    }
    /// The last event named @p name, or an empty object.
    QJsonObject last(const QString &name) const
    {
        for (auto it = events.crbegin(); it != events.crend(); ++it) {
            if (it->value(QStringLiteral("event")).toString() == name)
                return *it;
        }
        return {};
    }

    QProcess process;
    quint16 port = 0;
    QList<QJsonObject> events;
};
