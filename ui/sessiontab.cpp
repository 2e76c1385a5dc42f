#include "sessiontab.h"

#include "closecontrols.h"
#include "connectionbar.h"
#include "detailpane.h"
#include "filterbar.h"
#include "flowlayout.h"
#include "framesview.h"
#include "handshakeview.h"
#include "log/logfiltermodel.h"
#include "logtoolbar.h"
#include "logview.h"
#include "pingbar.h"
#include "plaintext.h"
#include "profiles/profilemodel.h"
#include "profiles/urlredaction.h"
#include "secretprompt.h"
#include "snippetbar.h"
#include "statisticsline.h"
#include "statusline.h"
#include "wiretap/messageframes.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QItemSelectionModel>
#include <QLocale>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QVBoxLayout>

SessionTab::SessionTab(ProfileModel *profiles, quint64 profileId, const QUrl &echoUrl,
                       QWidget *parent)
    : QWidget(parent), m_profiles(profiles), m_profileId(profileId), m_echoUrl(echoUrl),
      m_session(new WebSocketSession(this)), m_filter(new LogFilterModel(this)),
      m_exporter(new LogExporter(this)),
      m_secretPrompt(new SecretPrompt(this, profiles->secretStore()))
{
    m_filter->setLog(m_session->log());
    m_session->setBuiltInEchoUrl(echoUrl);
    buildWidgets();
    buildLayout();
    wireSession();
    wireLog();
    wireComposer();
    connect(m_profiles, &ProfileModel::dataChanged, this, &SessionTab::refreshProfile);
    connect(m_profiles, &ProfileModel::environmentsChanged, this, &SessionTab::showTarget);
    connect(m_profiles, &ProfileModel::modelReset, this, &SessionTab::refreshProfile);
    connect(m_profiles, &ProfileModel::rowsInserted, this, &SessionTab::refreshProfile);
    refreshProfile();
    onStateChanged(m_session->state());
}

void SessionTab::buildWidgets()
{
    // In reading order, which is also the order Tab moves the focus in.
    m_connectionBar = new ConnectionBar(this);
    m_statistics = new StatisticsLine(m_session, m_filter, this);
    m_logToolbar = new LogToolbar(m_exporter, this);
    m_filterBar = new FilterBar(m_filter, this);
    m_log = new LogView(this);
    m_log->setModel(m_filter);
    m_detail = new DetailPane(this);
    m_frames = new FramesView(m_session->frames(), this);
    m_handshake = new HandshakeView(m_session, this);
    m_composer = new Composer(this);
    m_snippetBar = new SnippetBar(this);
    m_pingBar = new PingBar(this);
    m_closeControls = new CloseControls(this);
    m_status = new StatusLine(this);
    m_followRedirect = new QPushButton(this);
    m_followRedirect->setAccessibleName(tr("Connect to the redirect's Location"));
    m_followRedirect->setVisible(false);
}

void SessionTab::buildLayout()
{
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_log);
    splitter->addWidget(m_detail);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    splitter->setChildrenCollapsible(false);
    // The log's buttons close the filter bar's row, which wraps when narrow.
    m_filterBar->addToRow(m_logToolbar);
    // Messages (the log), Frames and Handshake: three views of the same connection.
    auto *messages = new QWidget(this);
    auto *messagesLayout = new QVBoxLayout(messages);
    messagesLayout->setContentsMargins(0, 0, 0, 0);
    messagesLayout->addWidget(m_filterBar);
    messagesLayout->addWidget(splitter, 1);
    m_views = new QTabWidget(this);
    m_views->setAccessibleName(tr("Connection views"));
    m_views->setDocumentMode(true);
    m_views->addTab(messages, tr("M&essages"));
    m_views->addTab(m_frames, tr("Fr&ames"));
    m_views->addTab(m_handshake, tr("Handsha&ke"));
    auto *extras = new FlowLayout;
    extras->addWidget(m_snippetBar);
    extras->addWidget(m_pingBar);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_connectionBar);
    layout->addWidget(m_statistics);
    layout->addWidget(m_views, 1);
    layout->addWidget(m_composer);
    layout->addLayout(extras);
    layout->addWidget(m_closeControls);
    auto *statusRow = new QHBoxLayout;
    statusRow->addWidget(m_status, 1);
    statusRow->addWidget(m_followRedirect, 0, Qt::AlignTop);
    layout->addLayout(statusRow);
}

