// HttpHeadReader and HttpHead: the opening handshake's request and response heads
// (RFC 9112 2.1), read from bytes split anywhere, bounded, and the Host rewrite.
#include "wiretap/httphead.h"

#include <QTest>

class TestHttpHead : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void readsAHeadSplitAnywhere()
    {
        const QByteArray wire = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                                "Sec-WebSocket-Accept:  abc= \r\n\r\nFRAMES";
        for (int split = 1; split < wire.size(); ++split) {
            HttpHeadReader reader;
            QByteArray rest;
            QCOMPARE(reader.feed(QByteArrayView(wire).first(split), &rest) ==
                         HttpHeadReader::Status::Complete,
                     split >= wire.indexOf("\r\n\r\n") + 4);
            if (reader.status() != HttpHeadReader::Status::Complete)
                reader.feed(QByteArrayView(wire).sliced(split), &rest);
            else
                rest += QByteArrayView(wire).sliced(split);
            QCOMPARE(reader.status(), HttpHeadReader::Status::Complete);
            QCOMPARE(rest, QByteArray("FRAMES"));
            QCOMPARE(reader.head().statusCode(), 101);
            QCOMPARE(reader.head().reasonPhrase(), QByteArray("Switching Protocols"));
            QCOMPARE(reader.head().value("sec-websocket-accept"), QByteArray("abc="));
            QCOMPARE(reader.head().fields.size(), 2);
        }
    }
    void boundsAHostileHead()
    {
        HttpHeadReader reader;
        const QByteArray line = "X-Fill: " + QByteArray(1000, 'a') + "\r\n";
        HttpHeadReader::Status status = reader.feed("HTTP/1.1 200 OK\r\n", nullptr);
        for (int i = 0; i < 100 && status == HttpHeadReader::Status::NeedMore; ++i)
            status = reader.feed(line, nullptr);
        QCOMPARE(status, HttpHeadReader::Status::TooLarge);
        QVERIFY(reader.problem().contains(QString::number(HttpHeadReader::MaxHeadBytes)));
    }
    void refusesALineThatIsNoField()
    {
        HttpHeadReader reader;
        QCOMPARE(reader.feed("HTTP/1.1 101 OK\r\nno colon here\r\n\r\n", nullptr),
                 HttpHeadReader::Status::Malformed);
        QVERIFY(reader.problem().contains(QLatin1String("line 2")));
        HttpHeadReader spaced;
        QCOMPARE(spaced.feed("HTTP/1.1 101 OK\r\nUpgrade : websocket\r\n\r\n", nullptr),
                 HttpHeadReader::Status::Malformed);
    }
    void statusCodeOnlyFromAStatusLine()
    {
        HttpHead head;
        head.startLine = "GET / HTTP/1.1";
        QCOMPARE(head.statusCode(), 0);
        head.startLine = "HTTP/1.1 4040 Nope";
        QCOMPARE(head.statusCode(), 0);
        head.startLine = "HTTP/1.1 401";
        QCOMPARE(head.statusCode(), 401);
        QCOMPARE(head.reasonPhrase(), QByteArray());
    }
    void rewritesOnlyTheHost()
    {
        HttpHeadReader reader;
        reader.feed("GET /chat?x=1 HTTP/1.1\r\nhost: 127.0.0.1:5555\r\nX-Host: keep\r\n\r\n",
                    nullptr);
        HttpHead head = reader.head();
        head.replaceHost("example.com:8080");
        QCOMPARE(head.value("Host"), QByteArray("example.com:8080"));
        QCOMPARE(head.raw, QByteArray("GET /chat?x=1 HTTP/1.1\r\nHost: example.com:8080\r\nX-Host: "
                                      "keep\r\n\r\n"));
        HttpHeadReader none;
        none.feed("GET / HTTP/1.1\r\nA: b\r\n\r\n", nullptr);
        HttpHead bare = none.head();
        bare.replaceHost("h");
        QCOMPARE(bare.raw, QByteArray("GET / HTTP/1.1\r\nHost: h\r\nA: b\r\n\r\n"));
        QCOMPARE(bare.value("host"), QByteArray("h"));
    }
};

QTEST_GUILESS_MAIN(TestHttpHead)
#include "tst_httphead.moc"
