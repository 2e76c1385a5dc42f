#include "profileeditor.h"

#include "flowlayout.h"
#include "namevaluetable.h"
#include "palette.h"
#include "plaintext.h"
#include "transporteditor.h"

#include <QCheckBox>
#include <QCoreApplication>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QTableWidget>

ProfileEditor::ProfileEditor(QWidget *parent) : QWidget(parent)
{
    buildConnectionFields();
    buildLimitFields();
    buildProblemRow();
    buildLayout();
    wireEdits();
    const QList<QSpinBox *> boxes = findChildren<QSpinBox *>();
    for (QSpinBox *box : boxes) {
        box->setFocusPolicy(Qt::StrongFocus);
        box->installEventFilter(this);
    }
    clearProfile();
}

ProfileEditor::~ProfileEditor()
{
    // A field with the focus emits editingFinished as ~QWidget deletes it, after this
    // part of the object is gone: commit() must not be called then.
    const QList<QObject *> fields = findChildren<QObject *>();
    for (QObject *field : fields)
        disconnect(field, nullptr, this, nullptr);
}

void ProfileEditor::buildProblemRow()
{
    m_headerWarning = PlainText::label(this);
    m_headerWarning->setAccessibleName(tr("Header warning"));
    m_headerWarning->setWordWrap(true);
    m_headerWarning->hide();

    m_problem = PlainText::label(this);
    m_problem->setAccessibleName(tr("Profile problem"));
    m_problem->setWordWrap(true);
    Palette::applyStyle(m_problem, Palette::errorTextStyle);
    // Its room is kept while it is empty, so nothing below or above moves when a
    // problem comes and goes; a longer one is in full in the tooltip.
    m_problem->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_problem->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Fixed);
    m_problem->setFixedHeight(3 * fontMetrics().lineSpacing());
    m_useSuggestedUrl = new QPushButton(this);
    m_useSuggestedUrl->setAccessibleName(tr("Use the suggested URL"));
    m_useSuggestedUrl->setVisible(false);
}

void ProfileEditor::buildLayout()
{
    auto *headerButtons = new FlowLayout; // one above the other in a narrow panel
    headerButtons->addWidget(m_addHeader);
    headerButtons->addWidget(m_removeHeader);
    auto *headerBox = new QVBoxLayout;
    headerBox->addWidget(m_headers);
    headerBox->addLayout(headerButtons);
    headerBox->addWidget(m_headerWarning);

    auto *form = m_form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);
    auto *problemRow = new QHBoxLayout;
    problemRow->addWidget(m_problem, 1);
    problemRow->addWidget(m_useSuggestedUrl, 0, Qt::AlignTop);
    form->addRow(problemRow); // first: where an edit's refusal is seen
    form->addRow(tr("&Name:"), m_name);
    form->addRow(QString(), m_builtInEcho);
    form->addRow(tr("&URL:"), m_url);
    m_resolvedUrl = PlainText::label(this);
    m_resolvedUrl->setAccessibleName(tr("Resolved URL"));
    m_resolvedUrl->setWordWrap(true);
    m_resolvedUrl->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_resolvedUrl->setVisible(false);
    form->addRow(QString(), m_resolvedUrl);
    form->addRow(PlainText::label(this, tr("Headers:")), headerBox);
    form->addRow(tr("&Subprotocols:"), m_subprotocols);
    form->addRow(tr("&Timeout:"), m_timeout);
    form->addRow(tr("Close time&out:"), m_closeTimeout);
    form->addRow(QString(), m_ignoreTls);
    m_transport->addRows(form);
    form->addRow(tr("&Ping every:"), m_pingInterval);
    form->addRow(tr("&Log cap:"), m_maxLogRows);
    form->addRow(tr("Log &memory:"), m_logBudget);
    form->addRow(tr("Largest &incoming:"), m_maxMessage);
    form->addRow(QString(), m_showSecrets);
}

