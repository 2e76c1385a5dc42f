// HarImport: Chrome's and Firefox's HAR files (fixtures in tests/data) become recorded
// connections; control frames, names and bounds; bad files are refused naming the JSON
// path and the problem.
#include "import/harimport.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

class TestHarImport : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void chromeFixture();
    void chromiumRecording();
    void chromeTwoConnections();
    void firefoxFixture();
    void controlFrames_data();
    void controlFrames();
    void detection_data();
    void detection();
    void sameHostIsNumbered();
    void refuses_data();
    void refuses();
    void syntaxErrorNamesLineAndColumn();
    void boundsMessages();
    void boundsConnections();
    void boundsFileSize();
    void missingFile();
};

namespace {

QString fixture(const char *name)
{
    return QStringLiteral(SOCKSCOPE_TEST_DATA "/") + QLatin1String(name);
}

QJsonObject wsEntry(const QJsonArray &messages, const QString &url = "ws://h:1/")
{
    return QJsonObject{
        {"_resourceType", "websocket"},
        {"request", QJsonObject{{"method", "GET"}, {"url", url}, {"headers", QJsonArray()}}},
        {"_webSocketMessages", messages}};
}

QByteArray har(const QJsonArray &entries)
{
    return QJsonDocument(
               QJsonObject{{"log", QJsonObject{{"version", "1.2"}, {"entries", entries}}}})
        .toJson();
}

QByteArray harOf(const QJsonObject &message)
{
    return har({wsEntry({message})});
}

QStringList headerNames(const Profile &p)
{
    QStringList names;
    for (const HandshakeHeader &h : p.headers)
        names.append(h.name);
    return names;
}

void checkEvent(const LogEvent &e, Direction d, EventKind k, qint64 ms, const QByteArray &payload,
                qint64 size = -2)
{
    QCOMPARE(e.direction, d);
    QCOMPARE(e.kind, k);
    QCOMPARE(e.timestampMs, ms);
    QCOMPARE(e.payload, payload);
    QCOMPARE(e.sizeBytes, size == -2 ? payload.size() : size);
    QCOMPARE(e.closeCode, quint16(0));
    QCOMPARE(e.rttUs, -1);
}

} // namespace

void TestHarImport::chromeFixture()
{
    const ImportResult r = HarImport::fromFile(fixture("chrome-websocket.har"));
    QVERIFY2(r.ok(), qPrintable(r.error.text()));
    QCOMPARE(r.warnings, QStringList());
    QCOMPARE(r.connections.size(), 1);
    const RecordedConnection &c = r.connections.first();
    QCOMPARE(c.profile.name, QStringLiteral("HAR: 127.0.0.1"));
    QCOMPARE(c.profile.url, QUrl("ws://127.0.0.1:8765/"));
    // Connection, Host, Sec-WebSocket-Extensions/-Key/-Version and Upgrade are QtWebSockets'.
    QCOMPARE(headerNames(c.profile),
             (QStringList{"Accept-Encoding", "Accept-Language", "Cache-Control", "Origin", "Pragma",
                          "User-Agent"}));
    QCOMPARE(c.profile.headers.at(3).value, QStringLiteral("http://127.0.0.1:8000"));
    QVERIFY(c.profile.subprotocols.isEmpty());
    QCOMPARE(c.profile.problem(), QString());

    QCOMPARE(c.events.size(), 6);
    checkEvent(c.events[0], Direction::Sent, EventKind::Text, 1764000000123, "hello");
    checkEvent(c.events[1], Direction::Received, EventKind::Text, 1764000000125, "hello");
    checkEvent(c.events[2], Direction::Sent, EventKind::Text, 1764000001500,
               QStringLiteral("h\u00e9llo \u2713 {\"n\":1}").toUtf8(), 18); // UTF-8 bytes
    checkEvent(c.events[3], Direction::Sent, EventKind::Binary, 1764000002007,
               QByteArray("\x00\x01\x02\xff", 4));
    checkEvent(c.events[4], Direction::Received, EventKind::Binary, 1764000002009, // rounded
               QByteArray("\x00\x01\x02\xff", 4));
    checkEvent(c.events[5], Direction::Received, EventKind::Text, 1764000003000, "");
}

