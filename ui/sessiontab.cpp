#include "sessiontab.h"

#include "closecontrols.h"
#include "detailpane.h"
#include "log/logfiltermodel.h"
#include "logview.h"
#include "palette.h"
#include "plaintext.h"
#include "profiles/profilemodel.h"
#include "profiles/urlredaction.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QItemSelectionModel>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace {

constexpr quint16 kindBit(EventKind k)
{
    return quint16(1u << int(k));
}

QString formatDuration(qint64 ms)
{
    const qint64 s = ms / 1000;
    return QStringLiteral("%1:%2:%3")
        .arg(s / 3600, 2, 10, QLatin1Char('0'))
        .arg((s / 60) % 60, 2, 10, QLatin1Char('0'))
        .arg(s % 60, 2, 10, QLatin1Char('0'));
}

} // namespace

SessionTab::SessionTab(ProfileModel *profiles, quint64 profileId, const QUrl &echoUrl,
                       QWidget *parent)
    : QWidget(parent), m_profiles(profiles), m_profileId(profileId), m_echoUrl(echoUrl),
      m_session(new WebSocketSession(this)), m_filter(new LogFilterModel(this)),
      m_exporter(new LogExporter(this))
{
    m_filter->setSourceModel(m_session->log());

    // --- Connection
    m_target = PlainText::label(this);
    m_target->setAccessibleName(tr("Server URL"));
    m_target->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_stateLabel = PlainText::label(this);
    m_stateLabel->setAccessibleName(tr("Connection state"));
    m_stateLabel->setMinimumWidth(fontMetrics().horizontalAdvance(QStringLiteral("Connecting")) +
                                  16);
    m_stateLabel->setAlignment(Qt::AlignCenter);
    m_tlsBadge = PlainText::label(this, tr("TLS not verified"));
    m_tlsBadge->setAccessibleName(tr("TLS not verified"));
    m_tlsBadge->setToolTip(tr("This profile ignores TLS errors: the server's certificate was not "
                              "verified, so anyone on the way could read or change this "
                              "connection. The errors are in the log."));
    m_tlsBadge->setStyleSheet(Palette::tlsBadgeStyle(palette()));
    m_tlsBadge->setVisible(false);
    m_subprotocol = PlainText::label(this);
    m_subprotocol->setAccessibleName(tr("Accepted subprotocol"));
    m_connectButton = new QPushButton(tr("Connect"), this);
    m_connectButton->setAccessibleName(tr("Connect"));
    m_connectButton->setToolTip(tr("Start the opening handshake"));

    // --- Statistics and log controls
    m_stats = PlainText::label(this);
    m_stats->setAccessibleName(tr("Statistics"));
    m_stats->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // Room for two lines, always: a long line wraps instead of widening the window,
    // and the log below never moves as the numbers grow.
    m_stats->setWordWrap(true);
    m_stats->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Fixed);
    m_stats->setFixedHeight(2 * fontMetrics().lineSpacing() + 4);
    m_followButton = new QPushButton(tr("Follow"), this);
    m_followButton->setAccessibleName(tr("Follow"));
    m_followButton->setCheckable(true);
    m_followButton->setChecked(true);
    m_followButton->setToolTip(tr("Keep the newest row in view. Scrolling up stops "
                                  "following; this brings it back."));
    m_pauseButton = new QPushButton(tr("Pause"), this);
    m_pauseButton->setAccessibleName(tr("Pause"));
    m_pauseButton->setCheckable(true);
    m_pauseButton->setToolTip(tr("Freeze the view; messages are still recorded"));
    m_clearButton = new QPushButton(tr("Clear"), this);
    m_clearButton->setAccessibleName(tr("Clear log"));
    m_clearButton->setToolTip(tr("Remove every row of this tab's log"));
    m_exportButton = new QToolButton(this);
    m_exportButton->setText(tr("Export"));
    m_exportButton->setAccessibleName(tr("Export log"));
    m_exportButton->setPopupMode(QToolButton::InstantPopup);
    m_exportButton->setToolButtonStyle(Qt::ToolButtonTextOnly);
    auto *exportMenu = new QMenu(m_exportButton);
    QAction *exportAll = exportMenu->addAction(tr("Export all rows…"));
    QAction *exportShown = exportMenu->addAction(tr("Export shown rows…"));
    exportShown->setToolTip(tr("Only the rows the filter lets through"));
    m_exportButton->setMenu(exportMenu);
    m_exportButton->setToolTip(tr("Write the log as JSON Lines (.jsonl) or CSV (.csv)"));
    m_exportProgress = new QProgressBar(this);
    m_exportProgress->setAccessibleName(tr("Export progress"));
    m_exportProgress->setRange(0, 1000);
    m_exportProgress->setMaximumWidth(160);
    m_exportProgress->setVisible(false);
    m_cancelExport = new QPushButton(tr("Cancel export"), this);
    m_cancelExport->setAccessibleName(tr("Cancel export"));
    m_cancelExport->setVisible(false);

    // --- Filter
    m_directionFilter = new QComboBox(this);
    m_directionFilter->setAccessibleName(tr("Direction filter"));
    m_directionFilter->addItem(tr("All directions"), int(LogFilter::AllDirections));
    m_directionFilter->addItem(tr("Sent"), 1 << int(Direction::Sent));
    m_directionFilter->addItem(tr("Received"), 1 << int(Direction::Received));
    m_directionFilter->addItem(tr("Local"), 1 << int(Direction::Local));
    m_kindFilter = new QComboBox(this);
    m_kindFilter->setAccessibleName(tr("Kind filter"));
    m_kindFilter->addItem(tr("All kinds"), int(LogFilter::AllKinds));
    m_kindFilter->addItem(tr("Messages"), kindBit(EventKind::Text) | kindBit(EventKind::Binary));
    m_kindFilter->addItem(tr("Text"), kindBit(EventKind::Text));
    m_kindFilter->addItem(tr("Binary"), kindBit(EventKind::Binary));
    m_kindFilter->addItem(tr("Ping/pong"), kindBit(EventKind::Ping) | kindBit(EventKind::Pong));
    m_kindFilter->addItem(tr("Connection and close"),
                          kindBit(EventKind::Opened) | kindBit(EventKind::CloseSent) |
                              kindBit(EventKind::CloseReceived) | kindBit(EventKind::Closed) |
                              kindBit(EventKind::Stopped));
    m_kindFilter->addItem(tr("Errors"), kindBit(EventKind::Error));
    m_textFilter = new QLineEdit(this);
    m_textFilter->setAccessibleName(tr("Filter text"));
    m_textFilter->setPlaceholderText(tr("Filter: text in the payload"));
    m_textFilter->setClearButtonEnabled(true);
    m_regexFilter = new QCheckBox(tr("Regex"), this);
    m_regexFilter->setAccessibleName(tr("Regular expression"));
    m_regexFilter->setToolTip(tr("Treat the filter text as a regular expression (PCRE2)"));
    m_caseFilter = new QCheckBox(tr("Match case"), this);
    m_caseFilter->setAccessibleName(tr("Match case"));
    m_filterStatus = PlainText::label(this);
    m_filterStatus->setAccessibleName(tr("Filter status"));
    m_filterStatus->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_filterStatus->setMinimumWidth(
        fontMetrics().horizontalAdvance(QStringLiteral("1,000,000 of 1,000,000 rows (999 ms)")));

    // --- Log and detail
    m_log = new LogView(this);
    m_log->setModel(m_filter);
    m_detail = new DetailPane(this);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_log);
    splitter->addWidget(m_detail);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    splitter->setChildrenCollapsible(false);

    // --- Composer
    m_format = new QComboBox(this);
    m_format->setAccessibleName(tr("Message format"));
    m_format->addItem(tr("Text"), int(PayloadFormat::Text));
    m_format->addItem(tr("Hex"), int(PayloadFormat::Hex));
    m_format->addItem(tr("Base64"), int(PayloadFormat::Base64));
    m_format->setToolTip(tr("Text sends a text message; hex and base64 send a binary message"));
    m_message = new QLineEdit(this);
    m_message->setAccessibleName(tr("Message"));
    m_message->installEventFilter(this);
    connect(m_message, &QLineEdit::textChanged, this, &SessionTab::onComposerEdited);
    connect(m_format, &QComboBox::currentIndexChanged, this, &SessionTab::onComposerEdited);
    m_sendButton = new QPushButton(tr("Send"), this);
    m_sendButton->setAccessibleName(tr("Send"));
    m_fileButton = new QPushButton(tr("Send file…"), this);
    m_fileButton->setAccessibleName(tr("Send file"));
    m_fileButton->setToolTip(tr("Send a file's bytes as one binary message (at most %1)")
                                 .arg(QLocale().formattedDataSize(MaxFileBytes)));
    m_snippets = new QComboBox(this);
    m_snippets->setAccessibleName(tr("Snippets"));
    m_snippets->setPlaceholderText(tr("Snippets"));
    m_snippets->setMinimumContentsLength(24);
    m_snippets->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_snippets->setToolTip(tr("Saved messages of this profile; choosing one puts it in the "
                              "composer"));
    m_saveSnippet = new QPushButton(tr("Save snippet"), this);
    m_saveSnippet->setAccessibleName(tr("Save snippet"));
    m_saveSnippet->setToolTip(tr("Save the composer's message with this profile"));
    m_deleteSnippet = new QPushButton(tr("Delete snippet"), this);
    m_deleteSnippet->setAccessibleName(tr("Delete snippet"));
    m_pingPayload = new QLineEdit(this);
    m_pingPayload->setAccessibleName(tr("Ping payload"));
    m_pingPayload->setPlaceholderText(tr("Ping payload (optional)"));
    m_pingPayload->setToolTip(tr("At most 125 bytes of UTF-8 (RFC 6455 5.5)"));
    m_pingButton = new QPushButton(tr("Ping"), this);
    m_pingButton->setAccessibleName(tr("Ping"));
    m_pingButton->setToolTip(tr("Send a ping; its pong is logged with the round-trip time"));

    m_closeControls = new CloseControls(this);

    m_status = PlainText::label(this);
    m_status->setAccessibleName(tr("Status"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *top = new QHBoxLayout;
    top->addWidget(m_stateLabel);
    top->addWidget(m_tlsBadge);
    top->addWidget(m_target, 1);
    top->addWidget(m_subprotocol);
    top->addWidget(m_connectButton);
    auto *logBar = new QHBoxLayout;
    logBar->addWidget(m_stats, 1);
    logBar->addWidget(m_exportProgress);
    logBar->addWidget(m_cancelExport);
    logBar->addWidget(m_followButton);
    logBar->addWidget(m_pauseButton);
    logBar->addWidget(m_clearButton);
    logBar->addWidget(m_exportButton);
    auto *filterBar = new QHBoxLayout;
    filterBar->addWidget(m_directionFilter);
    filterBar->addWidget(m_kindFilter);
    filterBar->addWidget(m_textFilter, 1);
    filterBar->addWidget(m_regexFilter);
    filterBar->addWidget(m_caseFilter);
    filterBar->addWidget(m_filterStatus);
    auto *composer = new QHBoxLayout;
    composer->addWidget(m_format);
    composer->addWidget(m_message, 1);
    composer->addWidget(m_sendButton);
    composer->addWidget(m_fileButton);
    auto *extras = new QHBoxLayout;
    extras->addWidget(m_snippets);
    extras->addWidget(m_saveSnippet);
    extras->addWidget(m_deleteSnippet);
    extras->addStretch();
    extras->addWidget(m_pingPayload);
    extras->addWidget(m_pingButton);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addLayout(logBar);
    layout->addLayout(filterBar);
    layout->addWidget(splitter, 1);
    layout->addLayout(composer);
    layout->addLayout(extras);
    layout->addWidget(m_closeControls);
    layout->addWidget(m_status);

    // --- Wiring
    connect(m_connectButton, &QPushButton::clicked, this, &SessionTab::connectToServer);
    connect(m_sendButton, &QPushButton::clicked, this, &SessionTab::sendMessage);
    connect(m_message, &QLineEdit::returnPressed, this, &SessionTab::sendMessage);
    connect(m_fileButton, &QPushButton::clicked, this, &SessionTab::chooseFileToSend);
    connect(m_pingButton, &QPushButton::clicked, this, &SessionTab::sendPing);
    connect(m_pingPayload, &QLineEdit::returnPressed, this, &SessionTab::sendPing);
    connect(m_format, &QComboBox::currentIndexChanged, this, [this] {
        switch (composerFormat()) {
        case PayloadFormat::Text:
            m_message->setPlaceholderText(tr("Text message; Enter sends, Up/Down recall"));
            break;
        case PayloadFormat::Hex:
            m_message->setPlaceholderText(tr("Hex bytes, e.g. 48 65 6c 6c 6f or 0x48,0x65"));
            break;
        case PayloadFormat::Base64:
            m_message->setPlaceholderText(tr("Base64 or base64url, e.g. SGVsbG8="));
            break;
        }
    });
    Q_EMIT m_format->currentIndexChanged(0);
    connect(m_snippets, &QComboBox::activated, this, [this](int index) {
        const int row = m_snippets->itemData(index).toInt();
        if (row < 0 || row >= m_profile.snippets.size())
            return;
        const Snippet &s = m_profile.snippets.at(row);
        m_format->setCurrentIndex(m_format->findData(int(s.format)));
        m_message->setText(s.payload);
        m_message->setFocus(Qt::OtherFocusReason);
    });
    connect(m_saveSnippet, &QPushButton::clicked, this, &SessionTab::saveSnippet);
    connect(m_deleteSnippet, &QPushButton::clicked, this, &SessionTab::deleteSnippet);

    connect(m_followButton, &QPushButton::toggled, m_log, &LogView::setFollowing);
    connect(m_log, &LogView::followingChanged, m_followButton, &QPushButton::setChecked);
    connect(m_pauseButton, &QPushButton::toggled, m_filter, &LogFilterModel::setPaused);
    connect(m_filter, &LogFilterModel::pausedChanged, this, [this](bool paused) {
        m_pauseButton->setChecked(paused);
        m_pauseButton->setText(paused ? tr("Resume") : tr("Pause"));
        updateStatistics(false);
    });
    connect(m_filter, &LogFilterModel::heldBackChanged, this, [this] { updateStatistics(false); });
    connect(m_clearButton, &QPushButton::clicked, this, [this] {
        m_session->log()->clear();
        m_detail->setEvent(std::nullopt);
    });
    connect(exportAll, &QAction::triggered, this, [this] { chooseExportFile(false); });
    connect(exportShown, &QAction::triggered, this, [this] { chooseExportFile(true); });
    connect(m_cancelExport, &QPushButton::clicked, m_exporter, &LogExporter::cancel);
    connect(m_exporter, &LogExporter::progress, this, [this](qsizetype done, qsizetype total) {
        m_exportProgress->setValue(total > 0 ? int(done * 1000 / total) : 1000);
    });
    const auto exportEnded = [this](const QString &text, bool isError) {
        m_exportProgress->setVisible(false);
        m_cancelExport->setVisible(false);
        m_exportButton->setEnabled(true);
        m_clearButton->setEnabled(true);
        showStatus(text, isError);
    };
    connect(m_exporter, &LogExporter::finished, this,
            [exportEnded](const QString &path, qsizetype rows, qint64 ms) {
                exportEnded(tr("Exported %1 rows to %2 in %3 ms.")
                                .arg(QLocale().toString(rows), QDir::toNativeSeparators(path))
                                .arg(ms),
                            false);
            });
    connect(m_exporter, &LogExporter::failed, this,
            [exportEnded](const QString &error) { exportEnded(error, true); });
    connect(m_exporter, &LogExporter::cancelled, this, [exportEnded] {
        exportEnded(tr("Export cancelled; no file was written or changed."), false);
    });

    auto *filterDelay = new QTimer(this);
    filterDelay->setSingleShot(true);
    filterDelay->setInterval(200);
    connect(filterDelay, &QTimer::timeout, this, &SessionTab::applyFilter);
    connect(m_textFilter, &QLineEdit::textChanged, filterDelay, qOverload<>(&QTimer::start));
    connect(m_textFilter, &QLineEdit::returnPressed, this, &SessionTab::applyFilter);
    connect(m_regexFilter, &QCheckBox::toggled, this, &SessionTab::applyFilter);
    connect(m_caseFilter, &QCheckBox::toggled, this, &SessionTab::applyFilter);
    connect(m_directionFilter, &QComboBox::currentIndexChanged, this, &SessionTab::applyFilter);
    connect(m_kindFilter, &QComboBox::currentIndexChanged, this, &SessionTab::applyFilter);
    connect(m_filter, &LogFilterModel::filterProgress, this,
            [this](qsizetype scanned, qsizetype total) {
                if (scanned < total)
                    m_filterStatus->setText(
                        tr("Filtering… %1%").arg(total > 0 ? scanned * 100 / total : 100));
            });
    connect(m_filter, &LogFilterModel::filterFinished, this, [this](qint64 ms, qsizetype rows) {
        m_filterStatus->setStyleSheet(QString());
        if (m_filter->filter().letsEverythingThrough())
            m_filterStatus->clear();
        else
            m_filterStatus->setText(
                tr("%1 of %2 rows (%3 ms)")
                    .arg(QLocale().toString(rows), QLocale().toString(m_session->log()->rows()))
                    .arg(ms));
    });

    connect(m_log->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &SessionTab::showCurrentRow);

    connect(m_closeControls, &CloseControls::closeRequested, this,
            [this](int code, const QString &reason) {
                const CloseCheck check = m_session->close(code, reason);
                if (!check.ok)
                    m_closeControls->showProblem(check.problem);
            });
    connect(m_closeControls, &CloseControls::stopRequested, m_session, &WebSocketSession::stop);
    connect(m_session, &WebSocketSession::stateChanged, this, &SessionTab::onStateChanged);
    connect(m_session, &WebSocketSession::errorOccurred, this,
            [this](const QString &message) { showStatus(message, true); });
    connect(m_session, &WebSocketSession::opened, this, [this] {
        const QString sub = m_session->acceptedSubprotocol();
        m_subprotocol->setText(sub.isEmpty() ? QString() : tr("Subprotocol: %1").arg(sub));
        showStatus(tr("Connected."), false);
    });
    connect(m_session, &WebSocketSession::finished, this, &SessionTab::showHowItEnded);
    connect(m_session, &WebSocketSession::tlsErrorsIgnoredChanged, this,
            &SessionTab::updateTlsBadge);
    connect(m_profiles, &ProfileModel::dataChanged, this, &SessionTab::refreshProfile);
    connect(m_profiles, &ProfileModel::modelReset, this, &SessionTab::refreshProfile);

    auto *statsTimer = new QTimer(this);
    statsTimer->setInterval(500);
    connect(statsTimer, &QTimer::timeout, this, [this] { updateStatistics(true); });
    statsTimer->start();
    m_rateClock.start();

    refreshProfile();
    onStateChanged(m_session->state());
}

void SessionTab::connectToServer()
{
    refreshProfile();
    Profile profile = m_profile;
    if (profile.builtInEchoServer) {
        if (m_echoUrl.isEmpty()) {
            showStatus(tr("The built-in echo server is not running."), true);
            return;
        }
        profile.url = m_echoUrl;
    }
    m_subprotocol->clear();
    showStatus(QString(), false);
    if (m_session->open(profile))
        m_connected = profile;
    showTarget();
}

void SessionTab::showTarget()
{
    // While a connection lasts the label says where it is, not where an edit points.
    const bool live = m_connected && m_session->state() != WebSocketSession::State::Closed;
    const Profile &p = live ? *m_connected : m_profile;
    QString url = p.builtInEchoServer
                      ? tr("%1 (built-in echo server)").arg((live ? p.url : m_echoUrl).toString())
                      : UrlRedaction::redactedUrl(p.url, p.showSecretsInLog);
    const bool edited = live && (m_profile.url != m_connected->url ||
                                 m_profile.builtInEchoServer != m_connected->builtInEchoServer);
    if (edited && !m_profile.builtInEchoServer)
        url += tr(" — the edited profile applies at the next Connect");
    m_target->setText(url);
    const bool hidden = !p.builtInEchoServer && !url.startsWith(p.url.toString());
    const QString shownAs =
        p.showSecretsInLog
            ? tr("The password is shown as ••• here, in the log and in exports (query values "
                 "are shown, as this profile asks); the server gets the URL as typed.")
            : tr("The password and secret-looking query values are shown as ••• here, in the "
                 "log and in exports; the server gets the URL as typed.");
    m_target->setToolTip(hidden ? shownAs : QString());
}

PayloadFormat SessionTab::composerFormat() const
{
    return PayloadFormat(m_format->currentData().toInt());
}

void SessionTab::sendMessage()
{
    const QString text = m_message->text();
    const PayloadFormat format = composerFormat();
    const ParsedPayload parsed = PayloadCodec::parse(format, text);
    if (!parsed.ok()) {
        showStatus(tr("Not sent: %1").arg(parsed.error), true);
        m_composerRefused = true;
        return;
    }
    const bool sent = format == PayloadFormat::Text ? m_session->sendText(text)
                                                    : m_session->sendBinary(parsed.bytes);
    if (!sent) {
        showStatus(tr("Not sent: the connection is not open."), true);
        return;
    }
    if (m_history.isEmpty() || m_history.constLast().text != text ||
        m_history.constLast().format != format)
        m_history.append({text, format});
    while (m_history.size() > MaxHistory)
        m_history.removeFirst();
    m_historyPos = int(m_history.size());
    m_draft.clear();
    m_message->clear();
    if (m_statusIsError) // the message that was refused went out now
        showStatus(QString(), false);
}

bool SessionTab::sendFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        showStatus(tr("Cannot read \"%1\": %2").arg(path, file.errorString()), true);
        return false;
    }
    if (file.size() > MaxFileBytes) {
        showStatus(tr("\"%1\" is %2; Send file sends at most %3.")
                       .arg(QFileInfo(path).fileName(), QLocale().formattedDataSize(file.size()),
                            QLocale().formattedDataSize(MaxFileBytes)),
                   true);
        return false;
    }
    const QByteArray data = file.readAll();
    if (!m_session->sendBinary(data)) {
        showStatus(tr("Not sent: the connection is not open."), true);
        return false;
    }
    showStatus(tr("Sent \"%1\" (%2 bytes) as one binary message.")
                   .arg(QFileInfo(path).fileName(), QLocale().toString(data.size())),
               false);
    return true;
}

