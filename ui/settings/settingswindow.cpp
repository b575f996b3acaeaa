#include "settingswindow.h"

#include "appcontext.h"
#include "codex/codexconfig.h"
#include "codex/codexshim.h"
#include "tray/traycontroller.h"
#include "tray/trayapplication.h"
#include "windows/transferprompts.h"

#include <QCheckBox>
#include <QCloseEvent>
#include <QComboBox>
#include <QDesktopServices>
#include <QDialogButtonBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QDate>
#include <QDir>
#include <QInputDialog>
#include <QListWidget>
#include <QRegularExpression>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QStackedWidget>
#include <QUrl>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace cma::ui {

QList<SettingsWindow::Row> SettingsWindow::rows()
{
    // Page, key, label: every key of docs/ui.md §8 that the desktop offers.
    const QString general = tr("General"), codex = tr("Codex"), list = tr("Account list"),
                  quota = tr("Quota and refresh"), token = tr("Token refresh"), notes = tr("Notifications"),
                  theme = tr("Color theme"), security = tr("Security and storage"), advanced = tr("Advanced");
    return {
        {general, u"desktop.language"_s, tr("&Language")},
        {general, u"desktop.hidePersonalInfo"_s, tr("&Hide personal information (emails, account ids)")},
        {codex, u"desktop.syncCodexCli"_s, tr("&Write the current account into the Codex CLI")},
        {codex, u"desktop.autoSwitch.enabled"_s, tr("&Auto-switch when the current account runs out")},
        {codex, u"desktop.autoSwitch.beforeExhaustion"_s, tr("Switch &before it runs out")},
        {codex, u"pluginConfig.minRotationIntervalMs"_s, tr("Minimum time between &switches")},
        {list, u"dashboardDisplaySettings.menuSortEnabled"_s, tr("&Sort the account list")},
        {list, u"dashboardDisplaySettings.menuSortMode"_s, tr("Sort &mode")},
        {list, u"dashboardDisplaySettings.menuSortPinCurrent"_s, tr("Keep the current account on &top")},
        {list, u"dashboardDisplaySettings.menuSortQuickSwitchVisibleRow"_s,
         tr("Quick switch follows the &visible order")},
        {list, u"dashboardDisplaySettings.menuShowStatusBadge"_s, tr("Show the status &badge")},
        {list, u"dashboardDisplaySettings.menuShowCurrentBadge"_s, tr("Show the &current marker")},
        {list, u"dashboardDisplaySettings.menuShowLastUsed"_s, tr("Show &last used")},
        {list, u"dashboardDisplaySettings.menuShowQuotaSummary"_s, tr("Show the &quota summary")},
        {list, u"dashboardDisplaySettings.menuShowQuotaCooldown"_s, tr("Show quota &cooldowns")},
        {list, u"dashboardDisplaySettings.menuShowFetchStatus"_s, tr("Show the &fetch status")},
        {list, u"dashboardDisplaySettings.menuHighlightCurrentRow"_s, tr("&Highlight the current row")},
        {list, u"dashboardDisplaySettings.menuShowDetailsForUnselectedRows"_s, tr("&Detail line on every row")},
        {list, u"dashboardDisplaySettings.menuLayoutMode"_s, tr("Tray row &layout")},
        {list, u"dashboardDisplaySettings.menuStatuslineFields"_s, tr("Detail line &fields (drag to reorder)")},
        {list, u"dashboardDisplaySettings.showPerAccountRows"_s, tr("Forecast: per-account &rows")},
        {list, u"dashboardDisplaySettings.showQuotaDetails"_s, tr("Forecast: quota &details")},
        {list, u"dashboardDisplaySettings.showForecastReasons"_s, tr("Forecast: &reasons")},
        {list, u"dashboardDisplaySettings.showRecommendations"_s, tr("Forecast: recomme&ndations")},
        {list, u"dashboardDisplaySettings.showLiveProbeNotes"_s, tr("Forecast: live probe &notes")},
        {quota, u"dashboardDisplaySettings.menuAutoFetchLimits"_s, tr("&Poll quota automatically")},
        {quota, u"desktop.quotaRefresh"_s, tr("Polling &mode")},
        {quota, u"dashboardDisplaySettings.menuQuotaTtlMs"_s, tr("Fixed &interval")},
        {quota, u"desktop.resetTimeStyle"_s, tr("&Reset times")},
        {token, u"pluginConfig.proactiveRefreshGuardian"_s, tr("Refresh tokens &before they expire")},
        {token, u"pluginConfig.proactiveRefreshIntervalMs"_s, tr("Check &every")},
        {token, u"pluginConfig.proactiveRefreshBufferMs"_s, tr("&Lead time")},
        {token, u"desktop.refreshDisabledAccounts"_s, tr("Keep &disabled accounts signed in")},
        {notes, u"desktop.notifications.enabled"_s, tr("&Show notifications")},
        {notes, u"desktop.notifications.thresholds"_s, tr("&Threshold levels (% left)")},
        {notes, u"desktop.notifications.scope"_s, tr("&For")},
        {notes, u"desktop.notifications.exhausted"_s, tr("When an account is &exhausted")},
        {notes, u"desktop.notifications.restored"_s, tr("When an account comes &back")},
        {notes, u"desktop.notifications.predictive"_s, tr("When an account will run out before its &reset")},
        {notes, u"desktop.notifications.poolDry"_s, tr("When the &pool runs dry")},
        {notes, u"desktop.notifications.poolRunway"_s, tr("When the pool runway gets s&hort")},
        {notes, u"desktop.notifications.runwayMinutes"_s, tr("Runway &warning")},
        {notes, u"desktop.notifications.tokenTrouble"_s, tr("On sign-in &trouble")},
        {notes, u"desktop.notifications.autoSwitch"_s, tr("On &auto-switch")},
        {notes, u"desktop.notifications.sound"_s, tr("Play a s&ound")},
        {notes, u"pluginConfig.rateLimitToastDebounceMs"_s, tr("&Quiet time between rate-limit alerts")},
        {notes, u"pluginConfig.toastDurationMs"_s, tr("Show each alert &for")},
        {theme, u"desktop.palette"_s, tr("&Palette")},
        {theme, u"dashboardDisplaySettings.uiThemePreset"_s, tr("&Base colour")},
        {theme, u"dashboardDisplaySettings.uiAccentColor"_s, tr("&Accent")},
        {theme, u"desktop.trayIcon.style"_s, tr("Tray &icon")},
        {theme, u"desktop.trayIcon.showUsed"_s, tr("Tray icon shows &used instead of left")},
        {theme, u"desktop.trayIcon.colored"_s, tr("&Coloured tray icon")},
        {security, u"desktop.secretStorage"_s, tr("&Secret storage")},
        {security, u"pluginConfig.storageBackupEnabled"_s, tr("Keep &backups of the account file")},
        {advanced, u"pluginConfig.liveAccountSync"_s, tr("&Live account sync")},
        {advanced, u"pluginConfig.liveAccountSyncDebounceMs"_s, tr("Sync &debounce")},
        {advanced, u"pluginConfig.liveAccountSyncPollMs"_s, tr("Sync &poll interval")},
        {advanced, u"pluginConfig.preemptiveQuotaEnabled"_s, tr("&Near-exhaustion state")},
        {advanced, u"pluginConfig.preemptiveQuotaRemainingPercent5h"_s, tr("Near exhaustion below (&5h)")},
        {advanced, u"pluginConfig.preemptiveQuotaRemainingPercent7d"_s, tr("Near exhaustion below (&7d)")},
        {advanced, u"desktop.logLevel"_s, tr("Log &level")},
    };
}

