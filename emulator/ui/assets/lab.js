// Lab page: the checklist (azemu start --lab FILE, or the doc's steps), evaluated live by azemu;
// each step ticks green when done, with a hint when it is not (in red when it was done wrong).
// Graders read the same JSON at GET /_azemu/lab.
import { h, getJson } from './dom.js';

export const sections = ['lab'];

export async function render() {
  const lab = await getJson('/ui/api/lab');
  return h('div', { class: 'lab' },
    h('h1', {}, lab.title),
    h('p', { 'data-testid': 'lab-summary', 'data-all-done': String(lab.allDone), class: lab.allDone ? 'state ok' : 'state busy' },
      `${lab.done} of ${lab.total} steps done${lab.allDone ? ' — well done!' : ''}`),
    h('p', { class: 'muted' }, lab.source === 'file' ? 'Checklist from the --lab file.' : 'The doc\'s steps (start azemu with --lab FILE for your own).'),
    h('ol', {}, lab.steps.map((s) => h('li', { class: s.done ? 'done' : s.wrong ? 'wrong' : '', 'data-testid': 'lab-step', 'data-id': s.id, 'data-done': String(s.done) },
      h('span', { class: 'tick' }, s.done ? '✓' : s.wrong ? '✗' : '☐'), h('strong', {}, s.title),
      s.detail ? h('span', { class: 'muted' }, ` — ${s.detail}`) : null,
      !s.done && s.hint ? h('span', { class: 'hint' }, s.hint) : null))));
}
