// The graph explorer at /explore: start from an entity, expand neighbours
// on click (or from the entity list with the keyboard), filter by edge type
// and by a date slider, and highlight the path between two entities,
// optionally time-respecting. Drawn with Cytoscape.js on a canvas.
//
// Interactions are timed with performance.measure (names "explore:…"), so
// that the browser test can read how long adding, laying out and
// filtering take with thousands of nodes.

import cytoscape, { type Core, type ElementDefinition, type NodeSingular } from 'cytoscape';
import { byId, dateText, el, Messages } from './lib/dom';
import { aborted, gql } from './lib/gql';
import { EntityBox } from './lib/suggest';
import { curationActions, follow, installToken, type Change } from './lib/curation';
import './lib/page.css';
import './explore.css';

interface GEntity {
  id: string;
  name: string;
  kind: string;
  date?: string | null;
}

interface GEdge {
  id: string;
  type: string;
  date?: string | null;
  endDate?: string | null;
  from: { id: string };
  to: { id: string };
}

const entityFields = 'id name kind date';
const edgeFields = 'id type date endDate from { id } to { id }';

const neighbourhoodQuery = `query Neighbours($id: ID!, $first: Int!) {
  neighborhood(id: $id, hops: 1, first: $first) { nodes { ${entityFields} } edges { ${edgeFields} } truncated }
}`;

const entityQuery = `query Entity($id: ID!) { entity(id: $id) { ${entityFields} } }`;

const pathQuery = `query Path($from: ID!, $to: ID!, $timeRespecting: Boolean!) {
  path(from: $from, to: $to, maxHops: 4, timeRespecting: $timeRespecting) {
    hops
    steps { from { ${entityFields} } edge { ${edgeFields} } to { ${entityFields} } }
  }
}`;

/** How many neighbours one expansion asks for. */
const neighboursPerExpand = 150;
/** Up to this many nodes, every change is laid out again with the
 * force-directed layout; beyond it new nodes are placed in rings around
 * the node they came from, which costs nothing per existing node. */
const forceLayoutMax = 300;

const edgeTypes = ['PARTICIPATED_IN', 'HELD_IN', 'PARTY_TO', 'SIGNED', 'HOLDS_OFFICE', 'ALLIED_WITH', 'CLAIMS', 'BASED_ON', 'SUCCEEDED_BY', 'CONCERNS', 'LOCATED_IN', 'WITHDREW_FROM', 'AMENDED_BY', 'MENTIONS'];

const kindStyle: Record<string, { color: string; shape: string }> = {
  PERSON: { color: '#4e79a7', shape: 'ellipse' },
  STATE: { color: '#c35f00', shape: 'round-rectangle' },
  ORGANIZATION: { color: '#2f8f89', shape: 'hexagon' },
  PLACE: { color: '#3f7f3a', shape: 'triangle' },
  TREATY: { color: '#8a6d00', shape: 'tag' },
  EVENT: { color: '#b8323a', shape: 'diamond' },
};

const messages = new Messages(byId('status'), byId('error'));
const graphEl = byId('cy');
const nodeList = byId<HTMLSelectElement>('nodes');
const selectedInfo = byId('selected');
const expandButton = byId<HTMLButtonElement>('expand');
const yearFrom = byId<HTMLInputElement>('year-from');
const yearTo = byId<HTMLInputElement>('year-to');
const undated = byId<HTMLInputElement>('undated');
const typesBox = byId('types');
const pathSteps = byId<HTMLOListElement>('path-steps');

/** Labels are this many pixels high on screen at any zoom (see declutter). */
const labelPx = 11;
const labelFont = 'Helvetica Neue, Helvetica, Arial, sans-serif';

