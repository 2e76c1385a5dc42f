#include "snippetbar.h"

#include "plaintext.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QPushButton>

SnippetBar::SnippetBar(QWidget *parent) : QWidget(parent)
{
    m_snippetList = new QComboBox(this);
    Accessibility::nameComboBox(m_snippetList, tr("Snippets"));
    m_snippetList->setPlaceholderText(tr("Snippets"));
    m_snippetList->setMinimumContentsLength(24);
    m_snippetList->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_snippetList->setToolTip(tr("Saved messages of this profile; choosing one puts it in the "
                                 "composer"));
    m_saveSnippet = new QPushButton(tr("Save snippet"), this);
    m_saveSnippet->setAccessibleName(tr("Save snippet"));
    m_saveSnippet->setToolTip(tr("Save the composer's message with this profile"));
    m_deleteSnippet = new QPushButton(tr("Delete snippet"), this);
    m_deleteSnippet->setAccessibleName(tr("Delete snippet"));

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_snippetList);
    layout->addWidget(m_saveSnippet);
    layout->addWidget(m_deleteSnippet);

    connect(m_snippetList, &QComboBox::activated, this, &SnippetBar::onActivated);
    connect(m_saveSnippet, &QPushButton::clicked, this, &SnippetBar::saveRequested);
    connect(m_deleteSnippet, &QPushButton::clicked, this, &SnippetBar::onDeleteClicked);
}

void SnippetBar::showSnippets(const QList<Snippet> &snippets)
{
    m_snippets = snippets;
    const QString current = m_snippetList->currentText();
    m_snippetList->clear();
    for (int i = 0; i < m_snippets.size(); ++i) {
        const Snippet &s = m_snippets.at(i);
        m_snippetList->addItem(
            s.format == PayloadFormat::Text
                ? s.name
                : QStringLiteral("%1 [%2]").arg(s.name, PayloadCodec::formatKey(s.format)),
            i);
        m_snippetList->setItemData(i, PlainText::toolTip(s.payload), Qt::ToolTipRole);
    }
    m_snippetList->setCurrentIndex(m_snippetList->findText(current));
    m_deleteSnippet->setEnabled(!m_snippets.isEmpty());
}

void SnippetBar::choose(int index)
{
    m_snippetList->setCurrentIndex(index < 0 ? -1 : m_snippetList->findData(index));
}

int SnippetBar::chosen() const
{
    return m_snippetList->currentIndex() < 0 ? -1 : m_snippetList->currentData().toInt();
}

void SnippetBar::onActivated(int item)
{
    const int index = m_snippetList->itemData(item).toInt();
    if (index >= 0 && index < m_snippets.size())
        Q_EMIT snippetChosen(m_snippets.at(index));
}

void SnippetBar::onDeleteClicked()
{
    const int index = chosen();
    if (index >= 0 && index < m_snippets.size())
        Q_EMIT deleteRequested(index);
}
