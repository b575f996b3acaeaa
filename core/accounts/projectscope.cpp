#include "projectscope.h"

#include "util/jsonwriter.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace cma {

namespace {
QString firstLine(const QString &file)
{
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(f.readLine(4096)).trimmed();
}

QString parentOf(const QString &normalized)
{
    const qsizetype slash = normalized.lastIndexOf(u'/');
    if (slash <= 0)
        return normalized.left(1) == "/"_L1 ? u"/"_s : QString();
    // Keep "C:/" as the root of a drive.
    if (slash == 2 && normalized.size() > 1 && normalized[1] == u':')
        return normalized.left(3);
    return normalized.left(slash);
}

bool under(const QString &child, const QString &parent)
{
    const QString p = parent.endsWith(u'/') ? parent : parent + u'/';
    return child.startsWith(p);
}
} // namespace

bool ProjectScope::isWindowsRooted(const QString &path)
{
    static const QRegularExpression re(uR"(^([A-Za-z]:[\\/]|\\\\|//))"_s);
    return re.match(path).hasMatch();
}

bool ProjectScope::isAbsolute(const QString &path)
{
    return path.startsWith(u'/') || isWindowsRooted(path);
}

QString ProjectScope::normalize(const QString &input)
{
    QString path = input;
    path.replace(u'\\', u'/');
    QString prefix;
    if (path.startsWith("//"_L1)) {
        prefix = u"//"_s;
        path = path.mid(2);
    } else if (path.size() >= 2 && path[1] == u':' && path[0].isLetter()) {
        prefix = path.left(2).toUpper() + u'/';
        path = path.mid(2);
    } else if (path.startsWith(u'/')) {
        prefix = u"/"_s;
    }
    QStringList out;
    for (const QString &part : path.split(u'/', Qt::SkipEmptyParts)) {
        if (part == "."_L1)
            continue;
        if (part == ".."_L1) {
            if (!out.isEmpty() && out.last() != ".."_L1)
                out.removeLast();
            else if (prefix.isEmpty())
                out.append(part);
            continue;
        }
        out.append(part);
    }
    return prefix + out.join(u'/');
}

QString ProjectScope::resolveAgainst(const QString &base, const QString &path)
{
    if (isAbsolute(path))
        return normalize(path);
    return normalize(base + u'/' + path);
}

QString ProjectScope::canonicalForCompare(const QString &path)
{
    if (isWindowsRooted(path))
        return normalize(path).toLower();
    const QString real = QFileInfo(path).canonicalFilePath();
    return normalize(real.isEmpty() ? path : real);
}

QString ProjectScope::findProjectRoot(const QString &startDir)
{
    const QString start = normalize(QDir(startDir).absolutePath());
    for (QString dir = start; !dir.isEmpty(); dir = dir == parentOf(dir) ? QString() : parentOf(dir)) {
        if (QFileInfo::exists(dir + u"/.git"_s))
            return dir;
    }
    for (QString dir = start; !dir.isEmpty(); dir = dir == parentOf(dir) ? QString() : parentOf(dir)) {
        for (const char *marker : {"package.json", "Cargo.toml", "go.mod", "pyproject.toml", ".codex"}) {
            if (QFileInfo::exists(dir + u'/' + QLatin1String(marker)))
                return dir;
        }
    }
    return {};
}

QString ProjectScope::identityRoot(const QString &projectRoot)
{
    const QString root = normalize(projectRoot);
    const QString dotGit = root + u"/.git"_s;
    const QFileInfo info(dotGit);
    if (!info.isFile())
        return root;
    const QString line = firstLine(dotGit);
    if (!line.startsWith(u"gitdir:"_s))
        return root;
    // 1–2: the pointer must lead into <repo>/.git/worktrees/.
    const QString gitdir = resolveAgainst(root, line.mid(7).trimmed());
    if (!gitdir.toLower().contains(u"/.git/worktrees/"_s))
        return root;
    // 3: the worktree's gitdir must point back at this very .git file.
    const QString backFile = gitdir + u"/gitdir"_s;
    if (!QFileInfo::exists(backFile))
        return root;
    const QString back = resolveAgainst(gitdir, firstLine(backFile));
    if (canonicalForCompare(back) != canonicalForCompare(dotGit))
        return root;
    // 4–5: the common dir, and the gitdir under its worktrees/.
    const QString common = firstLine(gitdir + u"/commondir"_s);
    const QString commonDir = common.isEmpty() ? gitdir : resolveAgainst(gitdir, common);
    const QString gitdirCmp = canonicalForCompare(gitdir);
    if (!under(gitdirCmp, canonicalForCompare(commonDir) + u"/worktrees"_s))
        return root;
    // 6: the repository root holds .git.
    const QString repoRoot = parentOf(normalize(commonDir));
    if (repoRoot.isEmpty() || !QFileInfo::exists(repoRoot + u"/.git"_s))
        return root;
    return repoRoot;
}

QString ProjectScope::projectKey(const QString &identityRoot, bool onWindows)
{
    QString normalized = normalize(identityRoot);
    if (onWindows)
        normalized = normalized.toLower();
    const QString hash = sha256Hex(normalized.toUtf8()).left(12);
    static const QRegularExpression outside(u"[^A-Za-z0-9._-]+"_s);
    QString name = normalized.section(u'/', -1);
    name.replace(outside, u"-"_s);
    while (name.startsWith(u'-'))
        name.remove(0, 1);
    while (name.endsWith(u'-'))
        name.chop(1);
    if (name.isEmpty())
        name = u"project"_s;
    return name.left(40) + u'-' + hash;
}

ProjectScope::Resolved ProjectScope::resolve(const QString &storageRoot, const QString &directory)
{
    Resolved r;
    r.projectRoot = findProjectRoot(directory);
    if (r.projectRoot.isEmpty())
        r.projectRoot = normalize(QDir(directory).absolutePath());
    r.identityRoot = identityRoot(r.projectRoot);
#ifdef Q_OS_WIN
    constexpr bool windows = true;
#else
    constexpr bool windows = false;
#endif
    r.key = projectKey(r.identityRoot, windows);
    r.poolPath = storageRoot + u"/projects/"_s + r.key + u"/openai-codex-accounts.json"_s;
    const QString inRepo = r.projectRoot + u"/.codex/openai-codex-accounts.json"_s;
    if (QFileInfo::exists(inRepo))
        r.legacyPools.append(inRepo);
    if (r.identityRoot != r.projectRoot) {
        const QString worktreePool =
            storageRoot + u"/projects/"_s + projectKey(r.projectRoot, windows) + u"/openai-codex-accounts.json"_s;
        if (QFileInfo::exists(worktreePool))
            r.legacyPools.append(worktreePool);
    }
    return r;
}

} // namespace cma
