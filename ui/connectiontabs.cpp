#include "connectiontabs.h"

#include "log/messagelog.h"
#include "palette.h"
#include "plaintext.h"
#include "profiles/profilemodel.h"
#include "recordedtab.h"
#include "sessiontab.h"

#include <QEvent>
#include <QLocale>
#include <QPainter>
#include <QPixmap>
#include <QSettings>
#include <QTabBar>
#include <QTimer>

namespace {

/// A filled circle of @p colour, the size of a small icon: the tab's state at a glance.
QIcon stateIcon(const QColor &colour)
{
    QPixmap pixmap(16, 16);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(colour);
    painter.drawEllipse(QRectF(3, 3, 10, 10));
    return QIcon(pixmap);
}

} // namespace

ConnectionTabs::ConnectionTabs(ProfileModel *profiles, const QUrl &echoUrl, QWidget *parent)
    : QTabWidget(parent), m_profiles(profiles), m_echoUrl(echoUrl)
{
    setAccessibleName(tr("Connections"));
    setTabsClosable(true);
    setMovable(true);
    setDocumentMode(true);
    connect(this, &QTabWidget::tabCloseRequested, this, &ConnectionTabs::requestClose);
}

SessionTab *ConnectionTabs::tab(int index) const
{
    return qobject_cast<SessionTab *>(widget(index));
}

SessionTab *ConnectionTabs::currentTab() const
{
    return qobject_cast<SessionTab *>(currentWidget());
}

SessionTab *ConnectionTabs::openProfile(int row)
{
    if (row < 0 || row >= m_profiles->rowCount())
        return nullptr;
    const quint64 id = m_profiles->idAt(row);
    for (int i = 0; i < count(); ++i) {
        if (SessionTab *t = tab(i); t && t->profileId() == id && !m_ending.contains(t)) {
            setCurrentIndex(i);
            return t;
        }
    }
    auto *t = new SessionTab(m_profiles, id, m_echoUrl, this);
    const int index = addTab(t, PlainText::tabText(t->profileName()));
    setTabToolTip(index, PlainText::toolTip(
                             m_profiles->data(m_profiles->index(row), Qt::ToolTipRole).toString()));
    if (QWidget *closeButton = tabBar()->tabButton(index, QTabBar::RightSide))
        closeButton->setAccessibleName(tr("Close tab"));
    connect(t, &SessionTab::titleChanged, this,
            [this, t](const QString &title) { onTitleChanged(t, title); });
    connect(t->session(), &WebSocketSession::stateChanged, this, [this, t] { showState(t); });
    showState(t);
    setCurrentIndex(index);
    return t;
}

RecordedTab *ConnectionTabs::recordedTab(int index) const
{
    return qobject_cast<RecordedTab *>(widget(index));
}

RecordedTab *ConnectionTabs::openRecorded(const RecordedConnection &recorded, const QString &source)
{
    auto *t = new RecordedTab(recorded, source, this);
    const int index = addTab(t, PlainText::tabText(t->title()));
    setTabToolTip(index, PlainText::toolTip(t->title() + QLatin1Char('\n') + source));
    tabBar()->setAccessibleTabName(index, tr("%1, read-only").arg(t->title()));
    if (QWidget *closeButton = tabBar()->tabButton(index, QTabBar::RightSide))
        closeButton->setAccessibleName(tr("Close tab"));
    setCurrentIndex(index);
    return t;
}

QList<SessionTab *> ConnectionTabs::connectedTabs() const
{
    QList<SessionTab *> tabs;
    for (int i = 0; i < count(); ++i) {
        SessionTab *t = tab(i);
        if (t && t->session()->state() != WebSocketSession::State::Closed)
            tabs.append(t);
    }
    return tabs;
}

bool ConnectionTabs::requestClose(int index)
{
    if (RecordedTab *recorded = recordedTab(index)) {
        QTabWidget::removeTab(index); // nothing to end, nothing lost: the file has it
        recorded->deleteLater();
        return true;
    }
    SessionTab *t = tab(index);
    if (!t)
        return false;
    if (m_ending.contains(t))
        return true; // already on its way out
    if (t->session()->state() == WebSocketSession::State::Closed) {
        removeTab(t);
        return true;
    }
    if (!confirmClosing({t}))
        return false;
    endAndRemove(t);
    return true;
}

bool ConnectionTabs::requestCloseAll()
{
    const QList<SessionTab *> tabs = connectedTabs();
    if (tabs.isEmpty()) {
        Q_EMIT allEnded();
        return true;
    }
    if (!confirmClosing(tabs))
        return false;
    m_endingAll = true;
    // All are waited for before any ends: one may end within close().
    for (SessionTab *t : tabs)
        m_ending.insert(t);
    for (SessionTab *t : tabs)
        endAndRemove(t);
    return true;
}

