#pragma once

#include "services/transferservice.h"

#include <QObject>
#include <QString>
#include <optional>

class QWidget;

namespace cma::ui {

/// The questions before an export or import (file, passphrase), shared by the accounts and
/// settings windows. The passphrase stays in memory and goes to the session with the request.
class TransferPrompts : public QObject
{
    Q_OBJECT
public:
    struct Answer
    {
        QString path;       ///< empty for a named backup
        QString passphrase; ///< empty: none given (a plaintext import)
    };

    explicit TransferPrompts(QWidget *parent);

    /// The passphrase for a request: \a passphrase, or "a passphrase is needed" when it is empty.
    static PassphraseSource source(const QString &passphrase);

    /// An encrypted export to a chosen file (or, with \a named, only the passphrase of a named
    /// backup). Nothing when cancelled.
    std::optional<Answer> askExport(bool named = false);
    /// An import of \a path (asked for when empty). Nothing when cancelled.
    std::optional<Answer> askImport(QString path = {});

private:
    QWidget *m_parent;
};

} // namespace cma::ui
