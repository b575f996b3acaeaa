#include "logindialog.h"

#include "accounts/accountrepository.h"
#include "appcontext.h"
#include "auth/browser.h"
#include "auth/jwt.h"
#include "util/clock.h"

#include <QApplication>
#include <QButtonGroup>
#include <QCheckBox>
#include <QClipboard>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QStackedWidget>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace cma::ui {

namespace {
constexpr int kBrowserWaitMs = 300000;
constexpr int kDeviceWaitMs = 900000;

QString countdownText(qint64 ms)
{
    const qint64 s = std::max<qint64>(0, (ms + 999) / 1000);
    return u"%1:%2"_s.arg(s / 60).arg(s % 60, 2, 10, QChar(u'0'));
}
} // namespace

LoginDialog::LoginDialog(AppContext &app, QWidget *parent)
    : QDialog(parent)
    , m_app(app)
    , m_ticker(new QTimer(this))
{
    setObjectName(u"loginDialog"_s);
    setWindowTitle(tr("Add account"));
    m_opener = [env = app.env()](const QUrl &url) { return !browserDisabled(env) && openBrowser(url, env); };
    m_ticker->setInterval(1000);
    connect(m_ticker, &QTimer::timeout, this, &LoginDialog::tick);

    auto *layout = new QVBoxLayout(this);
    // The segmented control.
    m_modeBar = new QWidget(this);
    auto *modeLayout = new QHBoxLayout(m_modeBar);
    modeLayout->setContentsMargins(0, 0, 0, 0);
    modeLayout->setSpacing(0);
    m_modes = new QButtonGroup(this);
    const QStringList names{tr("&Browser"), tr("&Paste link"), tr("&Device code")};
    for (int i = 0; i < names.size(); ++i) {
        auto *b = new QPushButton(names[i], m_modeBar);
        b->setCheckable(true);
        b->setObjectName(u"mode%1"_s.arg(i));
        m_modes->addButton(b, i);
        modeLayout->addWidget(b);
    }
    m_modes->button(0)->setChecked(true);
    layout->addWidget(m_modeBar);
    connect(m_modes, &QButtonGroup::idClicked, this, [this](int id) { setMode(Mode(id)); });

    m_pages = new QStackedWidget(this);
    layout->addWidget(m_pages, 1);
    buildBrowserPage();
    buildPastePage();
    buildDevicePage();

    // Workspace chooser (page 3) and result (page 4).
    auto *chooser = new QWidget(m_pages);
    auto *cl = new QVBoxLayout(chooser);
    cl->addWidget(new QLabel(tr("This sign-in can act for several workspaces. Choose the one to add:"), chooser));
    m_workspaces = new QListWidget(chooser);
    m_workspaces->setObjectName(u"workspaces"_s);
    m_workspaces->setAccessibleName(tr("Workspaces"));
    cl->addWidget(m_workspaces, 1);
    auto *choose = new QPushButton(tr("&Continue"), chooser);
    cl->addWidget(choose, 0, Qt::AlignRight);
    connect(choose, &QPushButton::clicked, this, [this] { chooseWorkspace(m_workspaces->currentRow()); });
    connect(m_workspaces, &QListWidget::itemActivated, this, [this] { chooseWorkspace(m_workspaces->currentRow()); });
    m_pages->addWidget(chooser);
    auto *resultPage = new QWidget(m_pages);
    auto *rl = new QVBoxLayout(resultPage);
    m_result = new QLabel(resultPage);
    m_result->setObjectName(u"result"_s);
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont resultFont = m_result->font();
    resultFont.setPointSizeF(resultFont.pointSizeF() * 1.2);
    m_result->setFont(resultFont);
    rl->addWidget(m_result);
    rl->addStretch();
    m_pages->addWidget(resultPage);

    // Advanced (collapsed).
    m_advancedToggle = new QToolButton(this);
    m_advancedToggle->setText(tr("Ad&vanced"));
    m_advancedToggle->setCheckable(true);
    m_advancedToggle->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_advancedToggle->setArrowType(Qt::RightArrow);
    m_advancedToggle->setAutoRaise(true);
    layout->addWidget(m_advancedToggle);
    m_advanced = new QWidget(this);
    auto *form = new QFormLayout(m_advanced);
    m_org = new QLineEdit(m_advanced);
    m_org->setObjectName(u"org"_s);
    m_org->setPlaceholderText(tr("from the sign-in"));
    form->addRow(tr("&Workspace / organisation id:"), m_org);
    m_activate = new QCheckBox(tr("&Make this the Codex account now"), m_advanced);
    m_activate->setObjectName(u"activate"_s);
    form->addRow(m_activate);
    m_advanced->hide();
    layout->addWidget(m_advanced);
    connect(m_advancedToggle, &QToolButton::toggled, this, [this](bool on) {
        m_advanced->setVisible(on);
        m_advancedToggle->setArrowType(on ? Qt::DownArrow : Qt::RightArrow);
    });
    // Default on only when the pool has no usable current account.
    if (Result<LoadedPool> loaded = m_app.repository().load()) {
        const AccountPool &pool = loaded->pool;
        const int current = pool.currentIndex();
        m_activate->setChecked(current < 0 || !pool.accounts[current].isEnabled() ||
                               pool.accounts[current].authInvalidatedAt);
    } else {
        m_activate->setChecked(true);
    }

    auto *buttons = new QHBoxLayout;
    m_addAnother = new QPushButton(tr("Add &another"), this);
    m_done = new QPushButton(tr("Done"), this);
    m_cancel = new QPushButton(tr("Cancel"), this);
    buttons->addStretch();
    buttons->addWidget(m_addAnother);
    buttons->addWidget(m_done);
    buttons->addWidget(m_cancel);
    layout->addLayout(buttons);
    m_addAnother->hide();
    m_done->hide();
    connect(m_cancel, &QPushButton::clicked, this, &LoginDialog::reject);
    connect(m_done, &QPushButton::clicked, this, &LoginDialog::accept);
    connect(m_addAnother, &QPushButton::clicked, this, [this] {
        m_pending.reset();
        m_addAnother->hide();
        m_done->hide();
        m_cancel->show();
        m_modeBar->setEnabled(true);
        m_reloginIndex = -1;
        setWindowTitle(tr("Add account"));
        setMode(Browser);
    });
    setMinimumWidth(520);
    setMode(Browser);
}

