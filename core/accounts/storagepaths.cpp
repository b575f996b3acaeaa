#include "storagepaths.h"

#include <QDir>
#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace cma {

namespace {
const QStringList kPoolNames = {u"openai-codex-accounts.json"_s, u"codex-accounts.json"_s};

QString normalized(QString path)
{
    path = QDir::cleanPath(QDir::fromNativeSeparators(path));
    while (path.size() > 1 && path.endsWith(u'/'))
        path.chop(1);
    return path;
}

bool holdsAccountStorage(const QString &dir)
{
    const QStringList entries = QDir(dir).entryList(QDir::Files | QDir::Hidden | QDir::System);
    for (const QString &name : entries) {
        for (const QString &pool : kPoolNames) {
            if (name == pool || name == pool + u".wal"_s)
                return true;
            if (name.startsWith(pool + u'.') && !name.endsWith(u".tmp"_s) && !name.contains(u".rotate."_s))
                return true;
        }
    }
    return false;
}

bool holdsStorageSignal(const QString &dir)
{
    static const QStringList signalNames =
        kPoolNames + QStringList{u"settings.json"_s, u"config.json"_s, u"dashboard-settings.json"_s, u"projects"_s};
    for (const QString &name : signalNames) {
        if (QFileInfo::exists(dir + u'/' + name))
            return true;
    }
    return false;
}
} // namespace

StoragePaths StoragePaths::resolve(const QProcessEnvironment &env)
{
    StoragePaths p;
    p.home = env.value(u"HOME"_s).trimmed();
    if (p.home.isEmpty())
        p.home = QDir::homePath();
    p.home = normalized(p.home);
    const QString codexHomeEnv = env.value(u"CODEX_HOME"_s).trimmed();
    p.codexHomeExplicit = !codexHomeEnv.isEmpty();
    p.codexHome = normalized(p.codexHomeExplicit ? codexHomeEnv : p.home + u"/.codex"_s);
    if (p.codexHomeExplicit) {
        // The official CLI canonicalises CODEX_HOME; so do we, when it exists.
        const QString canonical = QFileInfo(p.codexHome).canonicalFilePath();
        if (!canonical.isEmpty())
            p.codexHome = canonical;
    }

    const QString dirEnv = env.value(u"CODEX_MULTI_AUTH_DIR"_s).trimmed();
    if (!dirEnv.isEmpty()) {
        p.root = normalized(dirEnv);
        p.rootSource = RootSource::Environment;
        return p;
    }
    const QString defaultCodex = normalized(p.home + u"/.codex"_s);
    if (p.codexHomeExplicit && normalized(codexHomeEnv) != defaultCodex) {
        p.root = normalized(codexHomeEnv) + u"/multi-auth"_s;
        p.rootSource = RootSource::ExplicitCodexHome;
        return p;
    }
    QStringList candidates;
    const QStringList probes = {p.codexHome + u"/multi-auth"_s, p.home + u"/DevTools/config/codex/multi-auth"_s,
                                p.home + u"/.codex/multi-auth"_s, p.home + u"/.codex"_s};
    for (const QString &c : probes) {
        const QString n = normalized(c);
        if (!candidates.contains(n))
            candidates.append(n);
    }
    p.rootSource = RootSource::Probe;
    for (const QString &c : std::as_const(candidates)) {
        if (holdsAccountStorage(c)) {
            p.root = c;
            return p;
        }
    }
    if (holdsStorageSignal(candidates.first())) {
        p.root = candidates.first();
        return p;
    }
    for (const QString &c : std::as_const(candidates)) {
        if (holdsStorageSignal(c)) {
            p.root = c;
            return p;
        }
    }
    p.root = candidates.first();
    p.rootSource = RootSource::Default;
    return p;
}

QString StoragePaths::rootSourceName() const
{
    switch (rootSource) {
    case RootSource::Environment:
        return u"env"_s;
    case RootSource::ExplicitCodexHome:
        return u"CODEX_HOME"_s;
    case RootSource::Probe:
        return u"probe"_s;
    case RootSource::Default:
        return u"default"_s;
    }
    return {};
}

QString StoragePaths::displayPath(const QString &path) const
{
    if (!home.isEmpty() && (path == home || path.startsWith(home + u'/')))
        return u"~"_s + path.mid(home.size());
    return path;
}

} // namespace cma