const cy: Core = cytoscape({
  container: graphEl,
  minZoom: 0.05,
  maxZoom: 4,
  // A pan or zoom moves a snapshot of the canvas and redraws the elements
  // once it stops, which keeps gestures over thousands of nodes smoother
  // (measured in BENCHMARKS.md).
  textureOnViewport: true,
  style: [
    {
      selector: 'node',
      style: {
        // No label but where declutter found room for one (class
        // labelled), the hovered node and the selected one.
        label: '',
        'font-size': labelPx,
        'font-family': labelFont,
        'text-valign': 'bottom',
        'text-margin-y': 3,
        width: 18,
        height: 18,
        'background-color': '#888',
        'border-width': 1,
        'border-color': '#fff',
      },
    },
    { selector: 'node.labelled', style: { label: 'data(short)' } },
    ...Object.entries(kindStyle).map(([kind, s]) => ({
      selector: `node[kind = "${kind}"]`,
      style: { 'background-color': s.color, shape: s.shape as cytoscape.Css.NodeShape },
    })),
    { selector: 'node.expanded', style: { 'border-width': 3, 'border-color': '#1d2330' } },
    { selector: 'node:selected', style: { 'overlay-opacity': 0.25, 'overlay-color': '#ffbf47', 'overlay-padding': 6 } },
    {
      selector: 'edge',
      style: {
        width: 1.2,
        'line-color': '#b5bcc8',
        // Haystack: the cheapest edges to draw, thousands at a time; they
        // carry no arrow or label (the path is also listed as text).
        'curve-style': 'haystack',
      },
    },
    { selector: '.hidden', style: { display: 'none' } },
    { selector: '.faded', style: { opacity: 0.2 } },
    { selector: 'node.path', style: { 'border-width': 4, 'border-color': '#d62728', width: 26, height: 26, 'font-weight': 'bold', 'z-index': 10 } },
    {
      selector: 'edge.path',
      style: { width: 4, 'line-color': '#d62728', 'z-index': 10 },
    },
    // The hovered and the selected node show their whole name on a white
    // ground, drawn over everything else.
    {
      selector: 'node.hover, node:selected',
      style: {
        label: 'data(name)', 'font-weight': 'bold', 'text-background-color': '#fff', 'text-background-opacity': 0.9,
        'text-background-padding': '2px', 'text-background-shape': 'roundrectangle', 'z-index-compare': 'manual', 'z-index': 9999,
      },
    },
  ],
});
// For the browser tests and the curious: the Cytoscape instance.
(window as unknown as { diplographExplorer: { cy: Core } }).diplographExplorer = { cy };

let root: string | null = null;
let request: AbortController | null = null;

/** The first and last year an edge's date covers, or null when undated. */
function years(date?: string | null, end?: string | null): [number, number] | null {
  if (!date) return null;
  const first = parseInt(date.slice(0, 4).replace('X', '0'), 10);
  const last = end ? parseInt(end.slice(0, 4).replace('X', '9'), 10) : parseInt(date.slice(0, 4).replace('X', '9'), 10);
  return Number.isNaN(first) ? null : [first, Number.isNaN(last) ? first : last];
}

function nodeDef(e: GEntity): ElementDefinition {
  // Long names are cut here, once, rather than by Cytoscape's text-wrap:
  // ellipsis, which measures every label and slows drawing thousands.
  const short = e.name.length > 32 ? e.name.slice(0, 30) + '…' : e.name;
  return { group: 'nodes', data: { id: e.id, name: e.name, short, kind: e.kind, date: e.date ?? '' } };
}

function edgeDef(e: GEdge): ElementDefinition {
  const y = years(e.date, e.endDate);
  return {
    group: 'edges',
    data: {
      id: e.id, source: e.from.id, target: e.to.id, type: e.type, date: e.date ?? '', endDate: e.endDate ?? '',
      label: `${e.type.toLowerCase().replaceAll('_', ' ')}${e.date ? ' ' + e.date : ''}`,
      y0: y ? y[0] : null, y1: y ? y[1] : null,
    },
  };
}

/** Places nodes in rings around (x, y), the nearest ring first. */
function ringPositions(n: number, x: number, y: number, start = 90): { x: number; y: number }[] {
  const out: { x: number; y: number }[] = [];
  let r = start;
  while (out.length < n) {
    const fit = Math.max(6, Math.floor((2 * Math.PI * r) / 34));
    const k = Math.min(fit, n - out.length);
    for (let i = 0; i < k; i++) {
      const a = (2 * Math.PI * i) / k + r / 97;
      out.push({ x: x + r * Math.cos(a), y: y + r * Math.sin(a) });
    }
    r += 45;
  }
  return out;
}