QString SettingsWindow::choiceLabel(const QString &fullName, const QString &c) const
{
    static const QHash<QString, const char *> names{
        {u"system"_s, QT_TR_NOOP("System")},
        {u"en"_s, QT_TR_NOOP("English")},
        {u"de"_s, QT_TR_NOOP("Deutsch")},
        {u"ready-first"_s, QT_TR_NOOP("Ready first")},
        {u"manual"_s, QT_TR_NOOP("Manual")},
        {u"compact-details"_s, QT_TR_NOOP("Compact with details")},
        {u"expanded-rows"_s, QT_TR_NOOP("Expanded rows")},
        {u"adaptive"_s, QT_TR_NOOP("Adaptive")},
        {u"fixed"_s, QT_TR_NOOP("Fixed")},
        {u"both"_s, QT_TR_NOOP("Time and countdown")},
        {u"absolute"_s, QT_TR_NOOP("Time")},
        {u"relative"_s, QT_TR_NOOP("Countdown")},
        {u"current"_s, QT_TR_NOOP("The current account")},
        {u"all"_s, QT_TR_NOOP("Every account")},
        {u"light"_s, QT_TR_NOOP("Light")},
        {u"dark"_s, QT_TR_NOOP("Dark")},
        {u"cyan"_s, QT_TR_NOOP("Cyan")},
        {u"yellow"_s, QT_TR_NOOP("Yellow")},
        {u"meter"_s, QT_TR_NOOP("Two-bar meter")},
        {u"percent"_s, QT_TR_NOOP("Percent left")},
        {u"keychain"_s, QT_TR_NOOP("Keychain")},
        {u"file"_s, QT_TR_NOOP("File (plaintext, 0600)")},
        {u"info"_s, QT_TR_NOOP("Info")},
        {u"debug"_s, QT_TR_NOOP("Debug")},
        {u"warning"_s, QT_TR_NOOP("Warning")},
        {u"error"_s, QT_TR_NOOP("Error")},
        {u"last-used"_s, QT_TR_NOOP("Last used")},
        {u"limits"_s, QT_TR_NOOP("Limits")},
        {u"status"_s, QT_TR_NOOP("Status")},
    };
    if (fullName.endsWith(u"uiThemePreset"_s))
        return c == "green"_L1 ? tr("High-contrast default (green)") : tr("Codex-style blue look");
    if (c == "green"_L1)
        return tr("Green");
    if (c == "blue"_L1)
        return tr("Blue");
    const char *n = names.value(c);
    return n ? tr(n) : c;
}