LoginDialog::~LoginDialog()
{
    stopFlows();
}

void LoginDialog::buildBrowserPage()
{
    auto *page = new QWidget(m_pages);
    auto *l = new QVBoxLayout(page);
    auto *intro = new QLabel(tr("Sign in with ChatGPT in your browser. The account is added when the browser comes "
                                "back."),
                             page);
    intro->setWordWrap(true);
    l->addWidget(intro);
    m_openBrowser = new QPushButton(tr("&Open browser"), page);
    m_openBrowser->setObjectName(u"openBrowser"_s);
    m_openBrowser->setDefault(true);
    l->addWidget(m_openBrowser, 0, Qt::AlignLeft);
    auto *statusRow = new QHBoxLayout;
    m_spinner = new QProgressBar(page);
    m_spinner->setRange(0, 0);
    m_spinner->setMaximumWidth(120);
    m_spinner->setTextVisible(false);
    m_spinner->setAccessibleName(tr("Waiting for the browser"));
    m_spinner->hide();
    m_browserStatus = new QLabel(page);
    m_browserStatus->setObjectName(u"browserStatus"_s);
    m_browserStatus->setWordWrap(true);
    m_countdown = new QLabel(page);
    m_countdown->setObjectName(u"countdown"_s);
    statusRow->addWidget(m_spinner);
    statusRow->addWidget(m_browserStatus, 1);
    statusRow->addWidget(m_countdown);
    l->addLayout(statusRow);
    m_linkField = new QLineEdit(page);
    m_linkField->setReadOnly(true);
    m_linkField->setAccessibleName(tr("Sign-in link"));
    m_linkField->hide();
    l->addWidget(m_linkField);
    auto *row = new QHBoxLayout;
    m_copyLink = new QPushButton(tr("&Copy link"), page);
    m_openAgain = new QPushButton(tr("Open &again"), page);
    m_useDevice = new QPushButton(tr("Use a &device code"), page);
    m_usePaste = new QPushButton(tr("Paste the &link instead"), page);
    for (QPushButton *b : {m_copyLink, m_openAgain, m_useDevice, m_usePaste}) {
        row->addWidget(b);
        b->hide();
    }
    row->addStretch();
    l->addLayout(row);
    l->addStretch();
    m_pages->addWidget(page);
    connect(m_openBrowser, &QPushButton::clicked, this, [this] { startBrowser(true); });
    connect(m_copyLink, &QPushButton::clicked, this,
            [this] { QApplication::clipboard()->setText(QString::fromUtf8(signInLink().toEncoded())); });
    connect(m_openAgain, &QPushButton::clicked, this, [this] { openLink(signInLink()); });
    connect(m_useDevice, &QPushButton::clicked, this, [this] { setMode(Device); });
    connect(m_usePaste, &QPushButton::clicked, this, [this] {
        if (!m_browser)
            startBrowser(false);
        setMode(Paste);
    });
}

