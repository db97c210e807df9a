import type { Locale } from "../domain/locale";
import type { Config } from "./env";

/**
 * The language of what the bot posts in a channel: the channel's own from the policy file
 * (`channels.locales`), else the team's (REFUND_DESK_LOCALE). A direct message to a person reads
 * the team's too.
 */
export function channelLocale(config: Pick<Config, "locale" | "channelLocales">, channelId: string | null | undefined): Locale {
  return (channelId ? config.channelLocales[channelId] : undefined) ?? config.locale;
}
