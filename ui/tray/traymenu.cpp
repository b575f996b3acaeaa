#include "traymenu.h"

#include "auth/jwt.h"
#include "theme/theme.h"
#include "windows/quotabar.h"

#include <QAction>
#include <QApplication>
#include <QKeyEvent>
#include <QMenu>
#include <QPainter>
#include <QTimer>
#include <QWidgetAction>

using namespace Qt::StringLiterals;

namespace cma::ui {

namespace {

constexpr int kPad = 10;     // left and right padding inside header and rows
constexpr int kLabelW = 56;  // the window name column of the header ("Weekly")
constexpr int kMarkW = 18;   // ✓ / ★ column of a row
constexpr int kNumberW = 22; // pool number column of a row

/// The colours of the menu's enabled items, whatever the state of the widget drawing them.
QColor menuText(const QWidget *w)
{
    return w->palette().color(QPalette::Active, QPalette::WindowText);
}

QColor mutedText(const QWidget *w)
{
    QColor c = menuText(w);
    c.setAlphaF(0.72);
    return c;
}

QColor toneColor(TrayTone tone)
{
    return Theme::instance().tone(tone == TrayTone::Exhausted ? Tone::Danger : Tone::Warning);
}

QFont smaller(QFont f)
{
    f.setPointSizeF(f.pointSizeF() * 0.92);
    return f;
}

} // namespace

// --- header ------------------------------------------------------------------------------------

TrayHeader::TrayHeader(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(u"trayHeader"_s);
    setAttribute(Qt::WA_TransparentForMouseEvents); // not clickable: the menu gets and ignores clicks
}

void TrayHeader::setSnapshot(const TraySnapshot &snapshot)
{
    const QSize before = sizeHint();
    m_snapshot = snapshot;
    setAccessibleName(lines().join(u'\n'));
    if (sizeHint() != before)
        updateGeometry();
    update();
}

QStringList TrayHeader::lines() const
{
    const TraySnapshot &s = m_snapshot;
    QStringList out{s.headerTitle.isEmpty() ? tr("Codex Multi-Auth") : s.headerTitle};
    for (const TrayWindow &w : s.headerWindows) {
        out.append(w.label + u"  "_s + w.leftText + (w.resetText.isEmpty() ? QString() : u" · "_s + w.resetText));
        if (!w.pace.isEmpty())
            out.append(w.pace);
    }
    if (!s.headerStatus.isEmpty())
        out.append(s.headerStatus);
    if (!s.runwayText.isEmpty())
        out.append(s.runwayText);
    return out;
}

QSize TrayHeader::sizeHint() const
{
    const QFontMetrics fm(font());
    const QFontMetrics small(smaller(font()));
    int h = 8 + QFontMetrics(QFont(font().family(), font().pointSize(), QFont::Bold)).height() + 4;
    for (const TrayWindow &w : m_snapshot.headerWindows)
        h += fm.height() + 4 + (w.pace.isEmpty() ? 0 : small.height() + 2);
    if (!m_snapshot.headerStatus.isEmpty())
        h += small.height() + 2;
    if (!m_snapshot.runwayText.isEmpty())
        h += small.height() + 2;
    return {TrayMenu::kMaxWidth, h + 6};
}

void TrayHeader::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    const TraySnapshot &s = m_snapshot;
    const int width = this->width() - 2 * kPad;
    int y = 8;
    QFont bold = font();
    bold.setBold(true);
    p.setFont(bold);
    p.setPen(menuText(this));
    const QFontMetrics bfm(bold);
    p.drawText(QRect(kPad, y, width, bfm.height()), Qt::AlignLeft | Qt::AlignVCenter,
               bfm.elidedText(lines().first(), Qt::ElideMiddle, width));
    y += bfm.height() + 4;

