#pragma once

#include <QDialog>

class QCheckBox;

namespace cma {
class AppContext;
}

namespace cma::ui {

/// The first-run welcome (docs/ui.md §11): what the app does, accounts found in existing storage, the
/// secret storage chosen and why, whether the official Codex CLI was found, Start at login, and
/// the buttons Add account and Done.
class WelcomeDialog : public QDialog
{
    Q_OBJECT
public:
    explicit WelcomeDialog(AppContext &app, QWidget *parent = nullptr);
    bool startAtLogin() const;
    QString summaryText() const;

Q_SIGNALS:
    void addAccountRequested();

private:
    QCheckBox *m_startAtLogin;
    QString m_summary;
};

} // namespace cma::ui
