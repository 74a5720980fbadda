// The timeline page at /timeline: the events and dated edges of an entity
// or a date range on a zoomable vis-timeline, in lanes by type or by
// participant, with the evidence of an item on click and a TimelineJS
// download.
//
// The chart's items come from the server's own vis-timeline export
// (timelineExport, format VIS), which already draws each date with its
// precision: a year is a bar over the year, not a point on 1 January.
// timelineItems adds what the lanes and the list need: TIMEX3 dates and
// participants.

import { Timeline, type TimelineOptions } from 'vis-timeline';
import 'vis-timeline/styles/vis-timeline-graph2d.css';
import { byId, dateText, el, Messages } from './lib/dom';
import { aborted, gql, RequestError } from './lib/gql';
import { EntityBox } from './lib/suggest';
import { curationActions, follow, installToken } from './lib/curation';
import './lib/page.css';
import './timeline.css';

interface VisItem {
  id: string;
  content: string;
  start: string;
  end?: string;
  group: string;
  type: string;
  title: string;
}

interface VisGroup {
  id: string;
  content: string;
  title?: string;
}

interface Named {
  id: string;
  name: string;
}

interface TimelineItem {
  date: string;
  endDate?: string | null;
  event?: { id: string } | null;
  edge?: { id: string; from: Named; to: Named } | null;
}

interface TimelineData {
  entity?: (Named & { kind: string }) | null;
  // A JSON object (the API's JSON scalar), items and groups ready for vis.
  timelineExport: { items: VisItem[]; groups: VisGroup[] };
  timelineItems: { totalCount: number; nodes: TimelineItem[] };
}

// One request for what the chart and the list show. timelineItems reads at
// most 500 items (the API's page cap), as the export reads at most 500
// events; it adds the TIMEX3 dates that the list shows with their precision.
const timelineQuery = `query Timeline($entity: ID, $id: ID!, $hasEntity: Boolean!, $from: Date, $to: Date) {
  entity(id: $id) @include(if: $hasEntity) { id name kind }
  timelineExport(entity: $entity, from: $from, to: $to, format: VIS)
  timelineItems(entity: $entity, from: $from, to: $to, first: 500) {
    totalCount
    nodes { date endDate event { id } edge { id from { id name } to { id name } } }
  }
}`;

// Participants are asked for only when the lanes are by participant, a page
// at a time: a list inside a list is priced by the query complexity limit.
const participantsQuery = `query Participants($entity: ID, $from: Date, $to: Date, $after: String) {
  timelineItems(entity: $entity, from: $from, to: $to, first: 200, after: $after) {
    pageInfo { hasNextPage endCursor }
    nodes { event { id participants { id name } } }
  }
}`;

/** Pages of participants read at most, as many events as the export shows. */
const participantPages = 3;

interface Evidence {
  // ARTICLE: a sentence of an article; REFERENCE: a record of a reference
  // dataset (an office holder's term), whose "article" is the dataset.
  kind?: 'ARTICLE' | 'REFERENCE';
  quote: string;
  sentence: number;
  article?: { id: string; title: string; url?: string | null; published?: string | null } | null;
  articleId: string;
}

interface EdgeDetail {
  type: string;
  role?: string | null;
  date?: string | null;
  endDate?: string | null;
  status?: string | null;
  from: Named;
  to: Named;
  evidence: Evidence[];
}

const evidenceFields = `evidence { kind quote sentence articleId article { id title url published } }`;

const edgeQuery = `query EdgeEvidence($id: ID!) {
  node(id: $id) { ... on Edge { type role date endDate status from { id name } to { id name } ${evidenceFields} } }
}`;

const eventQuery = `query EventEvidence($id: ID!) {
  entity(id: $id) {
    id name date endDate
    ... on Event { type status participants { id name } places { id name } }
    edges(first: 50) { nodes { type from { id name } to { id name } ${evidenceFields} } }
  }
}`;

