// config explain|get|set|reset (docs/storage.md §8).

#include "cli/clisupport.h"
#include "cli/commands.h"
#include "settings/settingkeys.h"
#include "util/jsonwriter.h"

using namespace Qt::StringLiterals;

namespace cma::cli {

int runConfig(CommandContext &ctx)
{
    const QString verb = ctx.args().command.section(u' ', 1);
    SettingsStore &settings = ctx.app().settings();
    if (verb == "explain"_L1) {
        QJsonArray list;
        QString text;
        for (const SettingKey &k : settingKeys()) {
            const EffectiveSetting e = effectiveSetting(k, settings, ctx.env());
            list.append(QJsonObject{
                {u"key"_s, k.fullName()},
                {u"value"_s, e.value},
                {u"default"_s, k.defaultValue},
                {u"source"_s, e.source},
                {u"env"_s, k.environment.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(k.environment)},
                {u"fileValue"_s, e.fileValue}});
            text += u"%1 = %2 (%3)\n"_s.arg(k.fullName(), QString::fromUtf8(toJsonCompact(e.value)), e.source);
        }
        return ctx.succeed(text, {{u"settings"_s, list}});
    }
    const QStringList &pos = ctx.args().positional;
    if (pos.isEmpty() || (verb == "set"_L1 && pos.size() != 2) || (verb != "set"_L1 && pos.size() != 1))
        return ctx.fail(makeError(ErrorCode::Usage, u"usage: codex-multi-auth --cli config %1 <key>%2"_s.arg(
                                                        verb, verb == "set"_L1 ? u" <value>"_s : QString())));
    const SettingKey *key = findSettingKey(pos.first());
    if (!key)
        return ctx.fail(
            makeError(ErrorCode::Usage,
                      u"unknown setting %1 (codex-multi-auth --cli config explain lists them)"_s.arg(pos.first())));
    if (verb != "get"_L1 && !key->writableByConfig)
        return ctx.fail(
            makeError(ErrorCode::Usage,
                      u"%1 is changed with codex-multi-auth --cli secrets use keychain|file"_s.arg(key->fullName())));
    if (verb == "set"_L1) {
        QString error;
        std::optional<QJsonValue> value = parseSettingValue(*key, pos.at(1), &error);
        if (!value)
            return ctx.fail(makeError(ErrorCode::Usage, error));
        if (Status s = settings.setValue(key->section, key->key, *value); !s)
            return ctx.fail(s.error());
    } else if (verb == "reset"_L1) {
        if (Status s = settings.removeValue(key->section, key->key); !s)
            return ctx.fail(s.error());
    }
    const EffectiveSetting e = effectiveSetting(*key, settings, ctx.env());
    if (e.source == "env"_L1 && verb != "get"_L1)
        ctx.console().err() << "note: " << key->environment << " overrides this setting in this environment\n";
    return ctx.succeed(u"%1 = %2 (%3)"_s.arg(key->fullName(), QString::fromUtf8(toJsonCompact(e.value)), e.source),
                       {{u"key"_s, key->fullName()}, {u"value"_s, e.value}, {u"source"_s, e.source}});
}

} // namespace cma::cli
