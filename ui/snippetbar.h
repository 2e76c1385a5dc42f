#pragma once

#include "profiles/profile.h"

#include <QWidget>

class QComboBox;
class QPushButton;

/// A profile's snippets (saved composer messages): the list, Save snippet and Delete
/// snippet. Choosing one asks for it to be put in the composer. The tab edits the
/// profile (ProfileModel::saveSnippet, removeSnippet) and shows the result here.
class SnippetBar final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SnippetBar)
public:
    explicit SnippetBar(QWidget *parent = nullptr);

    /// Lists @p snippets (a binary one with its format, e.g. "name [hex]"; the payload
    /// as tooltip), keeping the chosen one chosen by its label.
    void showSnippets(const QList<Snippet> &snippets);
    /// Chooses snippet @p index of the list last shown; -1 chooses none.
    void choose(int index);
    /// The index of the chosen snippet, or -1.
    int chosen() const;

Q_SIGNALS:
    void snippetChosen(const Snippet &snippet);
    void saveRequested();
    /// Delete snippet was clicked with snippet @p index chosen.
    void deleteRequested(int index);

private:
    void onActivated(int item);
    void onDeleteClicked();

    QList<Snippet> m_snippets;
    QComboBox *m_snippetList = nullptr;
    QPushButton *m_saveSnippet = nullptr;
    QPushButton *m_deleteSnippet = nullptr;
};