const messages = new Messages(byId('status'), byId('error'));
const form = byId<HTMLFormElement>('query');
const entityBox = new EntityBox(byId<HTMLInputElement>('entity'));
const fromInput = byId<HTMLInputElement>('from');
const toInput = byId<HTMLInputElement>('to');
const lanesSelect = byId<HTMLSelectElement>('lanes');
const download = byId<HTMLAnchorElement>('download');
const list = byId<HTMLOListElement>('items');
const evidencePanel = byId('evidence');
const title = byId('title');
const showAll = byId<HTMLButtonElement>('show-all');

const options: TimelineOptions = {
  stack: true,
  orientation: 'top',
  zoomable: true,
  verticalScroll: true,
  maxHeight: 460,
  zoomMin: 24 * 3600 * 1000 * 7,
  groupOrder: 'content',
  tooltip: { followMouse: true, overflowMethod: 'cap' },
  selectable: true,
};

let timeline: Timeline | null = null;
// The ids of the chart's items: with lanes by participant one export item
// is drawn once per lane.
let drawn: string[] = [];
let request: AbortController | null = null;
// The last answer, kept so that switching lanes redraws without asking again.
let shown: {
  items: VisItem[];
  groups: VisGroup[];
  byId: Map<string, TimelineItem>;
  participants?: Map<string, Named[]>;
  vars: Record<string, string | null>;
  subject?: string;
} | null = null;

/** The text of a bit of escaped HTML from the export. */
function plain(html: string): string {
  return new DOMParser().parseFromString(html, 'text/html').body.textContent ?? '';
}

/** Lanes by participant: an event appears once in the lane of each
 * participant, an edge in the lane of its end that is not the timeline's
 * own entity. Item ids get a suffix, since vis ids must be unique. */
function byParticipant(items: VisItem[], info: Map<string, TimelineItem>, participants: Map<string, Named[]>, subject?: string): { items: VisItem[]; groups: VisGroup[] } {
  const groups = new Map<string, VisGroup>();
  const out: VisItem[] = [];
  const lane = (who: Named | null, item: VisItem) => {
    const id = who ? who.id : '-';
    // The lane's name is cut by CSS to a fixed width; its title shows it whole.
    if (!groups.has(id)) groups.set(id, { id, content: who ? escapeHTML(who.name) : 'no participant known', title: who ? who.name : undefined });
    out.push({ ...item, id: `${item.id}|${id}`, group: id });
  };
  for (const item of items) {
    const t = info.get(item.id);
    const who = participants.get(item.id);
    if (t?.event || who) {
      if (!who || who.length === 0) lane(null, item);
      for (const p of who ?? []) lane(p, item);
    } else if (t?.edge) {
      lane(t.edge.from.id === subject ? t.edge.to : t.edge.from, item);
    } else {
      lane(null, item);
    }
  }
  return { items: out, groups: [...groups.values()] };
}

function escapeHTML(s: string): string {
  const d = document.createElement('div');
  d.textContent = s;
  return d.innerHTML;
}

/** The export item id behind a chart item (lanes by participant add a suffix). */
function baseId(id: string): string {
  const i = id.indexOf('|');
  return i < 0 ? id : id.slice(0, i);
}

/** Reads the participants of the events shown, for lanes by participant. */
async function loadParticipants(vars: Record<string, string | null>): Promise<Map<string, Named[]>> {
  const out = new Map<string, Named[]>();
  let after: string | null = null;
  for (let page = 0; page < participantPages; page++) {
    type Page = { timelineItems: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: { event?: { id: string; participants: Named[] } | null }[] } };
    const data: Page = await gql<Page>(participantsQuery, { ...vars, after });
    for (const n of data.timelineItems.nodes) if (n.event) out.set(n.event.id, n.event.participants);
    if (!data.timelineItems.pageInfo.hasNextPage) break;
    after = data.timelineItems.pageInfo.endCursor;
  }
  return out;
}

