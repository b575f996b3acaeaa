#include "forecastwindow.h"

#include "models/forecastmodel.h"
#include "models/outcometext.h"
#include "theme/theme.h"
#include "util/timefmt.h"
#include "windows/quotabar.h"
#include "windows/runwaywidget.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

#include <cmath>

using namespace Qt::StringLiterals;

namespace cma::ui {

ForecastWindow::ForecastWindow(DesktopSession &session, QWidget *parent)
    : QWidget(parent, Qt::Window)
    , m_session(session)
    , m_model(new ForecastModel(this))
{
    setObjectName(u"forecastWindow"_s);
    setWindowTitle(tr("Forecast and quota — Codex Multi-Auth"));
    auto *layout = new QVBoxLayout(this);
    m_tabs = new QTabWidget(this);
    layout->addWidget(m_tabs);

    // Forecast tab.
    auto *forecast = new QWidget(m_tabs);
    auto *fl = new QVBoxLayout(forecast);
    m_summary = new QLabel(forecast);
    m_summary->setObjectName(u"forecastSummary"_s);
    fl->addWidget(m_summary);
    m_table = new QTableView(forecast);
    m_table->setModel(m_model);
    m_table->setAccessibleName(tr("Forecast"));
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setWordWrap(true);
    fl->addWidget(m_table, 1);
    auto *box = new QGroupBox(tr("Recommendation"), forecast);
    auto *bl = new QHBoxLayout(box);
    m_recommendation = new QLabel(box);
    m_recommendation->setObjectName(u"recommendation"_s);
    m_recommendation->setWordWrap(true);
    m_switchNow = new QPushButton(tr("&Switch now"), box);
    bl->addWidget(m_recommendation, 1);
    bl->addWidget(m_switchNow);
    fl->addWidget(box);
    auto *toggles = new QHBoxLayout;
    m_explain = new QCheckBox(tr("Show &all reasons"), forecast);
    m_live = new QCheckBox(tr("&Live check"), forecast);
    m_live->setToolTip(tr("Ask the usage endpoint for fresh readings (forecast --live)"));
    m_overlay = new QCheckBox(tr("Runtime &overlay"), forecast);
    m_overlay->setChecked(true);
    auto *modelLabel = new QLabel(tr("&Model:"), forecast);
    m_modelFamily = new QComboBox(forecast);
    m_modelFamily->setEditable(true);
    m_modelFamily->addItems({QString(), u"gpt-5-codex"_s, u"gpt-5"_s});
    m_modelFamily->setAccessibleName(tr("Model (advanced)"));
    modelLabel->setBuddy(m_modelFamily);
    auto *save = new QPushButton(tr("Save &report…"), forecast);
    auto *refresh = new QPushButton(tr("&Refresh"), forecast);
    for (QWidget *w : std::initializer_list<QWidget *>{m_explain, m_live, m_overlay, modelLabel, m_modelFamily})
        toggles->addWidget(w);
    toggles->addStretch();
    toggles->addWidget(save);
    toggles->addWidget(refresh);
    fl->addLayout(toggles);
    m_tabs->addTab(forecast, tr("&Forecast"));
    connect(m_explain, &QCheckBox::toggled, this, [this](bool on) {
        m_model->setExplain(on);
        m_table->resizeRowsToContents();
    });
    connect(m_switchNow, &QPushButton::clicked, this, [this] {
        m_session.switchToBest(this, answer<BestOutcome>([](const BestOutcome &o) { return OutcomeText::best(o); },
                                                         [this](const QString &text, bool ok, const QString &) {
                                                             Q_EMIT resultReported(text, ok);
                                                         }));
    });
    connect(refresh, &QPushButton::clicked, this, &ForecastWindow::refresh);
    connect(save, &QPushButton::clicked, this, &ForecastWindow::saveReport);

    // Quota tab: a card per account.
    auto *quota = new QWidget(m_tabs);
    auto *ql = new QVBoxLayout(quota);
    m_showUsed = new QCheckBox(tr("Show &used instead of left"), quota);
    ql->addWidget(m_showUsed);
    auto *scroll = new QScrollArea(quota);
    scroll->setWidgetResizable(true);
    m_cards = new QWidget(scroll);
    m_cardsLayout = new QVBoxLayout(m_cards);
    scroll->setWidget(m_cards);
    ql->addWidget(scroll, 1);
    m_tabs->addTab(quota, tr("&Quota"));
    connect(m_showUsed, &QCheckBox::toggled, this, &ForecastWindow::rebuildCards);

    // Runway tab.
    auto *runway = new QWidget(m_tabs);
    auto *rl = new QVBoxLayout(runway);
    auto *zoomRow = new QHBoxLayout;
    m_runwayText = new QLabel(runway);
    m_runwayText->setObjectName(u"runwayText"_s);
    m_runwayText->setWordWrap(true);
    auto *zoom = new QComboBox(runway);
    zoom->addItem(tr("Next 24 hours"), 24);
    zoom->addItem(tr("Next 7 days"), 168);
    zoom->setAccessibleName(tr("Timeline span"));
    zoomRow->addWidget(m_runwayText, 1);
    zoomRow->addWidget(zoom);
    rl->addLayout(zoomRow);
    m_runway = new RunwayWidget(runway);
    auto *runwayScroll = new QScrollArea(runway);
    runwayScroll->setWidgetResizable(true);
    runwayScroll->setWidget(m_runway);
    rl->addWidget(runwayScroll, 1);
    auto *legend = new QLabel(runway);
    legend->setObjectName(u"runwayLegend"_s);
    legend->setWordWrap(true);
    auto updateLegend = [legend] {
        const Theme &t = Theme::instance();
        auto swatch = [](const QColor &c, const QString &text) {
            return u"<span style='color:%1'>■</span>&nbsp;%2"_s.arg(c.name(), text.toHtmlEscaped());
        };
        const QColor usable = t.tone(Tone::Success);
        legend->setText(swatch(t.tone(Tone::InUse), tr("in use")) + u" &nbsp; "_s + swatch(usable, tr("usable")) +
                        u" &nbsp; "_s + swatch(t.tone(Tone::Warning), tr("waiting")) + u" &nbsp; "_s +
                        swatch(t.tone(Tone::Danger), tr("exhausted")) + u" &nbsp; "_s +
                        tr("The dashed line marks when the pool runs dry at the current pace.").toHtmlEscaped());
    };
    updateLegend();
    connect(&Theme::instance(), &Theme::changed, legend, updateLegend);
    rl->addWidget(legend);
    m_burnText = new QLabel(runway);
    m_burnText->setObjectName(u"burnText"_s);
    m_burnText->setWordWrap(true);
    rl->addWidget(m_burnText);
    m_tabs->addTab(runway, tr("R&unway"));
    connect(zoom, &QComboBox::currentIndexChanged, this,
            [this, zoom] { m_runway->setSpanHours(zoom->currentData().toInt()); });
    connect(&Theme::instance(), &Theme::changed, m_runway, qOverload<>(&QWidget::update));

    resize(820, 560);
}

void ForecastWindow::setView(const PoolView &view)
{
    m_view = view;
    m_model->setView(view);
    m_table->resizeColumnsToContents();
    if (m_explain->isChecked())
        m_table->resizeRowsToContents();
    const ForecastSummary &s = view.summary;
    m_summary->setText(tr("%1 ready now | %2 waiting | %3 unavailable | %4 high risk")
                           .arg(s.ready)
                           .arg(s.delayed)
                           .arg(s.unavailable)
                           .arg(s.highRisk));
    m_overlay->setVisible(view.runtimeOverlayAvailable);
    if (view.recommendation.recommendedIndex) {
        const int i = *view.recommendation.recommendedIndex;
        m_recommendation->setText(tr("Best next: %1 — %2").arg(view.label(i), view.recommendation.reason));
        m_switchNow->setEnabled(i != view.pool.currentIndex());
    } else {
        m_recommendation->setText(view.recommendation.reason.isEmpty() ? tr("No recommendation: no account is ready.")
                                                                       : view.recommendation.reason);
        m_switchNow->setEnabled(false);
    }
    rebuildCards();
    m_runway->setView(view);
    m_runwayText->setText(view.runway.text(view.pool, view.now) +
                          (view.runway.approximate ? tr(" (approximate)") : QString()));
    QStringList rates;
    for (auto it = view.runway.percentPerHourByWindowMinutes.begin();
         it != view.runway.percentPerHourByWindowMinutes.end(); ++it)
        rates.append(tr("%1: %2 %/h").arg(windowLabel(it.key())).arg(it.value(), 0, 'f', 1));
    const QString source = view.runway.burnSource == "trailing"_L1         ? tr("measured over the last hour")
                           : view.runway.burnSource == "window-average"_L1 ? tr("window average")
                                                                           : tr("no burn rate yet");
    m_burnText->setText(rates.isEmpty() ? tr("Burn rate: %1").arg(source)
                                        : tr("Burn rate: %1 (%2)").arg(rates.join(u", "_s), source));
}

QString ForecastWindow::recommendationText() const
{
    return m_recommendation->text();
}

QStringList ForecastWindow::quotaCardTexts() const
{
    QStringList out;
    for (QuotaBarWidget *bar : m_cards->findChildren<QuotaBarWidget *>())
        out.append(bar->accessibleDescription());
    return out;
}

void ForecastWindow::rebuildCards()
{
    // Cards are rebuilt whole: a handful of widgets per account, only when the data changed.
    while (QLayoutItem *item = m_cardsLayout->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    const PoolView &v = m_view;
    const bool used = m_showUsed->isChecked();
    if (v.pool.accounts.isEmpty()) {
        m_cardsLayout->addWidget(new QLabel(tr("No accounts yet."), m_cards));
    }
    for (int i = 0; i < v.pool.accounts.size(); ++i) {
        auto *card = new QGroupBox(u"%1. %2"_s.arg(i + 1).arg(v.label(i)), m_cards);
        auto *cl = new QVBoxLayout(card);
        const std::optional<QuotaEntry> &q = v.facts[i].quota;
        if (!q) {
            cl->addWidget(new QLabel(tr("No data yet."), card));
            m_cardsLayout->addWidget(card);
            continue;
        }
        const bool stale = isStaleReading(q->updatedAt, v.now);
        for (const QuotaWindow *w : {&q->primary, &q->secondary}) {
            if (w->isEmpty())
                continue;
            const std::optional<double> left = quotaLeft(*w, v.now);
            const QString name = windowLabel(w->windowMinutes.value_or(0));
            QString text;
            if (!left)
                text = tr("%1: no data").arg(name);
            else if (w->resetAtMs && *w->resetAtMs <= v.now)
                text = tr("%1: 100% left (refreshing…)").arg(name);
            else
                text =
                    used
                        ? tr("%1: %2% used, %3% left").arg(name).arg(std::llround(100 - *left)).arg(std::llround(*left))
                        : tr("%1: %2% left, %3% used")
                              .arg(name)
                              .arg(std::llround(*left))
                              .arg(std::llround(100 - *left));
            auto *bar = new QuotaBarWidget(card);
            bar->setValue(left, stale, used, text, v.accessibleWindowText(*w));
            cl->addWidget(bar);
            QStringList lines;
            if (w->resetAtMs && *w->resetAtMs > v.now)
                lines << tr("Resets %1 (in %2)")
                             .arg(formatClock(*w->resetAtMs, v.now), formatDuration(*w->resetAtMs - v.now));
            const Pace pace = computePace(*w, v.now);
            if (pace.visible)
                lines << pace.text(v.now);
            auto *detail = new QLabel(lines.join(u" · "_s), card);
            detail->setWordWrap(true);
            cl->addWidget(detail);
        }
        const QString source = q->extra.value(u"source"_s).toString();
        const QString sourceText = source == "usage"_L1 || source.isEmpty() ? tr("usage endpoint")
                                   : source == "headers"_L1                 ? tr("response headers")
                                                                            : source;
        QString meta = tr("Reading from %1, %2").arg(sourceText, formatAgo(q->updatedAt, v.now));
        if (stale)
            meta += u"  ·  "_s + tr("STALE");
        const QJsonValue credits = q->extra.value(u"credits"_s);
        if (credits.isObject() && credits.toObject().contains(u"balance"_s))
            meta += u"  ·  "_s + tr("Credits: %1").arg(credits.toObject().value(u"balance"_s).toVariant().toString());
        auto *metaLabel = new QLabel(meta, card);
        if (stale) {
            QPalette p = metaLabel->palette();
            p.setColor(QPalette::WindowText, Theme::instance().tone(Tone::Warning));
            metaLabel->setPalette(p);
        }
        cl->addWidget(metaLabel);
        m_cardsLayout->addWidget(card);
    }
    m_cardsLayout->addStretch();
}

void ForecastWindow::refresh()
{
    const QString model = m_modelFamily->currentText().trimmed();
    if (!m_live->isChecked() && model.isEmpty()) {
        m_session.refreshNow();
        return;
    }
    // Fresh readings and a recommendation for the model asked for (forecast --live --model).
    m_session.evaluate(
        EvaluateRequest{m_live->isChecked(), model}, this,
        answer<Evaluation>([](const Evaluation &e) { return OutcomeText::evaluated(e); },
                           [this](const QString &text, bool ok, const QString &) { Q_EMIT resultReported(text, ok); }));
}

void ForecastWindow::saveReport()
{
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Save report"), u"codex-multi-auth-report.json"_s, tr("JSON (*.json)"));
    if (path.isEmpty())
        return;
    ReportRequest request;
    request.outPath = path;
    m_session.saveReport(request, this,
                         answer<ReportOutcome>([path](const ReportOutcome &) { return OutcomeText::reportSaved(path); },
                                               [this](const QString &text, bool ok, const QString &) {
                                                   Q_EMIT resultReported(text, ok);
                                               }));
}

} // namespace cma::ui
