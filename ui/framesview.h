#pragma once

#include <QWidget>

class FrameFilterModel;
class FrameLog;
class QCheckBox;
class QComboBox;
class QLineEdit;
class QTableView;

/// The Frames view of a tab: every frame of the connection both ways, as the wire tap
/// saw it (FrameLog), with its own filter row: direction, violations only, and text in
/// the payload preview. A row that breaks a rule says which in its tooltip.
class FramesView : public QWidget
{
    Q_OBJECT
public:
    explicit FramesView(FrameLog *frames, QWidget *parent = nullptr);

    QTableView *table() const { return m_table; }
    FrameFilterModel *filter() const { return m_filter; }

private:
    void sizeColumns();
    void buildFilterRow();
    void onDirectionChosen(int index);
    void noteBottom();
    void followNewRows();

    FrameFilterModel *m_filter;
    QComboBox *m_direction = nullptr;
    QCheckBox *m_violationsOnly = nullptr;
    QLineEdit *m_text = nullptr;
    QTableView *m_table = nullptr;
    bool m_atBottom = true; ///< The view showed the newest frame before rows came.
};
