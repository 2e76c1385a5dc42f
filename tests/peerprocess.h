#pragma once
// A peer the test starts as a separate process, one JSON object per stdout line, the
// first {"event": "listening", "port": N}; it exits when its standard input closes.

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStringList>
#include <QTest>
#include <QUrl>

class PeerProcess
{
public:
    /// Starts Debian's python3 with @p arguments (the script first).
    explicit PeerProcess(const QStringList &arguments)
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
        process.start(QStringLiteral(SOCKSCOPE_PYTHON3), arguments);
    }
    ~PeerProcess()
    {
        process.closeWriteChannel(); // the peer exits when its stdin closes
        if (!process.waitForFinished(3000))
            process.kill();
        process.waitForFinished(1000);
    }
    PeerProcess(const PeerProcess &) = delete;
    PeerProcess &operator=(const PeerProcess &) = delete;

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
    /// Every event named @p name, in the order the peer printed them.
    QList<QJsonObject> all(const QString &name) const
    {
        QList<QJsonObject> found;
        for (const QJsonObject &o : events) {
            if (o.value(QStringLiteral("event")).toString() == name)
                found.append(o);
        }
        return found;
    }
    /// The last event named @p name, or an empty object.
    QJsonObject last(const QString &name) const
    {
        const QList<QJsonObject> found = all(name);
        return found.isEmpty() ? QJsonObject() : found.last();
    }

    QProcess process;
    quint16 port = 0;
    QList<QJsonObject> events;
};