/** Adds entities and edges not yet in the graph; new nodes start in rings
 * around the node `around` (or the centre), and small graphs are laid out
 * again. Returns how many nodes were new. */
async function add(nodes: GEntity[], edges: GEdge[], around?: string): Promise<number> {
  // One cy.add of plain definitions: adding element by element costs a
  // collection per element, seconds at 2,000 nodes.
  const present = new Set(cy.elements().map((e) => e.id()));
  const fresh = nodes.filter((n) => !present.has(n.id) && present.add(n.id));
  const centre = around && present.has(around) && cy.getElementById(around).nonempty() ? cy.getElementById(around).position() : { x: 0, y: 0 };
  const pos = ringPositions(fresh.length, centre.x, centre.y);
  const defs: ElementDefinition[] = fresh.map((n, i) => ({ ...nodeDef(n), position: pos[i] }));
  for (const e of edges) {
    if (!present.has(e.id) && present.has(e.from.id) && present.has(e.to.id)) {
      present.add(e.id);
      defs.push(edgeDef(e));
    }
  }
  cy.add(defs);
  if (cy.nodes().length <= forceLayoutMax && fresh.length > 0) {
    await new Promise<void>((resolve) => {
      // Room between nodes for the labels that fit (see declutter).
      const layout = cy.layout({ name: 'cose', animate: false, randomize: false, fit: true, padding: 30, nodeRepulsion: () => 16000, idealEdgeLength: () => 90, numIter: 600 });
      layout.one('layoutstop', () => resolve());
      layout.run();
    });
  } else if (fresh.length > 0) {
    fitPositions();
  }
  return fresh.length;
}

/** Fits the view to the nodes' positions. Unlike cy.fit, it leaves labels
 * out of the bounding box, which spares measuring thousands of them (half a
 * second at 2,000 nodes). */
function fitPositions(padding = 30): void {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  cy.nodes().forEach((n) => {
    const p = n.position();
    x0 = Math.min(x0, p.x);
    y0 = Math.min(y0, p.y);
    x1 = Math.max(x1, p.x);
    y1 = Math.max(y1, p.y);
  });
  if (!Number.isFinite(x0)) return;
  const w = cy.width();
  const h = cy.height();
  const zoom = Math.min(cy.maxZoom(), Math.max(cy.minZoom(), Math.min((w - 2 * padding) / (x1 - x0 || 1), (h - 2 * padding) / (y1 - y0 || 1))));
  cy.viewport({ zoom, pan: { x: w / 2 - (zoom * (x0 + x1)) / 2, y: h / 2 - (zoom * (y0 + y1)) / 2 } });
}

const measureCtx = document.createElement('canvas').getContext('2d');

/** The width of text in labelPx-pixel labels, measured once per text. */
const widths = new Map<string, number>();
function textWidth(text: string, bold: boolean): number {
  const key = (bold ? 'b' : 'n') + text;
  let w = widths.get(key);
  if (w === undefined) {
    if (measureCtx) {
      measureCtx.font = `${bold ? 'bold ' : ''}${labelPx}px ${labelFont}`;
      w = measureCtx.measureText(text).width;
    } else {
      w = text.length * labelPx * 0.6;
    }
    widths.set(key, w);
  }
  return w;
}

type Box = { x0: number; y0: number; x1: number; y1: number };

/** Decides which nodes are labelled: the most important first (the
 * selected node, the start, the path, expanded nodes, then by degree), each
 * only where its label would overlap no label already placed and no other
 * node. A 50-node neighbourhood labelled whole is a pile of overlapping
 * text in which even the start's own name is lost; the rest show their
 * name on hover. Labels are kept labelPx high on screen whatever the zoom,
 * so zooming in makes room and labels more, as on a map; declutter runs
 * again when the view or the graph changes. It works in rendered pixels,
 * from the positions and a measure of each name, without asking Cytoscape
 * to lay out any label: with thousands of nodes that costs seconds. */