void SessionTab::chooseFileToSend()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Send file as a binary message"));
    if (!path.isEmpty())
        sendFile(path);
}

void SessionTab::sendPing()
{
    const QByteArray payload = m_pingPayload->text().toUtf8();
    if (payload.size() > WebSocketSession::MaxPingPayloadBytes) {
        showStatus(tr("Not sent: a ping payload is at most %1 bytes (RFC 6455 5.5); this one "
                      "is %2.")
                       .arg(WebSocketSession::MaxPingPayloadBytes)
                       .arg(payload.size()),
                   true);
        return;
    }
    if (!m_session->ping(payload))
        showStatus(tr("Not sent: the connection is not open."), true);
}

bool SessionTab::exportLog(const QString &path, bool onlyShownRows)
{
    std::vector<quint32> rows;
    if (onlyShownRows) {
        rows = m_filter->sourceRows();
    } else {
        m_session->log()->flush();
        rows.resize(std::size_t(m_session->log()->rows()));
        for (std::size_t i = 0; i < rows.size(); ++i)
            rows[i] = quint32(i);
    }
    if (!m_exporter->start(m_session->log(), std::move(rows), LogExporter::formatForPath(path),
                           path)) {
        showStatus(m_exporter->error(), true);
        return false;
    }
    m_exportProgress->setValue(0);
    m_exportProgress->setVisible(true);
    m_cancelExport->setVisible(true);
    m_exportButton->setEnabled(false);
    m_clearButton->setEnabled(false); // clearing would fail the export
    showStatus(tr("Exporting to %1…").arg(QDir::toNativeSeparators(path)), false);
    return true;
}

