// report.html without a browser: parsed with parse5, checked for being standalone, for
// what a person must find in it (summary, requirement matrix with sources, a sequence
// diagram of the divergence), and for escaping everything an IUT says.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { htmlReport, runLabels } from '../../reports/html.ts';
import { sequenceDiagram, MAX_ROWS } from '../../reports/html/sequence.ts';
import { REQUIREMENTS } from '../../harness/requirements/index.ts';
import { ROOT } from '../../harness/util/schema.ts';
import type { TraceStep } from '../../harness/runner/results.ts';
import { all, byClass, byTag, hasClass, parseHtml, type El } from './dom.ts';
import { EDITED_STEP, PAYLOADS, divergentRun, hostileRun } from './support.ts';

const EXTERNAL_TAGS = ['script', 'link', 'img', 'iframe', 'object', 'embed', 'audio', 'video', 'source', 'base', 'form'];

function assertStandalone(doc: El, html: string) {
  const csp = all(doc, (e) => e.tag === 'meta' && e.attrs['http-equiv'] === 'Content-Security-Policy');
  assert.equal(csp.length, 1);
  assert.match(csp[0].attrs.content, /default-src 'none'/);
  assert.doesNotMatch(csp[0].attrs.content, /script-src/);
  for (const t of EXTERNAL_TAGS) assert.equal(byTag(doc, t).length, 0, `no <${t}>`);
  const links = all(doc, (e) => 'href' in e.attrs || 'src' in e.attrs);
  assert.ok(links.every((e) => e.attrs.href?.startsWith('#')), 'only in-page links');
  assert.equal(all(doc, (e) => Object.keys(e.attrs).some((a) => a.startsWith('on'))).length, 0, 'no event handler attributes');
  assert.doesNotMatch(html, /url\(|@import/);
}

describe('HTML report', function () {
  this.timeout(20000);

  describe('a run with one planted divergence', () => {
    let doc: El;
    let html: string;
    let r: Awaited<ReturnType<typeof divergentRun>>;
    before(async () => {
      r = await divergentRun();
      html = r.html;
      doc = parseHtml(html);
    });

    it('is what run writes as report.html, and stands alone (CSP without scripts or fetches, no external resource)', () => {
      assert.equal(r.results.totals.fail, 1);
      assert.equal(html, htmlReport([r.results]));
      assertStandalone(doc, html);
    });

    it('summary: the IUT as it introduced itself, adapter, seed, totals', () => {
      const iut = byClass(doc, 'iut')[0].text;
      assert.ok(iut.includes(`${r.results.run.iut!.name} ${r.results.run.iut!.version}`), iut);
      const summary = byClass(doc, 'summary')[0].text;
      assert.match(summary, /report-test/);
      assert.match(summary, new RegExp(`${r.results.totals.total} tests`));
      assert.match(summary, /1 unexpected/);
    });

    it('requirement matrix: one row per requirement, verdict cells, and the source sentences of the catalogue', () => {
      const rows = byTag(byClass(doc, 'requirements')[0], 'tr').slice(1);
      assert.equal(rows.length, r.results.requirements.length);
      const row = (id: string) => rows.find((x) => x.children[0].text === id)!;
      const failing = r.results.tests.find((t) => t.verdict === 'fail')!;
      for (const id of failing.reqs) assert.ok(hasClass(row(id).children[3], 'cell-fail'), id);
      for (const req of REQUIREMENTS.filter((q) => rows.some((x) => x.children[0].text === q.id))) {
        const items = byTag(byClass(row(req.id), 'sources')[0], 'li').map((li) => li.text);
        for (const s of req.sources) assert.ok(items.some((t) => t.includes(s.quote) && t.includes(s.ref)), `${req.id}: ${s.quote}`);
        assert.ok(row(req.id).children[2].attrs.title.includes(req.sources[0].quote), 'source on hover');
      }
    });

    it('the catalogue is read when the report is written', () => {
      const q = r.results.requirements[0];
      const page = htmlReport([r.results], [{ id: q.id, mechanism: 'x', level: 'MUST', title: 'T', sources: [{ ref: 'elsewhere', quote: 'a sentence only this catalogue has' }] }]);
      assert.ok(page.includes('a sentence only this catalogue has'));
    });

    it('the failing test has a sequence diagram up to the edited step, marked, with expected and actual side by side', () => {
      const svgs = byClass(doc, 'seq');
      assert.equal(svgs.length, 1);
      const steps = byClass(svgs[0], 'step');
      assert.equal(steps.length, EDITED_STEP + 1, 'one request/response pair per step, none after the divergence');
      const marked = steps.filter((s) => hasClass(s, 'divergent'));
      assert.equal(marked.length, 1);
      assert.equal(marked[0].attrs['data-step'], String(EDITED_STEP + 1));
      assert.match(marked[0].text, /divergence/);
      // Both sides, independently of the report: the committed vector holds what the
      // reference answers (actual); the edited copy holds the expectation.
      const committed = JSON.parse(readFileSync(join(ROOT, 'vectors/epoch/epoch-scenarios.json'), 'utf8')).testGroups[0].tests[0].steps[EDITED_STEP].expect.packet;
      const actual = byClass(doc, 'actual')[0].text;
      const expected = byClass(doc, 'expected')[0].text;
      assert.equal(actual, JSON.stringify(committed));
      assert.notEqual(expected, actual);
      assert.equal(expected.slice(0, -2), actual.slice(0, -2), 'only the edited last digit differs');
      assert.equal(byTag(byClass(doc, 'actual')[0], 'mark')[0].text, committed.slice(-1), 'the differing part is marked');
    });

    it('every test is a row; verdict filters for all, each verdict and unexpected', () => {
      assert.equal(all(doc, (e) => e.tag === 'tr' && hasClass(e, 't')).length, r.results.totals.total);
      assert.deepEqual(
        all(doc, (e) => e.tag === 'input' && e.attrs.type === 'radio').map((e) => e.attrs.class),
        ['f-all', 'f-pass', 'f-fail', 'f-error', 'f-skipped', 'f-unexpected'],
      );
    });
  });

  describe('an IUT whose strings are HTML', () => {
    let doc: El;
    let html: string;
    before(async () => {
      html = (await hostileRun()).html;
      doc = parseHtml(html);
    });

    it('no markup from the IUT survives: no script, image, frame or handler; still stands alone', () => {
      assertStandalone(doc, html);
      assert.ok(!/<script|<img|<iframe|<svg onload/i.test(html));
    });

    it('each string is shown as text, exactly', () => {
      assert.ok(byTag(doc, 'title')[0].text.includes(PAYLOADS.name));
      assert.equal(byTag(byClass(doc, 'iut')[0], 'b')[0].text, PAYLOADS.name);
      assert.ok(byClass(doc, 'iut')[0].text.includes(PAYLOADS.version));
      // Results are shown as JSON, so their strings appear JSON-quoted.
      const asJson = (s: string) => JSON.stringify(s);
      assert.ok(byClass(doc, 'actual').some((e) => e.text.includes(asJson(PAYLOADS.error))), 'error message');
      assert.ok(byClass(doc, 'seq').some((svg) => byTag(svg, 'title').some((t) => t.text.includes(asJson(PAYLOADS.reason)))), 'divergent result in the diagram');
      assert.ok(byClass(doc, 'stderr').some((e) => e.text.split('\n').includes(PAYLOADS.stderr)), 'stderr');
    });
  });

  describe('several result sets', () => {
    it('an IUT x suite matrix with passed/run counts, one row per result set', async () => {
      const a = (await divergentRun()).results;
      const b = (await hostileRun()).results;
      const doc = parseHtml(htmlReport([a, b, a]));
      const rows = byTag(byClass(doc, 'interop')[0], 'tr');
      assert.deepEqual(rows[0].children.map((c) => c.text), ['IUT \\ suite', 'epoch-scenarios', 'keyrot-kat', 'all']);
      assert.equal(rows.length, 4);
      const [la, lb, la2] = runLabels([a, b, a]);
      assert.deepEqual([rows[1].children[0].text, rows[2].children[0].text, rows[3].children[0].text], [la, lb, la2]);
      assert.match(la, / #1$/);
      assert.match(la2, / #2$/);
      assert.equal(rows[1].children[1].text, '9/10');
      assert.ok(hasClass(rows[1].children[1], 'cell-fail'));
      assert.equal(rows[1].children[2].text, '119/119');
      assert.equal(rows[2].children[1].text, '–');
      assert.equal(rows[2].children[2].text, '0/3');
      assert.equal(byTag(byClass(doc, 'requirements')[0], 'tr')[0].children.length, 3 + 3, 'a verdict column per result set');
    });
  });

  describe('fuzz section', () => {
    it('executions over time as a line and the findings, escaped', async () => {
      const base = (await divergentRun()).results;
      const execs = [{ t: 0, execs: 0 }, { t: 1000, execs: 4000 }, { t: 2000, execs: 9000 }];
      const findings = [{ signature: 'sig-1', kind: 'crash', target: '<b>keyrot.open</b>', reproducer: 'npx rekey-harness fuzz --replay crash-1' }];
      const doc = parseHtml(htmlReport([{ ...base, fuzz: { execs, findings } }]));
      const line = byClass(doc, 'execs')[0];
      assert.equal(line.attrs.points.split(' ').length, 3);
      assert.match(byClass(doc, 'chart')[0].attrs['aria-label'], /executions over time/);
      const cells = byTag(byTag(byClass(doc, 'findings')[0], 'tbody')[0], 'td').map((c) => c.text);
      assert.deepEqual(cells, ['crash', '<b>keyrot.open</b>', 'sig-1', 'npx rekey-harness fuzz --replay crash-1']);
      assert.match(doc.text, /9,000 executions in 2\.0 s \(4,500\/s\), 1 findings/);
    });
  });

  describe('sequence diagram', () => {
    it(`a long trace shows its last ${MAX_ROWS} steps and says how many earlier ones matched`, () => {
      const trace: TraceStep[] = Array.from({ length: MAX_ROWS + 6 }, (_, i) => ({ op: 'x.op', args: { i }, expect: { i }, actual: { i }, status: 'match' }));
      trace[trace.length - 1].status = 'diverged';
      const svg = parseHtml(`<body>${sequenceDiagram(trace, 'iut', { step: trace.length - 1, pointer: '/i', actual: 99 }).text}</body>`);
      const steps = byClass(svg, 'step');
      assert.equal(steps.length, MAX_ROWS);
      assert.equal(steps[0].attrs['data-step'], '7');
      assert.match(byClass(svg, 'note')[0].text, /6 earlier steps matched/);
      assert.match(byClass(svg, 'divergent')[0].text, /✗ at \/i: 99/);
    });
  });
});
