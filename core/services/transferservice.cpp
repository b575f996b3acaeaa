#include "transferservice.h"

#include "accounts/exportcodec.h"
#include "accounts/poolnormalizer.h"
#include "appcontext.h"
#include "auth/jwt.h"
#include "codex/codexauth.h"
#include "services/accountfacts.h"
#include "util/atomicfile.h"
#include "util/clock.h"

#include <QJsonDocument>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace cma {

TransferService::TransferService(AppContext &app)
    : m_app(app)
{}

Result<QString> TransferService::backupPath(const QString &name, ExportFormat format)
{
    static const QRegularExpression valid(u"^[A-Za-z0-9_-]+$"_s);
    if (!valid.match(name).hasMatch())
        return makeError(ErrorCode::Usage, u"a backup name may hold only letters, digits, _ and -"_s);
    if (Status s = ensurePrivateDir(m_app.paths().backupsDir()); !s)
        return s.error();
    return QString(m_app.paths().backupsDir() + u'/' + name +
                   (format == ExportFormat::Reference ? u".json"_s : u".cma-backup"_s));
}

Result<ExportOutcome> TransferService::exportPool(const AccountPool &source, const ExportRequest &request)
{
    AccountPool pool = source;
    if (pool.accounts.isEmpty())
        return makeError(ErrorCode::NoUsableAccount, u"the pool is empty; nothing to export"_s);
    AccountRepository &repo = m_app.repository();
    for (Account &a : pool.accounts) {
        Result<TokenSet> t = repo.tokensOf(a);
        if (!t)
            return makeError(t.error().code, u"%1: %2"_s.arg(a.email.value_or(a.trackerKey()), t.error().message));
        repo.setTokens(a, t.value());
        a.secretId.clear();
    }
    const bool reference = request.format == ExportFormat::Reference;
    QJsonObject policies;
    const QHash<QString, AccountPolicy> all = policyStoreOf(m_app).all();
    for (const Account &a : pool.accounts) {
        const QString key = PolicyStore::keyFor(a);
        if (all.contains(key))
            policies.insert(key, all.value(key).toJson());
    }
    QByteArray bytes = ExportCodec::referenceExport(pool, reference ? QJsonObject{} : policies);
    if (!reference) {
        Result<QString> pass = request.passphrase
                                   ? request.passphrase()
                                   : Result<QString>(makeError(ErrorCode::Usage, u"a passphrase is needed"_s));
        if (!pass)
            return pass.error();
        if (Status s = ExportCodec::checkPassphrase(pass.value()); !s)
            return s.error();
        Result<QByteArray> sealed =
            ExportCodec::encrypt(bytes, pass.value(), Clock::instance().nowMs(), int(pool.accounts.size()));
        if (!sealed)
            return sealed.error();
        bytes = sealed.value();
    }
    if (Status s = writeFileAtomically(request.path, bytes, 0600); !s)
        return s.error();
    return ExportOutcome{request.path, int(pool.accounts.size())};
}

namespace {

/// The account in a Codex auth.json as a pool record.
Result<Account> accountFromCodex(const QString &authPath)
{
    Result<CodexAuth> live = CodexAuth::readFile(authPath);
    if (!live)
        return makeError(live.error().code == ErrorCode::NotFound ? ErrorCode::NotFound : ErrorCode::Io,
                         u"Codex has no ChatGPT sign-in to import (%1)"_s.arg(live.error().message));
    if (!live->isChatGpt() || live->idToken.isEmpty() || live->accessToken.isEmpty())
        return makeError(ErrorCode::Io,
                         u"%1 holds no ChatGPT sign-in (an API key or an incomplete file)"_s.arg(authPath));
    const TokenIdentity who = TokenIdentity::fromTokens(live->idToken, live->accessToken);
    Account a;
    a.email = who.email.isEmpty() ? std::nullopt : std::optional<QString>(who.email.trimmed().toLower());
    a.accountId = live->accountId.isEmpty()
                      ? (who.accountId.isEmpty() ? std::nullopt : std::optional<QString>(who.accountId))
                      : std::optional<QString>(live->accountId);
    a.accountIdSource = u"token"_s;
    a.userId = who.userId.isEmpty() ? std::nullopt : std::optional<QString>(who.userId);
    a.refreshToken = live->refreshToken;
    a.accessToken = live->accessToken;
    a.idToken = live->idToken;
    a.expiresAt = who.accessExpiresAtMs;
    a.lastRefresh = live->lastRefreshMs;
    const qint64 now = Clock::instance().nowMs();
    a.addedAt = now;
    a.lastUsed = now;
    return a;
}

} // namespace