void ProfileEditor::wireEdits()
{
    connect(m_name, &QLineEdit::editingFinished, this, &ProfileEditor::commit);
    connect(m_url, &QLineEdit::editingFinished, this, &ProfileEditor::commit);
    connect(m_url, &QLineEdit::textChanged, this, &ProfileEditor::updateResolvedUrl);
    connect(m_subprotocols, &QLineEdit::editingFinished, this, &ProfileEditor::commit);
    connect(m_timeout, &QSpinBox::editingFinished, this, &ProfileEditor::commit);
    connect(m_closeTimeout, &QSpinBox::editingFinished, this, &ProfileEditor::commit);
    connect(m_ignoreTls, &QCheckBox::toggled, this, &ProfileEditor::commit);
    connect(m_transport, &TransportEditor::edited, this, &ProfileEditor::commit);
    connect(m_pingInterval, &QSpinBox::editingFinished, this, &ProfileEditor::commit);
    connect(m_maxLogRows, &QSpinBox::editingFinished, this, &ProfileEditor::commit);
    connect(m_maxMessage, &QSpinBox::editingFinished, this, &ProfileEditor::commit);
    connect(m_logBudget, &QSpinBox::editingFinished, this, &ProfileEditor::commit);
    connect(m_showSecrets, &QCheckBox::toggled, this, &ProfileEditor::commit);
    connect(m_builtInEcho, &QCheckBox::toggled, this, &ProfileEditor::onBuiltInEchoToggled);
    connect(m_headers, &NameValueTable::edited, this, &ProfileEditor::commit);
    connect(m_headers, &NameValueTable::edited, this, &ProfileEditor::updateHeaderWarning);
    connect(m_addHeader, &QPushButton::clicked, this, &ProfileEditor::addHeaderRow);
    connect(m_removeHeader, &QPushButton::clicked, this, &ProfileEditor::removeHeaderRow);
    connect(m_useSuggestedUrl, &QPushButton::clicked, this, &ProfileEditor::useSuggestedUrl);
}

void ProfileEditor::onBuiltInEchoToggled()
{
    updateUrlField();
    commit();
}

void ProfileEditor::addHeaderRow()
{
    m_headers->addEmptyRow();
}

void ProfileEditor::removeHeaderRow()
{
    m_headers->removeCurrentRow();
}

void ProfileEditor::setProfile(const Profile &profile, const QUrl &echoUrl)
{
    m_loading = true;
    setEnabled(true);
    m_echoUrl = echoUrl;
    m_name->setText(profile.name);
    m_builtInEcho->setChecked(profile.builtInEchoServer);
    m_savedUrlText = profile.urlText();
    m_url->setText(m_savedUrlText);
    QList<NameValueRow> headers;
    for (const HandshakeHeader &h : profile.headers)
        headers.append({h.name, h.value, h.secret, h.secretRef});
    m_headers->setRows(headers);
    updateHeaderWarning();
    m_subprotocols->setText(profile.subprotocols.join(QStringLiteral(", ")));
    m_timeout->setValue(profile.connectTimeoutMs);
    m_closeTimeout->setValue(profile.closeTimeoutMs);
    m_ignoreTls->setChecked(profile.ignoreTlsErrors);
    m_transport->setOptions(profile.tls, profile.proxy);
    m_pingInterval->setValue(profile.pingIntervalMs);
    m_maxLogRows->setValue(profile.maxLogRows);
    m_maxMessage->setValue(profile.maxIncomingMessageMiB);
    m_logBudget->setValue(profile.logMemoryBudgetMiB);
    m_showSecrets->setChecked(profile.showSecretsInLog);
    m_snippets = profile.snippets;
    updateUrlField();
    showProblem(QString());
    m_loading = false;
}

void ProfileEditor::clearProfile()
{
    m_loading = true;
    m_name->clear();
    m_url->clear();
    m_headers->setRowCount(0);
    m_subprotocols->clear();
    m_timeout->setValue(Profile::DefaultConnectTimeoutMs);
    m_closeTimeout->setValue(Profile::DefaultCloseTimeoutMs);
    m_builtInEcho->setChecked(false);
    m_ignoreTls->setChecked(false);
    m_transport->setOptions(TlsFiles(), ProxySettings());
    m_pingInterval->setValue(0);
    m_maxLogRows->setValue(0);
    m_maxMessage->setValue(Limits::DefaultMaxIncomingMessageMiB);
    m_logBudget->setValue(Limits::DefaultLogMemoryBudgetMiB);
    m_showSecrets->setChecked(false);
    m_snippets.clear();
    showProblem(QString());
    setEnabled(false);
    m_loading = false;
}

Profile ProfileEditor::profile() const
{
    Profile p;
    p.name = m_name->text();
    p.builtInEchoServer = m_builtInEcho->isChecked();
    const QString urlText = p.builtInEchoServer ? m_savedUrlText : m_url->text();
    if (!urlText.trimmed().isEmpty())
        p.setUrlText(urlText);
    for (const NameValueRow &r : m_headers->rows())
        p.headers.append({r.name, r.value, r.secret, r.secretRef});
    for (const QString &s : m_subprotocols->text().split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        if (!s.trimmed().isEmpty())
            p.subprotocols.append(s.trimmed());
    }
    p.connectTimeoutMs = m_timeout->value();
    p.closeTimeoutMs = m_closeTimeout->value();
    p.ignoreTlsErrors = m_ignoreTls->isChecked();
    p.tls = m_transport->tls();
    p.proxy = m_transport->proxy();
    p.pingIntervalMs = m_pingInterval->value();
    p.maxLogRows = m_maxLogRows->value();
    p.maxIncomingMessageMiB = m_maxMessage->value();
    p.logMemoryBudgetMiB = m_logBudget->value();
    p.showSecretsInLog = m_showSecrets->isChecked();
    p.snippets = m_snippets;
    return p;
}