void LoginDialog::buildPastePage()
{
    auto *page = new QWidget(m_pages);
    auto *l = new QVBoxLayout(page);
    auto *intro = new QLabel(tr("Open the sign-in link on any browser. When it ends on a page that does not load, copy "
                                "the address from the address bar and paste it here."),
                             page);
    intro->setWordWrap(true);
    l->addWidget(intro);
    auto *linkRow = new QHBoxLayout;
    m_pasteLink = new QLineEdit(page);
    m_pasteLink->setReadOnly(true);
    m_pasteLink->setAccessibleName(tr("Sign-in link"));
    auto *copy = new QPushButton(tr("Cop&y"), page);
    auto *open = new QPushButton(tr("&Open"), page);
    linkRow->addWidget(m_pasteLink, 1);
    linkRow->addWidget(copy);
    linkRow->addWidget(open);
    l->addLayout(linkRow);
    auto *label = new QLabel(tr("Paste the address your &browser ended on:"), page);
    m_pasteField = new QLineEdit(page);
    m_pasteField->setObjectName(u"pasteField"_s);
    m_pasteField->setPlaceholderText(u"http://127.0.0.1:1455/auth/callback?code=…&state=…"_s);
    label->setBuddy(m_pasteField);
    l->addWidget(label);
    auto *pasteRow = new QHBoxLayout;
    auto *submit = new QPushButton(tr("&Sign in"), page);
    pasteRow->addWidget(m_pasteField, 1);
    pasteRow->addWidget(submit);
    l->addLayout(pasteRow);
    m_pasteError = new QLabel(page);
    m_pasteError->setObjectName(u"pasteError"_s);
    m_pasteError->setWordWrap(true);
    l->addWidget(m_pasteError);
    l->addStretch();
    m_pages->addWidget(page);
    connect(copy, &QPushButton::clicked, this,
            [this] { QApplication::clipboard()->setText(QString::fromUtf8(signInLink().toEncoded())); });
    connect(open, &QPushButton::clicked, this, [this] { openLink(signInLink()); });
    connect(submit, &QPushButton::clicked, this, [this] { submitPaste(m_pasteField->text()); });
    connect(m_pasteField, &QLineEdit::returnPressed, this, [this] { submitPaste(m_pasteField->text()); });
}

void LoginDialog::buildDevicePage()
{
    auto *page = new QWidget(m_pages);
    auto *l = new QVBoxLayout(page);
    auto *intro = new QLabel(tr("On any device, open the link below, sign in, and enter this code. Never share the "
                                "code."),
                             page);
    intro->setWordWrap(true);
    l->addWidget(intro);
    auto *codeRow = new QHBoxLayout;
    m_code = new QLabel(page);
    m_code->setObjectName(u"deviceCode"_s);
    QFont big = m_code->font();
    big.setPointSizeF(big.pointSizeF() * 2.2);
    big.setBold(true);
    big.setFamily(u"monospace"_s);
    m_code->setFont(big);
    m_code->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_code->setAccessibleName(tr("Device code"));
    auto *copy = new QPushButton(tr("Cop&y"), page);
    codeRow->addWidget(m_code, 1);
    codeRow->addWidget(copy);
    l->addLayout(codeRow);
    m_deviceLink = new QLabel(page);
    m_deviceLink->setOpenExternalLinks(false);
    m_deviceLink->setTextInteractionFlags(Qt::TextBrowserInteraction);
    l->addWidget(m_deviceLink);
    m_deviceStatus = new QLabel(page);
    m_deviceStatus->setObjectName(u"deviceStatus"_s);
    m_deviceStatus->setWordWrap(true);
    l->addWidget(m_deviceStatus);
    auto *row = new QHBoxLayout;
    m_newCode = new QPushButton(tr("&Get a new code"), page);
    m_useBrowser = new QPushButton(tr("Use &browser login"), page);
    row->addWidget(m_newCode);
    row->addWidget(m_useBrowser);
    row->addStretch();
    l->addLayout(row);
    l->addStretch();
    m_pages->addWidget(page);
    connect(copy, &QPushButton::clicked, this, [this] { QApplication::clipboard()->setText(m_code->text()); });
    connect(m_deviceLink, &QLabel::linkActivated, this, [this](const QString &link) { openLink(QUrl(link)); });
    connect(m_newCode, &QPushButton::clicked, this, &LoginDialog::startDevice);
    connect(m_useBrowser, &QPushButton::clicked, this, [this] { setMode(Browser); });
}