void TestHarImport::chromiumRecording()
{
    // Recorded, not written: Debian's Chromium 156 on a page that talked to Sockscope's
    // built-in echo server, saved by DevTools' own HAR writer (tests/data/chromium-har/
    // record.sh). Times are ms since the epoch, rounded from DevTools' seconds.
    const ImportResult r = HarImport::fromFile(fixture("chromium-echo.har"));
    QVERIFY2(r.ok(), qPrintable(r.error.text()));
    QCOMPARE(r.warnings, QStringList());
    QCOMPARE(r.connections.size(), 1); // not the page, nor its favicon
    const RecordedConnection &c = r.connections.first();
    QCOMPARE(c.profile.url, QUrl("ws://127.0.0.1:39863/echo?room=har"));
    QCOMPARE(headerNames(c.profile), (QStringList{"Origin", "Cache-Control", "Accept-Language",
                                                  "Pragma", "Accept-Encoding", "User-Agent"}));
    QCOMPARE(c.profile.problem(), QString());

    QCOMPARE(c.events.size(), 8);
    const QByteArray json = R"({"type":"subscribe","channel":"prices"})";
    const QByteArray bytes("\x00\x01\x02\xfe\xff", 5);
    const QByteArray accented = QStringLiteral("h\u00e9llo \u2713").toUtf8();
    checkEvent(c.events[0], Direction::Sent, EventKind::Text, 1796412352465, "hello");
    checkEvent(c.events[1], Direction::Sent, EventKind::Text, 1796412352465, json);
    checkEvent(c.events[2], Direction::Sent, EventKind::Binary, 1796412352465, bytes);
    checkEvent(c.events[3], Direction::Sent, EventKind::Text, 1796412352465, accented);
    checkEvent(c.events[4], Direction::Received, EventKind::Text, 1796412352468, "hello");
    checkEvent(c.events[5], Direction::Received, EventKind::Text, 1796412352468, json);
    checkEvent(c.events[6], Direction::Received, EventKind::Binary, 1796412352468, bytes);
    checkEvent(c.events[7], Direction::Received, EventKind::Text, 1796412352468, accented);
}

void TestHarImport::chromeTwoConnections()
{
    const ImportResult r = HarImport::fromFile(fixture("chrome-two-connections.har"));
    QVERIFY2(r.ok(), qPrintable(r.error.text()));
    QCOMPARE(r.warnings, QStringList()); // pseudo-headers are left out silently
    QCOMPARE(r.connections.size(), 2);   // the document entry is not one
    const Profile &a = r.connections[0].profile;
    QCOMPARE(a.name, QStringLiteral("HAR: 127.0.0.1"));
    QCOMPARE(a.url, QUrl("ws://127.0.0.1:8765/feed?room=1"));
    QCOMPARE(a.subprotocols, (QStringList{"graphql-ws", "json"}));
    QVERIFY(headerNames(a).contains("Cookie"));
    for (const HandshakeHeader &h : a.headers)
        QCOMPARE(h.secret, h.name == QLatin1String("Cookie"));
    QCOMPARE(r.connections[0].events.size(), 2);
    checkEvent(r.connections[0].events[1], Direction::Received, EventKind::Text, 1764000010300,
               "{\"op\":\"ack\"}");

    const Profile &b = r.connections[1].profile;
    QCOMPARE(b.name, QStringLiteral("HAR: live.example.com"));
    QCOMPARE(b.url, QUrl("wss://live.example.com/live"));
    for (const QString &name : headerNames(b)) // HTTP/2 pseudo-headers are left out
        QVERIFY2(!name.startsWith(u':'), qPrintable(name));
    QCOMPARE(headerNames(b).size(), 6);
    const QList<LogEvent> &e = r.connections[1].events;
    QCOMPARE(e.size(), 3);
    checkEvent(e[1], Direction::Received, EventKind::Binary, 1764000011021, "\x10\x20");
    checkEvent(e[2], Direction::Local, EventKind::Error, 1764000012500, "net::ERR_CONNECTION_RESET",
               0);
}