SettingsWindow::SettingsWindow(AppContext &app, QWidget *parent)
    : QDialog(parent)
    , m_app(app)
    , m_draft(std::make_unique<SettingsDraft>(app.settings(), app.env()))
{
    setObjectName(u"settingsWindow"_s);
    setWindowTitle(tr("Settings — Codex Multi-Auth"));
    auto *layout = new QVBoxLayout(this);
    auto *body = new QHBoxLayout;
    m_pagesList = new QListWidget(this);
    m_pagesList->setObjectName(u"pages"_s);
    m_pagesList->setAccessibleName(tr("Settings pages"));
    m_pagesList->setMaximumWidth(220);
    m_stack = new QStackedWidget(this);
    body->addWidget(m_pagesList);
    body->addWidget(m_stack, 1);
    layout->addLayout(body, 1);

    QHash<QString, QFormLayout *> forms;
    QStringList order;
    for (const Row &row : rows()) {
        if (!forms.contains(row.page)) {
            auto *scroll = new QScrollArea(m_stack);
            scroll->setWidgetResizable(true);
            scroll->setFrameShape(QFrame::NoFrame);
            auto *page = new QWidget(scroll);
            auto *pageLayout = new QVBoxLayout(page);
            auto *title = new QLabel(u"<h3>%1</h3>"_s.arg(row.page.toHtmlEscaped()), page);
            pageLayout->addWidget(title);
            auto *form = new QFormLayout;
            form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
            form->setRowWrapPolicy(QFormLayout::WrapLongRows);
            pageLayout->addLayout(form);
            addSpecial(row.page, form, page);
            pageLayout->addStretch();
            auto *restore = new QPushButton(tr("&Restore defaults"), page);
            restore->setObjectName(u"restoreDefaults"_s);
            connect(restore, &QPushButton::clicked, this, &SettingsWindow::restorePageDefaults);
            pageLayout->addWidget(restore, 0, Qt::AlignRight);
            scroll->setWidget(page);
            m_stack->addWidget(scroll);
            m_pagesList->addItem(row.page);
            forms.insert(row.page, form);
            order.append(row.page);
        }
        const SettingKey *key = findSettingKey(row.key);
        if (!key)
            continue;
        QFormLayout *form = forms.value(row.page);
        QWidget *editor = makeEditor(*key, form->parentWidget());
        editor->setObjectName(row.key);
        m_editors.insert(row.key, editor);
        m_pageKeys[row.page].append(row.key);
        QString label = row.label;
        if (key->type == SettingKey::Type::Bool) {
            static_cast<QCheckBox *>(editor)->setText(label);
            form->addRow(editor);
        } else {
            auto *l = new QLabel(label, form->parentWidget());
            l->setBuddy(editor);
            form->addRow(l, editor);
        }
        const QString note = m_draft->envNote(row.key);
        if (!note.isEmpty()) {
            editor->setEnabled(false);
            editor->setToolTip(note);
            auto *n = new QLabel(u"<i>%1</i>"_s.arg(note.toHtmlEscaped()), form->parentWidget());
            form->addRow(QString(), n);
        }
        loadEditor(row.key);
    }
    updateListPreview();
    connect(m_pagesList, &QListWidget::currentRowChanged, m_stack, &QStackedWidget::setCurrentIndex);
    m_pagesList->setCurrentRow(0);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &SettingsWindow::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &SettingsWindow::reject);
    resize(860, 600);
}

SettingsWindow::~SettingsWindow() = default;

