#include "welcomedialog.h"

#include "accounts/poolnormalizer.h"
#include "codex/codexshim.h"
#include "session/desktopsession.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace cma::ui {

WelcomeDialog::WelcomeDialog(DesktopSession &session, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(u"welcomeDialog"_s);
    setWindowTitle(tr("Welcome to Codex Multi-Auth"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("<h3>Several ChatGPT accounts, one Codex</h3>"
                                "<p>Codex Multi-Auth keeps your ChatGPT accounts signed in for the Codex CLI, shows "
                                "each account's 5-hour and weekly quota in the tray, and switches Codex to the best "
                                "next account in one click.</p>"),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    QStringList facts;
    const PoolView &view = session.view();
    const int count = int(view.pool.accounts.size());
    if (count > 0)
        facts << tr("Found %n account(s) in %1; they are ready to use.", nullptr, count)
                     .arg(session.paths().displayPath(view.storagePath));
    else
        facts << tr("No accounts yet. Add your first one with Add account.");
    const bool plaintext = holdsPlaintextTokens(view.pool);
    if (view.secretMode == "keychain"_L1)
        facts << tr("Refresh tokens are kept in the system keychain, because a keychain (Secret Service) answered.");
    else if (plaintext)
        facts << tr(
            "Refresh tokens stay in the account file (readable only by you), because the existing accounts keep "
            "theirs there. Settings → Security and storage moves them into the keychain.");
    else if (!view.keychainAvailable)
        facts << tr("Refresh tokens are kept in the account file (readable only by you), because this system has no "
                    "keychain.");
    else
        facts << tr("Refresh tokens are kept in the account file (readable only by you), because the keychain did not "
                    "answer. Settings → Security and storage can switch to the keychain later.");
    const Result<QString> codex = CodexShim::findRealCodex(session.env(), QString());
    facts << (codex
                  ? tr("The official Codex CLI was found at %1.").arg(codex.value())
                  : tr("The official Codex CLI was not found on PATH. Install it with: npm install -g @openai/codex"));
    m_summary = facts.join(u'\n');
    QString html = u"<ul>"_s;
    for (const QString &f : facts)
        html += u"<li>"_s + f.toHtmlEscaped() + u"</li>"_s;
    html += u"</ul>"_s;
    auto *details = new QLabel(html, this);
    details->setObjectName(u"welcomeFacts"_s);
    details->setWordWrap(true);
    details->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(details);

    m_startAtLogin = new QCheckBox(tr("Start Codex Multi-Auth at &login, so tokens stay fresh"), this);
    m_startAtLogin->setChecked(true);
    layout->addWidget(m_startAtLogin);

    auto *buttons = new QDialogButtonBox(this);
    QPushButton *add = buttons->addButton(tr("&Add account"), QDialogButtonBox::ActionRole);
    QPushButton *done = buttons->addButton(tr("&Done"), QDialogButtonBox::AcceptRole);
    (count == 0 ? add : done)->setDefault(true);
    layout->addWidget(buttons);
    connect(add, &QPushButton::clicked, this, [this] {
        accept();
        Q_EMIT addAccountRequested();
    });
    connect(done, &QPushButton::clicked, this, &QDialog::accept);
    setMinimumWidth(520);
}

bool WelcomeDialog::startAtLogin() const
{
    return m_startAtLogin->isChecked();
}

QString WelcomeDialog::summaryText() const
{
    return m_summary;
}

} // namespace cma::ui