void LoginDialog::setRelogin(int poolIndex)
{
    Result<LoadedPool> loaded = m_app.repository().load();
    if (!loaded || poolIndex < 0 || poolIndex >= loaded->pool.accounts.size())
        return;
    const Account &a = loaded->pool.accounts[poolIndex];
    m_reloginIndex = poolIndex;
    m_reloginEmail = a.email.value_or(QString());
    m_reloginAccountId = a.accountId.value_or(QString());
    setWindowTitle(
        tr("Sign in again — %1").arg(m_reloginEmail.isEmpty() ? tr("Account %1").arg(poolIndex + 1) : m_reloginEmail));
    m_activate->setChecked(poolIndex == loaded->pool.currentIndex());
}

void LoginDialog::setMode(Mode mode)
{
    m_mode = mode;
    m_modes->button(int(mode))->setChecked(true);
    m_pages->setCurrentIndex(int(mode));
    if (mode == Paste) {
        if (!m_browser)
            startBrowser(true); // the link for pasting comes from a live attempt
        m_pasteField->setFocus();
    } else if (mode == Device) {
        if (!m_device)
            startDevice();
    }
}

void LoginDialog::begin()
{
    if (m_mode == Device)
        startDevice();
    else
        startBrowser(true);
}

bool LoginDialog::openLink(const QUrl &url)
{
    return !url.isEmpty() && m_opener && m_opener(url);
}

void LoginDialog::stopFlows()
{
    if (m_browser) {
        m_browser->disconnect(this);
        m_browser->cancel();
        m_browser->deleteLater();
    }
    if (m_device) {
        m_device->disconnect(this);
        m_device->cancel();
        m_device->deleteLater();
    }
    m_ticker->stop();
}

void LoginDialog::showOfferButtons(bool visible)
{
    m_useDevice->setVisible(visible);
    m_usePaste->setVisible(visible);
}

void LoginDialog::setStatus(const QString &text, bool error)
{
    QLabel *label = m_mode == Device ? m_deviceStatus : m_mode == Paste ? m_pasteError : m_browserStatus;
    label->setText(text);
    QPalette p = label->palette();
    p.setColor(QPalette::WindowText,
               error ? QColor(0xd9, 0x3f, 0x3f) : QApplication::palette().color(QPalette::WindowText));
    label->setPalette(p);
}

void LoginDialog::startBrowser(bool withCallback)
{
    if (m_browser) {
        m_browser->disconnect(this);
        m_browser->cancel();
        m_browser->deleteLater();
    }
    Result<LoadedPool> loaded = m_app.repository().load();
    // With accounts already in the pool the browser must not silently reuse the last session.
    const bool prompt = loaded && !loaded->pool.accounts.isEmpty();
    auto *login = new BrowserLogin(m_app.endpoints(), prompt, this);
    login->setCallbackWaitMs(kBrowserWaitMs);
    m_browser = login;
    showOfferButtons(false);
    m_browserStatus->clear();
    m_pasteError->clear();
    connect(login, &BrowserLogin::urlReady, this, [this, withCallback](const QUrl &url) {
        const QString link = QString::fromUtf8(url.toEncoded());
        m_pasteLink->setText(link);
        m_linkField->setText(link);
        if (!withCallback)
            return;
        m_deadline = Clock::instance().nowMs() + kBrowserWaitMs;
        m_ticker->start();
        tick();
        m_spinner->show();
        m_copyLink->show();
        m_openAgain->show();
        if (m_mode == Browser && !openLink(url)) {
            m_browserStatus->setText(tr("The browser could not be opened. Open this link yourself:"));
            m_linkField->show();
        } else {
            m_browserStatus->setText(tr("Waiting for the browser…"));
        }
    });
    connect(login, &BrowserLogin::succeeded, this, &LoginDialog::onTokens);
    connect(login, &BrowserLogin::callbackTimedOut, this, [this] {
        m_spinner->hide();
        m_ticker->stop();
        m_countdown->clear();
        m_browserStatus->setText(tr("No sign-in arrived within 5 minutes."));
        showOfferButtons(true);
    });
    connect(login, &BrowserLogin::failed, this, [this, login](const QString &message, bool takenOver) {
        m_spinner->hide();
        m_ticker->stop();
        m_countdown->clear();
        if (takenOver) {
            m_browserStatus->setText(tr("Another sign-in took over the login port"));
        } else if (login->authorizeUrl().isEmpty()) {
            // Both sign-in ports are taken (docs/protocol.md §1.3).
            QString hint;
#if defined(Q_OS_WIN)
            hint = tr("Find the program with: netstat -ano | findstr :1455");
#elif defined(Q_OS_MACOS)
            hint = tr("Find the program with: lsof -i :1455");
#else
            hint = tr("Find the program with: ss -ltnp 'sport = :1455'");
#endif
            m_browserStatus->setText(tr("Port 1455 and 1457 are in use by another program.") + u'\n' + hint);
            showOfferButtons(true);
        } else {
            m_browserStatus->setText(message);
        }
        m_pasteError->setText(m_browserStatus->text());
    });
    if (withCallback)
        login->start();
    else
        login->startWithoutCallback();
}

