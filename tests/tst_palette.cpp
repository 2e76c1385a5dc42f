// The palette header's two colour sets, offscreen in the Fusion style: every text
// colour reads at 4.5:1 (WCAG 2.x contrast ratio) on what it is drawn on, in a light
// and in a dark palette; a real LogView draws its rows in those colours; and labels
// styled from the palette follow QApplication::setPalette().
#include "closecontrols.h"
#include "connectionbar.h"
#include "log/messagelog.h"
#include "logview.h"
#include "palette.h"
#include "statusline.h"

#include <QApplication>
#include <QHeaderView>
#include <QImage>
#include <QLabel>
#include <QStyle>
#include <QStyleFactory>
#include <QTest>
#include <cmath>

namespace {

/// WCAG 2.x relative luminance of @p c (sRGB), 0 (black) to 1 (white).
double luminance(const QColor &c)
{
    const auto linear = [](double v) {
        return v <= 0.04045 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * linear(c.redF()) + 0.7152 * linear(c.greenF()) + 0.0722 * linear(c.blueF());
}

/// WCAG 2.x contrast ratio of two colours, 1 to 21.
double contrast(const QColor &a, const QColor &b)
{
    const double la = luminance(a);
    const double lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

constexpr double MinContrast = 4.5; // WCAG 2.x, level AA, normal text

/// Fusion's own light palette.
QPalette lightFusionPalette()
{
    std::unique_ptr<QStyle> fusion(QStyleFactory::create(QStringLiteral("Fusion")));
    return fusion->standardPalette();
}

/// A dark palette for Fusion as applications build one, role by role. AlternateBase
/// is a step lighter than in most, so the rows are checked on the harder background.
QPalette darkFusionPalette()
{
    const QColor window(0x35, 0x35, 0x35);
    const QColor accent(0x2a, 0x82, 0xda);
    QPalette p;
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, Qt::white);
    p.setColor(QPalette::Base, QColor(0x2a, 0x2a, 0x2a));
    p.setColor(QPalette::AlternateBase, QColor(0x42, 0x42, 0x42));
    p.setColor(QPalette::ToolTipBase, window);
    p.setColor(QPalette::ToolTipText, Qt::white);
    p.setColor(QPalette::PlaceholderText, QColor(0x9a, 0x9a, 0x9a));
    p.setColor(QPalette::Text, Qt::white);
    p.setColor(QPalette::Button, window);
    p.setColor(QPalette::ButtonText, Qt::white);
    p.setColor(QPalette::BrightText, Qt::red);
    p.setColor(QPalette::Link, accent);
    p.setColor(QPalette::Highlight, accent);
    p.setColor(QPalette::HighlightedText, Qt::black);
    p.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0x7f, 0x7f, 0x7f));
    p.setColor(QPalette::Disabled, QPalette::Text, QColor(0x7f, 0x7f, 0x7f));
    p.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x7f, 0x7f, 0x7f));
    return p;
}

/// The rows the tests put in a log: one of each colour.
struct Row
{
    const char *name;
    Direction direction;
    EventKind kind;
};
const Row Rows[] = {
    {"sent", Direction::Sent, EventKind::Text},
    {"received", Direction::Received, EventKind::Text},
    {"local", Direction::Local, EventKind::Opened},
    {"error", Direction::Local, EventKind::Error},
};

/// The pixel of @p rect in @p image that stands out most from @p background: the
/// middle of a glyph's stroke, drawn in the text colour itself.
QColor textColourIn(const QImage &image, const QRect &rect, const QColor &background)
{
    QColor best = background;
    double bestContrast = 1.0;
    for (int y = rect.top(); y <= rect.bottom(); ++y) {
        for (int x = rect.left(); x <= rect.right(); ++x) {
            const QColor c = image.pixelColor(x, y);
            if (const double r = contrast(c, background); r > bestContrast) {
                best = c;
                bestContrast = r;
            }
        }
    }
    return best;
}

/// The label under @p root whose accessible name is @p name, or nullptr.
QLabel *label(QWidget *root, const QString &name)
{
    for (QLabel *l : root->findChildren<QLabel *>()) {
        if (l->accessibleName() == name)
            return l;
    }
    return nullptr;
}

bool near(const QColor &a, const QColor &b)
{
    return std::abs(a.red() - b.red()) <= 8 && std::abs(a.green() - b.green()) <= 8 &&
           std::abs(a.blue() - b.blue()) <= 8;
}

} // namespace

class TestPalette : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void textReadsOnItsBackground_data();
    void textReadsOnItsBackground();
    void logViewDrawsReadableRows_data();
    void logViewDrawsReadableRows();
    void labelsFollowAPaletteChange();
};

void TestPalette::initTestCase()
{
    QApplication::setStyle(QStringLiteral("Fusion"));
}

void TestPalette::cleanup()
{
    QApplication::setPalette(lightFusionPalette());
}

