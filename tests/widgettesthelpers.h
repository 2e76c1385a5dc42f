#pragma once
// What the widget tests share: find widgets as a screen reader does, type text as an
// input method does; an in-process QWebSocketServer that records and echoes; a
// ProfileModel autosaving into a temporary directory; and a tab shown and connected
// through its own Connect button; and the main window on the built-in echo server, with
// settings of its own.

#include "mainwindow.h"
#include "messageedit.h"
#include "profiles/profilemodel.h"
#include "session/echoserver.h"
#include "sessiontab.h"
#include "sessiontesthelpers.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QLabel>
#include <QLineEdit>
#include <QList>
#include <QPointer>
#include <QPushButton>
#include <QSettings>
#include <QString>
#include <QTemporaryDir>
#include <QTest>
#include <QWebSocket>
#include <QWebSocketServer>
#include <QWidget>

/// The first child of @p root of type T whose accessible name is @p name, or nullptr.
template <typename T> T *named(QWidget *root, const QString &name)
{
    const QList<T *> all = root->findChildren<T *>();
    for (T *w : all) {
        if (w->accessibleName() == name)
            return w;
    }
    return nullptr;
}

/// Types @p text into @p widget one character at a time, as key events that carry
/// text (what an input method sends), so non-Latin-1 characters work too; QTest's
/// keyClicks() asserts on those.
inline void typeText(QWidget *widget, const QString &text)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        const qsizetype n = text.at(i).isHighSurrogate() ? 2 : 1;
        QTest::sendKeyEvent(QTest::Click, widget, Qt::Key_unknown, text.mid(i, n), Qt::NoModifier);
        i += n - 1;
    }
}

/// A QWebSocketServer on 127.0.0.1 (port from the system once listen() is called).
/// It records what its latest client sent and echoes it; "flood N" is answered with N
/// text messages "flood message 0" … instead. Qt 6.4's QWebSocketServer hands a socket
/// over without a parent: this owns them, so they go with it.
class TestServer : public QObject
{
public:
    explicit TestServer(QWebSocketServer::SslMode mode = QWebSocketServer::NonSecureMode)
        : server(QStringLiteral("widget test server"), mode)
    {
        connect(&server, &QWebSocketServer::newConnection, this, &TestServer::adopt);
    }
    bool listen() { return server.listen(QHostAddress::LocalHost, 0); }
    QUrl url() const
    {
        const bool tls = server.secureMode() == QWebSocketServer::SecureMode;
        return QUrl(QStringLiteral("%1://127.0.0.1:%2/")
                        .arg(tls ? QStringLiteral("wss") : QStringLiteral("ws"))
                        .arg(server.serverPort()));
    }

    QWebSocketServer server;
    QPointer<QWebSocket> client;
    QStringList texts;
    QList<QByteArray> binaries;

private:
    void adopt()
    {
        client = server.nextPendingConnection();
        client->setParent(this);
        connect(client, &QWebSocket::textMessageReceived, this, &TestServer::onText);
        connect(client, &QWebSocket::binaryMessageReceived, this, &TestServer::onBinary);
    }
    void onText(const QString &message)
    {
        texts.append(message);
        if (!message.startsWith(QLatin1String("flood "))) {
            client->sendTextMessage(message);
            return;
        }
        const int n = message.mid(6).toInt();
        for (int i = 0; i < n; ++i)
            client->sendTextMessage(QStringLiteral("flood message %1").arg(i));
    }
    void onBinary(const QByteArray &data)
    {
        binaries.append(data);
        client->sendBinaryMessage(data);
    }
};

/// A ProfileModel autosaving to "profiles.json" in a temporary directory, as the app
/// runs it; load() has to succeed first (it gives the default Local echo profile).
struct TestProfiles
{
    QTemporaryDir dir;
    ProfileModel model;

    QString load() { return model.loadAutosave(dir.filePath(QStringLiteral("profiles.json"))); }
    /// Appends @p profile; its row, or -1 when the model refused it.
    int add(const Profile &profile)
    {
        const int row = model.createProfile();
        return model.updateProfile(row, profile).isEmpty() ? row : -1;
    }
};

/// Clicks @p tab's Connect button, which must be enabled.
inline void clickConnect(QWidget *tab)
{
    auto *connectButton = named<QPushButton>(tab, QStringLiteral("Connect"));
    QVERIFY(connectButton && connectButton->isEnabled());
    QTest::mouseClick(connectButton, Qt::LeftButton);
}

