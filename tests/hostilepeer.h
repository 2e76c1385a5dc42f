#pragma once
// tests/peers/hostile_peer.py, a hostile WebSocket server on Python's standard library.

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStringList>
#include <QTest>
#include <QUrl>

/// tests/peers/hostile_peer.py serving one case: one JSON object per stdout line.
class HostilePeer
{
public:
    /// Starts the peer with @p caseArgs, the case name and its arguments, such as
    /// {"close-code", "1012", "restart"}.
    explicit HostilePeer(const QStringList &caseArgs)
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
                      QStringList{QStringLiteral(SOCKSCOPE_HOSTILE_PEER_SCRIPT)} + caseArgs);
    }
    ~HostilePeer()
    {
        process.closeWriteChannel(); // the peer exits when its stdin closes
        if (!process.waitForFinished(3000))
            process.kill();
        process.waitForFinished(1000);
    }
    HostilePeer(const HostilePeer &) = delete;
    HostilePeer &operator=(const HostilePeer &) = delete;

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
