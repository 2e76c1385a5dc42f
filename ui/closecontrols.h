#pragma once

#include "protocol/closecodecatalogue.h"
#include "session/websocketsession.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

/// The close controls of a tab: a close-code dropdown filled from CloseCodeCatalogue
/// (every sendable named code, plus a custom 3000-4999 entry), a close reason field
/// with a live UTF-8 byte count, and the Close and Stop buttons.
///
/// Close is enabled only when the connection is active and the code and reason pass
/// CloseCodeCatalogue::check(); otherwise the problem is shown, and nothing is cut.
class CloseControls final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CloseControls)
public:
    explicit CloseControls(QWidget *parent = nullptr);

    /// The status code the user chose (from the dropdown or the custom field).
    int selectedCode() const;
    QString reason() const;
    /// Selects @p code in the dropdown, or the custom entry for 3000-4999.
    void selectCode(int code);
    /// Enables the buttons for @p state: Close and Stop while Connecting, Open, Closing.
    void setConnectionState(WebSocketSession::State state);
    /// Shows a refusal that came back from the session.
    void showProblem(const QString &problem);
    /// Close (the closing handshake), as a click on it: only when it is enabled.
    void requestClose();
    /// Stop, as a click on it: only when it is enabled.
    void requestStop();
    /// The reason field is at least this many characters wide.
    static constexpr int MinReasonChars = 25;

Q_SIGNALS:
    void closeRequested(int code, const QString &reason);
    void stopRequested();

private:
    void buildCodeFields();
    void buildReasonFields();
    void buildButtons();
    void buildLayout();
    void onCodeChosen();
    /// Close was clicked: asks for the closing handshake with the chosen code and reason.
    void onCloseClicked();
    void updateState();

    QComboBox *m_codeBox = nullptr;
    QSpinBox *m_customCode = nullptr;
    QLineEdit *m_reason = nullptr;
    QLabel *m_byteCount = nullptr;
    QPushButton *m_closeButton = nullptr;
    QPushButton *m_stopButton = nullptr;
    QLabel *m_problem = nullptr;
    bool m_active = false;
};