void SessionTab::wireSession()
{
    connect(m_connectionBar, &ConnectionBar::connectRequested, this, &SessionTab::connectToServer);
    connect(m_followRedirect, &QPushButton::clicked, this, &SessionTab::followRedirect);
    connect(m_closeControls, &CloseControls::closeRequested, this, &SessionTab::onCloseRequested);
    connect(m_closeControls, &CloseControls::stopRequested, this, &SessionTab::onStopRequested);
    connect(m_pingBar, &PingBar::pingRequested, this, &SessionTab::sendPing);
    connect(m_secretPrompt, &SecretPrompt::ready, this, &SessionTab::onSecretsReady);
    connect(m_secretPrompt, &SecretPrompt::cancelled, this, &SessionTab::onSecretsCancelled);
    connect(m_secretPrompt, &SecretPrompt::keychainFailed, this,
            [this](const QString &message) { m_status->showStatus(message, true); });
    connect(m_session, &WebSocketSession::stateChanged, this, &SessionTab::onStateChanged);
    connect(m_session, &WebSocketSession::errorOccurred, this, &SessionTab::onErrorOccurred);
    connect(m_session, &WebSocketSession::opened, this, &SessionTab::onOpened);
    connect(m_session, &WebSocketSession::finished, this, &SessionTab::showHowItEnded);
    connect(m_session, &WebSocketSession::tlsErrorsIgnoredChanged, this,
            &SessionTab::updateTlsBadge);
}

void SessionTab::wireLog()
{
    connect(m_logToolbar, &LogToolbar::followToggled, m_log, &LogView::setFollowing);
    connect(m_log, &LogView::followingChanged, m_logToolbar, &LogToolbar::showFollowing);
    connect(m_logToolbar, &LogToolbar::pauseToggled, m_filter, &LogFilterModel::setPaused);
    connect(m_filter, &LogFilterModel::pausedChanged, this, &SessionTab::onPausedChanged);
    connect(m_filter, &LogFilterModel::heldBackChanged, m_statistics, &StatisticsLine::refresh);
    connect(m_logToolbar, &LogToolbar::clearRequested, this, &SessionTab::onClearRequested);
    connect(m_logToolbar, &LogToolbar::exportRequested, this, &SessionTab::exportLog);
    connect(m_logToolbar, &LogToolbar::exportEnded, m_status, &StatusLine::showStatus);
    connect(m_frames, &FramesView::exportEnded, m_status, &StatusLine::showStatus);
    connect(m_filterBar, &FilterBar::filterApplied, this, &SessionTab::onFilterApplied);
    connect(m_log->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &SessionTab::showCurrentRow);
    connect(m_log, &LogView::composeRequested, this, &SessionTab::onComposeRequested);
    connect(m_log, &LogView::directionFilterRequested, m_filterBar, &FilterBar::showOnlyDirection);
    connect(m_log, &LogView::kindFilterRequested, m_filterBar, &FilterBar::showOnlyKind);
    connect(m_log, &LogView::framesRequested, this, &SessionTab::showFramesOf);
    connect(m_detail, &DetailPane::framesRequested, this,
            [this] { showFramesOf(m_log->selectionModel()->currentIndex()); });
}

void SessionTab::wireComposer()
{
    connect(m_composer, &Composer::sendRequested, this, &SessionTab::sendMessage);
    connect(m_composer, &Composer::sendFileRequested, this, &SessionTab::sendFile);
    connect(m_composer, &Composer::edited, m_status, &StatusLine::clearRefusal);
    connect(m_snippetBar, &SnippetBar::snippetChosen, this, &SessionTab::onSnippetChosen);
    connect(m_snippetBar, &SnippetBar::saveRequested, this, &SessionTab::saveSnippet);
    connect(m_snippetBar, &SnippetBar::deleteRequested, this, &SessionTab::deleteSnippet);
}

void SessionTab::showTarget()
{
    // While a connection lasts the label says where it is, not where an edit points.
    const bool live = m_session->state() != WebSocketSession::State::Closed;
    const Environment *active = m_profiles->environments().activeEnvironment();
    const QString environment =
        live ? m_session->connectedEnvironment() : (active ? active->name : QString());
    m_connectionBar->showTarget(m_profile, live ? m_session->connectedProfile() : std::nullopt,
                                m_echoUrl, live ? m_session->redactedUrl() : QString(),
                                environment);
}

void SessionTab::refreshProfile()
{
    int row = m_profiles->rowOfId(m_profileId);
    if (row < 0) {
        // Another profiles file was opened (or imported back): a profile of the same name
        // there is this tab's from now on.
        row = m_profiles->rowOfName(m_profile.name);
        if (row >= 0)
            m_profileId = m_profiles->idAt(row);
    }
    if (row >= 0)
        m_profile = m_profiles->profile(row);
    m_session->applyLogLimits(m_profile); // edits of the cap and budget apply at once
    showTarget();
    m_snippetBar->showSnippets(m_profile.snippets);
    m_logToolbar->setProfileName(m_profile.name);
    Q_EMIT titleChanged(row >= 0 ? m_profile.name : tr("%1 (deleted)").arg(m_profile.name));
}

void SessionTab::onStateChanged(WebSocketSession::State state)
{
    m_connectionBar->showState(state);
    showTarget(); // a connection that ended lets an edited URL show
    const bool open = state == WebSocketSession::State::Open;
    m_composer->setSendEnabled(open);
    m_pingBar->setPingEnabled(open);
    m_closeControls->setConnectionState(state);
    updateTlsBadge();
    if (open)
        m_composer->focusMessage();
    if (state == WebSocketSession::State::Closed && m_focusConnectAtEnd)
        focusConnectAfterEnd();
    if (state == WebSocketSession::State::Closed &&
        m_session->endCause() == WebSocketSession::EndCause::HandshakeFailed)
        m_secretPrompt->forget(); // the proxy's password may be what was wrong
    offerRedirect();
    m_statistics->refresh();
}