QWidget *SettingsWindow::makeEditor(const SettingKey &key, QWidget *parent)
{
    const QString name = key.fullName();
    QWidget *editor = nullptr;
    switch (key.type) {
    case SettingKey::Type::Bool: {
        auto *box = new QCheckBox(parent);
        connect(box, &QCheckBox::toggled, this, [this, name] { editorChanged(name); });
        editor = box;
        break;
    }
    case SettingKey::Type::Int: {
        if (name == "dashboardDisplaySettings.menuQuotaTtlMs"_L1) {
            auto *combo = new QComboBox(parent);
            for (int minutes : {1, 5, 10})
                combo->addItem(tr("%n minute(s)", nullptr, minutes), minutes * 60000);
            connect(combo, &QComboBox::currentIndexChanged, this, [this, name] { editorChanged(name); });
            editor = combo;
            break;
        }
        auto *spin = new QSpinBox(parent);
        // Milliseconds are shown in seconds when the range is whole seconds.
        const bool ms = key.key.endsWith(u"Ms"_s);
        const bool seconds = ms && key.minimum % 1000 == 0 && key.maximum % 1000 == 0;
        const qint64 scale = seconds ? 1000 : 1;
        spin->setProperty("scale", double(scale));
        spin->setRange(int(key.minimum / scale), int(key.maximum / scale));
        spin->setSuffix(seconds                          ? tr(" s")
                        : ms                             ? tr(" ms")
                        : key.key.contains(u"Percent"_s) ? tr(" %")
                        : name.endsWith(u"Minutes"_s)    ? tr(" min")
                                                         : QString());
        // docs/ui.md §8's steps equal each range's lower end (5 s, 30 s, 50 ms, 500 ms).
        spin->setSingleStep(int(std::max<qint64>(1, key.minimum / scale)));
        connect(spin, &QSpinBox::valueChanged, this, [this, name] { editorChanged(name); });
        editor = spin;
        break;
    }
    case SettingKey::Type::Choice: {
        auto *combo = new QComboBox(parent);
        for (const QString &c : key.choices)
            combo->addItem(choiceLabel(name, c), c);
        connect(combo, &QComboBox::currentIndexChanged, this, [this, name] { editorChanged(name); });
        editor = combo;
        break;
    }
    case SettingKey::Type::IntList: {
        auto *line = new QLineEdit(parent);
        line->setPlaceholderText(tr("for example 50, 20 (empty turns them off)"));
        connect(line, &QLineEdit::textEdited, this, [this, name] { editorChanged(name); });
        editor = line;
        break;
    }
    case SettingKey::Type::StringList: {
        auto *list = new QListWidget(parent);
        list->setDragDropMode(QAbstractItemView::InternalMove);
        list->setMaximumHeight(90);
        connect(list, &QListWidget::itemChanged, this, [this, name] { editorChanged(name); });
        connect(list->model(), &QAbstractItemModel::rowsMoved, this, [this, name] { editorChanged(name); });
        editor = list;
        break;
    }
    }
    editor->setAccessibleDescription(name);
    return editor;
}

void SettingsWindow::loadEditor(const QString &name)
{
    QWidget *editor = m_editors.value(name);
    const SettingKey *key = findSettingKey(name);
    if (!editor || !key)
        return;
    m_loading = true;
    const QJsonValue v = m_draft->value(name);
    if (auto *box = qobject_cast<QCheckBox *>(editor)) {
        box->setChecked(v.toBool());
    } else if (auto *spin = qobject_cast<QSpinBox *>(editor)) {
        spin->setValue(int(v.toDouble() / spin->property("scale").toDouble()));
    } else if (auto *combo = qobject_cast<QComboBox *>(editor)) {
        const int i = combo->findData(v.isDouble() ? QVariant(int(v.toDouble())) : QVariant(v.toString()));
        combo->setCurrentIndex(std::max(0, i));
    } else if (auto *line = qobject_cast<QLineEdit *>(editor)) {
        QStringList parts;
        for (const QJsonValue &x : v.toArray())
            parts.append(QString::number(x.toInt()));
        line->setText(parts.join(u", "_s));
    } else if (auto *list = qobject_cast<QListWidget *>(editor)) {
        list->clear();
        QStringList selected;
        for (const QJsonValue &x : v.toArray())
            selected.append(x.toString());
        QStringList all = selected;
        for (const QString &c : key->choices)
            if (!all.contains(c))
                all.append(c);
        for (const QString &c : all) {
            auto *item = new QListWidgetItem(choiceLabel(name, c), list);
            item->setData(Qt::UserRole, c);
            item->setFlags(item->flags() | Qt::ItemIsUserCheckable | Qt::ItemIsDragEnabled);
            item->setCheckState(selected.contains(c) ? Qt::Checked : Qt::Unchecked);
        }
    }
    m_loading = false;
}

