// report.html in a real browser (headless Chromium from the Debian package, driven by
// playwright-core): no console errors or foreign requests, the requirement matrix and
// a divergence diagram are visible, the CSS verdict filter works, and nothing an IUT
// wrote executes. Screenshots land in test-output/ for a person to look at.
// Skipped only when Chromium is absent outside CI; in CI (CI set) a missing Chromium fails.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { htmlReport } from '../../reports/html.ts';
import { ROOT } from '../../harness/util/schema.ts';
import { PAYLOADS, divergentRun, hostileRun } from './support.ts';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const OUT = join(ROOT, 'test-output');

interface Opened {
  page: Page;
  /** Console errors and warnings, uncaught page errors. */
  problems: string[];
  dialogs: string[];
  /** Requests for anything but the report itself. */
  foreign: string[];
}

describe('HTML report in Chromium', function () {
  this.timeout(60000);
  let browser: Browser | undefined;

  before(async function () {
    if (!existsSync(CHROMIUM)) {
      if (process.env.CI) throw new Error(`${CHROMIUM} not found: CI must install the Debian package chromium (apt-get install -y chromium)`);
      process.stderr.write(`    SKIPPED browser test: ${CHROMIUM} not found (apt-get install -y chromium); with CI set this fails instead\n`);
      this.skip();
    }
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    mkdirSync(OUT, { recursive: true });
  });
  after(async () => browser?.close());

  async function open(file: string): Promise<Opened> {
    const page = await browser!.newPage({ viewport: { width: 1280, height: 900 } });
    const o: Opened = { page, problems: [], dialogs: [], foreign: [] };
    const url = pathToFileURL(file).href;
    page.on('console', (m) => (m.type() === 'error' || m.type() === 'warning') && o.problems.push(`${m.type()}: ${m.text()}`));
    page.on('pageerror', (e) => o.problems.push(`pageerror: ${e.message}`));
    page.on('dialog', (d) => {
      o.dialogs.push(d.message());
      void d.dismiss();
    });
    page.on('request', (r) => r.url() !== url && o.foreign.push(r.url()));
    await page.goto(url, { waitUntil: 'load' });
    return o;
  }

  it('a divergence: no console errors, requirement matrix and sequence diagram visible, filter works; screenshots', async () => {
    const { reportDir, results } = await divergentRun();
    const o = await open(join(reportDir, 'report.html'));
    const { page } = o;
    await page.locator('table.requirements').waitFor({ state: 'visible' });
    const fail = page.locator('table.requirements td.cell-fail');
    assert.ok((await fail.count()) >= 1);
    assert.ok(await fail.first().isVisible());
    const diagram = page.locator('svg.seq');
    assert.ok(await diagram.isVisible());
    assert.ok(await diagram.locator('g.divergent').isVisible());
    const box = (await diagram.boundingBox())!;
    assert.ok(box.width > 400 && box.height > 100, JSON.stringify(box));
    assert.ok(await page.locator('pre.expected mark').isVisible());
    // Source sentences expand in place.
    const sources = page.locator('table.requirements details.sources').first();
    await sources.locator('summary').click();
    assert.ok(await sources.locator('li').first().isVisible());
    await page.screenshot({ path: join(OUT, 'report.png') });
    await page.locator('details.failure').first().screenshot({ path: join(OUT, 'report-divergence.png') });
    // The verdict filter is CSS only: choose "fail" and only the failing row stays.
    await page.locator('label[for="filter-0-fail"]').click();
    const shown = await page.locator('table.tests tr.t').evaluateAll((rows) => rows.filter((r) => (r as HTMLElement).offsetParent !== null).length);
    assert.equal(shown, results.totals.fail);
    assert.deepEqual(o.problems, []);
    assert.deepEqual(o.foreign, []);
    await page.close();
  });

  it('an IUT whose strings are HTML: no dialog, no script ran, no CSP violation, strings shown as text', async () => {
    const { reportDir } = await hostileRun();
    const o = await open(join(reportDir, 'report.html'));
    const { page } = o;
    await page.locator('svg.seq').first().waitFor({ state: 'visible' });
    assert.deepEqual(o.dialogs, []);
    assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned), undefined);
    assert.equal(await page.evaluate(() => document.scripts.length + document.images.length + document.querySelectorAll('iframe').length), 0);
    assert.equal(await page.locator('td.iut b').textContent(), PAYLOADS.name);
    assert.ok((await page.title()).includes(PAYLOADS.name));
    assert.deepEqual(o.problems, [], 'an injected inline script would show as a CSP violation');
    assert.deepEqual(o.foreign, []);
    await page.screenshot({ path: join(OUT, 'report-hostile.png'), fullPage: true });
    await page.close();
  });

  it('several result sets: the IUT x suite matrix is visible', async () => {
    const a = (await divergentRun()).results;
    const b = (await hostileRun()).results;
    const file = join(OUT, 'report-multi.html');
    writeFileSync(file, htmlReport([a, b]));
    const o = await open(file);
    assert.ok(await o.page.locator('table.interop').isVisible());
    assert.equal(await o.page.locator('table.interop tbody tr').count(), 2);
    await o.page.locator('table.interop').screenshot({ path: join(OUT, 'report-multi.png') });
    assert.deepEqual(o.problems, []);
    await o.page.close();
  });
});
