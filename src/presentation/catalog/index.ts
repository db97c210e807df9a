import type { Locale } from "../locales";
import enBatch from "./en/batch.json";
import enChannel from "./en/channel.json";
import enCli from "./en/cli.json";
import enCommon from "./en/common.json";
import enExecution from "./en/execution.json";
import enExplain from "./en/explain.json";
import enHome from "./en/home.json";
import enModals from "./en/modals.json";
import enReplies from "./en/replies.json";
import enWorkspace from "./en/workspace.json";
import jaBatch from "./ja/batch.json";
import jaChannel from "./ja/channel.json";
import jaCli from "./ja/cli.json";
import jaCommon from "./ja/common.json";
import jaExecution from "./ja/execution.json";
import jaExplain from "./ja/explain.json";
import jaHome from "./ja/home.json";
import jaModals from "./ja/modals.json";
import jaReplies from "./ja/replies.json";
import jaWorkspace from "./ja/workspace.json";
import zhCnBatch from "./zh-CN/batch.json";
import zhCnChannel from "./zh-CN/channel.json";
import zhCnCli from "./zh-CN/cli.json";
import zhCnCommon from "./zh-CN/common.json";
import zhCnExecution from "./zh-CN/execution.json";
import zhCnExplain from "./zh-CN/explain.json";
import zhCnHome from "./zh-CN/home.json";
import zhCnModals from "./zh-CN/modals.json";
import zhCnReplies from "./zh-CN/replies.json";
import zhCnWorkspace from "./zh-CN/workspace.json";
import zhTwBatch from "./zh-TW/batch.json";
import zhTwChannel from "./zh-TW/channel.json";
import zhTwCli from "./zh-TW/cli.json";
import zhTwCommon from "./zh-TW/common.json";
import zhTwExecution from "./zh-TW/execution.json";
import zhTwExplain from "./zh-TW/explain.json";
import zhTwHome from "./zh-TW/home.json";
import zhTwModals from "./zh-TW/modals.json";
import zhTwReplies from "./zh-TW/replies.json";
import zhTwWorkspace from "./zh-TW/workspace.json";

/**
 * One catalog per language, a file per surface: `<surface>.<key>` names a message. English is the
 * source; the catalog test holds the other three to its keys and placeholders.
 */
type Namespaced<NS extends string, T> = { [K in keyof T & string as `${NS}.${K}`]: string };

function namespaced<NS extends string, T extends Record<string, string>>(ns: NS, messages: T): Namespaced<NS, T> {
  return Object.fromEntries(Object.entries(messages).map(([key, text]) => [`${ns}.${key}`, text])) as Namespaced<NS, T>;
}

const english = {
  ...namespaced("batch", enBatch),
  ...namespaced("channel", enChannel),
  ...namespaced("cli", enCli),
  ...namespaced("common", enCommon),
  ...namespaced("execution", enExecution),
  ...namespaced("explain", enExplain),
  ...namespaced("home", enHome),
  ...namespaced("modals", enModals),
  ...namespaced("replies", enReplies),
  ...namespaced("workspace", enWorkspace),
};

/** Every message's key: a typo in a key is a type error. */
export type MessageKey = keyof typeof english;
export type Catalog = Readonly<Record<string, string>>;

type Surfaces = Record<"batch" | "channel" | "cli" | "common" | "execution" | "explain" | "home" | "modals" | "replies" | "workspace", Record<string, string>>;

function catalogOf(surfaces: Surfaces): Catalog {
  return Object.assign({}, ...Object.entries(surfaces).map(([ns, messages]) => namespaced(ns, messages)));
}

export const CATALOGS: Readonly<Record<Locale, Catalog>> = {
  en: english,
  ja: catalogOf({ batch: jaBatch, channel: jaChannel, cli: jaCli, common: jaCommon, execution: jaExecution, explain: jaExplain, home: jaHome, modals: jaModals, replies: jaReplies, workspace: jaWorkspace }),
  "zh-CN": catalogOf({ batch: zhCnBatch, channel: zhCnChannel, cli: zhCnCli, common: zhCnCommon, execution: zhCnExecution, explain: zhCnExplain, home: zhCnHome, modals: zhCnModals, replies: zhCnReplies, workspace: zhCnWorkspace }),
  "zh-TW": catalogOf({ batch: zhTwBatch, channel: zhTwChannel, cli: zhTwCli, common: zhTwCommon, execution: zhTwExecution, explain: zhTwExplain, home: zhTwHome, modals: zhTwModals, replies: zhTwReplies, workspace: zhTwWorkspace }),
};
