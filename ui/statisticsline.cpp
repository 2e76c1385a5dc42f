#include "statisticsline.h"

#include "log/logfiltermodel.h"
#include "plaintext.h"
#include "session/websocketsession.h"

#include <QDateTime>
#include <QLocale>
#include <QTimer>

StatisticsLine::StatisticsLine(const WebSocketSession *session, const LogFilterModel *shown,
                               QWidget *parent)
    : QLabel(parent), m_session(session), m_shown(shown), m_timer(new QTimer(this))
{
    setTextFormat(Qt::PlainText); // before any text: the line quotes no peer, but stays plain
    setAccessibleName(tr("Statistics"));
    setTextInteractionFlags(Qt::TextSelectableByMouse);
    // Room for two lines, always: a long line wraps instead of widening the window,
    // and the log below never moves as the numbers grow.
    setWordWrap(true);
    setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Fixed);
    setFixedHeight(2 * fontMetrics().lineSpacing() + 4);

    m_timer->setInterval(SampleIntervalMs);
    connect(m_timer, &QTimer::timeout, this, &StatisticsLine::sampleAndRefresh);
    m_timer->start();
    m_clock.start();
}

void StatisticsLine::sampleAndRefresh()
{
    const WebSocketSession::Statistics &s = m_session->statistics();
    m_rate.sample(s.messagesSent + s.messagesReceived, m_clock.elapsed());
    refresh();
}

void StatisticsLine::refresh()
{
    const WebSocketSession::Statistics &s = m_session->statistics();
    const QLocale locale;
    QString duration = tr("not connected");
    if (s.openedAtMs != 0) {
        const qint64 end = s.closedAtMs != 0 ? s.closedAtMs : QDateTime::currentMSecsSinceEpoch();
        duration = (s.closedAtMs != 0 ? tr("lasted %1") : tr("open %1"))
                       .arg(MessageRate::durationText(end - s.openedAtMs));
    }
    const MessageLog *log = m_session->log();
    QString text =
        tr("Sent %1 (%2) · Received %3 (%4) · %5 msg/s · %6 · Log %7, %8 of %9")
            .arg(locale.toString(s.messagesSent), locale.formattedDataSize(s.bytesSent),
                 locale.toString(s.messagesReceived), locale.formattedDataSize(s.bytesReceived),
                 locale.toString(qRound64(m_rate.perSecond())), duration,
                 log->totalEvents() == 1 ? tr("1 row")
                                         : tr("%1 rows").arg(locale.toString(log->totalEvents())),
                 locale.formattedDataSize(log->memoryBytes()),
                 locale.formattedDataSize(log->memoryBudget()));
    if (log->droppedEvents() > 0)
        text += tr(" (%1 oldest dropped)").arg(locale.toString(log->droppedEvents()));
    if (log->droppedPayloadBytes() > 0)
        text += tr(" (%1 of payloads not kept)")
                    .arg(locale.formattedDataSize(log->droppedPayloadBytes()));
    if (m_shown->isPaused())
        text +=
            tr(" · PAUSED, %1 new rows not shown").arg(locale.toString(m_shown->rowsHeldBack()));
    setText(text);
    setToolTip(PlainText::toolTip(text));
}
