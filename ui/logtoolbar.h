#pragma once

#include <QWidget>

class LogExporter;
class QProgressBar;
class QPushButton;
class QToolButton;

/// The log's controls: Follow, Pause/Resume, Clear, and Export (all rows or the shown
/// rows, as JSON Lines or CSV) with the progress of @p exporter's export, Cancel export
/// and what the export came to. It asks (signals) and shows what it is told; the tab
/// starts the export.
class LogToolbar final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LogToolbar)
public:
    explicit LogToolbar(LogExporter *exporter, QWidget *parent = nullptr);

    /// The name the export dialog suggests a file for (the profile's name).
    void setProfileName(const QString &name) { m_profileName = name; }
    /// Checks Follow (the view follows the newest row) or not.
    void showFollowing(bool following);
    /// Checks Pause and labels it Resume while @p paused.
    void showPaused(bool paused);
    /// An export runs: progress at 0 and Cancel shown; Export and Clear disabled (a
    /// clear would fail the export).
    void showExportStarted();
    /// For a log that never grows (a recorded tab): Follow, Pause and Clear are hidden,
    /// Export stays.
    void showExportOnly();

Q_SIGNALS:
    void followToggled(bool follow);
    void pauseToggled(bool paused);
    void clearRequested();
    /// The user chose @p path (suffix .jsonl or .csv) in the export dialog.
    void exportRequested(const QString &path, bool onlyShownRows);
    /// The export ended: @p text says how (finished, failed or cancelled).
    void exportEnded(const QString &text, bool isError);

private:
    void buildExportMenu();
    /// Asks for a file with QFileDialog, suggesting one in the home directory.
    void chooseExportFile(bool onlyShownRows);
    void chooseFileForAllRows() { chooseExportFile(false); }
    void chooseFileForShownRows() { chooseExportFile(true); }
    /// @p written of @p total rows are written.
    void showExportProgress(qsizetype written, qsizetype total);
    void onExportFinished(const QString &path, qsizetype rows, qint64 elapsedMs);
    void onExportFailed(const QString &error);
    void onExportCancelled();
    /// The export ended, however: back to Export, and say how.
    void showExportEnded(const QString &text, bool isError);

    LogExporter *m_exporter = nullptr;
    QString m_profileName;
    QPushButton *m_followButton = nullptr;
    QPushButton *m_pauseButton = nullptr;
    QPushButton *m_clearButton = nullptr;
    QToolButton *m_exportButton = nullptr;
    QProgressBar *m_exportProgress = nullptr;
    QPushButton *m_cancelExport = nullptr;
};