async function draw(): Promise<void> {
  if (!shown) return;
  let { items, groups } = shown;
  if (lanesSelect.value === 'participant') {
    if (!shown.participants) {
      const current = shown;
      try {
        current.participants = await loadParticipants(current.vars);
      } catch (err) {
        messages.error((err as Error).message);
        return;
      }
      if (shown !== current) return;
    }
    ({ items, groups } = byParticipant(items, shown.byId, shown.participants!, shown.subject));
  }
  drawn = items.map((i) => i.id);
  const container = byId('vis');
  const win = windowOf(items);
  const bounds = win ? { start: win.start, end: win.end } : {};
  if (!timeline) {
    // The window goes in the options: a timeline built without one fits
    // itself to its items after the first draw, undoing a setWindow.
    timeline = new Timeline(container, items, groups, { ...options, ...bounds });
    timeline.on('select', (props: { items: string[] }) => {
      if (props.items.length > 0) void showEvidence(baseId(String(props.items[0])));
    });
  } else {
    timeline.setData({ groups, items });
    if (win) timeline.setWindow(win.start, win.end, { animation: false });
  }
  showAll.hidden = !win || win.outside === 0;
  if (win && win.outside > 0) {
    showAll.textContent = `Show all (${win.outside} more far off)`;
    showAll.onclick = () => timeline?.setWindow(win.all.start, win.all.end);
  }
  container.dataset.outside = String(win?.outside ?? 0);
}

/** The window a timeline opens on: the dense part of its items, with a
 * margin on both sides (labels run to the right of their date, so the
 * right margin is wider). Items far from the rest, such as a treaty of
 * 1639 on a timeline of the 2010s, would stretch the axis over centuries
 * and crush everything else into a few pixels, so the window leaves out
 * items beyond Tukey's far fences (three interquartile ranges past the
 * quartiles of the items' starts); they stay one drag or "Show all" away,
 * and the status line says how many there are. */
function windowOf(items: VisItem[]): { start: number; end: number; outside: number; all: { start: number; end: number } } | null {
  if (items.length === 0) return null;
  const starts = items.map((i) => Date.parse(i.start)).sort((a, b) => a - b);
  const q = (p: number) => starts[Math.min(starts.length - 1, Math.floor(p * (starts.length - 1)))];
  const iqr = q(0.75) - q(0.25);
  const year = 365.25 * 24 * 3600 * 1000;
  // A fence never closer than five years, so a tight cluster keeps its
  // neighbours.
  const reach = Math.max(3 * iqr, 5 * year);
  const loFence = q(0.25) - reach;
  const hiFence = q(0.75) + reach;
  let lo = Infinity;
  let hi = -Infinity;
  let allLo = Infinity;
  let allHi = -Infinity;
  // Items, not chart items: with lanes by participant one item is drawn
  // in several lanes.
  const outside = new Set<string>();
  for (const i of items) {
    const s = Date.parse(i.start);
    const e = Date.parse(i.end ?? i.start);
    allLo = Math.min(allLo, s);
    allHi = Math.max(allHi, e);
    if (s < loFence || s > hiFence) {
      outside.add(baseId(i.id));
      continue;
    }
    lo = Math.min(lo, s);
    // A span that runs far past the dense part (an office held for
    // decades) is cut at the fence; it is a bar either way.
    hi = Math.max(hi, Math.min(e, hiFence));
  }
  const pad = (a: number, b: number) => {
    const span = Math.max(b - a, 60 * 24 * 3600 * 1000);
    return { start: a - span * 0.05, end: b + span * 0.3 };
  };
  return { ...pad(lo, hi), outside: outside.size, all: pad(allLo, allHi) };
}

function renderList(items: VisItem[], info: Map<string, TimelineItem>): void {
  list.replaceChildren(
    ...items.map((item, i) => {
      const t = info.get(item.id);
      const when = t ? dateText(t.date, t.endDate) : item.start;
      const button = el('button', { type: 'button', class: 'item', 'data-id': item.id }, el('span', { class: 'when' }, when), ' ', plain(item.content));
      button.addEventListener('click', () => {
        timeline?.setSelection(drawn.filter((d) => baseId(d) === item.id), { focus: true, animation: {} });
        void showEvidence(item.id);
      });
      // The number is an element of its own beside the button, not the
      // list marker: a marker sits on the baseline of an inline button's
      // last line, so a wrapped item's number dropped to its second line.
      return el('li', {}, el('span', { class: 'n', 'aria-hidden': 'true' }, `${i + 1}.`), button);
    }),
  );
}