void TestHarImport::firefoxFixture()
{
    const ImportResult r = HarImport::fromFile(fixture("firefox-websocket.har"));
    QVERIFY2(r.ok(), qPrintable(r.error.text()));
    QCOMPARE(r.connections.size(), 1);
    const RecordedConnection &c = r.connections.first();
    QCOMPARE(c.profile.url, QUrl("ws://127.0.0.1:8765/chat")); // http:// with Upgrade: websocket
    QCOMPARE(c.profile.subprotocols, QStringList{"chat"});
    QVERIFY(c.events.isEmpty());
    QCOMPARE(r.warnings.size(), 1);
    QVERIFY2(r.warnings.first().startsWith("log.entries[0]: no _webSocketMessages"),
             qPrintable(r.warnings.first()));
    QCOMPARE(headerNames(c.profile),
             (QStringList{"User-Agent", "Accept", "Accept-Language", "Accept-Encoding", "Origin",
                          "Sec-Fetch-Dest", "Sec-Fetch-Mode", "Sec-Fetch-Site", "Pragma",
                          "Cache-Control"}));
}

void TestHarImport::controlFrames_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<int>("opcode");
    QTest::addColumn<QByteArray>("data"); // as written in the HAR (base64)
    QTest::addColumn<int>("kind");
    QTest::addColumn<int>("closeCode");
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<qint64>("size");
    QTest::newRow("close sent") << "send" << 8 << QByteArray("A+hieWU=")
                                << int(EventKind::CloseSent) << 1000 << QByteArray("bye")
                                << qint64(5);
    QTest::newRow("close received, 4000")
        << "receive" << 8 << QByteArray("D6A=") << int(EventKind::CloseReceived) << 4000
        << QByteArray() << qint64(2);
    QTest::newRow("empty close is 1005")
        << "receive" << 8 << QByteArray() << int(EventKind::CloseReceived) << 1005 << QByteArray()
        << qint64(0);
    QTest::newRow("ping") << "receive" << 9 << QByteArray("cGluZw==") << int(EventKind::Ping) << 0
                          << QByteArray("ping") << qint64(4);
    QTest::newRow("pong") << "send" << 10 << QByteArray("cGluZw==") << int(EventKind::Pong) << 0
                          << QByteArray("ping") << qint64(4);
    QTest::newRow("empty binary") << "send" << 2 << QByteArray() << int(EventKind::Binary) << 0
                                  << QByteArray() << qint64(0);
}

void TestHarImport::controlFrames()
{
    QFETCH(QString, type);
    QFETCH(int, opcode);
    QFETCH(QByteArray, data);
    QFETCH(int, kind);
    QFETCH(int, closeCode);
    QFETCH(QByteArray, payload);
    QFETCH(qint64, size);
    const ImportResult r = HarImport::fromBytes(harOf(QJsonObject{
        {"type", type}, {"time", 1.5}, {"opcode", opcode}, {"data", QString::fromLatin1(data)}}));
    QVERIFY2(r.ok(), qPrintable(r.error.text()));
    const LogEvent &e = r.connections.first().events.first();
    QCOMPARE(int(e.kind), kind);
    QCOMPARE(int(e.closeCode), closeCode);
    QCOMPARE(e.payload, payload);
    QCOMPARE(e.sizeBytes, size);
    QCOMPARE(e.timestampMs, qint64(1500));
    QCOMPARE(e.direction, type == "send" ? Direction::Sent : Direction::Received);
}