function declutter(): void {
  performance.mark('explore:labels-start');
  const zoom = cy.zoom();
  const pan = cy.pan();
  const w = cy.width();
  const h = cy.height();
  const cell = 64;
  const grid = new Map<number, Box[]>();
  const cellsOf = (b: Box) => {
    const out: number[] = [];
    for (let cx = Math.floor(b.x0 / cell); cx <= Math.floor(b.x1 / cell); cx++) {
      for (let cyy = Math.floor(b.y0 / cell); cyy <= Math.floor(b.y1 / cell); cyy++) out.push(cx * 100003 + cyy);
    }
    return out;
  };
  // Whether b overlaps a box placed, except the box `own` (a label's own node).
  const overlaps = (b: Box, own?: Box) =>
    cellsOf(b).some((k) => (grid.get(k) ?? []).some((o) => o !== own && b.x0 < o.x1 && o.x0 < b.x1 && b.y0 < o.y1 && o.y0 < b.y1));
  const put = (b: Box) => {
    for (const k of cellsOf(b)) {
      const l = grid.get(k);
      if (l) l.push(b);
      else grid.set(k, [b]);
    }
  };
  const visible = cy.nodes().filter((n) => !n.hasClass('hidden'));
  const screen = (n: NodeSingular) => {
    const p = n.position();
    return { x: p.x * zoom + pan.x, y: p.y * zoom + pan.y, r: (n.width() * zoom) / 2 };
  };
  const onScreen = (b: Box) => b.x1 > 0 && b.x0 < w && b.y1 > 0 && b.y0 < h;
  // Nodes are obstacles to every label but their own.
  const nodeBox = new Map<string, Box>();
  visible.forEach((n) => {
    const s = screen(n);
    const b = { x0: s.x - s.r, y0: s.y - s.r, x1: s.x + s.r, y1: s.y + s.r };
    nodeBox.set(n.id(), b);
    put(b);
  });
  const rank = (n: NodeSingular) =>
    n.selected() ? 0 : n.id() === root ? 1 : n.hasClass('path') ? 2 : n.hasClass('expanded') ? 3 : 4;
  const order = (visible.toArray() as NodeSingular[]).sort((a, b) => rank(a) - rank(b) || b.degree(false) - a.degree(false));
  const labelled: string[] = [];
  let shown = 0;
  for (const n of order) {
    const s = screen(n);
    const bold = rank(n) === 0;
    const text = bold ? String(n.data('name')) : String(n.data('short'));
    // The box Cytoscape gives a label is wider and taller than its text
    // (padding and line height): about 14 px and twice the font.
    const tw = textWidth(text, bold) + 14;
    const top = s.y + s.r - 3;
    const b = { x0: s.x - tw / 2, y0: top, x1: s.x + tw / 2, y1: top + labelPx * 2.2 };
    if (!onScreen(b)) continue;
    // The selected node is always labelled; its own node is no obstacle
    // to a label.
    if (rank(n) !== 0 && overlaps(b, nodeBox.get(n.id()))) continue;
    put(b);
    labelled.push(n.id());
    shown++;
  }
  const keep = new Set(labelled);
  cy.batch(() => {
    cy.nodes('.labelled').forEach((n) => {
      if (!keep.has(n.id())) n.removeClass('labelled');
    });
    for (const id of labelled) {
      const n = cy.getElementById(id);
      n.addClass('labelled');
      sizeLabel(n);
    }
  });
  graphEl.dataset.labelsEstimated = String(labelled.length);
  // In a graph small enough to measure, check the labels against the
  // boxes Cytoscape draws them in and drop any that still touch one placed
  // before it: the estimate above is close, not exact.
  if (labelled.length <= forceLayoutMax) {
    const placed: Box[] = [];
    const opts = { includeNodes: false, includeEdges: false, includeLabels: true, includeOverlays: false };
    const sel = cy.$('node:selected');
    for (const id of sel.nonempty() ? [sel.id(), ...labelled.filter((x) => x !== sel.id())] : labelled) {
      const n = cy.getElementById(id);
      const r = n.renderedBoundingBox(opts);
      const b = { x0: r.x1, y0: r.y1, x1: r.x2, y1: r.y2 };
      if (!n.selected() && placed.some((o) => b.x0 < o.x1 && o.x0 < b.x1 && b.y0 < o.y1 && o.y0 < b.y1)) {
        n.removeClass('labelled');
        shown--;
        continue;
      }
      placed.push(b);
    }
  }
  graphEl.dataset.labels = String(shown);
  performance.measure('explore:labels', 'explore:labels-start');
}

