#pragma once

#include <QObject>
#include <QStringList>
#include <memory>

class QTemporaryFile;
class QWidget;

namespace cma::ui {

/// The questions before an export or import (file, passphrase), shared by the accounts and
/// settings windows. The answer is the CLI command to run; the passphrase reaches it through a
/// private temporary file (0600) that lives until the next prompt or the window closes.
class TransferPrompts : public QObject
{
    Q_OBJECT
public:
    explicit TransferPrompts(QWidget *parent);
    ~TransferPrompts() override;

    /// An encrypted export to a chosen file, or to the named backup \a backupName. Empty when cancelled.
    QStringList exportCommand(const QString &backupName = {});
    /// An import of \a path (asked for when empty). Empty when cancelled.
    QStringList importCommand(QString path = {});

private:
    QString passphraseFile(const QString &passphrase);
    QWidget *m_parent;
    std::unique_ptr<QTemporaryFile> m_file;
};

} // namespace cma::ui
