import type { LocalWorkspace } from "./local-workspace";
import { initialValues } from "./modal-input-check";
import type { StoredMessage } from "./workspace-types";

/** How many messages of a channel the page shows: the latest. */
const SHOWN_MESSAGES = 300;

function messageJson(m: StoredMessage) {
  return { ts: m.ts, user: m.user, text: m.text, blocks: m.blocks ?? null, threadTs: m.threadTs ?? null, files: m.files ?? [], edited: Boolean(m.editedTs), ephemeral: Boolean(m.visibleTo) };
}

/**
 * What one person sees: the channels with their messages and threads (ephemeral ones only their
 * own), their direct messages with the bot, their App Home, the modals open for them, and the
 * names that mentions stand for.
 */
export function snapshotFor(ws: LocalWorkspace, as: string | undefined, customer: { customer: boolean; example: unknown }) {
  const { state } = ws;
  const people = [...state.people.values()].filter((p) => !p.isBot && p.title);
  const me = (as && state.person(as)) || people[0];
  const visible = (m: StoredMessage) => !m.visibleTo || m.visibleTo === me?.id;
  const channels = [...state.channels.values()].filter((c) => !c.isIm);
  const im = me ? state.imWith(me.id) : undefined;
  const history = (id: string) => state.history(id).filter(visible).slice(-SHOWN_MESSAGES).map(messageJson);
  return {
    revision: state.revision,
    team: ws.team.name,
    bot: { id: ws.bot.userId, name: ws.bot.name },
    me: me ?? null,
    people,
    names: {
      users: Object.fromEntries([...state.people.values()].map((p) => [p.id, p.realName])),
      channels: Object.fromEntries([...state.channels.values()].map((c) => [c.id, c.name])),
    },
    channels: channels.map((c) => ({ id: c.id, name: c.name, messages: history(c.id) })),
    dm: im ? { id: im.id, messages: history(im.id) } : null,
    home: me && state.homes.get(me.id) ? { id: state.homes.get(me.id)!.id, view: state.homes.get(me.id)!.view } : null,
    modals: me ? state.modalStack(me.id).map((v) => ({ id: v.id, hash: v.hash, view: v.view, errors: v.errors ?? {}, initial: initialValues(v.view.blocks) })) : [],
    customer,
  };
}

export type Snapshot = ReturnType<typeof snapshotFor>;
