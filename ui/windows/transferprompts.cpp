#include "transferprompts.h"

#include <QDir>
#include <QFileDialog>
#include <QInputDialog>
#include <QLineEdit>
#include <QTemporaryFile>

using namespace Qt::StringLiterals;

namespace cma::ui {

TransferPrompts::TransferPrompts(QWidget *parent)
    : QObject(parent)
    , m_parent(parent)
{}

TransferPrompts::~TransferPrompts() = default;

QString TransferPrompts::passphraseFile(const QString &passphrase)
{
    m_file = std::make_unique<QTemporaryFile>();
    if (!m_file->open())
        return {};
    m_file->setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    m_file->write(passphrase.toUtf8());
    m_file->flush();
    return m_file->fileName();
}

QStringList TransferPrompts::exportCommand(const QString &backupName)
{
    QString path;
    if (backupName.isEmpty()) {
        path = QFileDialog::getSaveFileName(m_parent, tr("Export accounts"),
                                            QDir::homePath() + u"/codex-accounts.cma-export"_s);
        if (path.isEmpty())
            return {};
    }
    bool ok = false;
    const QString pass = QInputDialog::getText(m_parent, tr("Export accounts"),
                                               tr("Passphrase for the encrypted export (at least 8 characters):"),
                                               QLineEdit::Password, QString(), &ok);
    if (!ok || pass.isEmpty())
        return {};
    QStringList args{u"export"_s};
    if (backupName.isEmpty())
        args << path;
    else
        args << u"--name"_s << backupName;
    return args << u"--passphrase-file"_s << passphraseFile(pass) << u"--force"_s << u"--yes"_s;
}

QStringList TransferPrompts::importCommand(QString path)
{
    if (path.isEmpty())
        path = QFileDialog::getOpenFileName(m_parent, tr("Import accounts"), QDir::homePath());
    if (path.isEmpty())
        return {};
    QStringList args{u"import"_s, path};
    if (path.endsWith(u".json"_s))
        return args; // the reference's plaintext format
    bool ok = false;
    const QString pass =
        QInputDialog::getText(m_parent, tr("Import accounts"), tr("Passphrase (leave empty for a plaintext export):"),
                              QLineEdit::Password, QString(), &ok);
    if (!ok)
        return {};
    if (!pass.isEmpty())
        args << u"--passphrase-file"_s << passphraseFile(pass);
    return args;
}

} // namespace cma::ui