void SessionTab::chooseExportFile(bool onlyShownRows)
{
    const QString jsonl = tr("JSON Lines (*.jsonl)");
    const QString csv = tr("CSV (*.csv)");
    QString selected = jsonl;
    const QString suggested = QDir::home().filePath(
        QStringLiteral("sockscope-%1-%2.jsonl")
            .arg(m_profile.name.simplified().replace(QLatin1Char(' '), QLatin1Char('-')),
                 QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"))));
    QString path = QFileDialog::getSaveFileName(
        this, onlyShownRows ? tr("Export shown rows") : tr("Export all rows"), suggested,
        jsonl + QStringLiteral(";;") + csv, &selected);
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += selected == csv ? QStringLiteral(".csv") : QStringLiteral(".jsonl");
    exportLog(path, onlyShownRows);
}

void SessionTab::applyFilter()
{
    LogFilter filter;
    filter.directions = quint8(m_directionFilter->currentData().toInt());
    filter.kinds = quint16(m_kindFilter->currentData().toInt());
    filter.text = m_textFilter->text();
    filter.regularExpression = m_regexFilter->isChecked();
    filter.caseSensitive = m_caseFilter->isChecked();
    if (filter == m_filter->filter())
        return;
    const QString problem = m_filter->setFilter(filter);
    if (!problem.isEmpty()) {
        m_filterStatus->setText(problem);
        m_filterStatus->setToolTip(PlainText::toolTip(problem));
        m_filterStatus->setStyleSheet(Palette::errorTextStyle(palette()));
        return;
    }
    if (m_log->isFollowing())
        m_log->setFollowing(true);
}

void SessionTab::updateStatistics(bool sampleRate)
{
    const WebSocketSession::Statistics &s = m_session->statistics();
    const qint64 messages = s.messagesSent + s.messagesReceived;
    if (sampleRate) {
        const qint64 elapsed = m_rateClock.restart();
        if (elapsed > 0)
            m_rate = double(qMax<qint64>(0, messages - m_rateMessages)) * 1000.0 / double(elapsed);
        m_rateMessages = messages;
    }
    const QLocale locale;
    QString duration = tr("not connected");
    if (s.openedAtMs != 0) {
        const qint64 end = s.closedAtMs != 0 ? s.closedAtMs : QDateTime::currentMSecsSinceEpoch();
        duration = (s.closedAtMs != 0 ? tr("lasted %1") : tr("open %1"))
                       .arg(formatDuration(end - s.openedAtMs));
    }
    const MessageLog *log = m_session->log();
    QString text =
        tr("Sent %1 (%2) · Received %3 (%4) · %5 msg/s · %6 · Log %7, %8 of %9")
            .arg(locale.toString(s.messagesSent), locale.formattedDataSize(s.bytesSent),
                 locale.toString(s.messagesReceived), locale.formattedDataSize(s.bytesReceived),
                 locale.toString(qRound64(m_rate)), duration,
                 log->totalEvents() == 1 ? tr("1 row")
                                         : tr("%1 rows").arg(locale.toString(log->totalEvents())),
                 locale.formattedDataSize(log->memoryBytes()),
                 locale.formattedDataSize(log->memoryBudget()));
    if (log->droppedEvents() > 0)
        text += tr(" (%1 oldest dropped)").arg(locale.toString(log->droppedEvents()));
    if (log->droppedPayloadBytes() > 0)
        text += tr(" (%1 of payloads not kept)")
                    .arg(locale.formattedDataSize(log->droppedPayloadBytes()));
    if (m_filter->isPaused())
        text +=
            tr(" · PAUSED, %1 new rows not shown").arg(locale.toString(m_filter->rowsHeldBack()));
    m_stats->setText(text);
    m_stats->setToolTip(PlainText::toolTip(text));
}

void SessionTab::showCurrentRow()
{
    const QModelIndex current = m_log->selectionModel()->currentIndex();
    const QModelIndex source = m_filter->mapToSource(current);
    if (!source.isValid())
        return; // keep what is shown: the row went away under a filter change
    m_detail->setEvent(m_session->log()->event(source.row()));
}

bool SessionTab::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_message && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Up) {
            recallHistory(-1);
            return true;
        }
        if (key->key() == Qt::Key_Down) {
            recallHistory(+1);
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void SessionTab::recallHistory(int step)
{
    if (m_history.isEmpty())
        return;
    if (m_historyPos == m_history.size())
        m_draft = m_message->text();
    const int pos = qBound(0, m_historyPos + step, int(m_history.size()));
    if (pos == m_historyPos)
        return;
    m_historyPos = pos;
    if (pos == m_history.size()) {
        m_message->setText(m_draft);
        return;
    }
    const HistoryEntry &entry = m_history.at(pos);
    m_format->setCurrentIndex(m_format->findData(int(entry.format)));
    m_message->setText(entry.text);
}

void SessionTab::refreshSnippets()
{
    const QString current = m_snippets->currentText();
    m_snippets->clear();
    for (int i = 0; i < m_profile.snippets.size(); ++i) {
        const Snippet &s = m_profile.snippets.at(i);
        m_snippets->addItem(
            s.format == PayloadFormat::Text
                ? s.name
                : QStringLiteral("%1 [%2]").arg(s.name, PayloadCodec::formatKey(s.format)),
            i);
        m_snippets->setItemData(i, PlainText::toolTip(s.payload), Qt::ToolTipRole);
    }
    m_snippets->setCurrentIndex(m_snippets->findText(current));
    m_deleteSnippet->setEnabled(!m_profile.snippets.isEmpty());
}

void SessionTab::saveSnippet()
{
    const int row = m_profiles->rowOfId(m_profileId);
    const QString text = m_message->text();
    if (row < 0 || text.isEmpty()) {
        showStatus(row < 0 ? tr("The profile was deleted; snippets cannot be saved.")
                           : tr("Type a message first; Save snippet saves the composer's text."),
                   true);
        return;
    }
    const PayloadFormat format = composerFormat();
    if (const ParsedPayload parsed = PayloadCodec::parse(format, text); !parsed.ok()) {
        showStatus(tr("Not saved: %1").arg(parsed.error), true);
        return;
    }
    QString name = text.simplified();
    if (name.size() > 40)
        name = name.left(39) + QChar(0x2026);
    Profile p = m_profiles->profile(row);
    auto same = std::find_if(p.snippets.begin(), p.snippets.end(),
                             [&](const Snippet &s) { return s.name == name; });
    if (same != p.snippets.end())
        *same = Snippet{name, text, format};
    else
        p.snippets.append(Snippet{name, text, format});
    if (const QString problem = m_profiles->updateProfile(row, p); !problem.isEmpty()) {
        showStatus(problem, true);
        return;
    }
    refreshProfile();
    m_snippets->setCurrentIndex(
        m_snippets->findData(int(p.snippets.indexOf(Snippet{name, text, format}))));
    showStatus(tr("Saved snippet \"%1\" with profile %2.").arg(name, p.name), false);
}

void SessionTab::deleteSnippet()
{
    const int row = m_profiles->rowOfId(m_profileId);
    const int index = m_snippets->currentData().toInt();
    if (row < 0 || m_snippets->currentIndex() < 0)
        return;
    Profile p = m_profiles->profile(row);
    if (index < 0 || index >= p.snippets.size())
        return;
    const QString name = p.snippets.at(index).name;
    p.snippets.removeAt(index);
    if (const QString problem = m_profiles->updateProfile(row, p); !problem.isEmpty()) {
        showStatus(problem, true);
        return;
    }
    refreshProfile();
    m_snippets->setCurrentIndex(-1);
    showStatus(tr("Deleted snippet \"%1\".").arg(name), false);
}

void SessionTab::refreshProfile()
{
    const int row = m_profiles->rowOfId(m_profileId);
    if (row >= 0)
        m_profile = m_profiles->profile(row);
    m_session->applyLogLimits(m_profile);
    showTarget();
    refreshSnippets();
    Q_EMIT titleChanged(row >= 0 ? m_profile.name : tr("%1 (deleted)").arg(m_profile.name));
}

void SessionTab::onStateChanged(WebSocketSession::State state)
{
    using State = WebSocketSession::State;
    m_stateLabel->setText(WebSocketSession::stateName(state));
    showTarget(); // a connection that ended lets an edited URL show
    m_stateLabel->setStyleSheet(Palette::stateBadgeStyle(state, palette()));
    const bool open = state == State::Open;
    m_connectButton->setEnabled(state == State::Closed);
    m_sendButton->setEnabled(open);
    m_fileButton->setEnabled(open);
    m_pingButton->setEnabled(open);
    m_closeControls->setConnectionState(state);
    updateTlsBadge();
    if (open)
        m_message->setFocus(Qt::OtherFocusReason);
    updateStatistics(false);
}

void SessionTab::onComposerEdited()
{
    if (m_composerRefused)
        showStatus(QString(), false);
}

void SessionTab::showStatus(const QString &text, bool isError)
{
    m_composerRefused = false;
    m_statusIsError = isError;
    m_status->setText(text);
    m_status->setStyleSheet(isError ? Palette::errorTextStyle(palette()) : QString());
}

void SessionTab::showHowItEnded()
{
    if (!m_session->lastError().isEmpty())
        return; // the error is on show already
    // The server's own words on why (RFC 6455 7.1.6), as it sent them.
    if (const auto frame = m_session->closeFrameReceived()) {
        QString how = CloseCodeCatalogue::label(frame->code);
        if (!frame->reason.isEmpty())
            how += QStringLiteral(" '%1'").arg(frame->reason);
        showStatus(tr("The server closed the connection: %1.").arg(how), false);
        return;
    }
    showStatus(tr("Connection ended; see the log for how."), false);
}

void SessionTab::updateTlsBadge()
{
    // For the whole connection, not only when the errors came; gone once it has ended.
    m_tlsBadge->setVisible(m_session->tlsErrorsIgnored() &&
                           m_session->state() != WebSocketSession::State::Closed);
}
