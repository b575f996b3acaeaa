#pragma once

#include "accounts/poolstore.h"
#include "quota/usageclient.h"

#include <QJsonValue>
#include <QProcessEnvironment>
#include <optional>

namespace cma {

class AppContext;

/// `check`: can each account serve Codex right now?
struct CheckRequest
{
    AccountPool pool;   ///< as the caller read it
    QList<int> indexes; ///< empty: every account
    bool probe = true;  ///< read the usage endpoint (the live check)
};
struct CheckRow
{
    enum class State
    {
        Available,    ///< the live check answered
        SignedInOnly, ///< tokens are fine; the live check was skipped or failed
        NeedsLogin,
        Error,
    };
    /// Why the row has its state; `detail` carries the specifics.
    enum class Note
    {
        KeychainUnavailable,
        SecretMissing,
        RefreshRefused,          ///< detail: the issuer's answer
        RefreshFailedStillWorks, ///< detail: why the refresh failed
        RefreshFailed,           ///< detail: why
        LiveCheckSkipped,
        LiveCheckSkippedNoAccountId,
        LiveCheckFailed, ///< detail: the HTTP status or the error
        LiveSessionOk,   ///< reading: the quota it returned
    };
    int index = 0; ///< into the request's pool
    State state = State::Error;
    Note note = Note::KeychainUnavailable;
    QString detail;
    bool refreshed = false;
    bool reEnabled = false; ///< was disabled after an auth failure and works again
    UsageReading reading;   ///< the live check's reading (LiveSessionOk, LiveCheckFailed)
};
struct CheckOutcome
{
    QList<CheckRow> rows;
    QHash<int, UsageReading> readings; ///< the live readings, by index into the pool as re-read
    int available = 0, signedInOnly = 0, needReLogin = 0, errors = 0, keychainDown = 0;
    /// An enabled account that is not available (the `check` exit code depends on it).
    bool enabledUnavailable = false;
};

/// `fix`: refresh what is due (everything with `live`), disable accounts whose refresh token was refused.
struct FixRequest
{
    AccountPool pool;
    bool dryRun = false;
    bool live = false;
};
struct FixRow
{
    enum class State
    {
        Healthy,
        DisabledHardFailure,
        WarningSoftFailure,
        AlreadyDisabled,
    };
    enum class Note
    {
        AlreadyDisabled,
        TokenInvalid,
        SecretUnreadable, ///< detail: why
        TokenValid,
        WouldRefresh,
        TokenRefreshed,
        RefreshFailed, ///< detail: why
    };
    int index = 0;
    State state = State::Healthy;
    Note note = Note::TokenValid;
    QString detail;
};
struct FixOutcome
{
    QList<FixRow> rows;
    int healthy = 0, disabled = 0, warnings = 0, skipped = 0;
    bool changed = false;
    std::optional<int> recommended; ///< the best account after the repairs
    int currentAfter = -1;          ///< the pool's current account after the repairs
};

/// `doctor`: every check of the storage, the secrets, Codex and the accounts, as rows.
struct DoctorRequest
{
    bool fix = false;
    bool dryRun = false;
};
struct DoctorCheck
{
    enum class Severity
    {
        Ok,
        Warn,
        Error,
    };
    QString key; ///< stable, e.g. `storage-readable`
    Severity severity = Severity::Ok;
    QString message;
    QJsonValue details; ///< undefined when there are none
};
struct DoctorAction
{
    QString key;
    QString message; ///< what was (or, in a dry run, would be) done
};
struct DoctorReport
{
    QString poolPath;
    QList<DoctorCheck> checks;
    QList<DoctorAction> actions;
    int ok = 0, warn = 0, error = 0;
};

/// `verify-flagged`: try each problem account's refresh token; restore the healthy ones.
struct VerifyFlaggedRequest
{
    bool dryRun = false;
    bool restore = true;
};
struct FlaggedRow
{
    enum class State
    {
        StillFlagged,
        RestoreSkipped, ///< a dry run: not checked
        Restored,
        HealthyFlagged, ///< healthy, kept in the list (`--no-restore`)
    };
    int index = 0;
    Account account;
    State state = State::StillFlagged;
    QString detail; ///< why it is still flagged
};
struct VerifyFlaggedOutcome
{
    QList<FlaggedRow> rows;
    int total = 0, restored = 0, healthy = 0;
};

/// Health of the pool and its surroundings: `check`, `fix`, `doctor`, `verify-flagged` and the
/// redacted debug bundle.
class HealthService
{
public:
    explicit HealthService(AppContext &app);

    Result<CheckOutcome> check(const CheckRequest &request);
    Result<FixOutcome> fix(const FixRequest &request);
    Result<DoctorReport> doctor(const DoctorRequest &request);
    Result<VerifyFlaggedOutcome> verifyFlagged(const VerifyFlaggedRequest &request);
    /// The debug bundle as redacted JSON text (no token, code or e-mail address in it).
    QByteArray debugBundle();

    static QString stateName(CheckRow::State state);
    static QString stateName(FixRow::State state);
    static QString stateName(FlaggedRow::State state);
    static QString severityName(DoctorCheck::Severity severity);

private:
    AppContext &m_app;
};

} // namespace cma