async function load(ev?: Event): Promise<void> {
  ev?.preventDefault();
  const entity = entityBox.value();
  const from = fromInput.value.trim();
  const to = toInput.value.trim();
  if (!entity && !from && !to) {
    messages.error('Pick an entity or a date range (or both).');
    return;
  }
  const params = new URLSearchParams();
  if (entity) params.set('entity', entity);
  if (from) params.set('from', from);
  if (to) params.set('to', to);
  history.replaceState(null, '', `/timeline?${params}`);
  download.href = `/export/timeline.json?${params}&format=timelinejs`;

  request?.abort();
  const ctl = new AbortController();
  request = ctl;
  messages.info('Loading…');
  const vars = { entity: entity || null, from: from || null, to: to || null };
  let data: TimelineData;
  try {
    data = await gql<TimelineData>(timelineQuery, { ...vars, id: entity, hasEntity: !!entity }, ctl.signal);
  } catch (err) {
    if (aborted(err)) return;
    clear();
    if (err instanceof RequestError && err.code === 'ENOTFOUND') messages.error(`No entity matches “${entity}”. Pick one from the suggestions.`);
    else messages.error((err as Error).message);
    return;
  }
  if (entity && !data.entity) {
    clear();
    messages.error(`No entity matches “${entity}”. Pick one from the suggestions.`);
    return;
  }
  const doc = data.timelineExport;
  const info = new Map<string, TimelineItem>();
  for (const n of data.timelineItems.nodes) {
    const id = n.event?.id ?? n.edge?.id;
    if (id) info.set(id, n);
  }
  if (data.entity) entityBox.set(data.entity);
  const range = from || to ? ` between ${from || 'the beginning'} and ${to || 'now'}` : '';
  const name = data.entity?.name;
  title.textContent = name ? `Timeline of ${name}` : `Timeline${range}`;
  document.title = `${name ? name + ' · ' : ''}Timeline · diplograph`;
  if (doc.items.length === 0) {
    clear();
    messages.info(`Nothing dated is known${name ? ' about ' + name : ''}${range}.`);
    return;
  }
  shown = { items: doc.items, groups: doc.groups, byId: info, vars, subject: data.entity?.id };
  await draw();
  renderList(doc.items, info);
  download.hidden = false;
  const more = data.timelineItems.totalCount > data.timelineItems.nodes.length ? ` (the first ${data.timelineItems.nodes.length} of ${data.timelineItems.totalCount})` : '';
  const far = Number(byId('vis').dataset.outside ?? 0);
  const farText = far > 0 ? ` ${far} far from the rest ${far === 1 ? 'is' : 'are'} out of view: drag, zoom out or “Show all”.` : '';
  messages.info(`${doc.items.length} items${more}${name ? ' for ' + name : ''}${range}. Drag to move, scroll or pinch to zoom, click an item for its evidence.${farText}`);
  watch(data.entity?.id ?? null);
}

function clear(): void {
  shown = null;
  showAll.hidden = true;
  drawn = [];
  timeline?.setData({ items: [], groups: [] });
  list.replaceChildren();
  download.hidden = true;
}