void TestHarImport::detection_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("url"); // of the one connection
    const QJsonObject upgrade{{"name", "upgrade"}, {"value", "WebSocket"}};
    QTest::newRow("wss:// URL, no _resourceType")
        << har({QJsonObject{{"request", QJsonObject{{"url", "wss://h/x"}}}}}) << "wss://h/x";
    QTest::newRow("Upgrade header, https")
        << har({QJsonObject{
               {"request", QJsonObject{{"url", "https://h/x"}, {"headers", QJsonArray{upgrade}}}}}})
        << "wss://h/x";
    QTest::newRow("plain entries are skipped")
        << har({QJsonObject{{"request", QJsonObject{{"url", "https://h/page"}}}},
                wsEntry({}, "ws://other/")})
        << "ws://other/";
}

void TestHarImport::detection()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, url);
    const ImportResult r = HarImport::fromBytes(json);
    QVERIFY2(r.ok(), qPrintable(r.error.text()));
    QCOMPARE(r.connections.size(), 1);
    QCOMPARE(r.connections.first().profile.url, QUrl(url));
}

void TestHarImport::sameHostIsNumbered()
{
    const ImportResult r = HarImport::fromBytes(
        har({wsEntry({}, "ws://h/a"), wsEntry({}, "ws://h:2/b"), wsEntry({}, "ws://g/")}));
    QVERIFY(r.ok());
    QCOMPARE(r.connections.size(), 3);
    QCOMPARE(r.connections[0].profile.name, QStringLiteral("HAR: h"));
    QCOMPARE(r.connections[1].profile.name, QStringLiteral("HAR: h (2)"));
    QCOMPARE(r.connections[2].profile.name, QStringLiteral("HAR: g"));
}

