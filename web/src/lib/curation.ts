// What the pages share to change the graph and to follow it live: the
// API token (kept in this tab's sessionStorage, sent as Authorization:
// Bearer), the curation actions on an entity or an edge (merge, retract,
// and the entity's curation history), and live updates over server-sent
// events.

import { el } from './dom';
import { gql, RequestError } from './gql';
import { EntityBox } from './suggest';
import './curation.css';

const tokenKey = 'diplograph-token';

/** The token of this tab, or "". */
export function token(): string {
  return sessionStorage.getItem(tokenKey) ?? '';
}

/** Runs a query or mutation with the tab's token. */
export function gqlAuth<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const t = token();
  return gql<T>(query, variables, undefined, t ? { Authorization: `Bearer ${t}` } : {});
}

/** Who the token is: null without one, or when the server refuses it. */
export interface Who {
  name: string;
  canWrite: boolean;
}

let who: Promise<Who | null> | null = null;
const listeners: ((w: Who | null) => void)[] = [];

/** Who the tab's token is, asked once per token. */
export function whoAmI(): Promise<Who | null> {
  if (!who) {
    who = token()
      ? gqlAuth<{ me: Who | null }>('{ me { name canWrite } }').then((d) => d.me).catch(() => null)
      : Promise.resolve(null);
  }
  return who;
}

/** Calls fn now and whenever the token changes. */
export function onWho(fn: (w: Who | null) => void): void {
  listeners.push(fn);
  void whoAmI().then(fn);
}

function setToken(t: string): void {
  if (t) sessionStorage.setItem(tokenKey, t);
  else sessionStorage.removeItem(tokenKey);
  who = null;
  void whoAmI().then((w) => listeners.forEach((fn) => fn(w)));
}

/** Adds the token field to the page header: a password input and who it is. */
export function installToken(): void {
  const header = document.querySelector('header.site');
  if (!header || header.querySelector('.token')) return;
  const input = el('input', { id: 'token', type: 'password', autocomplete: 'off', placeholder: 'API token to make changes', 'aria-label': 'API token' });
  input.value = token();
  const state = el('span', { id: 'token-state', class: 'muted small', 'aria-live': 'polite' });
  // A plain button, not a submit one: the pages' own forms are found by
  // their submit buttons. Enter in the field still submits this form.
  const use = el('button', { type: 'button' }, 'Use');
  const form = el('form', { class: 'token' }, input, use, state);
  use.addEventListener('click', () => setToken(input.value.trim()));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    setToken(input.value.trim());
  });
  header.append(form);
  onWho((w) => {
    state.textContent = w ? `${w.name} (${w.canWrite ? 'may write' : 'read-only'})` : token() ? 'token refused' : 'reading only';
    document.body.classList.toggle('can-write', !!w?.canWrite);
  });
}

/** A curation record as the history lists it. */
interface Rec {
  id: string;
  op: string;
  who: string;
  at: string;
  reason: string;
  undoneBy?: { id: string } | null;
}

const historyQuery = `query History($id: ID!) {
  curationLog(entity: $id, first: 10) { totalCount nodes { id op who at reason undoneBy { id } } }
}`;

/** What the actions are about. */
export interface Target {
  kind: 'entity' | 'edge';
  id: string;
  name: string;
  /** Called after a change committed, with its record. */
  done: (op: string, rec: { id: string }, into?: string) => void;
}

/** Fills panel with the curation actions of t for a writing token (merge
 * an entity into another, retract an edge), and the entity's history. */
export function curationActions(panel: HTMLElement, t: Target): void {
  const gen = (generation.get(panel) ?? 0) + 1;
  generation.set(panel, gen);
  panel.replaceChildren();
  panel.hidden = false;
  const status = el('p', { class: 'status', role: 'status' });
  const reason = el('input', { type: 'text', id: `reason-${t.kind}`, class: 'reason', placeholder: 'why (kept in the curation log)' });
  const forms = el('div', { class: 'curate-forms' });
  panel.append(el('h2', {}, 'Curate'), forms, status);
  const run = async (op: string, fn: () => Promise<{ id: string }>, into?: string) => {
    if (!reason.value.trim()) {
      status.textContent = 'Say why: the curation log keeps the reason of every change.';
      status.classList.add('alert');
      return;
    }
    status.classList.remove('alert');
    status.textContent = 'Saving…';
    try {
      const rec = await fn();
      status.textContent = `Done: ${op.toLowerCase().replaceAll('_', ' ')} recorded as ${rec.id}.`;
      t.done(op, rec, into);
    } catch (err) {
      status.textContent = err instanceof RequestError && err.code ? `${err.code}: ${err.message}` : (err as Error).message;
      status.classList.add('alert');
    }
  };
  onWho((w) => {
    forms.replaceChildren();
    if (!w?.canWrite) {
      forms.append(el('p', { class: 'muted small' }, 'Enter a token that may write (top right) to merge or retract.'));
      return;
    }
    forms.append(el('label', { for: reason.id }, 'Reason'), reason);
    if (t.kind === 'entity') {
      const into = el('input', { type: 'text', id: 'merge-into', placeholder: 'the entity to keep' });
      const combo = el('div', { class: 'combo' }, el('label', { for: 'merge-into' }, 'Merge into'), into);
      forms.append(combo);
      const box = new EntityBox(into); // after the input is in the page: the suggestions go beside it
      const merge = el('button', { type: 'button', id: 'merge', class: 'primary' }, `Merge ${t.name} into it`);
      merge.addEventListener('click', () => {
        const target = box.value();
        if (!target) {
          status.textContent = 'Pick the entity to merge into.';
          return;
        }
        void run('MERGE_ENTITIES', async () => {
          const d = await gqlAuth<{ mergeEntities: { id: string } }>(
            `mutation($into: ID!, $from: ID!, $reason: String!) { mergeEntities(into: $into, from: [$from], reason: $reason) { id } }`,
            { into: target, from: t.id, reason: reason.value.trim() });
          return d.mergeEntities;
        }, target);
      });
      forms.append(merge);
    } else {
      const retract = el('button', { type: 'button', id: 'retract', class: 'primary' }, 'Retract this fact');
      retract.addEventListener('click', () => void run('RETRACT_EDGE', async () => {
        const d = await gqlAuth<{ retractEdge: { id: string } }>(
          `mutation($id: ID!, $reason: String!) { retractEdge(id: $id, reason: $reason) { id } }`, { id: t.id, reason: reason.value.trim() });
        return d.retractEdge;
      }));
      forms.append(retract);
    }
  });
  if (t.kind === 'entity') void history(panel, t.id, gen);
}