async function showEvidence(id: string): Promise<void> {
  evidencePanel.replaceChildren(el('h2', { id: 'evidence-h' }, 'Evidence'), el('p', { class: 'status' }, 'Loading…'));
  try {
    if (id.startsWith('edge:')) {
      const data = await gql<{ node: EdgeDetail | null }>(edgeQuery, { id });
      if (!data.node) throw new RequestError('This edge is no longer in the graph.');
      const e = data.node;
      renderEvidence(`${e.from.name} ${e.type.toLowerCase().replaceAll('_', ' ')}${e.role ? ' (' + e.role + ')' : ''} ${e.to.name}`,
        [dateText(e.date, e.endDate), e.status ?? ''], e.evidence, [e.from, e.to]);
      curate('edge', id, `${e.from.name} ${e.type.toLowerCase().replaceAll('_', ' ')} ${e.to.name}`);
      return;
    }
    const data = await gql<{ entity: (Named & { date?: string; endDate?: string; type?: string; status?: string; participants?: Named[]; places?: Named[]; edges: { nodes: EdgeDetail[] } }) | null }>(eventQuery, { id });
    const e = data.entity;
    if (!e) throw new RequestError('This event is no longer in the graph.');
    const seen = new Set<string>();
    const evidence: Evidence[] = [];
    for (const edge of e.edges.nodes) {
      for (const ev of edge.evidence) {
        const key = `${ev.articleId}#${ev.sentence}`;
        if (!seen.has(key)) {
          seen.add(key);
          evidence.push(ev);
        }
      }
    }
    const who = (e.participants ?? []).map((p) => p.name).join(', ');
    const where = (e.places ?? []).map((p) => p.name).join(', ');
    renderEvidence(e.name, [dateText(e.date, e.endDate), [e.type, e.status].filter(Boolean).join(', '), who && `with ${who}`, where && `in ${where}`],
      evidence, [...(e.participants ?? []), ...(e.places ?? [])]);
    curate('entity', id, e.name);
  } catch (err) {
    evidencePanel.replaceChildren(el('h2', { id: 'evidence-h' }, 'Evidence'), el('p', { class: 'alert', role: 'alert' }, (err as Error).message));
  }
}

function renderEvidence(heading: string, facts: string[], evidence: Evidence[], related: Named[]): void {
  const quotes = evidence.map((ev) => {
    const a = ev.article;
    const source = a?.url
      ? el('a', { href: a.url, rel: 'noopener noreferrer', target: '_blank' }, a.title)
      : el('cite', {}, a?.title ?? ev.articleId);
    return el('blockquote', {}, el('p', {}, ev.quote),
      ev.kind === 'REFERENCE'
        ? el('footer', {}, 'Reference data: ', source, `, record ${ev.sentence}`)
        : el('footer', {}, source, a?.published ? `, ${a.published}` : '', `, sentence ${ev.sentence}`));
  });
  evidencePanel.replaceChildren(
    el('h2', { id: 'evidence-h' }, 'Evidence'),
    el('h3', {}, heading),
    el('p', { class: 'muted' }, facts.filter(Boolean).join(' · ')),
    ...(quotes.length > 0 ? quotes : [el('p', { class: 'muted' }, 'No sentence is recorded for this item.')]),
  );
  if (related.length > 0) {
    evidencePanel.append(el('p', { class: 'small' }, 'Explore: ',
      ...related.flatMap((r, i) => [i > 0 ? ', ' : '', el('a', { href: `/explore?entity=${encodeURIComponent(r.id)}` }, r.name)])));
  }
}

// Curation (lib/curation.ts): with a token that may write, the item shown
// can be retracted (an edge) or merged into another (an event), and the
// timeline follows what is committed while it is open.
const curatePanel = byId('curate');
installToken();

function curate(kind: 'entity' | 'edge', id: string, name: string): void {
  curationActions(curatePanel, {
    kind, id, name,
    done: () => {
      curatePanel.hidden = true;
      evidencePanel.replaceChildren(el('h2', { id: 'evidence-h' }, 'Evidence'));
      void load();
    },
  });
}

let stopFollowing: (() => void) | null = null;
let following: string | null | undefined;
let reloadTimer = 0;

/** Follows the changes of the timeline's entity (of everything for a
 * date range) and loads the timeline again, once, after a burst. */
function watch(entity: string | null): void {
  if (following === entity && stopFollowing) return;
  stopFollowing?.();
  following = entity;
  const again = () => {
    window.clearTimeout(reloadTimer);
    reloadTimer = window.setTimeout(() => {
      messages.info('The graph changed: updating…');
      void load();
    }, 400);
  };
  stopFollowing = follow({ entity }, again, again);
}

form.addEventListener('submit', (ev) => void load(ev));
lanesSelect.addEventListener('change', () => void draw());

// A link such as /timeline?entity=person:sergey-lavrov opens that timeline.
const start = new URLSearchParams(location.search);
if (start.get('entity') || start.get('from') || start.get('to')) {
  entityBox.input.value = start.get('entity') ?? '';
  fromInput.value = start.get('from') ?? '';
  toInput.value = start.get('to') ?? '';
  void load();
} else {
  messages.info('Pick an entity or a date range to see its timeline.');
}