bool ConnectionTabs::confirmClosing(const QList<SessionTab *> &tabs)
{
    QSettings settings;
    if (settings.value(QLatin1String(DontAskKey), false).toBool())
        return true;
    QString question;
    if (tabs.size() == 1) {
        const SessionTab *t = tabs.constFirst();
        const qint64 rows = t->session()->log()->totalEvents();
        question = tr("The connection of \"%1\" is open. Closing the tab sends a close frame "
                      "with %2 Going Away '%3', and the tab's log of %4 goes with it.")
                       .arg(t->profileName(), QString::number(GoingAwayCode), goingAwayReason(),
                            rows == 1 ? tr("1 row") : tr("%1 rows").arg(QLocale().toString(rows)));
    } else {
        QStringList names;
        for (const SessionTab *t : tabs)
            names.append(QLatin1Char('"') + t->profileName() + QLatin1Char('"'));
        question = tr("%1 connections are open: %2. Each is closed with a close frame with "
                      "%3 Going Away '%4', and their logs go with their tabs.")
                       .arg(QString::number(tabs.size()), names.join(QStringLiteral(", ")),
                            QString::number(GoingAwayCode), goingAwayReason());
    }
    bool dontAskAgain = false;
    if (!PlainText::confirmOrRemember(this, tr("Close Connection"), question,
                                      tabs.size() == 1 ? tr("Close Tab") : tr("Close All"),
                                      &dontAskAgain))
        return false;
    if (dontAskAgain)
        settings.setValue(QLatin1String(DontAskKey), true);
    return true;
}

void ConnectionTabs::endAndRemove(SessionTab *t)
{
    WebSocketSession *session = t->session();
    m_ending.insert(t);
    // Queued: a session can end inside close(), before this function returns.
    connect(
        session, &WebSocketSession::finished, this, [this, t] { onTabEnded(t); },
        Qt::QueuedConnection);
    QTimer::singleShot(CloseWaitMs, t, [this, t] { onTabTimedOut(t); });
    if (session->state() == WebSocketSession::State::Closing)
        return; // a closing handshake is under way already; wait for its end
    // Open: the closing handshake (RFC 6455 7.1.2). Connecting: there is no connection
    // to carry a close frame yet, and close() abandons the attempt (and logs so).
    session->close(GoingAwayCode, goingAwayReason());
}

void ConnectionTabs::onTabTimedOut(SessionTab *t)
{
    if (!m_ending.contains(t))
        return;
    t->session()->stop(); // its finished() removes the tab
    if (m_ending.contains(t))
        onTabEnded(t);
}

void ConnectionTabs::onTabEnded(SessionTab *t)
{
    if (!m_ending.remove(t))
        return;
    removeTab(t);
    if (m_endingAll && m_ending.isEmpty()) {
        m_endingAll = false;
        Q_EMIT allEnded();
    }
}

void ConnectionTabs::removeTab(SessionTab *t)
{
    const int index = indexOf(t);
    if (index >= 0)
        QTabWidget::removeTab(index);
    t->deleteLater();
}

void ConnectionTabs::changeEvent(QEvent *event)
{
    QTabWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        for (int i = 0; i < count(); ++i) {
            if (SessionTab *t = tab(i))
                showState(t);
        }
    }
}

void ConnectionTabs::tabInserted(int index)
{
    QTabWidget::tabInserted(index);
    Q_EMIT countChanged(count());
}

void ConnectionTabs::tabRemoved(int index)
{
    QTabWidget::tabRemoved(index);
    Q_EMIT countChanged(count());
}

void ConnectionTabs::showState(SessionTab *t)
{
    const int index = indexOf(t);
    if (index < 0)
        return;
    const WebSocketSession::State state = t->session()->state();
    setTabIcon(index, stateIcon(Palette::stateBadge(state, palette())));
    tabBar()->setAccessibleTabName(
        index, tr("%1, %2").arg(t->profileName(), WebSocketSession::stateName(state)));
}

void ConnectionTabs::onTitleChanged(SessionTab *t, const QString &title)
{
    const int index = indexOf(t);
    if (index < 0)
        return;
    setTabText(index, PlainText::tabText(title));
    showState(t);
}

void ConnectionTabs::focusFilter()
{
    if (SessionTab *t = currentTab())
        t->focusFilter();
    else if (RecordedTab *r = recordedTab(currentIndex()))
        r->focusFilter();
}

void ConnectionTabs::saveOpenTabs() const
{
    QStringList names;
    for (int i = 0; i < count(); ++i) {
        SessionTab *t = tab(i);
        if (t && !m_ending.contains(t) && m_profiles->rowOfId(t->profileId()) >= 0)
            names.append(t->profileName());
    }
    QSettings settings;
    settings.setValue(QLatin1String(OpenTabsKey), names);
    settings.setValue(QLatin1String(CurrentTabKey),
                      currentTab() ? currentTab()->profileName() : QString());
}

int ConnectionTabs::restoreOpenTabs()
{
    const QSettings settings;
    const QStringList names = settings.value(QLatin1String(OpenTabsKey)).toStringList();
    int opened = 0;
    for (const QString &name : names) {
        if (openProfile(m_profiles->rowOfName(name)))
            ++opened;
    }
    const int current =
        m_profiles->rowOfName(settings.value(QLatin1String(CurrentTabKey)).toString());
    if (current >= 0) {
        for (int i = 0; i < count(); ++i) {
            if (tab(i) && tab(i)->profileId() == m_profiles->idAt(current))
                setCurrentIndex(i);
        }
    }
    return opened;
}