/** Sizes a node's label for the current zoom: labelPx high on screen. It
 * is set on the node (a style bypass) rather than in the stylesheet, so
 * that a zoom restyles the few labelled nodes, not thousands of others. */
function sizeLabel(n: NodeSingular): void {
  const zoom = cy.zoom();
  if (n.scratch('labelZoom') === zoom) return;
  n.scratch('labelZoom', zoom);
  n.style({ 'font-size': labelPx / zoom, 'text-margin-y': 3 / zoom, 'text-background-padding': `${2 / zoom}px` });
}

let declutterTimer = 0;
/** Declutters once the view has stopped moving. */
function declutterSoon(): void {
  window.clearTimeout(declutterTimer);
  // Says whether labels are settled, for the browser tests.
  graphEl.dataset.labelling = 'pending';
  declutterTimer = window.setTimeout(() => {
    declutter();
    graphEl.dataset.labelling = 'done';
  }, 120);
}

/** Resolves after the browser has painted the current graph. */
function painted(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));
}

async function expand(id: string): Promise<void> {
  request?.abort();
  const ctl = new AbortController();
  request = ctl;
  const name = cy.getElementById(id).data('name') ?? id;
  messages.info(`Expanding ${name}…`);
  performance.mark('explore:expand-start');
  let data: { neighborhood: { nodes: GEntity[]; edges: GEdge[]; truncated: boolean } };
  try {
    data = await gql(neighbourhoodQuery, { id, first: neighboursPerExpand }, ctl.signal);
  } catch (err) {
    if (!aborted(err)) messages.error((err as Error).message);
    return;
  }
  performance.mark('explore:add-start');
  const fresh = await add(data.neighborhood.nodes, data.neighborhood.edges, id);
  cy.getElementById(id).addClass('expanded');
  refresh();
  await painted();
  performance.measure('explore:add', 'explore:add-start');
  performance.measure('explore:expand', 'explore:expand-start');
  const more = data.neighborhood.truncated ? ' (more neighbours than shown: the first ' + neighboursPerExpand + ' were read)' : '';
  messages.info(`${name}: ${fresh === 0 ? 'no new neighbours' : fresh + ' new neighbours'}${more}. ${cy.nodes().length} entities, ${cy.edges().length} edges.`);
  select(id);
}

async function startFrom(box: EntityBox): Promise<void> {
  const id = box.value();
  if (!id) {
    messages.error('Type an entity to start from, e.g. Japan.');
    return;
  }
  let data: { entity: GEntity | null };
  try {
    data = await gql(entityQuery, { id });
  } catch (err) {
    messages.error((err as Error).message);
    return;
  }
  if (!data.entity) {
    messages.error(`No entity matches “${id}”. Pick one from the suggestions.`);
    return;
  }
  history.replaceState(null, '', `/explore?entity=${encodeURIComponent(data.entity.id)}`);
  document.title = `${data.entity.name} · Graph explorer · diplograph`;
  clearGraph();
  root = data.entity.id;
  await add([data.entity], []);
  await expand(data.entity.id);
}

function clearGraph(): void {
  cy.elements().remove();
  root = null;
  pathSteps.replaceChildren();
  refresh();
}

/** Shows one node as selected, in the graph and in the list. */
function select(id: string): void {
  const n = cy.getElementById(id);
  if (n.empty()) return;
  cy.$(':selected').unselect();
  n.select();
  nodeList.value = id;
  const d = n.data();
  selectedInfo.replaceChildren(
    el('span', { class: `kind kind-${String(d.kind).toLowerCase()}` }, String(d.kind).toLowerCase()), ' ',
    el('strong', {}, d.name), d.date ? ` · ${dateText(d.date)}` : '', ' · ',
    el('a', { href: `/timeline?entity=${encodeURIComponent(id)}` }, 'timeline'),
  );
  expandButton.disabled = false;
  expandButton.dataset.id = id;
  declutterSoon();
  curate('entity', id, d.name);
}

