#pragma once

#include "theme/theme.h"

#include <QFrame>
#include <functional>

class QLabel;
class QHBoxLayout;
class QVBoxLayout;

namespace cma::ui {

/// One message strip above a window's content (docs/ui.md §5 banners): a tone, a text, buttons, and a
/// close button for messages that are not states.
class Banner : public QFrame
{
    Q_OBJECT
public:
    Banner(const QString &id, Tone tone, const QString &text, QWidget *parent = nullptr);
    QString id() const { return m_id; }
    QString text() const;
    void addButton(const QString &text, std::function<void()> onClick);
    void setClosable(bool closable);

private:
    void applyTone();
    QString m_id;
    Tone m_tone;
    QLabel *m_label;
    QHBoxLayout *m_buttons;
};

/// A stack of banners keyed by id: states (storage busy, keychain locked, …) are set and cleared
/// as the data changes; notices (alerts when there is no notifier) stay until closed.
class BannerArea : public QWidget
{
    Q_OBJECT
public:
    explicit BannerArea(QWidget *parent = nullptr);
    /// Shows or updates the banner \a id; returns it so buttons can be added once.
    Banner *show(const QString &id, Tone tone, const QString &text, bool *created = nullptr);
    void clear(const QString &id);
    Banner *find(const QString &id) const;
    QStringList ids() const;

private:
    QVBoxLayout *m_layout;
};

} // namespace cma::ui