Result<ImportBatch> TransferService::readImport(const ImportRequest &request)
{
    ImportBatch batch;
    if (request.fromCodex) {
        Result<Account> a =
            accountFromCodex(request.codexAuthPath.isEmpty() ? m_app.paths().codexAuthPath() : request.codexAuthPath);
        if (!a)
            return a.error();
        batch.accounts.append(a.value());
        batch.source = u"codex-auth"_s;
        batch.selectImported = true;
        return batch;
    }
    const QString &path = request.path;
    Result<QByteArray> data = readWholeFile(path, ExportCodec::kMaxImportBytes);
    if (!data)
        return makeError(data.error().code == ErrorCode::NotFound ? ErrorCode::Usage : ErrorCode::Io,
                         data.error().message);
    QByteArray bytes = data.value();
    const ExportCodec::Format format = ExportCodec::detect(bytes);
    if (format == ExportCodec::Format::Encrypted) {
        Result<QString> pass = request.passphrase
                                   ? request.passphrase()
                                   : Result<QString>(makeError(ErrorCode::Usage, u"a passphrase is needed"_s));
        if (!pass)
            return pass.error();
        Result<QByteArray> plain = ExportCodec::decrypt(bytes, pass.value());
        if (!plain)
            return plain.error();
        bytes = plain.value();
        batch.source = u"encrypted"_s;
    } else if (format == ExportCodec::Format::ReferenceExport) {
        batch.source = u"reference-export"_s;
    } else if (format == ExportCodec::Format::PoolFile) {
        batch.source = u"pool-file"_s;
    } else {
        return makeError(ErrorCode::Io, u"invalid file: %1 is not an export, a pool file or a backup"_s.arg(path));
    }
    const QJsonObject root = QJsonDocument::fromJson(bytes).object();
    Result<NormalizedPool> normalized = normalizePool(root, Clock::instance().nowMs());
    if (!normalized)
        return makeError(ErrorCode::Io, u"invalid file: %1"_s.arg(normalized.error().message));
    batch.problems = normalized->problems;
    batch.accounts = normalized->pool.accounts;
    batch.policies = root.value(u"accountPolicies"_s).toObject();
    return batch;
}

Result<ImportOutcome> TransferService::mergeImport(const ImportBatch &batch, const AccountPool *dryRunPool)
{
    ImportOutcome outcome;
    AccountRepository &repo = m_app.repository(!dryRunPool);
    auto merge = [&](AccountPool &pool) -> Status {
        outcome = ImportOutcome{};
        for (const Account &a : batch.accounts) {
            const int match = findMatchingAccount(pool.accounts, a);
            // Compare with the record's real tokens, not its keychain marker.
            QJsonObject before;
            if (match >= 0) {
                Account resolved = pool.accounts[match];
                if (Result<TokenSet> t = repo.tokensOf(resolved))
                    repo.setTokens(resolved, t.value());
                before = resolved.toJson();
            }
            const auto [result, index] = upsertAccount(pool, a);
            if (result == UpsertOutcome::Inserted)
                ++outcome.imported;
            else if (pool.accounts[index].toJson() != before)
                ++outcome.updated;
            else
                ++outcome.skipped;
            if (batch.selectImported) {
                pool.select(index);
                pool.accounts[index].lastSwitchReason = pool.accounts.size() == 1 ? u"initial"_s : u"manual"_s;
            }
        }
        outcome.total = int(pool.accounts.size());
        return success();
    };
    if (dryRunPool) {
        AccountPool copy = *dryRunPool;
        merge(copy);
        return outcome;
    }
    Result<LoadedPool> saved = repo.update(merge);
    if (!saved)
        return saved.error();
    if (!batch.policies.isEmpty()) {
        PolicyStore store = policyStoreOf(m_app);
        for (const Account &a : batch.accounts) {
            const QJsonValue p = batch.policies.value(PolicyStore::keyFor(a));
            if (p.isObject())
                store.update(
                    a,
                    [&](AccountPolicy &mine) {
                        const AccountPolicy theirs = AccountPolicy::fromJson(p.toObject());
                        mine.tags = theirs.tags;
                        mine.weight = theirs.weight;
                        mine.paused = theirs.paused;
                        mine.drained = theirs.drained;
                        mine.note = theirs.note;
                        return success();
                    },
                    Clock::instance().nowMs());
        }
    }
    return outcome;
}

} // namespace cma