void LoginDialog::startDevice()
{
    if (m_device) {
        m_device->disconnect(this);
        m_device->cancel();
        m_device->deleteLater();
    }
    auto *login = new DeviceLogin(m_app.endpoints(), this);
    m_device = login;
    m_code->setText(u"…"_s);
    m_newCode->hide();
    m_useBrowser->hide();
    m_deviceStatus->setText(tr("Requesting a code…"));
    connect(login, &DeviceLogin::codeReady, this, [this](const QString &code, const QUrl &page) {
        m_code->setText(code);
        const QString link = page.toString();
        m_deviceLink->setText(u"<a href=\"%1\">%2</a>"_s.arg(link.toHtmlEscaped(), link.toHtmlEscaped()));
        m_deadline = Clock::instance().nowMs() + kDeviceWaitMs;
        m_ticker->start();
        tick();
    });
    connect(login, &DeviceLogin::succeeded, this, &LoginDialog::onTokens);
    connect(login, &DeviceLogin::failed, this, [this](const QString &message) {
        m_ticker->stop();
        if (message.contains(u"not enabled"_s)) {
            m_deviceStatus->setText(message);
            m_code->clear();
            m_useBrowser->show();
        } else if (message.contains(u"expired"_s)) {
            m_deviceStatus->setText(tr("The device code expired after 15 minutes"));
            m_newCode->show();
        } else {
            m_deviceStatus->setText(tr("Sign-in failed: %1").arg(message));
            m_newCode->show();
        }
    });
    login->start();
}

void LoginDialog::tick()
{
    const qint64 left = m_deadline - Clock::instance().nowMs();
    const QString text = countdownText(left);
    if (m_mode == Device)
        m_deviceStatus->setText(tr("Waiting for approval… %1 left").arg(text));
    else
        m_countdown->setText(text);
    if (left <= 0)
        m_ticker->stop();
}

void LoginDialog::submitPaste(const QString &text)
{
    if (!m_browser) {
        m_pasteError->setText(tr("Open the sign-in link first."));
        return;
    }
    if (text.trimmed().isEmpty())
        return;
    if (Status s = m_browser->submitPaste(text); !s) {
        m_pasteError->setText(s.error().message);
        return;
    }
    m_pasteError->setText(tr("Signing in…"));
}

