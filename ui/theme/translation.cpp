#include "translation.h"

#include "util/timefmt.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QLibraryInfo>
#include <QLocale>
#include <QPointer>
#include <QTranslator>

using namespace Qt::StringLiterals;

namespace cma::ui {

QString translationsDir()
{
    const QString env = qEnvironmentVariable("CMA_TRANSLATIONS_DIR");
    if (!env.isEmpty())
        return env;
    const QString appDir = QCoreApplication::applicationDirPath();
    const QStringList candidates{appDir + u"/../Resources/translations"_s, // macOS bundle
                                 appDir + u"/../share/codex-multi-auth/translations"_s,
                                 QStringLiteral(CMA_BUILD_TRANSLATIONS_DIR), appDir + u"/translations"_s};
    for (const QString &candidate : candidates) {
        if (QFileInfo(candidate + u"/codex-multi-auth_de.qm"_s).exists())
            return QDir::cleanPath(candidate);
    }
    return QStringLiteral(CMA_BUILD_TRANSLATIONS_DIR);
}

bool useLanguage(const QString &language)
{
    static QPointer<QTranslator> installed;
    static QPointer<QTranslator> qtBase;
    for (QPointer<QTranslator> *t : {&installed, &qtBase}) {
        if (*t) {
            QCoreApplication::removeTranslator(*t);
            delete t->data();
        }
    }
    // The system's language is the first of its UI languages: LANGUAGE (a list, as gettext reads
    // it) before LC_ALL, LC_MESSAGES and LANG.
    const QStringList preferred = QLocale::system().uiLanguages();
    const QLocale system = preferred.isEmpty() ? QLocale::system() : QLocale(preferred.first());
    const QLocale locale = language.isEmpty() || language == "system"_L1 ? system : QLocale(language);
    const bool english = locale.language() == QLocale::English || locale.language() == QLocale::C;
    setTimeLocale(english ? QLocale::c() : locale);
    // Qt's own texts (OK, Cancel, Yes, No) come from qtbase, when the system has its translations.
    if (!english) {
        auto *base = new QTranslator(QCoreApplication::instance());
        if (base->load(locale, u"qtbase"_s, u"_"_s, QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
            QCoreApplication::installTranslator(base);
            qtBase = base;
        } else {
            delete base;
        }
    }
    // English needs its file too, for the plural forms (`1 account`, `2 accounts`).
    auto *translator = new QTranslator(QCoreApplication::instance());
    if (!translator->load(english ? QLocale(QLocale::English) : locale, u"codex-multi-auth"_s, u"_"_s,
                          translationsDir())) {
        delete translator;
        return false;
    }
    QCoreApplication::installTranslator(translator);
    installed = translator;
    return !english;
}

} // namespace cma::ui
