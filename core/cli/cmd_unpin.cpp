#include "cli/clisupport.h"
#include "cli/commands.h"
#include "services/accountservice.h"

using namespace Qt::StringLiterals;

namespace cma::cli {

int runUnpin(CommandContext &ctx)
{
    Result<UnpinOutcome> done = AccountService(ctx.app()).unpin();
    if (!done)
        return ctx.fail(done.error());
    const std::optional<int> &previous = done->previous;
    const QString text = previous ? u"Pin cleared (was account %1)."_s.arg(*previous + 1) : u"No pin to clear."_s;
    return ctx.succeed(text, {{u"cleared"_s, previous.has_value()},
                              {u"previousIndex"_s, previous ? QJsonValue(*previous) : QJsonValue(QJsonValue::Null)}});
}

} // namespace cma::cli
