#pragma once

#include "session/desktopsession.h"

#include <QCoreApplication>

namespace cma::ui {

/// The words the windows and the tray use for the session's typed results, in the user's
/// language. The services never word anything for the GUI; the command line words the same
/// results its own way.
class OutcomeText
{
    Q_DECLARE_TR_FUNCTIONS(OutcomeText)
public:
    /// What went wrong, by kind (the technical detail is failureDetail()).
    static QString failure(const Error &error);
    /// The service's own description of the failure (English; for tooltips and logs).
    static QString failureDetail(const Error &error) { return error.message; }

    static QString notice(const SwitchNotice &notice);
    static QString switched(const SwitchResult &result);
    static QString best(const BestOutcome &outcome);
    static QString unpinned(const UnpinOutcome &outcome);
    static QString removed(const RemoveOutcome &outcome);
    static QString removedAll(const RemoveAllOutcome &outcome);
    static QString enabled(const EnableOutcome &outcome, bool enable);
    static QString policy(const PoolView &view, int index, const PolicyOutcome &outcome);
    static QString workspace(const PoolView &view, int index, const WorkspaceOutcome &outcome);
    static QString rateLimits(const RateLimitOutcome &outcome);
    static QString flaggedRemoved();
    static QString refreshed(const QList<TokenRefreshRow> &rows);
    static bool allRefreshed(const QList<TokenRefreshRow> &rows);
    static QString checked(const CheckOutcome &outcome);
    static bool allAvailable(const CheckOutcome &outcome);
    static QString fixed(const FixOutcome &outcome);
    static QString doctor(const DoctorReport &report);
    static QString verified(const VerifyFlaggedOutcome &outcome);
    static QString exported(const ExportOutcome &outcome);
    static QString imported(const ImportOutcome &outcome);
    static QString secretsUsed(const SecretsConversion &conversion);
    static QString secretsStatus(const SecretsStatus &status);
    static QString pinnedToFile(const PinFileOutcome &outcome);
    static QString shimInstalled(const ShimState &state);
    static QString shimRemoved(const ShimState &state);
    static QString reportSaved(const QString &path);
    /// The recommendation of an evaluation (`forecast --live`).
    static QString evaluated(const Evaluation &evaluation);
    /// `tags ci, night; paused; weight 3; note "…"` (or `no tags`).
    static QString policySummary(const AccountPolicy &policy);
};

/// A session callback that puts a result into words: \a words(outcome) on success, the failure's
/// words otherwise, handed to \a show(text, ok, detail).
template <typename T, typename Words, typename Show> DesktopSession::Done<T> answer(Words words, Show show)
{
    return [words = std::move(words), show = std::move(show)](const Result<T> &r) {
        if (r)
            show(words(r.value()), true, QString());
        else
            show(OutcomeText::failure(r.error()), false, OutcomeText::failureDetail(r.error()));
    };
}

} // namespace cma::ui
