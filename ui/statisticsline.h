#pragma once

#include "session/messagerate.h"

#include <QElapsedTimer>
#include <QLabel>

class LogFilterModel;
class QTimer;
class WebSocketSession;

/// The statistics line of a tab, two lines high: data messages and payload bytes sent
/// and received (WebSocketSession::Statistics), messages per second (MessageRate,
/// sampled every SampleIntervalMs), how long the connection is or was open, the log's
/// rows and memory against its budget, what the log dropped, and while paused the rows
/// not shown (LogFilterModel).
///
/// Plain text (Qt::PlainText), as PlainText::label() makes labels.
class StatisticsLine final : public QLabel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StatisticsLine)
public:
    /// How often the line samples the rate and refreshes, in ms.
    static constexpr int SampleIntervalMs = 500;

    StatisticsLine(const WebSocketSession *session, const LogFilterModel *shown,
                   QWidget *parent = nullptr);

    /// Writes the line again from the session and the filter, with the last rate.
    void refresh();

private:
    void sampleAndRefresh();

    const WebSocketSession *m_session = nullptr;
    const LogFilterModel *m_shown = nullptr;
    QTimer *m_timer = nullptr;
    QElapsedTimer m_clock;
    MessageRate m_rate;
};