void SettingsWindow::editorChanged(const QString &name)
{
    if (m_loading)
        return;
    QWidget *editor = m_editors.value(name);
    QJsonValue v;
    if (auto *box = qobject_cast<QCheckBox *>(editor)) {
        v = box->isChecked();
    } else if (auto *spin = qobject_cast<QSpinBox *>(editor)) {
        v = double(qint64(spin->value()) * qint64(spin->property("scale").toDouble()));
    } else if (auto *combo = qobject_cast<QComboBox *>(editor)) {
        const QVariant d = combo->currentData();
        v = d.typeId() == QMetaType::Int ? QJsonValue(double(d.toInt())) : QJsonValue(d.toString());
    } else if (auto *line = qobject_cast<QLineEdit *>(editor)) {
        QJsonArray levels;
        for (const QString &part : line->text().split(u',', Qt::SkipEmptyParts)) {
            bool ok = false;
            const int n = part.trimmed().toInt(&ok);
            if (ok && levels.size() < 2)
                levels.append(std::clamp(n, 1, 99));
        }
        v = levels;
    } else if (auto *list = qobject_cast<QListWidget *>(editor)) {
        QJsonArray fields;
        for (int i = 0; i < list->count(); ++i)
            if (list->item(i)->checkState() == Qt::Checked)
                fields.append(list->item(i)->data(Qt::UserRole).toString());
        v = fields;
    }
    m_draft->set(name, v);
    if (name.startsWith(u"dashboardDisplaySettings.menu"_s))
        updateListPreview();
    // Live preview: the theme keys apply at once to every window and the tray icon.
    if (ThemeSettings::keys().contains(name))
        Theme::instance().apply(m_draft->theme());
}

