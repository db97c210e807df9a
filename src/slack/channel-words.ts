import { channelLocale } from "../config/channel-locale";
import type { Config } from "../config/env";
import { wordsFor, type Words } from "../presentation/index";

/** The words of what the bot posts in a channel (or sends a person directly): its language, else the team's. */
export function channelWords(config: Pick<Config, "locale" | "channelLocales">, channelId: string | null | undefined): Words {
  return wordsFor(channelLocale(config, channelId));
}