/// Connects @p tab as a person does: from Closed, a click on Connect, then waits for
/// the state label to read Open; Connect is disabled then.
inline void connectAndWaitOpen(QWidget *tab)
{
    auto *state = named<QLabel>(tab, QStringLiteral("Connection state"));
    QVERIFY(state);
    QCOMPARE(state->text(), QStringLiteral("Closed"));
    clickConnect(tab);
    QTRY_COMPARE(state->text(), QStringLiteral("Open"));
    QVERIFY(!named<QPushButton>(tab, QStringLiteral("Connect"))->isEnabled());
}

/// Clicks @p tab's Stop and waits for the state label to read Closed.
inline void stopAndWaitClosed(QWidget *tab)
{
    QTest::mouseClick(named<QPushButton>(tab, QStringLiteral("Stop")), Qt::LeftButton);
    QTRY_COMPARE(named<QLabel>(tab, QStringLiteral("Connection state"))->text(),
                 QStringLiteral("Closed"));
}

/// Sends @p text in @p format ("Text", "Hex", "Base64") through @p tab's composer:
/// the format chosen, the field emptied, the text typed, Send clicked.
inline void sendComposer(QWidget *tab, const QString &format, const QString &text)
{
    auto *formatBox = named<QComboBox>(tab, QStringLiteral("Message format"));
    auto *message = named<MessageEdit>(tab, QStringLiteral("Message"));
    QVERIFY(formatBox && message);
    formatBox->setCurrentIndex(formatBox->findText(format));
    message->clear();
    typeText(message, text);
    QTest::mouseClick(named<QPushButton>(tab, QStringLiteral("Send")), Qt::LeftButton);
}

/// What the tab tests start from, as a base of their test class: a TestServer,
/// TestProfiles with a profile "Test server" for it, and a SessionTab on that profile,
/// 1100 × 750, shown and connected (the server has its client). init() calls
/// setUpTab(), cleanup() tearDownTab().
class TabFixture
{
protected:
    void setUpTab()
    {
        m_store = new TestProfiles;
        m_dir = &m_store->dir;
        m_profiles = &m_store->model;
        m_server = new TestServer;
        QVERIFY(m_server->listen());
        QCOMPARE(m_store->load(), QString());
        Profile p = profileFor(m_server->url());
        p.name = QStringLiteral("Test server");
        const int row = m_store->add(p);
        QVERIFY(row >= 0);
        m_tab = new SessionTab(m_profiles, m_profiles->idAt(row), QUrl());
        m_tab->resize(1100, 750);
        m_tab->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_tab));
        connectAndWaitOpen(m_tab);
        QTRY_VERIFY(m_server->client);
    }
    void tearDownTab()
    {
        delete m_tab;
        delete m_server;
        delete m_store;
        m_tab = nullptr;
        m_server = nullptr;
        m_store = nullptr;
    }
    void sendComposer(const QString &format, const QString &text)
    {
        ::sendComposer(m_tab, format, text);
    }

    TestProfiles *m_store = nullptr;
    QTemporaryDir *m_dir = nullptr;     ///< m_store's
    ProfileModel *m_profiles = nullptr; ///< m_store's
    TestServer *m_server = nullptr;
    SessionTab *m_tab = nullptr;
};

/// Points QSettings at @p dir, under a test organisation and application, so a test
/// never reads or writes the user's settings; call it once, before any window.
inline void useTestSettings(const QTemporaryDir &dir, const QString &application)
{
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, dir.path());
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, dir.path());
    QCoreApplication::setOrganizationName(QStringLiteral("sockscope-test"));
    QCoreApplication::setApplicationName(application);
}

/// What the main-window tests start from, as a base of their test class: settings of
/// their own and empty (useTestSettings), the built-in echo server listening, the
/// profiles autosaving in a temporary directory (Local echo), and the window on them,
/// shown. init() calls setUpWindow(), cleanup() tearDownWindow().
class WindowFixture
{
protected:
    void setUpWindow()
    {
        static QTemporaryDir settings;
        static const bool isolated =
            (useTestSettings(settings, QStringLiteral("window-tests")), true);
        Q_UNUSED(isolated);
        QSettings().clear();
        m_dir = new QTemporaryDir;
        m_echo = new EchoServer;
        QVERIFY(m_echo->listen(0));
        m_profiles = new ProfileModel;
        QCOMPARE(m_profiles->loadAutosave(m_dir->filePath(QStringLiteral("profiles.json"))),
                 QString());
        m_window = new MainWindow(m_profiles, m_echo->url());
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window));
    }
    void tearDownWindow()
    {
        delete m_window;
        delete m_profiles;
        delete m_echo;
        delete m_dir;
        m_window = nullptr;
    }

    QTemporaryDir *m_dir = nullptr;
    EchoServer *m_echo = nullptr;
    ProfileModel *m_profiles = nullptr;
    MainWindow *m_window = nullptr;
};
