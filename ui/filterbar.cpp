#include "filterbar.h"

#include "flowlayout.h"
#include "shortcuts.h"

#include "palette.h"
#include "plaintext.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QTimer>

namespace {

constexpr quint16 kindBit(EventKind k)
{
    return quint16(1u << int(k));
}

constexpr int directionBit(Direction d)
{
    return 1 << int(d);
}

} // namespace

FilterBar::FilterBar(LogFilterModel *model, QWidget *parent)
    : QWidget(parent), m_model(model), m_typingDelay(new QTimer(this))
{
    m_directionFilter = new QComboBox(this);
    Accessibility::nameComboBox(m_directionFilter, tr("Direction filter"));
    m_directionFilter->addItem(tr("All directions"), int(LogFilter::AllDirections));
    m_directionFilter->addItem(tr("Sent"), directionBit(Direction::Sent));
    m_directionFilter->addItem(tr("Received"), directionBit(Direction::Received));
    m_directionFilter->addItem(tr("Local"), directionBit(Direction::Local));
    buildKindFilter();
    m_textFilter = new QLineEdit(this);
    m_textFilter->setAccessibleName(tr("Filter text"));
    m_textFilter->setPlaceholderText(
        Shortcuts::withKey(tr("Filter: text in the payload"), Shortcuts::filterKey()));
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

    // Room for a search term at any width: the row wraps rather than squeeze it.
    m_textFilter->setMinimumWidth(m_textFilter->fontMetrics().horizontalAdvance(QLatin1Char('x')) *
                                  MinTextChars);
    auto *layout = m_row = new FlowLayout(this);
    layout->addWidget(m_directionFilter);
    layout->addWidget(m_kindFilter);
    layout->addWidget(m_textFilter);
    layout->addWidget(m_regexFilter);
    layout->addWidget(m_caseFilter);
    layout->addWidget(m_filterStatus);

    m_typingDelay->setSingleShot(true);
    m_typingDelay->setInterval(TypingDelayMs);
    connect(m_typingDelay, &QTimer::timeout, this, &FilterBar::applyFilter);
    connect(m_textFilter, &QLineEdit::textChanged, m_typingDelay, qOverload<>(&QTimer::start));
    connect(m_textFilter, &QLineEdit::returnPressed, this, &FilterBar::applyFilter);
    connect(m_regexFilter, &QCheckBox::toggled, this, &FilterBar::applyFilter);
    connect(m_caseFilter, &QCheckBox::toggled, this, &FilterBar::applyFilter);
    connect(m_directionFilter, &QComboBox::currentIndexChanged, this, &FilterBar::applyFilter);
    connect(m_kindFilter, &QComboBox::currentIndexChanged, this, &FilterBar::applyFilter);
    connect(m_model, &LogFilterModel::filterProgress, this, &FilterBar::onFilterProgress);
    connect(m_model, &LogFilterModel::filterFinished, this, &FilterBar::onFilterFinished);
}

void FilterBar::buildKindFilter()
{
    m_kindFilter = new QComboBox(this);
    Accessibility::nameComboBox(m_kindFilter, tr("Kind filter"));
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
}

LogFilter FilterBar::filter() const
{
    LogFilter filter;
    filter.directions = quint8(m_directionFilter->currentData().toInt());
    filter.kinds = quint16(m_kindFilter->currentData().toInt());
    filter.text = m_textFilter->text();
    filter.regularExpression = m_regexFilter->isChecked();
    filter.caseSensitive = m_caseFilter->isChecked();
    return filter;
}

void FilterBar::applyFilter()
{
    const LogFilter wanted = filter();
    if (wanted == m_model->filter())
        return;
    const QString problem = m_model->setFilter(wanted);
    if (!problem.isEmpty()) {
        m_filterStatus->setText(problem);
        m_filterStatus->setToolTip(PlainText::toolTip(problem));
        Palette::applyStyle(m_filterStatus, Palette::errorTextStyle);
        return;
    }
    Q_EMIT filterApplied();
}

void FilterBar::onFilterProgress(qsizetype scanned, qsizetype total)
{
    if (scanned < total)
        m_filterStatus->setText(tr("Filtering… %1%").arg(total > 0 ? scanned * 100 / total : 100));
}

void FilterBar::onFilterFinished(qint64 elapsedMs, qsizetype matches)
{
    Palette::applyStyle(m_filterStatus, {});
    if (m_model->filter().letsEverythingThrough())
        m_filterStatus->clear();
    else
        m_filterStatus->setText(
            tr("%1 of %2 rows (%3 ms)")
                .arg(QLocale().toString(matches), QLocale().toString(m_model->log()->rows()))
                .arg(elapsedMs));
}

void FilterBar::focusText()
{
    m_textFilter->setFocus(Qt::ShortcutFocusReason);
    m_textFilter->selectAll();
}

void FilterBar::showOnlyDirection(Direction direction)
{
    m_directionFilter->setCurrentIndex(m_directionFilter->findData(directionBit(direction)));
}

void FilterBar::showOnlyKind(EventKind kind)
{
    // The narrowest entry that holds @p kind: "Text" for text, "Ping/pong" for a pong.
    int best = -1;
    for (int i = 0; i < m_kindFilter->count(); ++i) {
        const int mask = m_kindFilter->itemData(i).toInt();
        if ((mask & kindBit(kind)) &&
            (best < 0 || qPopulationCount(quint32(mask)) <
                             qPopulationCount(quint32(m_kindFilter->itemData(best).toInt()))))
            best = i;
    }
    m_kindFilter->setCurrentIndex(best);
}

void FilterBar::addToRow(QWidget *widget)
{
    m_row->addWidget(widget);
}
