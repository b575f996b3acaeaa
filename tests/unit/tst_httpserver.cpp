#include "net/httpserver.h"
#include "testenv.h"

#include <QTcpSocket>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace cma;

// The loopback HTTP server under hostile input: it must answer garbage with 400, bound header size
// and request time, survive many connections, and keep serving afterwards.
class TestHttpServer : public QObject
{
    Q_OBJECT
private:
    HttpServer *m_server = nullptr;
    int m_handled = 0;

    QByteArray exchange(const QByteArray &raw, int waitMs = 5000)
    {
        QTcpSocket s;
        s.connectToHost(QHostAddress::LocalHost, m_server->port());
        if (!s.waitForConnected(2000))
            return "no connection";
        s.write(raw);
        QByteArray got;
        QElapsedTimer t;
        t.start();
        while (s.state() == QAbstractSocket::ConnectedState && t.elapsed() < waitMs) {
            if (s.waitForReadyRead(100))
                got += s.readAll();
            QCoreApplication::processEvents();
        }
        got += s.readAll();
        return got;
    }

private Q_SLOTS:
    void initTestCase()
    {
        test::requireIsolatedEnvironment();
        m_server = new HttpServer(this);
        m_server->setRequestTimeoutMs(1000);
        m_server->setMaxBodyBytes(1024);
        m_server->setHandler([this](const HttpServerRequest &r, std::shared_ptr<HttpResponder> resp) {
            ++m_handled;
            resp->respond(HttpServerResponse::text(200, "path=" + r.path.toUtf8() + " body=" + r.body));
        });
        QVERIFY(m_server->listen(QHostAddress::LocalHost, 0));
    }

    void parsesValidRequests_data()
    {
        QTest::addColumn<QByteArray>("raw");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("get") << QByteArray("GET /a/b?x=1 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                             << QByteArray("path=/a/b body=");
        QTest::newRow("post") << QByteArray("POST /t HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello")
                              << QByteArray("path=/t body=hello");
        QTest::newRow("chunked")
            << QByteArray("POST /c HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n")
            << QByteArray("path=/c body=abcde");
        QTest::newRow("percent path") << QByteArray("GET /a%20b HTTP/1.1\r\n\r\n") << QByteArray("path=/a b body=");
    }

    void parsesValidRequests()
    {
        QFETCH(QByteArray, raw);
        QFETCH(QByteArray, expected);
        const QByteArray reply = exchange(raw);
        QVERIFY2(reply.startsWith("HTTP/1.1 200 OK\r\n"), reply.constData());
        QVERIFY(reply.contains("Connection: close\r\n"));
        QVERIFY(reply.contains("Content-Length: "));
        QVERIFY2(reply.endsWith(expected), reply.constData());
    }

    void rejectsHostileInput_data()
    {
        QTest::addColumn<QByteArray>("raw");
        QTest::addColumn<QByteArray>("status");
        QByteArray garbage(300, '\0');
        for (int i = 0; i < garbage.size(); ++i)
            garbage[i] = char((i * 37) % 256);
        QTest::newRow("binary garbage") << garbage + "\r\n\r\n" << QByteArray("400");
        QTest::newRow("nul bytes") << QByteArray("GET /\0 HTTP/1.1\r\n", 17) << QByteArray("400");
        QTest::newRow("no version") << QByteArray("GET /\r\n\r\n") << QByteArray("400");
        QTest::newRow("relative target") << QByteArray("GET http://evil/ HTTP/1.1\r\n\r\n") << QByteArray("400");
        QTest::newRow("lowercase method") << QByteArray("get / HTTP/1.1\r\n\r\n") << QByteArray("400");
        QTest::newRow("header without colon") << QByteArray("GET / HTTP/1.1\r\nbroken\r\n\r\n") << QByteArray("400");
        QTest::newRow("1 MB header") << QByteArray("GET / HTTP/1.1\r\nX-Big: ") + QByteArray(1024 * 1024, 'a')
                                     << QByteArray("431");
        QTest::newRow("body too large") << QByteArray("POST / HTTP/1.1\r\nContent-Length: 999999\r\n\r\n")
                                        << QByteArray("413");
        QTest::newRow("negative length") << QByteArray("POST / HTTP/1.1\r\nContent-Length: -4\r\n\r\n")
                                         << QByteArray("400");
        QTest::newRow("slow client") << QByteArray("GET / HTTP/1.1\r\nHost: 127.0") << QByteArray("408");
    }

    void rejectsHostileInput()
    {
        QFETCH(QByteArray, raw);
        QFETCH(QByteArray, status);
        const int before = m_handled;
        const QByteArray reply = exchange(raw);
        QVERIFY2(reply.startsWith(QByteArray("HTTP/1.1 " + status)), reply.left(80).constData());
        QCOMPARE(m_handled, before);
        // Still serving.
        QVERIFY(exchange("GET /ok HTTP/1.1\r\n\r\n").endsWith("path=/ok body="));
    }

    void manyParallelConnections()
    {
        // More idle connections than the server allows (16 here): the oldest idle ones are evicted
        // so a real request still gets through.
        m_server->setMaxConnections(16);
        QList<QTcpSocket *> sockets;
        for (int i = 0; i < 40; ++i) {
            auto *s = new QTcpSocket(this);
            s->connectToHost(QHostAddress::LocalHost, m_server->port());
            sockets.append(s);
        }
        // Idle connections are cut by the request timeout; the server keeps answering others.
        QVERIFY(exchange("GET /alive HTTP/1.1\r\n\r\n").endsWith("path=/alive body="));
        QTRY_VERIFY_WITH_TIMEOUT(
            std::all_of(sockets.begin(), sockets.end(),
                        [](QTcpSocket *s) { return s->state() == QAbstractSocket::UnconnectedState; }),
            5000);
        qDeleteAll(sockets);
        m_server->setMaxConnections(64);
        QVERIFY(exchange("GET /after HTTP/1.1\r\n\r\n").endsWith("path=/after body="));
    }

    void responseSerialization()
    {
        auto r = HttpServerResponse::text(404, "Not Found");
        r.setHeader("X-A", "1");
        const QByteArray s = r.serialize();
        QVERIFY(s.startsWith("HTTP/1.1 404 Not Found\r\n"));
        QVERIFY(s.contains("Content-Type: text/plain; charset=utf-8\r\n"));
        QVERIFY(s.contains("Content-Length: 9\r\nConnection: close\r\n\r\nNot Found"));
        QVERIFY(!r.serialize(true).endsWith("Not Found"));
    }
};

QTEST_GUILESS_MAIN(TestHttpServer)
#include "tst_httpserver.moc"
