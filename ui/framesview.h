#pragma once

#include <QWidget>

class FrameExporter;
class FrameFilterModel;
class QPushButton;
class FrameLog;
struct MessageFrames;
class QCheckBox;
class QItemSelection;
class QComboBox;
class QLineEdit;
class QTableView;

/// The Frames view of a tab: every frame of the connection both ways, as the wire tap
/// saw it (FrameLog), with its own filter row: direction, violations only, and text in
/// the payload preview. A row that breaks a rule says which in its tooltip. It can
/// select the frames of one message of the log (showMessage()).
class FramesView : public QWidget
{
    Q_OBJECT
public:
    explicit FramesView(FrameLog *frames, QWidget *parent = nullptr);

    QTableView *table() const { return m_table; }
    FrameFilterModel *filter() const { return m_filter; }
    /// Writes every frame to @p path as JSON Lines (FrameExporter); the end comes as
    /// exportEnded(). False, with the reason in exportEnded(), when it cannot start.
    bool exportTo(const QString &path);
    /// Selects @p message's frames (MessageFrames::Status::Found), scrolls to them and
    /// takes the focus, first clearing the filters that would hide any of them. Returns
    /// what it did, in a sentence for the status line.
    QString showMessage(const MessageFrames &message);

Q_SIGNALS:
    /// An export finished, failed or was cancelled: @p text says which, for the status line.
    void exportEnded(const QString &text, bool isError);

protected:
    /// Shown, the view takes the frames that came while it was hidden; hidden (another
    /// tab in front), it holds its filter (FrameFilterModel::setHeld()), so a flood costs
    /// it nothing.
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    void sizeColumns();
    void buildFilterRow();
    void onDirectionChosen(int index);
    void noteBottom();
    void followNewRows();
    void onExportClicked();
    void onExportFinished(const QString &path, qint64 frames, qint64 elapsedMs);
    void onExportFailed(const QString &error);
    void onExportCancelled();
    void showExportRunning(bool running);
    /// Clears the filters that hide any of the source rows @p rows, controls included;
    /// returns their names.
    QStringList revealRows(const QList<int> &rows);
    /// The whole rows of the view that show the source rows @p rows (all shown).
    QItemSelection selectionOf(const QList<int> &rows) const;

    FrameLog *m_frames;
    FrameFilterModel *m_filter;
    FrameExporter *m_exporter;
    QPushButton *m_export = nullptr;
    QComboBox *m_direction = nullptr;
    QCheckBox *m_violationsOnly = nullptr;
    QLineEdit *m_text = nullptr;
    QTableView *m_table = nullptr;
    bool m_atBottom = true; ///< The view showed the newest frame before rows came.
};