void TestHarImport::refuses_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("where");
    QTest::addColumn<QString>("problem");
    const auto msg = [](QJsonObject o) {
        for (const char *k : {"type", "time", "opcode", "data"}) {
            if (!o.contains(QLatin1String(k)))
                o.insert(QLatin1String(k),
                         QJsonObject{{"type", "send"}, {"time", 1.0}, {"opcode", 1}, {"data", "x"}}
                             .value(QLatin1String(k)));
        }
        for (auto it = o.begin(); it != o.end();) // null means "leave it out"
            it = it->isNull() ? o.erase(it) : it + 1;
        return harOf(o);
    };
    const QString m0 = "log.entries[0]._webSocketMessages[0]";
    QTest::newRow("array") << QByteArray("[]") << ""
                           << "not an object";
    QTest::newRow("no log") << QByteArray("{}") << "log"
                            << "is missing";
    QTest::newRow("log not object") << QByteArray(R"({"log":1})") << "log"
                                    << "must be an object";
    QTest::newRow("no entries") << QByteArray(R"({"log":{}})") << "log.entries"
                                << "must be an array";
    QTest::newRow("empty entries") << har({}) << "log.entries"
                                   << "no WebSocket connections in this HAR";
    QTest::newRow("only plain entries")
        << har({QJsonObject{{"request", QJsonObject{{"url", "https://h/"}}}}}) << "log.entries"
        << "no WebSocket connections in this HAR";
    QTest::newRow("entry not object") << har({1}) << "log.entries[0]"
                                      << "must be an object";
    QTest::newRow("no request") << har({QJsonObject{}}) << "log.entries[0].request"
                                << "must be an object";
    QTest::newRow("url not string")
        << har({QJsonObject{{"request", QJsonObject{{"url", 5}}}}}) << "log.entries[0].request.url"
        << "must be a string";
    QTest::newRow("headers not array")
        << har({QJsonObject{{"request", QJsonObject{{"url", "ws://h"}, {"headers", "x"}}}}})
        << "log.entries[0].request.headers"
        << "must be an array";
    QTest::newRow("header not object")
        << har({QJsonObject{
               {"request",
                QJsonObject{
                    {"url", "ws://h"},
                    {"headers", QJsonArray{QJsonObject{{"name", "a"}, {"value", "b"}}, 2}}}}}})
        << "log.entries[0].request.headers[1]"
        << "must be an object";
    QTest::newRow("header value not string")
        << har({QJsonObject{
               {"request",
                QJsonObject{{"url", "ws://h"},
                            {"headers", QJsonArray{QJsonObject{{"name", "a"}, {"value", 1}}}}}}}})
        << "log.entries[0].request.headers[0].value"
        << "must be a string";
    QTest::newRow("bad URL scheme")
        << har({wsEntry({}, "ftp://h/")}) << "log.entries[0].request.url"
        << "not ftp://";
    QTest::newRow("URL without host")
        << har({wsEntry({}, "ws:///x")}) << "log.entries[0].request.url"
        << "no host";
    QTest::newRow("messages not array")
        << har({QJsonObject{{"_resourceType", "websocket"},
                            {"request", QJsonObject{{"url", "ws://h"}}},
                            {"_webSocketMessages", QJsonObject()}}})
        << "log.entries[0]._webSocketMessages"
        << "must be an array";
    QTest::newRow("message not object") << har({wsEntry({7})}) << m0 << "must be an object";
    QTest::newRow("bad type") << msg({{"type", "sent"}}) << m0 + ".type"
                              << "must be \"send\", \"receive\" or \"error\"";
    QTest::newRow("no type") << msg({{"type", QJsonValue::Null}}) << m0 + ".type"
                             << "must be";
    QTest::newRow("time string") << msg({{"time", "1"}}) << m0 + ".time"
                                 << "must be a number";
    QTest::newRow("no time") << msg({{"time", QJsonValue::Null}}) << m0 + ".time"
                             << "must be a number";
    QTest::newRow("time negative") << msg({{"time", -1}}) << m0 + ".time"
                                   << "seconds since 1970";
    QTest::newRow("time huge") << msg({{"time", 1e300}}) << m0 + ".time"
                               << "seconds since 1970";
    QTest::newRow("no opcode") << msg({{"opcode", QJsonValue::Null}}) << m0 + ".opcode"
                               << "must be a number";
    QTest::newRow("opcode string") << msg({{"opcode", "1"}}) << m0 + ".opcode"
                                   << "must be a number";
    QTest::newRow("opcode 0") << msg({{"opcode", 0}}) << m0 + ".opcode"
                              << "must be 1, 2, 8, 9 or 10";
    QTest::newRow("opcode 3") << msg({{"opcode", 3}}) << m0 + ".opcode"
                              << "RFC 6455 5.2";
    QTest::newRow("opcode 1.5") << msg({{"opcode", 1.5}}) << m0 + ".opcode"
                                << "must be 1, 2";
    QTest::newRow("opcode 1e300") << msg({{"opcode", 1e300}}) << m0 + ".opcode"
                                  << "must be 1, 2";
    QTest::newRow("data number") << msg({{"data", 5}}) << m0 + ".data"
                                 << "must be a string";
    QTest::newRow("binary not base64") << msg({{"opcode", 2}, {"data", "hello!"}}) << m0 + ".data"
                                       << "must be base64 (RFC 4648 4) for opcode 2";
    QTest::newRow("binary non-ASCII")
        << msg({{"opcode", 2}, {"data", "\u00e9\u00e9\u00e9\u00e9"}}) << m0 + ".data"
        << "must be base64";
    QTest::newRow("close of 1 byte") << msg({{"opcode", 8}, {"data", "AQ=="}}) << m0 + ".data"
                                     << "empty or at least 2 bytes (RFC 6455 5.5.1)";
    QJsonArray eight;
    for (int i = 0; i < 8; ++i)
        eight.append(QJsonObject{
            {"type", "receive"}, {"time", 2.0}, {"opcode", i == 7 ? -1 : 1}, {"data", "x"}});
    QTest::newRow("deep path") << har({QJsonObject{{"request", QJsonObject{{"url", "https://a/"}}}},
                                       wsEntry({}), wsEntry({}), wsEntry(eight)})
                               << "log.entries[3]._webSocketMessages[7].opcode"
                               << "must be 1, 2, 8, 9 or 10";
}