void TestPalette::textReadsOnItsBackground_data()
{
    QTest::addColumn<QColor>("text");
    QTest::addColumn<QColor>("background");
    const QColor white(Qt::white);
    const std::pair<const char *, QPalette> palettes[] = {{"light", lightFusionPalette()},
                                                          {"dark", darkFusionPalette()}};
    for (const auto &[set, p] : palettes) {
        for (const Row &row : Rows) {
            const QColor text = Palette::logRowText(row.kind, row.direction, p);
            QTest::addRow("%s: %s row on Base", set, row.name) << text << p.color(QPalette::Base);
            QTest::addRow("%s: %s row on AlternateBase", set, row.name)
                << text << p.color(QPalette::AlternateBase);
        }
        QTest::addRow("%s: error text on Window", set)
            << Palette::errorText(p) << p.color(QPalette::Window);
        const std::pair<const char *, WebSocketSession::State> states[] = {
            {"Closed", WebSocketSession::State::Closed},
            {"Connecting", WebSocketSession::State::Connecting},
            {"Closing", WebSocketSession::State::Closing},
            {"Open", WebSocketSession::State::Open}};
        for (const auto &[name, state] : states)
            QTest::addRow("%s: white on the %s badge", set, name)
                << white << Palette::stateBadge(state, p);
        QTest::addRow("%s: white on the TLS badge", set) << white << Palette::tlsBadge(p);
        const Palette::BannerColours banner = Palette::banner(p);
        QTest::addRow("%s: banner text on the banner", set) << banner.text << banner.background;
    }
}

void TestPalette::textReadsOnItsBackground()
{
    QFETCH(QColor, text);
    QFETCH(QColor, background);
    const double ratio = contrast(text, background);
    QVERIFY2(ratio >= MinContrast, qPrintable(QStringLiteral("%1 on %2: %3:1")
                                                  .arg(text.name(), background.name())
                                                  .arg(ratio, 0, 'f', 2)));
}

void TestPalette::logViewDrawsReadableRows_data()
{
    QTest::addColumn<int>("row");
    for (int i = 0; i < int(std::size(Rows)); ++i)
        QTest::addRow("%s", Rows[i].name) << i;
}

// The view as it is drawn once the application's palette has turned dark under it:
// each row's text is in Palette's colour for it and reads on its row's Base or
// AlternateBase.
void TestPalette::logViewDrawsReadableRows()
{
    QFETCH(int, row);
    MessageLog log;
    for (const Row &r : Rows) {
        LogEvent e;
        e.direction = r.direction;
        e.kind = r.kind;
        e.payload = "Readable Wij";
        e.sizeBytes = e.payload.size();
        log.append(e);
    }
    log.flush();
    LogView view;
    view.setModel(&log);
    view.setFocusPolicy(Qt::NoFocus); // no focus frame on the current cell
    QFont big = view.font();
    big.setPixelSize(28); // strokes wide enough to hold the text colour itself
    big.setBold(true);
    view.setFont(big);
    view.verticalHeader()->setDefaultSectionSize(QFontMetrics(big).height() + 6);
    view.resize(900, 400);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const QPalette dark = darkFusionPalette();
    QApplication::setPalette(dark);
    QTRY_COMPARE(view.palette().color(QPalette::Base), dark.color(QPalette::Base));

    const QImage image = view.viewport()->grab().toImage();
    const QRect cell = view.visualRect(log.index(row, MessageLog::PreviewColumn));
    QVERIFY(!cell.isEmpty());
    const QColor background =
        dark.color(row % 2 ? QPalette::AlternateBase : QPalette::Base); // alternating rows
    QCOMPARE(image.pixelColor(cell.right() - 2, cell.center().y()), background);
    const QColor drawn = textColourIn(image, cell, background);
    const QColor wanted = Palette::logRowText(Rows[row].kind, Rows[row].direction, dark);
    QVERIFY2(near(drawn, wanted), qPrintable(drawn.name() + QStringLiteral(" drawn, ") +
                                             wanted.name() + QStringLiteral(" wanted")));
    QVERIFY2(contrast(drawn, background) >= MinContrast,
             qPrintable(QString::number(contrast(drawn, background), 'f', 2)));
}

// Labels styled at construction (the close problem, the TLS badge) and by their state
// (the state badge, an error on the status line) are styled again when the
// application's palette changes, and back again.
void TestPalette::labelsFollowAPaletteChange()
{
    ConnectionBar bar;
    bar.showState(WebSocketSession::State::Open);
    bar.showTlsNotVerified(true);
    StatusLine status;
    status.showStatus(QStringLiteral("Bad hex at column 3"), true);
    CloseControls close;
    QLabel *problem = label(&close, QStringLiteral("Close problem"));
    QLabel *state = label(&bar, QStringLiteral("Connection state"));
    QLabel *tls = label(&bar, QStringLiteral("TLS not verified"));
    QVERIFY(problem && state && tls);
    for (QWidget *w : {static_cast<QWidget *>(&bar), static_cast<QWidget *>(&status),
                       static_cast<QWidget *>(&close)}) {
        w->show();
        QVERIFY(QTest::qWaitForWindowExposed(w));
    }

    for (const QPalette &p : {darkFusionPalette(), lightFusionPalette()}) {
        QApplication::setPalette(p);
        const QColor window = p.color(QPalette::Window);
        for (QLabel *error : {static_cast<QLabel *>(&status), problem}) {
            const QColor text = error->palette().color(QPalette::WindowText);
            QCOMPARE(text, Palette::errorText(p));
            QVERIFY2(contrast(text, window) >= MinContrast, qPrintable(text.name()));
        }
        QCOMPARE(state->palette().color(QPalette::Window),
                 Palette::stateBadge(WebSocketSession::State::Open, p));
        QCOMPARE(tls->palette().color(QPalette::Window), Palette::tlsBadge(p));
    }
    // The dark set has an Open badge of its own, so the comparisons above saw it change.
    QVERIFY(Palette::stateBadge(WebSocketSession::State::Open, darkFusionPalette()) !=
            Palette::stateBadge(WebSocketSession::State::Open, lightFusionPalette()));
}

QTEST_MAIN(TestPalette)
#include "tst_palette.moc"