    const QFontMetrics fm(font());
    const QFont small = smaller(font());
    const QFontMetrics sfm(small);
    QPalette palette = this->palette();
    palette.setColor(QPalette::Text, menuText(this));
    palette.setColor(QPalette::Disabled, QPalette::Text, mutedText(this));
    for (const TrayWindow &w : s.headerWindows) {
        p.setFont(font());
        p.setPen(menuText(this));
        p.drawText(QRect(kPad, y, kLabelW, fm.height()), Qt::AlignLeft | Qt::AlignVCenter, w.label);
        const QString text = w.leftText + (w.resetText.isEmpty() ? QString() : u" · "_s + w.resetText);
        paintQuotaBar(&p, QRect(kPad + kLabelW, y, width - kLabelW, fm.height()), w.left, s.headerStale, false, text,
                      palette);
        y += fm.height() + 4;
        if (!w.pace.isEmpty()) {
            p.setFont(small);
            p.setPen(w.deficit ? Theme::instance().tone(Tone::Warning) : mutedText(this));
            p.drawText(QRect(kPad + kLabelW + 4, y, width - kLabelW - 4, sfm.height()),
                       Qt::AlignLeft | Qt::AlignVCenter, sfm.elidedText(w.pace, Qt::ElideRight, width - kLabelW - 4));
            y += sfm.height() + 2;
        }
    }
    p.setFont(small);
    if (!s.headerStatus.isEmpty()) {
        QFont f = small;
        f.setItalic(s.headerStale);
        p.setFont(f);
        p.setPen(s.headerStale && !s.headerWindows.isEmpty() ? Theme::instance().tone(Tone::Warning) : mutedText(this));
        p.drawText(QRect(kPad, y, width, sfm.height()), Qt::AlignLeft | Qt::AlignVCenter,
                   sfm.elidedText(s.headerStatus, Qt::ElideRight, width));
        y += sfm.height() + 2;
    }
    if (!s.runwayText.isEmpty()) {
        p.setFont(small);
        p.setPen(menuText(this));
        p.drawText(QRect(kPad, y, width, sfm.height()), Qt::AlignLeft | Qt::AlignVCenter,
                   sfm.elidedText(s.runwayText, Qt::ElideRight, width));
    }
}

// --- rows --------------------------------------------------------------------------------------

TrayRowItem::TrayRowItem(QMenu *menu, QAction *action)
    : m_menu(menu)
    , m_action(action)
{
    // The menu sees the mouse over this row as over its action: it highlights, triggers and
    // closes exactly as for a plain item.
    setAttribute(Qt::WA_TransparentForMouseEvents);
    setMouseTracking(false);
}

void TrayRowItem::setRow(const TrayRow &row, bool compact)
{
    const bool resize = compact != m_compact || row.windows.isEmpty() != m_row.windows.isEmpty();
    m_row = row;
    m_compact = compact;
    QString name = tr("Account %1: %2").arg(row.index + 1).arg(row.label);
    if (row.current)
        name += u", "_s + tr("current");
    if (!row.reason.isEmpty())
        name += u", "_s + row.reason;
    else if (!row.quotaText.isEmpty())
        name += u", "_s + row.quotaText;
    setAccessibleName(name);
    setToolTip(row.quotaText);
    if (resize)
        updateGeometry();
    update();
}

QSize TrayRowItem::sizeHint() const
{
    const QFontMetrics fm(font());
    const int lines = m_compact ? 1 : 2;
    return {TrayMenu::kMaxWidth, lines * fm.height() + (lines - 1) * 2 + 8};
}