void SessionTab::onOpened()
{
    m_secretPrompt->connected(); // what opened it may be remembered now
    m_connectionBar->showSubprotocol(m_session->acceptedSubprotocol());
    m_status->showStatus(tr("Connected."), false);
}

void SessionTab::onErrorOccurred(const QString &message)
{
    m_status->showStatus(message, true);
}

void SessionTab::showHowItEnded()
{
    if (!m_session->lastError().isEmpty())
        return; // the error is on show already
    // The server's own words on why (RFC 6455 7.1.6), as it sent them.
    const auto frame = m_session->closeFrameReceived();
    if (frame && m_session->endCause() == WebSocketSession::EndCause::ClosedByServer) {
        QString how = CloseCodeCatalogue::label(frame->code);
        if (!frame->reason.isEmpty())
            how += QStringLiteral(" '%1'").arg(frame->reason);
        m_status->showStatus(tr("The server closed the connection: %1.").arg(how), false);
        return;
    }
    m_status->showStatus(tr("Connection ended: %1.").arg(m_session->endText()), false);
}

void SessionTab::updateTlsBadge()
{
    // For the whole connection, not only when the errors came; gone once it has ended.
    m_connectionBar->showTlsNotVerified(m_session->tlsErrorsIgnored() &&
                                        m_session->state() != WebSocketSession::State::Closed);
}

void SessionTab::onCloseRequested(int code, const QString &reason)
{
    // The session checks the code and reason (CloseCodeCatalogue::check) before any
    // close frame reaches the wire; a refusal is shown under the controls.
    const VariableResolver::Result resolved =
        m_session->resolveText(reason, tr("the close reason"));
    if (!resolved.ok) {
        m_closeControls->showProblem(tr("Not closed: %1").arg(resolved.error));
        return;
    }
    m_focusConnectAtEnd = true; // before close(): the end can come within it
    const CloseCheck check = m_session->close(code, resolved.text);
    if (!check.ok) {
        m_focusConnectAtEnd = false;
        m_closeControls->showProblem(check.problem);
    }
}

void SessionTab::focusConnectAfterEnd()
{
    m_focusConnectAtEnd = false;
    // Where Close or Stop was (now disabled) or wherever Qt moved the focus from there
    // (a tab bar), Connect is next; someone typing elsewhere in the tab stays there.
    const QWidget *focus = QApplication::focusWidget();
    if (!focus || !isAncestorOf(focus) || m_closeControls->isAncestorOf(focus) ||
        !focus->isEnabled() || focus == m_views->tabBar())
        m_connectionBar->focusConnect();
}

void SessionTab::onStopRequested()
{
    m_focusConnectAtEnd = true;
    m_session->stop();
}

void SessionTab::closeConnection()
{
    m_closeControls->requestClose();
}

void SessionTab::stopConnection()
{
    m_closeControls->requestStop();
}

void SessionTab::focusFilter()
{
    m_filterBar->focusText();
}

// --- Log

void SessionTab::onPausedChanged(bool paused)
{
    m_logToolbar->showPaused(paused);
    m_statistics->refresh();
}

void SessionTab::onClearRequested()
{
    m_session->log()->clear();
    m_detail->setEvent(std::nullopt);
}

void SessionTab::onFilterApplied()
{
    if (m_log->isFollowing())
        m_log->setFollowing(true);
}

void SessionTab::showCurrentRow()
{
    const QModelIndex current = m_log->selectionModel()->currentIndex();
    const QModelIndex source = m_filter->mapToSource(current);
    if (!source.isValid())
        return; // keep what is shown: the row went away under a filter change
    m_detail->setEvent(m_session->log()->event(source.row()));
}

void SessionTab::showFramesOf(const QModelIndex &index)
{
    const QModelIndex source = m_filter->mapToSource(index);
    if (!source.isValid())
        return;
    const MessageFrames found = MessageFrames::find(*m_session->log(), source.row(),
                                                    *m_session->frames(), m_session->tapped());
    if (found.status != MessageFrames::Status::Found) {
        m_status->showStatus(found.description(), false); // and the log stays in view
        return;
    }
    m_views->setCurrentWidget(m_frames);
    m_status->showStatus(m_frames->showMessage(found), false);
}

bool SessionTab::exportLog(const QString &path, bool onlyShownRows)
{
    const LogExporter::Format format = LogExporter::formatForPath(path);
    const bool started =
        onlyShownRows ? m_exporter->start(m_session->log(), m_filter->sourceRows(), format, path)
                      : m_exporter->startAll(m_session->log(), format, path);
    if (!started) {
        m_status->showStatus(m_exporter->error(), true);
        return false;
    }
    m_logToolbar->showExportStarted();
    m_status->showStatus(tr("Exporting to %1…").arg(QDir::toNativeSeparators(path)), false);
    return true;
}
