#include "detailpane.h"

#include "log/payloadcodec.h"
#include "plaintext.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDateTime>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

DetailPane::DetailPane(QWidget *parent) : QWidget(parent)
{
    m_mode = new QComboBox(this);
    Accessibility::nameComboBox(m_mode, tr("View as"));
    m_mode->addItem(tr("Auto"), int(Mode::Auto));
    m_mode->addItem(tr("Text"), int(Mode::Text));
    m_mode->addItem(tr("JSON"), int(Mode::Json));
    m_mode->addItem(tr("Hex"), int(Mode::Hex));
    m_mode->setToolTip(tr("Auto: JSON when the payload parses as JSON, hex for binary, "
                          "text otherwise"));
    m_summary = PlainText::label(this);
    m_summary->setAccessibleName(tr("Selected message"));
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // A long summary is cut, not allowed to widen the window; its tooltip has it whole.
    m_summary->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_copy = new QPushButton(tr("Copy"), this);
    m_copy->setAccessibleName(tr("Copy message"));
    m_copy->setToolTip(tr("Copy the whole payload, as shown (text, JSON or hex)"));
    m_frames = new QPushButton(tr("Show frames"), this);
    m_frames->setAccessibleName(tr("Show frames"));
    m_frames->setToolTip(tr("Select this message's frames in the Frames view (Return or a "
                            "double-click in the log)"));
    m_text = new QPlainTextEdit(this);
    m_text->setAccessibleName(tr("Message detail"));
    m_text->setReadOnly(true);
    m_text->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_text->setPlaceholderText(tr("Select a row to see its message in full."));

    auto *bar = new QHBoxLayout;
    bar->addWidget(PlainText::label(this, tr("View as:")));
    bar->addWidget(m_mode);
    bar->addWidget(m_summary, 1);
    bar->addWidget(m_frames);
    bar->addWidget(m_copy);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(m_text, 1);

    connect(m_mode, &QComboBox::currentIndexChanged, this, &DetailPane::render);
    connect(m_copy, &QPushButton::clicked, this, &DetailPane::copy);
    connect(m_frames, &QPushButton::clicked, this, &DetailPane::framesRequested);
    render();
}

void DetailPane::setEvent(const std::optional<LogEvent> &event)
{
    m_event = event;
    render();
}

void DetailPane::setMode(Mode mode)
{
    m_mode->setCurrentIndex(m_mode->findData(int(mode)));
}

QString DetailPane::shownText() const
{
    return m_text->toPlainText();
}

QString DetailPane::fullText(Mode mode) const
{
    const QByteArray &payload = m_event->payload;
    switch (mode) {
    case Mode::Hex:
        return PayloadCodec::hexDump(payload, payload.size());
    case Mode::Json:
        if (auto json = PayloadCodec::prettyJson(payload))
            return *json;
        return QString::fromUtf8(payload);
    case Mode::Auto:
    case Mode::Text:
        break;
    }
    return QString::fromUtf8(payload);
}

void DetailPane::hideFramesButton()
{
    m_frames->setVisible(false);
}

void DetailPane::render()
{
    m_copy->setEnabled(m_event.has_value());
    m_frames->setEnabled(m_event &&
                         (m_event->kind == EventKind::Text || m_event->kind == EventKind::Binary));
    if (!m_event) {
        m_summary->clear();
        m_text->clear();
        return;
    }
    const LogEvent &e = *m_event;
    const auto chosen = Mode(m_mode->currentData().toInt());
    std::optional<QString> json;
    m_effective = chosen;
    if (chosen == Mode::Auto) {
        if (e.kind == EventKind::Binary)
            m_effective = Mode::Hex;
        else if (e.payload.size() <= MaxShownBytes && (json = PayloadCodec::prettyJson(e.payload)))
            m_effective = Mode::Json;
        else
            m_effective = Mode::Text;
    }
    QString text;
    QString note;
    switch (m_effective) {
    case Mode::Hex:
        text = PayloadCodec::hexDump(e.payload, MaxHexBytes);
        break;
    case Mode::Json:
        if (!json && e.payload.size() <= MaxShownBytes)
            json = PayloadCodec::prettyJson(e.payload);
        if (json)
            text = *json;
        else {
            note = tr(" — not JSON");
            text = QString::fromUtf8(e.payload.left(MaxShownBytes));
        }
        break;
    case Mode::Auto:
    case Mode::Text:
        text = QString::fromUtf8(e.payload.left(MaxShownBytes));
        if (e.payload.size() > MaxShownBytes)
            note = tr(" — first %1 bytes shown; Copy copies all")
                       .arg(QLocale().toString(MaxShownBytes));
        break;
    }
    if (!e.payloadKept) {
        text = MessageLog::preview(e);
        note = tr(" — payload not kept");
    } else if (e.kind != EventKind::Text && e.kind != EventKind::Binary &&
               m_effective != Mode::Hex && text.isEmpty()) {
        text = MessageLog::preview(e);
    }
    const bool longLine = longestLine(text) > MaxWrappedLineChars;
    if (longLine)
        note += tr(" — long lines not wrapped");
    // "close sent" says its direction already; a size QtWebSockets does not tell is
    // not shown as a number.
    const bool closeFrame = e.kind == EventKind::CloseSent || e.kind == EventKind::CloseReceived;
    const QString what = closeFrame ? MessageLog::kindName(e.kind)
                                    : tr("%1 %2").arg(MessageLog::directionName(e.direction),
                                                      MessageLog::kindName(e.kind));
    const QString size = e.sizeBytes == UnknownSize
                             ? tr("size not known")
                             : tr("%1 bytes").arg(QLocale().toString(e.sizeBytes));
    const QString summary =
        tr("%1, %2, %3%4")
            .arg(what, size,
                 QDateTime::fromMSecsSinceEpoch(e.timestampMs).toString(Qt::ISODateWithMs), note);
    m_summary->setText(summary);
    m_summary->setToolTip(PlainText::toolTip(summary));
    // Emptied first: a new wrap mode lays out whatever is shown, and wrapping the last
    // payload's long line is what must never happen.
    m_text->clear();
    m_text->setLineWrapMode(longLine ? QPlainTextEdit::NoWrap : QPlainTextEdit::WidgetWidth);
    m_text->setPlainText(text);
}

qsizetype DetailPane::longestLine(const QString &text)
{
    qsizetype longest = 0;
    qsizetype start = 0;
    while (start <= text.size()) {
        qsizetype end = text.indexOf(QLatin1Char('\n'), start);
        if (end < 0)
            end = text.size();
        longest = qMax(longest, end - start);
        start = end + 1;
    }
    return longest;
}

void DetailPane::copy()
{
    if (!m_event)
        return;
    QGuiApplication::clipboard()->setText(fullText(m_effective));
}