/** Brings the list, the filters and the counters up to date with the graph. */
function refresh(): void {
  const nodes = cy.nodes().sort((a, b) => String(a.data('name')).localeCompare(String(b.data('name'))));
  const opts = nodes.map((n) => {
    const o = document.createElement('option');
    o.value = n.id();
    o.textContent = `${n.data('name')} (${String(n.data('kind')).toLowerCase()})${n.hasClass('expanded') ? ' ✓' : ''}`;
    return o;
  });
  nodeList.replaceChildren(...opts);
  if (nodes.empty()) {
    expandButton.disabled = true;
    selectedInfo.textContent = 'Nothing yet. Start from an entity above.';
  }
  // The date slider spans the years of the edges shown.
  let lo = Infinity;
  let hi = -Infinity;
  cy.edges().forEach((e) => {
    const y0 = e.data('y0');
    const y1 = e.data('y1');
    if (y0 != null) {
      lo = Math.min(lo, y0);
      hi = Math.max(hi, y1);
    }
  });
  if (lo <= hi) {
    const atMin = Number(yearFrom.value) <= Number(yearFrom.min);
    const atMax = Number(yearTo.value) >= Number(yearTo.max);
    for (const s of [yearFrom, yearTo]) {
      s.min = String(lo);
      s.max = String(hi);
    }
    if (atMin) yearFrom.value = String(lo);
    if (atMax) yearTo.value = String(hi);
  }
  const counts = new Map<string, number>();
  cy.edges().forEach((e) => void counts.set(e.data('type'), (counts.get(e.data('type')) ?? 0) + 1));
  for (const t of edgeTypes) {
    const n = byId(`count-${t}`);
    n.textContent = counts.get(t) ? ` (${counts.get(t)})` : '';
  }
  applyFilter();
}

/** Hides edges of unchecked types or outside the years chosen, and the
 * nodes left with no visible edge (except the start, expanded nodes and
 * the path). */
function applyFilter(): void {
  performance.mark('explore:filter-start');
  const types = new Set(edgeTypes.filter((t) => byId<HTMLInputElement>(`type-${t}`).checked));
  const lo = Number(yearFrom.value);
  const hi = Number(yearTo.value);
  byId('year-from-out').textContent = yearFrom.value;
  byId('year-to-out').textContent = yearTo.value;
  yearFrom.setAttribute('aria-valuetext', yearFrom.value);
  yearTo.setAttribute('aria-valuetext', yearTo.value);
  // Nodes with a visible edge, gathered in one pass over the edges.
  const linked = new Set<string>();
  cy.batch(() => {
    cy.edges().forEach((e) => {
      const y0 = e.data('y0');
      const visible = (types.has(e.data('type')) && (y0 == null ? undated.checked : e.data('y1') >= lo && y0 <= hi)) || e.hasClass('path');
      e.toggleClass('hidden', !visible);
      if (visible) {
        linked.add(e.data('source'));
        linked.add(e.data('target'));
      }
    });
    cy.nodes().forEach((n) => {
      const keep = n.id() === root || n.hasClass('expanded') || n.hasClass('path') || linked.has(n.id());
      n.toggleClass('hidden', !keep);
    });
  });
  performance.measure('explore:filter', 'explore:filter-start');
  declutterSoon();
  graphEl.dataset.nodes = String(cy.nodes().length);
  graphEl.dataset.edges = String(cy.edges().length);
  graphEl.dataset.visibleEdges = String(cy.edges().not('.hidden').length);
  graphEl.setAttribute('aria-label', `Graph of ${cy.nodes().length} entities and ${cy.edges().length} edges; the entities are listed under Selected`);
}

