// The "Add an article" page at /add: paste a text or choose an HTML page,
// preview what extraction reads from it (ingestArticles with dryRun), then
// add it with a token that may write. The result links to the timeline
// and the explorer of what was added.

import { byId, el, Messages } from './lib/dom';
import { RequestError } from './lib/gql';
import { gqlAuth, installToken, onWho } from './lib/curation';
import './lib/page.css';
import './add.css';

interface Entity {
  id: string;
  name: string;
  kind: string;
  date?: string | null;
}

interface Ingested {
  refused?: string | null;
  article?: { id: string; title: string; published?: string | null } | null;
  entities: Entity[];
  edges: { id: string; type: string; fromId: string; toId: string; date?: string | null }[];
  newEntityIds: string[];
  newEdgeIds: string[];
}

const ingestQuery = `mutation Ingest($a: [ArticleInput!]!, $dry: Boolean) {
  ingestArticles(articles: $a, dryRun: $dry) {
    articles { refused article { id title published } entities { id name kind date } edges { id type fromId toId date } newEntityIds newEdgeIds }
    record { id }
  }
}`;

const messages = new Messages(byId('status'), byId('error'));
const form = byId<HTMLFormElement>('article');
const text = byId<HTMLTextAreaElement>('text');
const file = byId<HTMLInputElement>('file');
const fileName = byId('file-name');
const addButton = byId<HTMLButtonElement>('add');
const result = byId('result');

let html = '';
let previewed = '';
let canWrite = false;

installToken();
onWho((w) => {
  canWrite = !!w?.canWrite;
  addButton.disabled = !canWrite || !previewed;
  if (!w) messages.info('Enter a token that may write (top right) to preview and add articles.');
});

function input(): Record<string, string> {
  const a: Record<string, string> = {};
  const v = (id: string) => byId<HTMLInputElement>(id).value.trim();
  if (v('title')) a.title = v('title');
  if (v('published')) a.published = v('published');
  if (v('url')) a.url = v('url');
  if (html) a.html = html;
  else a.text = text.value;
  return a;
}

file.addEventListener('change', () => {
  const f = file.files?.[0];
  if (!f) return;
  const r = new FileReader();
  r.onload = () => {
    html = String(r.result ?? '');
    fileName.textContent = `${f.name}, ${Math.round(f.size / 1024)} KB: its main text will be read.`;
    previewed = '';
    addButton.disabled = true;
  };
  r.readAsText(f);
});
text.addEventListener('input', () => {
  html = '';
  file.value = '';
  fileName.textContent = '';
  previewed = '';
  addButton.disabled = true;
});

function render(a: Ingested, added: boolean): void {
  const names = new Map(a.entities.map((e) => [e.id, e.name]));
  const isNew = (fresh: boolean) => (fresh ? el('span', { class: 'new' }, 'new') : '');
  byId('result-h').textContent = added ? 'Added' : 'What would be added';
  byId('entities').replaceChildren(...a.entities.map((e) => el('li', { 'data-id': e.id },
    el('span', { class: `kind kind-${e.kind.toLowerCase()}` }, e.kind.toLowerCase()), ' ',
    added ? el('a', { href: `/explore?entity=${encodeURIComponent(e.id)}` }, e.name) : e.name,
    e.date ? ` · ${e.date}` : '', isNew(a.newEntityIds.includes(e.id)))));
  byId('edges').replaceChildren(...a.edges.map((e) => el('li', { 'data-id': e.id },
    `${names.get(e.fromId) ?? e.fromId} — ${e.type.toLowerCase().replaceAll('_', ' ')} — ${names.get(e.toId) ?? e.toId}${e.date ? ' (' + e.date + ')' : ''}`,
    isNew(a.newEdgeIds.includes(e.id)))));
  const art = a.article!;
  const summary = byId('summary');
  summary.replaceChildren(`“${art.title}”${art.published ? ', ' + art.published : ''}: ${a.entities.length} entities (${a.newEntityIds.length} new), ${a.edges.length} facts (${a.newEdgeIds.length} new).`);
  if (added) {
    const people = a.entities.find((e) => e.kind === 'PERSON') ?? a.entities[0];
    summary.append(' ', el('a', { id: 'open-timeline', href: `/timeline?entity=${encodeURIComponent(people?.id ?? '')}` }, `Timeline of ${people?.name ?? ''}`));
  }
  result.hidden = false;
}

async function ingest(dry: boolean): Promise<void> {
  const a = input();
  if (!a.html && !(a.text ?? '').trim()) {
    messages.error('Paste a text or choose a page first.');
    return;
  }
  messages.info(dry ? 'Reading…' : 'Adding…');
  let data: { ingestArticles: { articles: Ingested[]; record?: { id: string } | null } };
  try {
    data = await gqlAuth(ingestQuery, { a: [a], dry });
  } catch (err) {
    const code = err instanceof RequestError && err.code ? ` (${err.code})` : '';
    messages.error(`${(err as Error).message}${code}`);
    return;
  }
  const got = data.ingestArticles.articles[0];
  if (got.refused) {
    messages.error(`The article was refused: ${got.refused}.`);
    return;
  }
  render(got, !dry);
  if (dry) {
    previewed = JSON.stringify(a);
    addButton.disabled = !canWrite;
    messages.info('This is what would be added. Check it, then Add to the graph.');
  } else {
    previewed = '';
    addButton.disabled = true;
    messages.info(`Added as ${got.article!.id}; recorded as ${data.ingestArticles.record?.id ?? 'nothing new'}.`);
  }
}

form.addEventListener('submit', (ev) => {
  ev.preventDefault();
  void ingest(true);
});
addButton.addEventListener('click', () => {
  if (previewed !== JSON.stringify(input())) {
    messages.error('The article changed since the preview: preview it again.');
    return;
  }
  void ingest(false);
});