void TrayRowItem::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    const TrayRow &r = m_row;
    const bool active = m_menu->activeAction() == m_action && m_action->isEnabled();
    QColor text = menuText(this);
    QColor muted = mutedText(this);
    if (r.tone != TrayTone::Normal) {
        QColor tint = toneColor(r.tone);
        tint.setAlphaF(Theme::instance().isDark() ? 0.22 : 0.14);
        p.fillRect(rect(), tint);
        p.fillRect(QRect(0, 0, 3, height()), toneColor(r.tone));
    }
    if (active) {
        p.fillRect(rect().adjusted(3, 0, 0, 0), palette().color(QPalette::Active, QPalette::Highlight));
        text = palette().color(QPalette::Active, QPalette::HighlightedText);
        muted = text;
    }
    const QFontMetrics fm(font());
    const int lineH = fm.height();
    const int top = 4;
    int x = kPad;
    p.setPen(r.current ? text : Theme::instance().tone(Tone::Accent));
    if (active)
        p.setPen(text);
    p.drawText(QRect(x, top, kMarkW, lineH), Qt::AlignCenter, r.current ? u"✓"_s : r.recommended ? u"★"_s : QString());
    x += kMarkW;
    p.setPen(muted);
    p.drawText(QRect(x, top, kNumberW, lineH), Qt::AlignRight | Qt::AlignVCenter, QString::number(r.index + 1));
    x += kNumberW + 8;

    // Right side of the first line: plan and pin (full rows), or the mini bars (compact rows).
    const QString plan = r.plan.isEmpty() ? QString() : planDisplayName(r.plan);
    const QString tail = plan + (r.pinned ? u"  ⚑"_s : QString());
    const int right = width() - kPad;
    const int barsW = m_compact ? std::min(190, (right - x) / 2) : 0;
    const int tailW = m_compact ? 0 : fm.horizontalAdvance(tail);
    QFont labelFont = font();
    labelFont.setBold(r.current);
    p.setFont(labelFont);
    const QFontMetrics lfm(labelFont);
    const int labelW = right - x - barsW - tailW - (tailW > 0 ? 8 : 0);
    QString label = r.label;
    if (m_compact && !plan.isEmpty())
        label += u" · "_s + plan;
    p.setPen(r.enabled ? text : muted);
    p.drawText(QRect(x, top, labelW, lineH), Qt::AlignLeft | Qt::AlignVCenter,
               lfm.elidedText(label, Qt::ElideMiddle, labelW));
    p.setFont(font());
    if (!m_compact && !tail.isEmpty()) {
        p.setPen(muted);
        p.drawText(QRect(right - tailW, top, tailW, lineH), Qt::AlignRight | Qt::AlignVCenter, tail);
    }

    // The windows, or the reason the account is not ready.
    QPalette palette = this->palette();
    palette.setColor(QPalette::Text, text);
    palette.setColor(QPalette::Disabled, QPalette::Text, muted);
    const QRect detail =
        m_compact ? QRect(right - barsW, top, barsW, lineH)
                  : QRect(kPad + kMarkW + kNumberW + 8, top + lineH + 2, right - (kPad + kMarkW + kNumberW + 8), lineH);
    if (!r.reason.isEmpty()) {
        p.setPen(active ? text : r.tone != TrayTone::Normal ? toneColor(r.tone) : muted);
        p.drawText(detail, Qt::AlignVCenter | (m_compact ? Qt::AlignRight : Qt::AlignLeft),
                   fm.elidedText(r.reason, Qt::ElideRight, detail.width()));
        return;
    }
    if (r.windows.isEmpty()) {
        p.setPen(muted);
        p.drawText(detail, Qt::AlignVCenter | (m_compact ? Qt::AlignRight : Qt::AlignLeft), tr("no data"));
        return;
    }
    const int each = detail.width() / int(r.windows.size());
    for (int i = 0; i < r.windows.size(); ++i) {
        const TrayWindow &w = r.windows[i];
        const QRect cell(detail.left() + i * each, detail.top(), each - 6, detail.height());
        const QString left = w.left ? QString::number(qRound(*w.left)) + u'%' : QString();
        const QString shown =
            m_compact ? left : w.shortLabel + u' ' + left + (w.resetIn.isEmpty() ? QString() : u" · "_s + w.resetIn);
        paintQuotaBar(&p, cell, w.left, r.stale, false, shown, palette);
    }
}

// --- menu --------------------------------------------------------------------------------------

TrayMenu::TrayMenu(QObject *parent)
    : QObject(parent)
    , m_menu(new QMenu)
{
    m_menu->setObjectName(u"trayMenu"_s);
    m_menu->setSeparatorsCollapsible(true);
    connect(m_menu, &QMenu::aboutToShow, this, &TrayMenu::menuOpened);
    connect(m_menu, &QMenu::aboutToHide, this, [this] {
        Q_EMIT menuClosed();
        // A layout that waited for the menu to close runs once it is gone.
        if (m_layoutPending)
            QTimer::singleShot(0, this, [this] {
                if (!isOpen())
                    layOutRows();
            });
    });
    connect(m_menu, &QMenu::hovered, this, &TrayMenu::repaintRows);
    m_menu->installEventFilter(this);
    buildHeader();
    buildAccounts();
    buildActions();
    buildTools();
    buildWindows();
    buildPause();
    buildConditional();
    buildQuit();
    updateEntries();
}

TrayMenu::~TrayMenu()
{
    delete m_menu;
}

