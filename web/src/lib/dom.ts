// Small DOM helpers shared by the pages. Text from the graph (names, quotes)
// comes from articles on the web, so it is only ever set as text, never as
// markup.

/** Returns the element with this id, or throws: the pages' HTML and code ship together. */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`page has no #${id}`);
  return el as T;
}

/** Creates an element with text content and attributes. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  ...children: (Node | string | null | undefined)[]
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  for (const c of children) if (c != null) e.append(c);
  return e;
}

/** Status messages: a polite live region for progress and results, an
 * assertive one for errors, so screen readers announce both. */
export class Messages {
  constructor(
    private readonly status: HTMLElement,
    private readonly alert: HTMLElement,
  ) {}

  /** Shows progress or a result and clears any error. */
  info(text: string): void {
    this.alert.hidden = true;
    this.alert.textContent = '';
    this.status.textContent = text;
  }

  /** Shows an error. */
  error(text: string): void {
    this.status.textContent = '';
    this.alert.textContent = text;
    this.alert.hidden = false;
  }
}

/** Words for how precise a TIMEX3 date is, so that "1956" reads as a year, not a day. */
export function precision(date: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(date)) return 'day';
  if (/^\d{4}-\d{2}$/.test(date)) return 'month';
  if (/^\d{4}-W\d{2}$/.test(date)) return 'week';
  if (/^\d{4}-Q\d$/.test(date)) return 'quarter';
  if (/^\d{4}-(SP|SU|FA|WI)$/.test(date)) return 'season';
  if (/^\d{4}$/.test(date)) return 'year';
  if (/^\d{3}X$/.test(date)) return 'decade';
  return 'unknown precision';
}

/** A date range as text with its precision: "1956 (year)", "2019-01-14 (day)". */
export function dateText(date?: string | null, end?: string | null): string {
  if (!date) return 'undated';
  const s = `${date} (${precision(date)})`;
  return end && end !== date ? `${s} – ${end} (${precision(end)})` : s;
}