async function findPath(fromBox: EntityBox, toBox: EntityBox, timeRespecting: boolean): Promise<void> {
  const from = fromBox.value();
  const to = toBox.value();
  if (!from || !to) {
    messages.error('Pick both ends of the path.');
    return;
  }
  messages.info('Looking for a path…');
  type Step = { from: GEntity; edge: GEdge; to: GEntity };
  let data: { path: { hops: number; steps: Step[] } | null };
  try {
    data = await gql(pathQuery, { from, to, timeRespecting });
  } catch (err) {
    messages.error((err as Error).message);
    return;
  }
  clearPath();
  if (!data.path) {
    messages.info(`No path of at most 4 edges${timeRespecting ? ' with dates that never go backwards' : ''} links ${fromBox.input.value} and ${toBox.input.value}.`);
    return;
  }
  const steps = data.path.steps;
  const nodes = steps.length > 0 ? [steps[0].from, ...steps.map((s) => s.to)] : [];
  const around = nodes.find((n) => cy.getElementById(n.id).nonempty())?.id;
  await add(nodes, steps.map((s) => s.edge), around);
  cy.batch(() => {
    cy.elements().addClass('faded');
    for (const n of nodes) cy.getElementById(n.id).removeClass('faded').addClass('path');
    for (const s of steps) cy.getElementById(s.edge.id).removeClass('faded').addClass('path');
  });
  refresh();
  cy.fit(cy.$('.path'), 60);
  // A short path would fill the screen with three huge nodes.
  if (cy.zoom() > 1.2) {
    cy.zoom(1.2);
    cy.center(cy.$('.path'));
  }
  pathSteps.replaceChildren(
    ...steps.map((s) => el('li', {}, `${s.from.name} — ${s.edge.type.toLowerCase().replaceAll('_', ' ')}${s.edge.date ? ' (' + s.edge.date + ')' : ''} — ${s.to.name}`)),
  );
  graphEl.dataset.path = String(cy.$('.path').length);
  messages.info(`Path of ${data.path.hops} hop${data.path.hops === 1 ? '' : 's'} highlighted: ${nodes.map((n) => n.name).join(' → ')}.`);
}

function clearPath(): void {
  cy.elements().removeClass('path faded');
  pathSteps.replaceChildren();
  delete graphEl.dataset.path;
}

function layoutAll(): void {
  performance.mark('explore:layout-start');
  const big = cy.nodes().length > forceLayoutMax;
  const layout = cy.layout(big
    ? { name: 'concentric', animate: false, fit: true, padding: 30, minNodeSpacing: 6, concentric: (n: NodeSingular) => n.degree(false), levelWidth: () => 2 }
    : { name: 'cose', animate: false, randomize: true, fit: true, padding: 30, nodeRepulsion: () => 9000, idealEdgeLength: () => 70, numIter: 800 });
  layout.one('layoutstop', () => {
    declutterSoon();
    void painted().then(() => performance.measure('explore:layout', 'explore:layout-start'));
  });
  layout.run();
}

// Edge type checkboxes, all on.
for (const t of edgeTypes) {
  const label = el('label', { class: 'inline' },
    el('input', { type: 'checkbox', id: `type-${t}`, checked: '' }), ` ${t.toLowerCase().replaceAll('_', ' ')}`, el('span', { id: `count-${t}`, class: 'muted' }));
  typesBox.append(label);
}
typesBox.addEventListener('change', () => applyFilter());
for (const s of [yearFrom, yearTo]) s.addEventListener('input', () => {
  if (Number(yearFrom.value) > Number(yearTo.value)) (s === yearFrom ? yearTo : yearFrom).value = s.value;
  applyFilter();
});
undated.addEventListener('change', () => applyFilter());

const startBox = new EntityBox(byId<HTMLInputElement>('entity'));
byId<HTMLFormElement>('start').addEventListener('submit', (ev) => {
  ev.preventDefault();
  void startFrom(startBox);
});
const fromBox = new EntityBox(byId<HTMLInputElement>('path-from'));
const toBox = new EntityBox(byId<HTMLInputElement>('path-to'));
byId<HTMLFormElement>('path').addEventListener('submit', (ev) => {
  ev.preventDefault();
  void findPath(fromBox, toBox, byId<HTMLInputElement>('time-respecting').checked);
});
byId('clear-path').addEventListener('click', () => {
  clearPath();
  applyFilter();
});

