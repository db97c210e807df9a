import { chatMethod } from "./web-api-chat";
import { fail, jsonField, str, type Answer, type Args, type MethodContext } from "./web-api-context";
import { viewsMethod } from "./web-api-views";
import { randomId } from "./workspace-state";
import type { HostedFile, Person } from "./workspace-types";

export function userJson(person: Person, withLocale: boolean): Record<string, unknown> {
  return {
    id: person.id,
    name: person.name,
    real_name: person.realName,
    tz: person.tz,
    is_bot: Boolean(person.isBot),
    deleted: false,
    profile: { real_name: person.realName, display_name: person.name, title: person.title },
    ...(withLocale ? { locale: person.locale } : {}),
  };
}

export function fileJson(file: HostedFile, ctx: MethodContext): Record<string, unknown> {
  const url = `${ctx.baseUrl}/files/${file.id}`;
  return { id: file.id, name: file.name, title: file.title, user: file.user, size: Buffer.byteLength(file.content), mimetype: file.name.endsWith(".csv") ? "text/csv" : "text/plain", filetype: file.name.split(".").pop() ?? "text", url_private: url, url_private_download: url };
}

function filesMethod(method: string, args: Args, ctx: MethodContext): Answer | undefined {
  const { state } = ctx;
  switch (method) {
    case "files.getUploadURLExternal": {
      const name = str(args.filename);
      if (!name) return fail("invalid_arguments");
      const file: HostedFile = { id: randomId("F"), name, title: name, content: "", user: ctx.bot.userId, pending: true };
      state.saveFile(file);
      return { ok: true, file_id: file.id, upload_url: `${ctx.baseUrl}/upload/${file.id}` };
    }
    case "files.completeUploadExternal": {
      const listed = jsonField(args.files);
      if (!Array.isArray(listed) || listed.length === 0) return fail("invalid_arguments");
      const files: HostedFile[] = [];
      for (const entry of listed as { id?: string; title?: string }[]) {
        const file = state.files.get(String(entry.id));
        if (!file) return fail("file_not_found");
        files.push(file);
      }
      const channelArg = str(args.channel_id);
      const channel = channelArg ? state.resolveChannel(channelArg) : undefined;
      if (channelArg && !channel) return fail("channel_not_found");
      for (const [i, file] of files.entries()) {
        file.title = (listed as { title?: string }[])[i]?.title ?? file.name;
        delete file.pending;
        state.saveFile(file);
      }
      if (channel) {
        const threadTs = str(args.thread_ts);
        state.addMessage({ channel: channel.id, ts: state.nextTs(), user: ctx.bot.userId, text: typeof args.initial_comment === "string" ? args.initial_comment : "", files: files.map((f) => ({ id: f.id, name: f.name, title: f.title })), ...(threadTs ? { threadTs } : {}) });
      }
      return { ok: true, files: files.map((f) => ({ id: f.id, title: f.title, name: f.name })) };
    }
    case "files.info": {
      const file = state.files.get(String(args.file ?? ""));
      if (!file || file.pending) return fail("file_not_found");
      return { ok: true, file: fileJson(file, ctx) };
    }
    default:
      return undefined;
  }
}

/**
 * Answers one Web API method as Slack does, from the workspace's state, errors included. Methods
 * the workspace does not know answer `unknown_method`, as Slack answers a misspelt one.
 */
export function answerMethod(method: string, args: Args, ctx: MethodContext): Answer {
  const { state } = ctx;
  switch (method) {
    case "api.test":
      return { ok: true, args };
    case "auth.test":
      return { ok: true, url: `${ctx.baseUrl}/`, team: ctx.team.name, user: state.person(ctx.bot.userId)?.name ?? "refund-desk", team_id: ctx.team.id, user_id: ctx.bot.userId, bot_id: ctx.bot.botId, is_enterprise_install: false };
    case "users.info": {
      const person = state.person(String(args.user ?? ""));
      if (!person) return fail("user_not_found");
      return { ok: true, user: userJson(person, args.include_locale === true || args.include_locale === "true") };
    }
    case "users.list":
      return { ok: true, members: [...state.people.values()].map((p) => userJson(p, args.include_locale === true || args.include_locale === "true")), response_metadata: { next_cursor: "" } };
    case "usergroups.users.list": {
      const members = state.userGroups.get(String(args.usergroup ?? ""));
      return members ? { ok: true, users: members } : fail("no_such_subteam");
    }
  }
  return chatMethod(method, args, ctx) ?? viewsMethod(method, args, ctx) ?? filesMethod(method, args, ctx) ?? fail("unknown_method");
}
