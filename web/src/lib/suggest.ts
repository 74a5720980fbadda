// An entity search box with suggestions, as a WAI-ARIA combobox: type a few
// letters, move through the suggestions with the arrow keys, pick one with
// Enter or a click, close them with Escape. Suggestions come from the
// server's `search`.

import { aborted, gql } from './gql';
import { el } from './dom';

/** An entity as the suggestions show it. */
export interface EntityRef {
  id: string;
  name: string;
  kind: string;
  date?: string | null;
}

const searchQuery = `query Suggest($text: String!, $first: Int) {
  search(text: $text, first: $first) { id name kind date }
}`;

let counter = 0;

/** Makes input a combobox that suggests entities and remembers the one picked. */
export class EntityBox {
  /** The entity picked from the suggestions, or null once the text is edited. */
  picked: EntityRef | null = null;
  private readonly list: HTMLUListElement;
  private options: EntityRef[] = [];
  private active = -1;
  private timer = 0;
  private request?: AbortController;

  constructor(
    readonly input: HTMLInputElement,
    private readonly onPick: (e: EntityRef) => void = () => {},
  ) {
    const id = `suggest-${++counter}`;
    this.list = el('ul', { id, role: 'listbox', class: 'suggestions', 'aria-label': 'Suggestions' });
    this.list.hidden = true;
    input.after(this.list);
    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-controls', id);
    input.setAttribute('aria-expanded', 'false');
    input.setAttribute('autocomplete', 'off');
    input.addEventListener('input', () => this.changed());
    input.addEventListener('keydown', (ev) => this.key(ev));
    input.addEventListener('blur', () => {
      this.cancel();
      window.setTimeout(() => this.close(), 150);
    });
  }

  /** Sets the box to an entity, as if it had been picked. */
  set(e: EntityRef): void {
    this.cancel();
    this.picked = e;
    this.input.value = e.name;
    this.close();
  }

  /** What to ask the server for: the picked entity's id, or the text as typed
   * (the API resolves names and aliases itself). */
  value(): string {
    return this.picked && this.picked.name === this.input.value ? this.picked.id : this.input.value.trim();
  }

  private changed(): void {
    this.picked = null;
    window.clearTimeout(this.timer);
    const text = this.input.value.trim();
    if (text.length < 2) {
      this.close();
      return;
    }
    this.timer = window.setTimeout(() => void this.fetch(text), 150);
  }

  private async fetch(text: string): Promise<void> {
    this.request?.abort();
    const ctl = new AbortController();
    this.request = ctl;
    try {
      const data = await gql<{ search: EntityRef[] }>(searchQuery, { text, first: 8 }, ctl.signal);
      // The user may have typed on or left the box while the answer came.
      if (ctl.signal.aborted || this.input.value.trim() !== text || document.activeElement !== this.input) return;
      this.show(data.search);
    } catch (err) {
      // A failed suggestion is not worth an error message: the search
      // button still works and reports its own errors.
      if (!aborted(err)) this.close();
    }
  }

  private show(options: EntityRef[]): void {
    this.options = options;
    this.active = -1;
    this.list.replaceChildren(
      ...options.map((o, i) => {
        const li = el('li', { id: `${this.list.id}-${i}`, role: 'option', 'aria-selected': 'false' },
          el('span', { class: `kind kind-${o.kind.toLowerCase()}` }, o.kind.toLowerCase()), ' ', o.name,
          o.date ? el('span', { class: 'muted' }, ` ${o.date}`) : null);
        // mousedown, not click: a click would blur the input first and close the list.
        li.addEventListener('mousedown', (ev) => {
          ev.preventDefault();
          this.pick(i);
        });
        return li;
      }),
    );
    if (options.length === 0) {
      this.list.append(el('li', { class: 'muted', role: 'option', 'aria-disabled': 'true' }, 'No entity matches'));
    }
    this.list.hidden = false;
    this.input.setAttribute('aria-expanded', 'true');
  }

  /** Drops a suggestion request that is waiting or under way. */
  private cancel(): void {
    window.clearTimeout(this.timer);
    this.request?.abort();
  }

  private close(): void {
    this.list.hidden = true;
    this.input.setAttribute('aria-expanded', 'false');
    this.input.removeAttribute('aria-activedescendant');
    this.active = -1;
  }

  private move(to: number): void {
    if (this.options.length === 0) return;
    this.active = (to + this.options.length) % this.options.length;
    this.list.querySelectorAll('[role=option]').forEach((li, i) => li.setAttribute('aria-selected', String(i === this.active)));
    this.input.setAttribute('aria-activedescendant', `${this.list.id}-${this.active}`);
    this.list.children[this.active]?.scrollIntoView({ block: 'nearest' });
  }

  private pick(i: number): void {
    const o = this.options[i];
    if (!o) return;
    this.set(o);
    this.onPick(o);
  }

  private key(ev: KeyboardEvent): void {
    const open = !this.list.hidden;
    switch (ev.key) {
      case 'ArrowDown':
        if (open) this.move(this.active + 1);
        else if (this.input.value.trim().length >= 2) void this.fetch(this.input.value.trim());
        ev.preventDefault();
        break;
      case 'ArrowUp':
        if (open) this.move(this.active - 1);
        ev.preventDefault();
        break;
      case 'Enter':
        // With a suggestion highlighted, Enter picks it; otherwise it
        // submits the form with the text as typed.
        if (open && this.active >= 0) {
          ev.preventDefault();
          this.pick(this.active);
        } else {
          this.close();
        }
        break;
      case 'Escape':
        this.cancel();
        if (open) {
          ev.preventDefault();
          this.close();
        }
        break;
    }
  }
}