void SettingsWindow::addSpecial(const QString &page, QFormLayout *form, QWidget *parent)
{
    if (page == tr("General")) {
        m_startAtLogin = new QCheckBox(tr("Start at &login"), parent);
        m_startAtLogin->setObjectName(u"startAtLogin"_s);
        m_startAtLoginBaseline = TrayApplication::startAtLogin(); // the OS entry is the only truth
        m_startAtLogin->setChecked(m_startAtLoginBaseline);
        form->addRow(m_startAtLogin);
        if (!TrayController::trayAvailable()) {
            const QString desktop = qEnvironmentVariable("XDG_CURRENT_DESKTOP");
            QString hint = tr("No system tray found.");
            if (desktop.contains(u"GNOME"_s, Qt::CaseInsensitive))
                hint += u' ' + tr("GNOME shows tray icons with an AppIndicator extension (for example "
                                  "\"AppIndicator and KStatusNotifierItem Support\").");
            else
                hint += u' ' + tr("Add a system tray (notification area) to your panel to get the tray icon.");
            auto *l = new QLabel(hint, parent);
            l->setObjectName(u"noTrayHint"_s);
            l->setWordWrap(true);
            form->addRow(l);
        }
    } else if (page == tr("Codex")) {
        auto ro = [&](const QString &label, const QString &value) {
            auto *l = new QLabel(value, parent);
            l->setTextInteractionFlags(Qt::TextSelectableByMouse);
            l->setWordWrap(true);
            form->addRow(label, l);
        };
        ro(tr("Codex home:"), m_app.paths().codexHome);
        const Result<QString> real = CodexShim::findRealCodex(m_app.env(), QString());
        ro(tr("Official Codex CLI:"), real ? real.value() : tr("not found"));
        const Result<CodexConfig> config = CodexConfig::read(m_app.paths().codexHome + u"/config.toml"_s);
        const QString store = config ? config->store : tr("unreadable");
        QString meaning =
            store == "file"_L1      ? tr("Codex keeps its sign-in in auth.json; switching writes it there.")
            : store == "keyring"_L1 ? tr("Codex keeps its sign-in in the keyring; switching writes it there.")
            : store == "auto"_L1    ? tr("Codex uses the keyring when it can, else auth.json; switching writes both.")
                                    : tr("Codex keeps its sign-in only in memory; switching cannot reach it.");
        ro(tr("Codex credential store:"), store + u" — "_s + meaning);
        auto *buttons = new QHBoxLayout;
        auto *pin = new QPushButton(tr("&Pin Codex to file storage"), parent);
        pin->setEnabled(store != "file"_L1);
        auto *shimInstall = new QPushButton(tr("Install the `codex` s&him"), parent);
        auto *shimRemove = new QPushButton(tr("Remove the shim"), parent);
        buttons->addWidget(pin);
        buttons->addWidget(shimInstall);
        buttons->addWidget(shimRemove);
        buttons->addStretch();
        form->addRow(buttons);
        connect(pin, &QPushButton::clicked, this, [this] {
            Q_EMIT commandsRequested({{u"codex-store"_s, u"pin-file"_s}});
        });
        connect(shimInstall, &QPushButton::clicked, this, [this] {
            Q_EMIT commandsRequested({{u"shim"_s, u"install"_s}});
        });
        connect(shimRemove, &QPushButton::clicked, this, [this] {
            Q_EMIT commandsRequested({{u"shim"_s, u"remove"_s}});
        });
    } else if (page == tr("Account list")) {
        m_listPreview = new QLabel(parent);
        m_listPreview->setObjectName(u"listPreview"_s);
        m_listPreview->setFrameShape(QFrame::StyledPanel);
        m_listPreview->setAutoFillBackground(true);
        m_listPreview->setBackgroundRole(QPalette::Base);
        m_listPreview->setMargin(6);
        m_listPreview->setAccessibleName(tr("Preview of the account list"));
        form->addRow(tr("Preview:"), m_listPreview);
    } else if (page == tr("Security and storage")) {
        auto *path = new QLabel(m_app.repository().store().path(), parent);
        path->setTextInteractionFlags(Qt::TextSelectableByMouse);
        path->setWordWrap(true);
        form->addRow(tr("Storage location:"), path);
        auto *buttons = new QHBoxLayout;
        auto *open = new QPushButton(tr("&Open folder"), parent);
        auto *status = new QPushButton(tr("Check secret storage"), parent);
        auto *nodeExport = new QPushButton(tr("Export for the &Node version…"), parent);
        buttons->addWidget(open);
        buttons->addWidget(status);
        buttons->addWidget(nodeExport);
        buttons->addStretch();
        form->addRow(buttons);
        connect(open, &QPushButton::clicked, this,
                [this] { QDesktopServices::openUrl(QUrl::fromLocalFile(m_app.paths().root)); });
        connect(status, &QPushButton::clicked, this, [this] {
            Q_EMIT commandsRequested({{u"secrets"_s, u"status"_s}});
        });
        connect(nodeExport, &QPushButton::clicked, this, [this] {
            Q_EMIT commandsRequested({{u"export"_s, u"--format"_s, u"reference"_s, u"--name"_s, u"for-node-version"_s,
                                       u"--force"_s, u"--yes"_s}});
        });
        auto *warn = new QLabel(tr("The Node version's format holds refresh tokens in plaintext. Delete the file once "
                                   "the Node version has imported it."),
                                parent);
        warn->setWordWrap(true);
        form->addRow(warn);

        // Encrypted exports and named backups (docs/storage.md §14).
        auto *transfer = new QHBoxLayout;
        auto *exportButton = new QPushButton(tr("E&xport…"), parent);
        auto *importButton = new QPushButton(tr("&Import…"), parent);
        auto *backupButton = new QPushButton(tr("New named &backup…"), parent);
        transfer->addWidget(exportButton);
        transfer->addWidget(importButton);
        transfer->addWidget(backupButton);
        transfer->addStretch();
        form->addRow(transfer);
        auto *backups = new QListWidget(parent);
        backups->setObjectName(u"namedBackups"_s);
        backups->setAccessibleName(tr("Named backups"));
        backups->setMaximumHeight(110);
        form->addRow(tr("Named backups:"), backups);
        auto *backupActions = new QHBoxLayout;
        auto *restore = new QPushButton(tr("&Restore…"), parent);
        auto *remove = new QPushButton(tr("&Delete"), parent);
        backupActions->addWidget(restore);
        backupActions->addWidget(remove);
        backupActions->addStretch();
        form->addRow(QString(), backupActions);
        // Project pools (docs/storage.md §11): list, open, merge into the global pool.
        auto *projects = new QListWidget(parent);
        projects->setObjectName(u"projectPools"_s);
        projects->setAccessibleName(tr("Project pools"));
        projects->setMaximumHeight(90);
        for (const QFileInfo &dir :
             QDir(m_app.paths().root + u"/projects"_s).entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot)) {
            const QString pool = dir.absoluteFilePath() + u"/openai-codex-accounts.json"_s;
            if (!QFileInfo::exists(pool))
                continue;
            auto *item = new QListWidgetItem(dir.fileName(), projects);
            item->setData(Qt::UserRole, pool);
        }
        form->addRow(tr("Project pools:"), projects);
        auto *projectActions = new QHBoxLayout;
        auto *openProject = new QPushButton(tr("Open &project folder"), parent);
        auto *mergeProject = new QPushButton(tr("&Merge into global pool"), parent);
        projectActions->addWidget(openProject);
        projectActions->addWidget(mergeProject);
        projectActions->addStretch();
        form->addRow(QString(), projectActions);
        connect(openProject, &QPushButton::clicked, this, [projects] {
            if (QListWidgetItem *item = projects->currentItem())
                QDesktopServices::openUrl(
                    QUrl::fromLocalFile(QFileInfo(item->data(Qt::UserRole).toString()).absolutePath()));
        });
        connect(mergeProject, &QPushButton::clicked, this, [this, projects] {
            if (QListWidgetItem *item = projects->currentItem())
                Q_EMIT commandsRequested({{u"import"_s, item->data(Qt::UserRole).toString()}});
        });
        auto *plaintext = new QLabel(parent);
        plaintext->setObjectName(u"plaintextFiles"_s);
        plaintext->setWordWrap(true);
        plaintext->setTextInteractionFlags(Qt::TextSelectableByMouse);
        form->addRow(tr("Files with plaintext tokens:"), plaintext);
        auto *prompts = new TransferPrompts(this);
        const QString backupDir = m_app.paths().backupsDir();
        m_refreshStorage = [this, backups, plaintext, backupDir] {
            backups->clear();
            const QFileInfoList files =
                QDir(backupDir).entryInfoList({u"*.cma-backup"_s, u"*.json"_s}, QDir::Files, QDir::Time);
            for (const QFileInfo &f : files) {
                auto *item = new QListWidgetItem(
                    u"%1  (%2)"_s.arg(f.fileName(), QLocale().toString(f.lastModified(), QLocale::ShortFormat)),
                    backups);
                item->setData(Qt::UserRole, f.absoluteFilePath());
            }
            const QStringList found = plaintextTokenFiles(m_app.paths());
            plaintext->setText(found.isEmpty() ? tr("none") : found.join(u'\n'));
        };
        m_refreshStorage();
        connect(exportButton, &QPushButton::clicked, this, [this, prompts] {
            if (const QStringList args = prompts->exportCommand(); !args.isEmpty())
                Q_EMIT commandsRequested({args});
        });
        connect(importButton, &QPushButton::clicked, this, [this, prompts] {
            if (const QStringList args = prompts->importCommand(); !args.isEmpty())
                Q_EMIT commandsRequested({args});
        });
        connect(backupButton, &QPushButton::clicked, this, [this, prompts] {
            bool ok = false;
            const QString name =
                QInputDialog::getText(this, tr("New named backup"), tr("Name:"), QLineEdit::Normal,
                                      u"backup-%1"_s.arg(QDate::currentDate().toString(Qt::ISODate)), &ok);
            if (!ok || name.trimmed().isEmpty())
                return;
            if (const QStringList args = prompts->exportCommand(name.trimmed()); !args.isEmpty())
                Q_EMIT commandsRequested({args});
        });
        connect(restore, &QPushButton::clicked, this, [this, prompts, backups] {
            if (QListWidgetItem *item = backups->currentItem())
                if (const QStringList args = prompts->importCommand(item->data(Qt::UserRole).toString());
                    !args.isEmpty())
                    Q_EMIT commandsRequested({args});
        });
        connect(remove, &QPushButton::clicked, this, [this, backups] {
            QListWidgetItem *item = backups->currentItem();
            if (!item)
                return;
            const QString path = item->data(Qt::UserRole).toString();
            if (QMessageBox::question(this, tr("Delete backup"),
                                      tr("Delete the named backup %1?").arg(QFileInfo(path).fileName())) ==
                QMessageBox::Yes)
                QFile::remove(path);
            m_refreshStorage();
        });
    } else if (page == tr("Advanced")) {
        m_guardianStats = new QLabel(tr("The refresh guardian has not run yet."), parent);
        m_guardianStats->setObjectName(u"guardianStats"_s);
        m_guardianStats->setWordWrap(true);
        form->addRow(tr("Refresh guardian:"), m_guardianStats);
        auto *buttons = new QHBoxLayout;
        auto *doctor = new QPushButton(tr("Run &doctor"), parent);
        auto *bundle = new QPushButton(tr("&Copy debug bundle"), parent);
        buttons->addWidget(doctor);
        buttons->addWidget(bundle);
        buttons->addStretch();
        form->addRow(buttons);
        connect(doctor, &QPushButton::clicked, this, [this] { Q_EMIT commandsRequested({{u"doctor"_s}}); });
        connect(bundle, &QPushButton::clicked, this, [this] { Q_EMIT commandsRequested({{u"debug"_s, u"bundle"_s}}); });
    }
}

