// fake-openai-server: the test fake as a standalone program, for demos, manual testing and the
// multi-process tests. Prints one line "ready http=<port> https=<port>" on stdout once listening.

#include "fakeopenaiserver.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>
#include <QSslCertificate>
#include <QSslKey>
#include <cstdio>

using namespace Qt::StringLiterals;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"fake-openai-server"_s);
    QCommandLineParser parser;
    parser.setApplicationDescription(u"A fake of the OpenAI issuer and ChatGPT backend, on loopback only."_s);
    parser.addHelpOption();
    parser.addOption({u"port"_s, u"HTTP port (0 = any free port)."_s, u"N"_s, u"0"_s});
    parser.addOption({u"tls-port"_s, u"Also serve HTTPS on this port (needs --tls-cert and --tls-key)."_s, u"N"_s});
    parser.addOption({u"tls-cert"_s, u"PEM certificate for HTTPS."_s, u"FILE"_s});
    parser.addOption({u"tls-key"_s, u"PEM private key for HTTPS."_s, u"FILE"_s});
    parser.addOption({u"scenario"_s, u"JSON scenario: accounts, config, faults, authorizeAs."_s, u"FILE"_s});
    parser.process(app);

    cma::test::FakeOpenAiServer server;
    if (parser.isSet(u"scenario"_s)) {
        QFile f(parser.value(u"scenario"_s));
        if (!f.open(QIODevice::ReadOnly)) {
            std::fprintf(stderr, "fake-openai-server: cannot read the scenario %s\n", qPrintable(f.fileName()));
            return 2;
        }
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &error);
        if (!doc.isObject()) {
            std::fprintf(stderr, "fake-openai-server: the scenario is not a JSON object: %s\n",
                         qPrintable(error.errorString()));
            return 2;
        }
        server.loadScenario(doc.object());
    }
    if (!server.listen(static_cast<quint16>(parser.value(u"port"_s).toUInt()))) {
        std::fprintf(stderr, "fake-openai-server: cannot listen on 127.0.0.1:%s\n",
                     qPrintable(parser.value(u"port"_s)));
        return 1;
    }
    if (parser.isSet(u"tls-port"_s)) {
        QFile certFile(parser.value(u"tls-cert"_s));
        QFile keyFile(parser.value(u"tls-key"_s));
        if (!certFile.open(QIODevice::ReadOnly) || !keyFile.open(QIODevice::ReadOnly)) {
            std::fprintf(stderr, "fake-openai-server: --tls-port needs readable --tls-cert and --tls-key\n");
            return 2;
        }
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.setLocalCertificate(QSslCertificate(&certFile, QSsl::Pem));
        tls.setPrivateKey(QSslKey(&keyFile, QSsl::Rsa, QSsl::Pem));
        tls.setPeerVerifyMode(QSslSocket::VerifyNone);
        if (!server.listenTls(tls, static_cast<quint16>(parser.value(u"tls-port"_s).toUInt()))) {
            std::fprintf(stderr, "fake-openai-server: cannot listen for HTTPS\n");
            return 1;
        }
    }
    std::printf("ready http=%u https=%u\n", server.httpPort(), server.httpsPort());
    std::fflush(stdout);
    return QCoreApplication::exec();
}