void LoginDialog::onTokens(const LoginResult &result)
{
    m_ticker->stop();
    m_spinner->hide();
    m_countdown->clear();
    if (m_browser && result.method == LoginMethod::Browser)
        m_browser->waitForSuccessPage();
    // Re-login mode: a different identity is a question, not a silent add.
    if (m_reloginIndex >= 0) {
        const TokenIdentity who = TokenIdentity::fromTokens(result.tokens.idToken, result.tokens.accessToken);
        const bool sameId = !m_reloginAccountId.isEmpty() && who.accountId == m_reloginAccountId;
        const bool sameEmail = !m_reloginEmail.isEmpty() && who.email.compare(m_reloginEmail, Qt::CaseInsensitive) == 0;
        if (!sameId && !sameEmail) {
            const auto answer =
                QMessageBox::question(this, tr("A different account"),
                                      tr("You signed in as %1, not %2. Add %1 as a new account?")
                                          .arg(who.email.isEmpty() ? who.accountId : who.email,
                                               m_reloginEmail.isEmpty() ? m_reloginAccountId : m_reloginEmail));
            if (answer != QMessageBox::Yes) {
                setStatus(tr("Nothing was changed."));
                return;
            }
        }
    }
    const QString org = m_org->text().trimmed();
    const QList<WorkspaceCandidate> candidates = workspaceCandidates(result.tokens);
    if (org.isEmpty() && candidates.size() > 1) {
        m_pending = result;
        m_workspaces->clear();
        const int best = bestWorkspaceCandidate(candidates, result.tokens);
        for (const WorkspaceCandidate &c : candidates) {
            QString text = c.title.isEmpty() ? c.id : c.title;
            if (!c.role.isEmpty())
                text += u" — "_s + c.role;
            if (c.isDefault)
                text += u" "_s + tr("(default)");
            auto *item = new QListWidgetItem(text, m_workspaces);
            item->setData(Qt::UserRole, c.id);
        }
        m_workspaces->setCurrentRow(best);
        m_modeBar->setEnabled(false);
        m_pages->setCurrentIndex(3);
        m_workspaces->setFocus();
        return;
    }
    saveTokens(result.tokens, org, u"manual"_s);
}

bool LoginDialog::choosingWorkspace() const
{
    return m_pages->currentIndex() == 3 && m_pending.has_value();
}

void LoginDialog::chooseWorkspace(int row)
{
    if (!m_pending || row < 0 || row >= m_workspaces->count())
        return;
    const QString id = m_workspaces->item(row)->data(Qt::UserRole).toString();
    const LoginResult pending = *m_pending;
    m_pending.reset();
    saveTokens(pending.tokens, id, u"org"_s);
}

void LoginDialog::saveTokens(const TokenResponse &tokens, const QString &org, const QString &orgSource)
{
    SaveLoginOptions options;
    options.org = org;
    options.orgSource = orgSource;
    options.activate = m_activate->isChecked() ? SaveLoginOptions::Activate::Yes : SaveLoginOptions::Activate::No;
    Result<SavedLogin> saved = LoginSaver::save(m_app, tokens, options);
    if (!saved) {
        m_modeBar->setEnabled(true);
        m_pages->setCurrentIndex(int(m_mode));
        setStatus(tr("The account could not be saved: %1").arg(saved.error().message), true);
        return;
    }
    QString text = saved->outcome == UpsertOutcome::Inserted  ? tr("Added account %1: %2")
                   : saved->outcome == UpsertOutcome::Rebound ? tr("Rebound workspace for account %1 (%2)")
                                                              : tr("Updated existing account %1 (%2)");
    const Account &a = saved->pool.accounts[saved->index];
    QString who = a.email.value_or(a.accountId.value_or(QString()));
    if (!saved->plan.isEmpty())
        who += u" ("_s + planDisplayName(saved->plan) + u')';
    text = text.arg(saved->index + 1).arg(who);
    if (saved->activationTried)
        text += u"\n"_s + (!saved->activationWarning.isEmpty()
                               ? tr("Codex could not be switched to it: %1").arg(saved->activationWarning)
                           : saved->synced ? tr("Codex now uses this account.")
                                           : tr("Selected; Codex sync is off."));
    showResult(text);
    Q_EMIT accountSaved(LoginSaver::summary(saved.value(), false));
}

void LoginDialog::showResult(const QString &text)
{
    stopFlows();
    m_result->setText(text);
    m_modeBar->setEnabled(false);
    m_pages->setCurrentIndex(4);
    m_cancel->hide();
    m_addAnother->setVisible(m_reloginIndex < 0);
    m_done->show();
    m_done->setDefault(true);
    m_done->setFocus();
}

QUrl LoginDialog::signInLink() const
{
    return m_browser ? m_browser->authorizeUrl() : QUrl(m_pasteLink->text());
}

QString LoginDialog::deviceCode() const
{
    return m_code->text();
}

QString LoginDialog::statusText() const
{
    return m_mode == Device ? m_deviceStatus->text() : m_mode == Paste ? m_pasteError->text() : m_browserStatus->text();
}

QString LoginDialog::resultText() const
{
    return m_pages->currentIndex() == 4 ? m_result->text() : QString();
}

QString LoginDialog::pasteError() const
{
    return m_pasteError->text();
}

void LoginDialog::reject()
{
    stopFlows();
    QDialog::reject();
}

} // namespace cma::ui