cy.on('viewport', () => declutterSoon());
// Not Cytoscape's resize event: it also fires whenever an attribute of the
// container changes, as the data-* counters this page keeps there do.
window.addEventListener('resize', () => declutterSoon());
// A node without room for its label shows it while the pointer is on it.
cy.on('mouseover', 'node', (ev) => {
  sizeLabel(ev.target);
  ev.target.addClass('hover');
});
cy.on('mouseout', 'node', (ev) => ev.target.removeClass('hover'));

cy.on('tap', 'node', (ev) => {
  const id = ev.target.id();
  select(id);
  void expand(id);
});
cy.on('tap', 'edge', (ev) => {
  const d = ev.target.data();
  const name = (id: string) => cy.getElementById(id).data('name');
  selectedInfo.textContent = `${name(d.source)} ${String(d.type).toLowerCase().replaceAll('_', ' ')} ${name(d.target)} · ${dateText(d.date, d.endDate)}`;
  curate('edge', d.id, selectedInfo.textContent);
});
nodeList.addEventListener('change', () => {
  select(nodeList.value);
  // Centre the node itself: animate's `center` centres the bounding box,
  // label included, which leaves a small node off the middle and out of
  // reach of a click there.
  const p = cy.getElementById(nodeList.value).position();
  cy.animate({ pan: { x: cy.width() / 2 - cy.zoom() * p.x, y: cy.height() / 2 - cy.zoom() * p.y } }, { duration: 200 });
});
nodeList.addEventListener('keydown', (ev) => {
  if (ev.key === 'Enter' && nodeList.value) {
    ev.preventDefault();
    void expand(nodeList.value);
  }
});
expandButton.addEventListener('click', () => {
  if (expandButton.dataset.id) void expand(expandButton.dataset.id);
});
byId('fit').addEventListener('click', () => cy.fit(undefined, 30));
byId('relayout').addEventListener('click', () => layoutAll());
byId('clear').addEventListener('click', () => {
  clearGraph();
  messages.info('Graph cleared. Start from an entity.');
});

// Curation (lib/curation.ts): with a token that may write, the selected
// node can be merged into another and the selected edge retracted; the
// graph follows what is committed while the page is open.
const curatePanel = byId('curate');
installToken();

function curate(kind: 'entity' | 'edge', id: string, name: string): void {
  curationActions(curatePanel, {
    kind, id, name,
    done: (op, _rec, into) => {
      curatePanel.hidden = true;
      cy.getElementById(id).remove();
      refresh();
      if (op === 'MERGE_ENTITIES' && into) void expand(into);
    },
  });
}

/** Brings the graph up to date with a change: removed edges and entities
 * go, edges that touch a node shown come with their other end. */
function applyChange(c: Change): void {
  const present = new Set(c.entities.map((e) => e.id));
  let changed = false;
  cy.batch(() => {
    for (const e of c.edges) {
      if (e.removed || !e.edge) {
        changed = cy.getElementById(e.id).remove().nonempty() || changed;
      }
    }
    for (const id of c.entityIds) {
      if (!present.has(id)) changed = cy.getElementById(id).remove().nonempty() || changed;
    }
  });
  const nodes: GEntity[] = [];
  const edges: GEdge[] = [];
  let around: string | undefined;
  for (const e of c.edges) {
    const x = e.edge;
    if (e.removed || !x) continue;
    const at = [x.from.id, x.to.id].find((n) => cy.getElementById(n).nonempty());
    if (!at) continue;
    around ??= at;
    nodes.push(x.from, x.to);
    edges.push({ id: x.id, type: x.type, date: x.date, endDate: x.endDate, from: { id: x.from.id }, to: { id: x.to.id } });
  }
  const done = edges.length > 0 ? add(nodes, edges, around) : Promise.resolve(0);
  void done.then((fresh) => {
    if (changed || edges.length > 0) {
      refresh();
      graphEl.dataset.liveSeq = String(c.seq);
      messages.info(`Updated live: ${fresh} new entities; ${cy.nodes().length} entities, ${cy.edges().length} edges.`);
    }
  });
}
follow({}, applyChange);

// /explore?entity=state:japan starts there; the timeline links here so.
const first = new URLSearchParams(location.search).get('entity');
refresh();
if (first) {
  startBox.input.value = first;
  void startFrom(startBox);
} else {
  messages.info('Start from an entity: type a name and pick a suggestion.');
}

