#pragma once

#include "settings/settingsdraft.h"

#include <QDialog>
#include <functional>
#include <memory>

class QListWidget;
class QStackedWidget;
class QFormLayout;
class QLabel;
class QCheckBox;

namespace cma {
class AppContext;
}

namespace cma::ui {

/// The settings window (docs/ui.md §8): pages on the left, a draft edited on the right, live theme
/// preview, Cancel/Escape/close restoring the saved theme, OK writing only changed keys.
class SettingsWindow : public QDialog
{
    Q_OBJECT
public:
    explicit SettingsWindow(AppContext &app, QWidget *parent = nullptr);
    ~SettingsWindow() override;

    SettingsDraft &draft() { return *m_draft; }
    QStringList pageNames() const;
    void showPage(const QString &name);
    /// The editor of a key (tests): QCheckBox, QSpinBox, QComboBox, QLineEdit or QListWidget.
    QWidget *editorFor(const QString &fullName) const;
    /// Restore defaults of the current page.
    void restorePageDefaults();
    /// The Account list page's sample rows, as the draft would show them.
    QString listPreviewText() const;
    /// Re-reads named backups and plaintext files (after an export, import or conversion ran).
    void refreshStoragePage();
    /// The refresh guardian's counters, from the tray's worker.
    void setGuardianStats(const QString &text);

Q_SIGNALS:
    void commandsRequested(const QList<QStringList> &commands);
    void settingsSaved(const QStringList &changedKeys);
    void startAtLoginChanged(bool on);

public Q_SLOTS:
    void accept() override;
    void reject() override;

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    struct Row
    {
        QString page;
        QString key;
        QString label;
    };
    static QList<Row> rows();
    QWidget *makeEditor(const SettingKey &key, QWidget *parent);
    void loadEditor(const QString &fullName);
    void editorChanged(const QString &fullName);
    void addSpecial(const QString &page, QFormLayout *form, QWidget *parent);
    QString choiceLabel(const QString &fullName, const QString &choice) const;
    void updateListPreview();

    AppContext &m_app;
    std::unique_ptr<SettingsDraft> m_draft;
    QListWidget *m_pagesList;
    QStackedWidget *m_stack;
    QHash<QString, QWidget *> m_editors;
    QHash<QString, QStringList> m_pageKeys;
    QCheckBox *m_startAtLogin = nullptr;
    QLabel *m_listPreview = nullptr;
    QLabel *m_guardianStats = nullptr;
    std::function<void()> m_refreshStorage;
    bool m_startAtLoginBaseline = false;
    bool m_loading = false;
    bool m_finished = false;
};

} // namespace cma::ui