void TrayMenu::buildHeader()
{
    m_header = new TrayHeader;
    m_headerAction = new QWidgetAction(m_menu);
    m_headerAction->setObjectName(u"header"_s);
    m_headerAction->setDefaultWidget(m_header);
    // Disabled, so keyboard navigation passes over it; the header paints in normal colours anyway.
    m_headerAction->setEnabled(false);
    m_menu->addAction(m_headerAction);
    m_menu->addSeparator();
}

void TrayMenu::buildAccounts()
{
    m_more = new QMenu(m_menu);
    m_more->setObjectName(u"moreAccounts"_s);
    connect(m_more, &QMenu::hovered, this, &TrayMenu::repaintRows);
    m_more->installEventFilter(this);
    m_moreAction = m_menu->addMenu(m_more);
    m_moreAction->setVisible(false);
    m_accountsEnd = m_menu->addSeparator();
}

void TrayMenu::buildActions()
{
    m_best = m_menu->addAction(QString(), this, &TrayMenu::switchToBestRequested);
    m_best->setObjectName(u"switchToBest"_s);
    m_unpin = m_menu->addAction(QString(), this, &TrayMenu::unpinRequested);
    m_unpin->setObjectName(u"unpin"_s);
    m_add = m_menu->addAction(QString(), this, &TrayMenu::addAccountRequested);
    m_add->setObjectName(u"addAccount"_s);
    m_refresh = m_menu->addAction(QString(), this, &TrayMenu::refreshNowRequested);
    m_refresh->setObjectName(u"refreshNow"_s);
}

void TrayMenu::buildTools()
{
    m_tools = m_menu->addMenu(QString());
    m_tools->setObjectName(u"tools"_s);
    for (const QString &key : {u"check"_s, u"fix"_s, u"refresh"_s, u"verify-flagged"_s, u"diagnostics"_s}) {
        QAction *a = m_tools->addAction(QString(), this, [this, key] { Q_EMIT toolRequested(key); });
        a->setObjectName(u"tool-"_s + key);
        if (key == "verify-flagged"_L1)
            m_verifyFlagged = a;
    }
}

void TrayMenu::buildWindows()
{
    m_menu->addAction(QString(), this, &TrayMenu::openWindowRequested)->setObjectName(u"openAccounts"_s);
    m_menu->addAction(QString(), this, &TrayMenu::openForecastRequested)->setObjectName(u"openForecast"_s);
    m_menu->addAction(QString(), this, &TrayMenu::openSettingsRequested)->setObjectName(u"openSettings"_s);
    m_startAtLogin = m_menu->addAction(QString());
    m_startAtLogin->setObjectName(u"startAtLogin"_s);
    m_startAtLogin->setCheckable(true);
    connect(m_startAtLogin, &QAction::triggered, this, &TrayMenu::startAtLoginToggled);
}

void TrayMenu::buildPause()
{
    m_pause = m_menu->addMenu(QString());
    m_pause->setObjectName(u"pauseNotifications"_s);
    m_pause->addAction(QString(), this, [this] { Q_EMIT pauseNotificationsRequested(60); })
        ->setObjectName(u"pauseHour"_s);
    m_pause->addAction(QString(), this, [this] { Q_EMIT pauseNotificationsRequested(24 * 60); })
        ->setObjectName(u"pauseDay"_s);
    m_resume = m_pause->addAction(QString(), this, [this] { Q_EMIT pauseNotificationsRequested(0); });
}

void TrayMenu::buildConditional()
{
    m_conditionalSeparator = m_menu->addSeparator();
    m_foreign = m_menu->addAction(QString(), this, &TrayMenu::importForeignRequested);
    m_foreign->setObjectName(u"importForeign"_s);
    m_signedOut = m_menu->addAction(QString(), this, [this] {
        for (const TrayRow &r : std::as_const(m_snapshot.rows))
            if (r.current)
                Q_EMIT switchRequested(r.index);
    });
    m_signedOut->setObjectName(u"signCodexIn"_s);
    m_storage = m_menu->addAction(QString());
    m_storage->setObjectName(u"storageProblem"_s);
    m_storage->setEnabled(false);
}

