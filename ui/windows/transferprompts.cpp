#include "transferprompts.h"

#include <QDir>
#include <QFileDialog>
#include <QInputDialog>
#include <QLineEdit>

using namespace Qt::StringLiterals;

namespace cma::ui {

TransferPrompts::TransferPrompts(QWidget *parent)
    : QObject(parent)
    , m_parent(parent)
{}

PassphraseSource TransferPrompts::source(const QString &passphrase)
{
    return [passphrase]() -> Result<QString> {
        if (passphrase.isEmpty())
            return makeError(ErrorCode::Usage, u"a passphrase is needed"_s);
        return passphrase;
    };
}

std::optional<TransferPrompts::Answer> TransferPrompts::askExport(bool named)
{
    Answer answer;
    if (!named) {
        answer.path = QFileDialog::getSaveFileName(m_parent, tr("Export accounts"),
                                                   QDir::homePath() + u"/codex-accounts.cma-export"_s);
        if (answer.path.isEmpty())
            return std::nullopt;
    }
    bool ok = false;
    answer.passphrase = QInputDialog::getText(m_parent, tr("Export accounts"),
                                              tr("Passphrase for the encrypted export (at least 8 characters):"),
                                              QLineEdit::Password, QString(), &ok);
    if (!ok || answer.passphrase.isEmpty())
        return std::nullopt;
    return answer;
}

std::optional<TransferPrompts::Answer> TransferPrompts::askImport(QString path)
{
    if (path.isEmpty())
        path = QFileDialog::getOpenFileName(m_parent, tr("Import accounts"), QDir::homePath());
    if (path.isEmpty())
        return std::nullopt;
    Answer answer{path, {}};
    if (path.endsWith(u".json"_s))
        return answer; // the reference's plaintext format
    bool ok = false;
    answer.passphrase =
        QInputDialog::getText(m_parent, tr("Import accounts"), tr("Passphrase (leave empty for a plaintext export):"),
                              QLineEdit::Password, QString(), &ok);
    if (!ok)
        return std::nullopt;
    return answer;
}

} // namespace cma::ui