void ProfileEditor::setEnvironment(const std::optional<Environment> &environment)
{
    m_environment = environment;
    updateResolvedUrl();
}

void ProfileEditor::updateResolvedUrl()
{
    const QString text = m_url->isEnabled() ? m_url->text().trimmed() : QString();
    const bool shown = VariableResolver::hasReferences(text);
    m_resolvedUrl->setVisible(shown);
    if (!shown)
        return;
    const VariableResolver::Result r =
        VariableResolver(m_environment ? &*m_environment : nullptr).resolve(text, tr("the URL"));
    const QString where =
        m_environment ? tr("environment %1").arg(m_environment->name) : tr("no environment");
    m_resolvedUrl->setText(r.ok ? tr("→ %1 (%2)").arg(r.redacted, where)
                                : tr("%1 (%2)").arg(r.error, where));
}

void ProfileEditor::showProblem(const QString &problem)
{
    const QString text = problem.isEmpty() ? QString() : tr("Not saved: %1").arg(problem);
    m_problem->setText(text);
    m_problem->setToolTip(PlainText::toolTip(text));
    // "127.0.0.1:8765" gets an offer of "ws://127.0.0.1:8765", one click away.
    const QString suggestion =
        m_url->isEnabled() && !Profile::urlProblem(QUrl(m_url->text())).isEmpty()
            ? Profile::suggestedUrl(m_url->text())
            : QString();
    m_useSuggestedUrl->setText(
        tr("Use %1").arg(suggestion.left(suggestion.indexOf(QLatin1String("://")) + 3)));
    m_useSuggestedUrl->setToolTip(PlainText::toolTip(tr("Set the URL to %1").arg(suggestion)));
    m_useSuggestedUrl->setVisible(!problem.isEmpty() && !suggestion.isEmpty());
    // The form scrolls in a short window: bring the refusal into view.
    for (QWidget *w = parentWidget(); w && !text.isEmpty(); w = w->parentWidget()) {
        if (auto *area = qobject_cast<QScrollArea *>(w)) {
            area->ensureWidgetVisible(m_problem);
            break;
        }
    }
}

bool ProfileEditor::eventFilter(QObject *watched, QEvent *event)
{
    // A wheel turned to scroll the form must not change the spin box under the pointer
    // (and save it): only a focused spin box takes the wheel; otherwise the form scrolls.
    auto *box = qobject_cast<QSpinBox *>(watched);
    if (box && event->type() == QEvent::Wheel && !box->hasFocus()) {
        QCoreApplication::sendEvent(this, event);
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

void ProfileEditor::useSuggestedUrl()
{
    const QString suggestion = Profile::suggestedUrl(m_url->text());
    if (suggestion.isEmpty())
        return;
    m_url->setText(suggestion);
    m_url->setFocus(Qt::OtherFocusReason);
    commit();
}

void ProfileEditor::focusName()
{
    m_name->setFocus(Qt::OtherFocusReason);
    m_name->selectAll();
}

void ProfileEditor::updateHeaderWarning()
{
    QString warning;
    for (int row = 0; row < m_headers->rowCount() && warning.isEmpty(); ++row) {
        if (const QTableWidgetItem *name = m_headers->item(row, 0))
            warning = Profile::headerWarning(name->text());
    }
    m_headerWarning->setText(warning);
    m_headerWarning->setVisible(!warning.isEmpty());
}

void ProfileEditor::commit()
{
    if (m_loading || !isEnabled())
        return;
    Q_EMIT profileEdited(profile());
}

void ProfileEditor::updateUrlField()
{
    const bool echo = m_builtInEcho->isChecked();
    if (echo) {
        if (m_url->isEnabled())
            m_savedUrlText = m_url->text();
        m_url->setText(m_echoUrl.isEmpty() ? tr("(the built-in echo server is not running)")
                                           : m_echoUrl.toString());
    } else if (!m_url->isEnabled()) {
        m_url->setText(m_savedUrlText);
    }
    m_url->setEnabled(!echo);
    updateResolvedUrl();
}

void ProfileEditor::setCompact(bool compact)
{
    m_form->setRowWrapPolicy(compact ? QFormLayout::WrapAllRows : QFormLayout::DontWrapRows);
}