void TrayMenu::buildQuit()
{
    m_menu->addSeparator();
    m_menu->addAction(QString(), this, &TrayMenu::quitRequested)->setObjectName(u"quit"_s);
}

QWidgetAction *TrayMenu::newRow(QMenu *menu)
{
    auto *action = new QWidgetAction(menu);
    auto *item = new TrayRowItem(menu, action);
    action->setDefaultWidget(item);
    connect(action, &QAction::triggered, this, [this, item] { Q_EMIT switchRequested(item->row().index); });
    return action;
}

bool TrayMenu::isOpen() const
{
    return m_menu->isVisible() || m_more->isVisible();
}

void TrayMenu::setSnapshot(const TraySnapshot &snapshot)
{
    const bool sameLayout = layoutOf(snapshot) == m_shownLayout;
    m_snapshot = snapshot;
    m_header->setSnapshot(snapshot);
    if (sameLayout || !isOpen())
        layOutRows();
    else
        updateRowsInPlace(); // the rows keep their places until the menu closes
    updateEntries();
}

QList<int> TrayMenu::layoutOf(const TraySnapshot &s)
{
    // The rows in their places, then the overflow, and how tall each row is.
    QList<int> out;
    for (const TrayRow &r : s.rows)
        out.append(r.index);
    out.append(s.compact ? -2 : -1);
    for (const TrayRow &r : s.overflow)
        out.append(r.index);
    return out;
}

void TrayMenu::layOutRows()
{
    m_layoutPending = false;
    m_shownLayout = layoutOf(m_snapshot);
    auto fit = [this](QList<QWidgetAction *> &actions, QMenu *menu, const QList<TrayRow> &rows, QAction *before) {
        while (actions.size() > rows.size())
            delete actions.takeLast();
        while (actions.size() < rows.size()) {
            QWidgetAction *a = newRow(menu);
            menu->insertAction(before, a);
            actions.append(a);
        }
        for (int i = 0; i < rows.size(); ++i) {
            const TrayRow &row = rows[i];
            auto *item = static_cast<TrayRowItem *>(actions[i]->defaultWidget());
            item->setRow(row, m_snapshot.compact);
            actions[i]->setObjectName(u"account-%1"_s.arg(row.index));
            actions[i]->setText(item->accessibleName());
            actions[i]->setCheckable(true);
            actions[i]->setChecked(row.current);
        }
    };
    fit(m_rows, m_menu, m_snapshot.rows, m_moreAction);
    fit(m_overflowRows, m_more, m_snapshot.overflow, nullptr);
    m_moreAction->setVisible(!m_snapshot.overflow.isEmpty());
    m_moreAction->setText(tr("More accounts (%1)").arg(m_snapshot.overflow.size()));
}

void TrayMenu::updateRowsInPlace()
{
    m_layoutPending = true;
    QHash<int, TrayRow> byIndex;
    for (const QList<TrayRow> *rows : {&m_snapshot.rows, &m_snapshot.overflow})
        for (const TrayRow &r : *rows)
            byIndex.insert(r.index, r);
    for (const QList<QWidgetAction *> *actions : {&m_rows, &m_overflowRows})
        for (QWidgetAction *a : *actions) {
            auto *item = static_cast<TrayRowItem *>(a->defaultWidget());
            const auto it = byIndex.constFind(item->row().index);
            if (it == byIndex.constEnd()) {
                a->setEnabled(false); // gone from the pool; it disappears when the menu closes
                continue;
            }
            item->setRow(*it, item->compact());
            a->setText(item->accessibleName());
            a->setChecked(it->current);
        }
}

QString TrayMenu::elided(const QString &text) const
{
    return m_menu->fontMetrics().elidedText(text, Qt::ElideMiddle, kMaxWidth - 80);
}