void SettingsWindow::refreshStoragePage()
{
    if (m_refreshStorage)
        m_refreshStorage();
}

void SettingsWindow::setGuardianStats(const QString &text)
{
    if (m_guardianStats)
        m_guardianStats->setText(text);
}

QString SettingsWindow::listPreviewText() const
{
    return m_listPreview ? m_listPreview->text() : QString();
}

void SettingsWindow::updateListPreview()
{
    // Two sample rows as the tray menu would show them with the draft's account-list keys.
    if (!m_listPreview)
        return;
    auto on = [this](const QString &key) { return m_draft->value(u"dashboardDisplaySettings."_s + key).toBool(); };
    QStringList fields;
    for (const QJsonValue &f : m_draft->value(u"dashboardDisplaySettings.menuStatuslineFields"_s).toArray())
        fields.append(f.toString());
    const bool expanded = m_draft->value(u"dashboardDisplaySettings.menuLayoutMode"_s).toString() == "expanded-rows"_L1;
    struct Sample
    {
        QString name, badge, used, limits, cooldown;
        bool current;
    };
    const QList<Sample> samples{
        {u"alice@example.com"_s, tr("active"), tr("today"), tr("5h 64% left · 7d 91% left"), QString(), true},
        {u"bob@example.com"_s, tr("rate-limited"), tr("yesterday"), tr("5h 0% left"), tr("resets in 42m"), false}};
    QString html;
    for (const Sample &s : samples) {
        QString line = (s.current && on(u"menuShowCurrentBadge"_s) ? u"✓ "_s : u"   "_s) + s.name;
        if (on(u"menuShowStatusBadge"_s))
            line += u"  [%1]"_s.arg(s.badge);
        QStringList detail;
        for (const QString &f : fields) {
            if (f == "last-used"_L1 && on(u"menuShowLastUsed"_s))
                detail << s.used;
            else if (f == "limits"_L1 && on(u"menuShowQuotaSummary"_s))
                detail << s.limits + (on(u"menuShowQuotaCooldown"_s) && !s.cooldown.isEmpty() ? u" · "_s + s.cooldown
                                                                                              : QString());
            else if (f == "status"_L1 && on(u"menuShowFetchStatus"_s))
                detail << tr("updated 1m ago");
        }
        const bool showDetail = expanded || s.current || on(u"menuShowDetailsForUnselectedRows"_s);
        QString row = line.toHtmlEscaped();
        if (showDetail && !detail.isEmpty())
            row += (expanded ? u"<br>&nbsp;&nbsp;&nbsp;"_s : u"  —  "_s) + detail.join(u" · "_s).toHtmlEscaped();
        if (s.current && on(u"menuHighlightCurrentRow"_s))
            row = u"<b>"_s + row + u"</b>"_s;
        html += row + u"<br>"_s;
    }
    m_listPreview->setText(html);
}

