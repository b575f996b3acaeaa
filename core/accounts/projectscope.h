#pragma once

#include <QString>
#include <QStringList>

namespace cma {

/// Per-project pools (docs/storage.md §11): where a project's root is, which repository a git worktree
/// belongs to, and the key of its pool folder.
class ProjectScope
{
public:
    /// Walks up from \a startDir: the first directory holding `.git` wins; without one, the first
    /// holding package.json, Cargo.toml, go.mod, pyproject.toml or .codex. Empty when none.
    static QString findProjectRoot(const QString &startDir);

    /// For a git worktree (`<root>/.git` is a `gitdir:` file), the main repository root, after
    /// the back-reference and commondir checks; otherwise \a projectRoot itself. A forged pointer
    /// (one whose gitdir does not point back at this worktree) is rejected.
    static QString identityRoot(const QString &projectRoot);

    /// `<name>-<12 hex>` of the normalised identity root.
    static QString projectKey(const QString &identityRoot, bool onWindows = false);

    /// `<storage root>/projects/<key>/openai-codex-accounts.json` for a project directory, plus
    /// the legacy pools to merge (in-repository `.codex/` pool, the worktree-keyed pool).
    struct Resolved
    {
        QString projectRoot;
        QString identityRoot;
        QString key;
        QString poolPath;
        QStringList legacyPools;
    };
    static Resolved resolve(const QString &storageRoot, const QString &directory);

    // Path rules, exposed for tests. Windows-rooted paths (`X:\`, `X:/`, `\\server`, `//server`)
    // follow Windows rules on every OS, so pointers written on Windows resolve from WSL.
    static bool isWindowsRooted(const QString &path);
    static bool isAbsolute(const QString &path);
    /// Separators to `/`, `.` and `..` folded; Windows drive letters upper-cased.
    static QString normalize(const QString &path);
    /// \a path against \a base (absolute paths stay), normalised.
    static QString resolveAgainst(const QString &base, const QString &path);
    /// For comparing two paths: real paths when they exist, normalised, case-folded for Windows
    /// paths.
    static QString canonicalForCompare(const QString &path);
};

} // namespace cma