void TrayMenu::updateEntries()
{
    // Every text is set here, not when the entry is built, so a change of language shows with the
    // next snapshot.
    const QHash<QString, QString> texts{
        {u"addAccount"_s, tr("Add account…")},           {u"tool-check"_s, tr("Health check")},
        {u"tool-fix"_s, tr("Auto-repair issues")},       {u"tool-refresh"_s, tr("Refresh all tokens")},
        {u"tool-diagnostics"_s, tr("Copy diagnostics")}, {u"openAccounts"_s, tr("Accounts…")},
        {u"openForecast"_s, tr("Forecast and quota…")},  {u"openSettings"_s, tr("Settings…")},
        {u"startAtLogin"_s, tr("Start at login")},       {u"pauseHour"_s, tr("For 1 hour")},
        {u"pauseDay"_s, tr("Until tomorrow")},           {u"quit"_s, tr("Quit")},
    };
    for (QMenu *menu : {m_menu, m_tools, m_pause})
        for (QAction *a : menu->actions())
            if (const auto it = texts.constFind(a->objectName()); it != texts.constEnd())
                a->setText(*it);
    m_tools->setTitle(tr("Tools"));
    m_resume->setText(tr("Resume"));
    const TraySnapshot &s = m_snapshot;
    const bool hasRows = !s.rows.isEmpty();
    const bool bestIsCurrent = std::any_of(s.rows.begin(), s.rows.end(), [&](const TrayRow &r) {
        return r.current && s.recommendedIndex && r.index == *s.recommendedIndex;
    });
    m_best->setVisible(s.recommendedIndex.has_value() && hasRows);
    m_best->setEnabled(!bestIsCurrent);
    m_best->setText(elided(tr("Switch to best: %1").arg(s.bestLabel)));
    m_unpin->setVisible(s.pinnedIndex.has_value());
    if (s.pinnedIndex)
        m_unpin->setText(tr("Unpin account %1").arg(*s.pinnedIndex + 1));
    m_refresh->setText(m_busy.isEmpty() ? tr("Refresh now") : m_busy);
    m_refresh->setEnabled(m_busy.isEmpty() && hasRows);
    m_verifyFlagged->setText(s.problemAccounts > 0 ? tr("Check problem accounts (%1)").arg(s.problemAccounts)
                                                   : tr("Check problem accounts"));
    m_pause->setTitle(m_paused ? tr("Notifications paused") : tr("Pause notifications"));
    m_resume->setEnabled(m_paused);
    m_foreign->setVisible(!s.foreignEmail.isEmpty());
    m_foreign->setText(elided(tr("Codex is signed in as %1 (not in pool) — Add…").arg(s.foreignEmail)));
    m_signedOut->setVisible(s.codexSignedOut && hasRows);
    m_signedOut->setText(elided(tr("Codex is signed out — Sign Codex in as the current account")));
    m_storage->setVisible(!s.storageProblem.isEmpty());
    m_storage->setText(elided(s.storageProblem));
    m_conditionalSeparator->setVisible(m_foreign->isVisible() || m_signedOut->isVisible() || m_storage->isVisible());
}

void TrayMenu::setBusyText(const QString &text)
{
    m_busy = text;
    updateEntries();
}

void TrayMenu::setNotificationsPaused(bool paused)
{
    m_paused = paused;
    updateEntries();
}

void TrayMenu::setStartAtLogin(bool on)
{
    m_startAtLogin->setChecked(on);
}

QAction *TrayMenu::actionForAccount(int index) const
{
    for (const QList<QWidgetAction *> *actions : {&m_rows, &m_overflowRows})
        for (QWidgetAction *a : *actions)
            if (static_cast<TrayRowItem *>(a->defaultWidget())->row().index == index)
                return a;
    return nullptr;
}

void TrayMenu::repaintRows()
{
    for (const QList<QWidgetAction *> *actions : {&m_rows, &m_overflowRows})
        for (QWidgetAction *a : *actions)
            a->defaultWidget()->update();
}

bool TrayMenu::eventFilter(QObject *watched, QEvent *event)
{
    switch (event->type()) {
    case QEvent::KeyPress: {
        // Keys 1–9 switch to the account with that pool number, as shown on its row.
        const QString key = static_cast<QKeyEvent *>(event)->text();
        if (watched == m_menu && key.size() == 1 && key.front() >= u'1' && key.front() <= u'9') {
            if (QAction *a = actionForAccount(key.front().digitValue() - 1); a && a->isEnabled()) {
                m_menu->hide();
                a->trigger();
            }
            return true;
        }
        repaintRows();
        break;
    }
    case QEvent::Leave:
    case QEvent::MouseMove:
        repaintRows(); // the highlight follows the menu's active item
        break;
    default:
        break;
    }
    return QObject::eventFilter(watched, event);
}

} // namespace cma::ui