QStringList SettingsWindow::pageNames() const
{
    QStringList out;
    for (int i = 0; i < m_pagesList->count(); ++i)
        out.append(m_pagesList->item(i)->text());
    return out;
}

void SettingsWindow::showPage(const QString &name)
{
    const int i = int(pageNames().indexOf(name));
    if (i >= 0)
        m_pagesList->setCurrentRow(i);
}

QWidget *SettingsWindow::editorFor(const QString &fullName) const
{
    return m_editors.value(fullName);
}

void SettingsWindow::restorePageDefaults()
{
    const QString page = m_pagesList->currentItem() ? m_pagesList->currentItem()->text() : QString();
    QStringList keys = m_pageKeys.value(page);
    if (page == tr("Color theme"))
        keys = ThemeSettings::keys(); // like the reference's `R`: only the theme keys
    keys.removeAll(u"desktop.secretStorage"_s);
    m_draft->restoreDefaults(keys);
    for (const QString &k : keys)
        loadEditor(k);
    updateListPreview();
    Theme::instance().apply(m_draft->theme());
}

void SettingsWindow::accept()
{
    const QStringList changed = m_draft->changedKeys();
    const bool secretsChanged = changed.contains(u"desktop.secretStorage"_s);
    const QString secretTarget = m_draft->value(u"desktop.secretStorage"_s).toString();
    if (Status s = m_draft->commit(); !s) {
        QMessageBox::warning(this, tr("Settings not saved"), s.error().message);
        return; // the draft stays open; nothing was written
    }
    m_finished = true;
    Theme::instance().apply(m_draft->theme());
    if (m_startAtLogin && m_startAtLogin->isChecked() != m_startAtLoginBaseline)
        Q_EMIT startAtLoginChanged(m_startAtLogin->isChecked());
    if (secretsChanged)
        Q_EMIT commandsRequested({{u"secrets"_s, u"use"_s, secretTarget}}); // all-or-nothing conversion
    Q_EMIT settingsSaved(changed);
    QDialog::accept();
}

void SettingsWindow::reject()
{
    // Cancel, Escape or closing: the draft is dropped and the saved theme comes back exactly.
    m_finished = true;
    Theme::instance().apply(m_draft->baselineTheme());
    QDialog::reject();
}

void SettingsWindow::closeEvent(QCloseEvent *event)
{
    if (!m_finished)
        Theme::instance().apply(m_draft->baselineTheme());
    m_finished = true;
    QDialog::closeEvent(event);
}

} // namespace cma::ui