/** How many times each panel was filled: a history that arrives after the
 * panel was filled again (a quick second selection) is dropped, not
 * appended beside the newer one. */
const generation = new WeakMap<HTMLElement, number>();

/** Appends the curation history of an entity, with undo for a writer. */
async function history(panel: HTMLElement, id: string, gen: number): Promise<void> {
  let data: { curationLog: { totalCount: number; nodes: Rec[] } };
  try {
    data = await gql(historyQuery, { id });
  } catch {
    return;
  }
  if (generation.get(panel) !== gen) return;
  const log = data.curationLog;
  const list = el('ol', { class: 'history', id: 'history' });
  for (const r of log.nodes) {
    const item = el('li', {}, el('strong', {}, r.op.toLowerCase().replaceAll('_', ' ')), ` by ${r.who}, ${r.at.slice(0, 16).replace('T', ' ')}: `, r.reason,
      r.undoneBy ? el('span', { class: 'muted' }, ' (undone)') : '');
    list.append(item);
  }
  panel.append(el('h3', {}, `History (${log.totalCount})`), log.totalCount > 0 ? list : el('p', { class: 'muted small' }, 'No change by hand yet.'));
}

/** A change as the pages ask for it. */
export interface Change {
  seq: number;
  origin: string;
  entityIds: string[];
  entities: { id: string; name: string; kind: string; date?: string | null }[];
  edges: {
    id: string;
    type: string;
    fromId: string;
    toId: string;
    removed: boolean;
    edge?: { id: string; type: string; date?: string | null; endDate?: string | null; from: { id: string; name: string; kind: string; date?: string | null }; to: { id: string; name: string; kind: string; date?: string | null } } | null;
  }[];
}

const changeQuery = `subscription Live($entity: ID, $types: [EdgeType!]) {
  graphChanged(entity: $entity, types: $types) {
    seq origin entityIds entities { id name kind date }
    edges { id type fromId toId removed edge { id type date endDate from { id name kind date } to { id name kind date } } }
  }
}`;

/** Follows graphChanged over server-sent events until stop is called,
 * reconnecting after a pause when the stream ends; resync is called after
 * a reconnection, when changes may have been missed. */
export function follow(vars: { entity?: string | null; types?: string[] }, onChange: (c: Change) => void, resync: () => void = () => {}): () => void {
  let stopped = false;
  let ctl: AbortController | null = null;
  let delay = 1000;
  const connect = async (again: boolean) => {
    while (!stopped) {
      ctl = new AbortController();
      try {
        const resp = await fetch('/graphql', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Accept: 'text/event-stream' },
          body: JSON.stringify({ query: changeQuery, variables: vars }),
          signal: ctl.signal,
        });
        if (!resp.ok || !resp.body) throw new Error(`HTTP ${resp.status}`);
        document.body.dataset.live = 'on';
        if (again) resync();
        delay = 1000;
        const reader = resp.body.pipeThrough(new TextDecoderStream()).getReader();
        let buf = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buf += value;
          let i: number;
          while ((i = buf.indexOf('\n\n')) >= 0) {
            const block = buf.slice(0, i);
            buf = buf.slice(i + 2);
            for (const line of block.split('\n')) {
              if (!line.startsWith('data: ')) continue;
              const msg = JSON.parse(line.slice(6)) as { data?: { graphChanged?: Change } };
              if (msg.data?.graphChanged) onChange(msg.data.graphChanged);
            }
          }
        }
      } catch {
        if (stopped) return;
      }
      document.body.dataset.live = 'off';
      again = true;
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(delay * 2, 30_000);
    }
  };
  void connect(false);
  return () => {
    stopped = true;
    ctl?.abort();
  };
}