void TestHarImport::refuses()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, where);
    QFETCH(QString, problem);
    const ImportResult r = HarImport::fromBytes(json);
    QVERIFY(!r.ok());
    QVERIFY(r.connections.isEmpty());
    QCOMPARE(r.error.where, where);
    QVERIFY2(r.error.problem.contains(problem), qPrintable(r.error.problem));
}

void TestHarImport::syntaxErrorNamesLineAndColumn()
{
    const ImportResult r = HarImport::fromBytes("{\n  \"log\": {\n    \"entries\": [,]\n  }\n}\n");
    QVERIFY(!r.ok());
    // Qt's offset is just past the character the parser stopped at.
    QCOMPARE(r.error.where, QStringLiteral("line 3, column 18"));
    QVERIFY2(r.error.problem.startsWith("not JSON: "), qPrintable(r.error.problem));
    QVERIFY(!HarImport::fromBytes(QByteArray()).ok());
}

void TestHarImport::boundsMessages()
{
    // Counted before any is read: a million and one zeros are refused as too many.
    QByteArray many =
        R"({"log":{"entries":[{"_resourceType":"websocket","request":{"url":"ws://h"},)"
        R"("_webSocketMessages":[)";
    for (qsizetype i = 0; i < HarImport::MaxMessages; ++i)
        many.append("0,");
    many.append("0]}]}}");
    const ImportResult r = HarImport::fromBytes(many);
    QVERIFY(!r.ok());
    QCOMPARE(r.error.where, QStringLiteral("log.entries[0]._webSocketMessages"));
    QVERIFY2(r.error.problem.contains("more than 1000000 messages"), qPrintable(r.error.problem));
}

void TestHarImport::boundsConnections()
{
    // Each connection becomes a profile: a HAR of tiny entries cannot make a million.
    QByteArray many = R"({"log":{"entries":[)";
    for (qsizetype i = 0; i <= HarImport::MaxConnections; ++i)
        many.append(R"({"_resourceType":"websocket","request":{"url":"ws://h"},)"
                    R"("_webSocketMessages":[]},)");
    many.chop(1);
    many.append("]}}");
    const ImportResult r = HarImport::fromBytes(many);
    QVERIFY(!r.ok());
    QCOMPARE(r.error.where, QStringLiteral("log.entries[1000]"));
    QVERIFY2(r.error.problem.contains("more than 1000 WebSocket connections"),
             qPrintable(r.error.problem));
}

void TestHarImport::boundsFileSize()
{
    QTemporaryDir dir;
    QFile big(dir.filePath("big.har"));
    QVERIFY(big.open(QIODevice::WriteOnly));
    QVERIFY(big.resize(HarImport::MaxFileBytes + 1)); // sparse: no disk used
    big.close();
    const ImportResult r = HarImport::fromFile(big.fileName());
    QVERIFY(!r.ok());
    QCOMPARE(r.error.where, QStringLiteral("big.har"));
    QVERIFY2(r.error.problem.contains("is 257 MiB; a HAR file is read up to 256 MiB"),
             qPrintable(r.error.problem));
}

void TestHarImport::missingFile()
{
    const ImportResult r = HarImport::fromFile(QStringLiteral("/nonexistent/x.har"));
    QVERIFY(!r.ok());
    QCOMPARE(r.error.where, QStringLiteral("x.har"));
    QVERIFY(r.error.problem.startsWith("cannot be read"));
}

QTEST_GUILESS_MAIN(TestHarImport)
#include "tst_harimport.moc"
