// Drives the casus dashboard in Debian's headless Chromium as a person
// would: pick USA and ISR with the typeahead, see the timeline's bars and
// gaps, click a bucket, open an event, check that the highlighted
// evidence is the event's sentence, share the URL, open the actors view.
// Saves screenshots of the main views and fails on any console error,
// page error, failed request or request that leaves the server.
//
//   node dashboard.mjs http://127.0.0.1:PORT OUTDIR
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [base, out] = process.argv.slice(2);
if (!base || !out) {
  console.error('usage: node dashboard.mjs BASE_URL OUTDIR');
  process.exit(2);
}
mkdirSync(out, { recursive: true });
const executablePath = process.env.CASUS_CHROMIUM || '/usr/bin/chromium';
const profile = mkdtempSync(join(tmpdir(), 'casus-chromium-'));
const problems = [];
const origin = new URL(base).origin;

function check(cond, what) {
  if (!cond) throw new Error('check failed: ' + what);
  console.log('ok - ' + what);
}

// A fresh profile directory per run (launchPersistentContext passes it
// as --user-data-dir); the flags keep Chromium off the network.
const context = await chromium.launchPersistentContext(profile, {
  executablePath,
  headless: true,
  viewport: { width: 1360, height: 900 },
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = context.pages()[0] || await context.newPage();
  page.on('console', (m) => { if (m.type() === 'error') problems.push('console error: ' + m.text()); });
  page.on('pageerror', (e) => problems.push('page error: ' + e.message));
  // Leaving a page cancels its requests still in flight (ERR_ABORTED):
  // expected while the test itself navigates, a problem at any other time.
  let navigating = false;
  const go = async (url) => {
    navigating = true;
    try { await page.goto(url, { waitUntil: 'networkidle' }); } finally { navigating = false; }
  };
  page.on('requestfailed', (r) => {
    const err = (r.failure() || {}).errorText;
    if (!(navigating && err === 'net::ERR_ABORTED')) problems.push('request failed: ' + r.url() + ' ' + err);
  });
  page.on('request', (r) => { if (!r.url().startsWith(origin) && !r.url().startsWith('data:')) problems.push('external request: ' + r.url()); });

  // First load: the page and its assets, all from this server.
  const sizes = [];
  page.on('response', (r) => sizes.push(r.body().then((b) => b.length, () => 0)));
  await go(base + '/');
  await page.waitForSelector('body[data-ready="true"]');
  const firstLoad = (await Promise.all(sizes)).reduce((a, b) => a + b, 0);
  check(firstLoad < 300 * 1024, `first load ${firstLoad} bytes (page, assets and its API answers) < 300 KB`);
  check(await page.locator('#timeline rect.bar').count() > 0, 'first load opens the busiest dyad');

  // Pick the dyad with the typeahead.
  await page.fill('#source', '');
  await page.type('#source', 'United St');
  await page.waitForSelector('#source-suggest li');
  await page.click('#source-suggest li:has-text("USA")');
  check(await page.inputValue('#source') === 'USA', 'typeahead picks USA');
  await page.fill('#target', '');
  await page.type('#target', 'isr');
  await page.waitForSelector('#target-suggest li');
  await page.click('#target-suggest li:has-text("ISR")');
  check(await page.inputValue('#target') === 'ISR', 'typeahead picks ISR');
  await page.click('#show');
  await page.waitForSelector('#timeline rect.bar');
  const bars = await page.locator('#timeline rect.bar').count();
  check(bars > 3, `timeline has bars (${bars})`);
  check(await page.locator('#timeline rect.gap').count() > 0, 'gaps with no articles are drawn as gaps');
  check(await page.locator('#timeline path.goldstein').getAttribute('d') !== 'M0 0', 'Goldstein mean line drawn');
  const url1 = new URL(page.url());
  check(url1.searchParams.get('source') === 'USA' && url1.searchParams.get('target') === 'ISR', 'URL holds the dyad');
  await page.hover('#timeline rect.hit[data-events]:not([data-events="0"])');
  await page.waitForSelector('#tip:not([hidden])');
  await page.screenshot({ path: join(out, 'timeline.png'), fullPage: false });

  // Click the busiest bucket; its events are listed.
  const bucket = await page.$$eval('#timeline rect.hit', (hs) => {
    const best = hs.reduce((a, h) => (Number(h.dataset.events) > Number(a.dataset.events) ? h : a));
    return best.dataset.bucket;
  });
  await page.click(`#timeline rect.hit[data-bucket="${bucket}"]`);
  await page.waitForSelector('#events li');
  const days = await page.$$eval('#events li .day', (ds) => ds.map((d) => d.textContent));
  check(days.length > 0 && days.every((d) => d >= bucket), `bucket ${bucket} lists ${days.length} events from its days`);

  // Open the first event: the article with the evidence highlighted.
  const id = await page.getAttribute('#events li', 'data-id');
  await page.click('#events li');
  await page.waitForSelector('#article mark.evidence');
  const ev = await page.evaluate(async (i) => (await (await fetch('/api/v1/events/' + i)).json()).event, id);
  const shown = await page.textContent('#article mark.evidence');
  check(shown === ev.evidence, 'the highlighted evidence is the event\'s sentence');
  check(await page.locator('#article mark.trigger').count() > 0, 'trigger highlighted');
  for (const side of ['source', 'target']) {
    if (ev[side]) check(await page.locator(`#article mark.${side}`).count() > 0, `${side} highlighted`);
  }
  const meta = await page.textContent('#event-meta');
  check(meta.includes(ev.pattern) && ev.pattern_id && meta.includes(ev.pattern_id), 'pattern and its id shown');
  check(meta.includes(ev.modality), 'modality shown');
  check(meta.includes('according to'), 'attribution shown');
  await page.screenshot({ path: join(out, 'event.png'), fullPage: true });

  // The URL captures the view: reloading it restores bucket and event.
  const shared = page.url();
  check(new URL(shared).searchParams.get('event') === id, 'URL holds the open event');
  await go(shared);
  await page.waitForSelector('#article mark.evidence');
  check(await page.textContent('#article mark.evidence') === ev.evidence, 'shared URL reopens the same event');
  check(await page.locator('#timeline rect.hit.on').count() === 1, 'shared URL reselects the bucket');

  // Filters: QuadClass 4 only.
  await page.selectOption('#quad', '4');
  await page.waitForFunction(() => new URL(location.href).searchParams.get('quad') === '4');
  await page.waitForSelector('#timeline rect.bar, #chart p.empty');
  const kinds = await page.$$eval('#timeline rect.bar', (bs) => [...new Set(bs.map((b) => b.getAttribute('class')))]);
  check(kinds.every((k) => k === 'bar q4'), 'QuadClass filter leaves material conflict only');

  // Root, modality, minimum sources and the Count control: kept in the
  // URL and sent to the API.
  const asked = [];
  const listen = (r) => { if (r.url().includes('/api/v1/timeline')) asked.push(new URL(r.url()).searchParams); };
  page.on('request', listen);
  await page.selectOption('#root', '19');
  await page.waitForFunction(() => new URL(location.href).searchParams.get('root') === '19');
  await page.selectOption('#modality', 'asserted');
  await page.waitForFunction(() => new URL(location.href).searchParams.get('modality') === 'asserted');
  await page.selectOption('#count', 'all');
  await page.waitForFunction(() => new URL(location.href).searchParams.get('all') === 'true');
  await page.fill('#min_sources', '2');
  await page.click('#show');
  await page.waitForFunction(() => new URL(location.href).searchParams.get('min_sources') === '2');
  await page.waitForSelector('#timeline rect.bar, #chart p.empty');
  await page.waitForLoadState('networkidle');
  page.off('request', listen);
  const last = asked[asked.length - 1];
  check(last && last.get('root') === '19' && last.get('quad') === '4' && last.get('modality') === 'asserted'
    && last.get('all') === 'true' && last.get('min_sources') === '2',
  'root, modality, minimum-sources and Count (all events) filters reach the API');
  const drawn = await page.$$eval('#timeline rect.bar', (bs) => [...new Set(bs.map((b) => b.getAttribute('class')))]);
  check(drawn.every((k) => k === 'bar q4'), 'filtered timeline drawn');

  // The Count control's minimum confidence reaches every counting call
  // (timeline, header totals, actor ranking and matrix) and is kept
  // across views; "counted only" sends neither parameter.
  const calls = [];
  const spy = (r) => { if (r.url().includes('/api/v1/')) calls.push(new URL(r.url())); };
  const lastCall = (path) => calls.filter((u) => u.pathname === path).pop();
  page.on('request', spy);
  await page.selectOption('#count', 'min');
  await page.waitForSelector('#min-confidence-label:not([hidden])');
  await page.fill('#min_confidence', '0.6');
  await page.dispatchEvent('#min_confidence', 'change');
  await page.waitForFunction(() => new URL(location.href).searchParams.get('min_confidence') === '0.6');
  await page.waitForSelector('#timeline rect.bar, #chart p.empty');
  await page.waitForLoadState('networkidle');
  const tl = lastCall('/api/v1/timeline');
  check(tl && tl.searchParams.get('min_confidence') === '0.6' && !tl.searchParams.has('all'),
    'a minimum confidence reaches the timeline (without all)');
  check((lastCall('/api/v1/stats') || { searchParams: new URLSearchParams() }).searchParams.get('min_confidence') === '0.6',
    'a minimum confidence reaches the header totals');
  await page.click('#tabs a[data-view="actors"]');
  await page.waitForSelector('#matrix #matrix-svg, #matrix p.empty');
  await page.waitForLoadState('networkidle');
  check(new URL(page.url()).searchParams.get('min_confidence') === '0.6', 'the Count control is kept across views');
  for (const path of ['/api/v1/actors/top', '/api/v1/actors/matrix']) {
    const u = lastCall(path);
    check(u && u.searchParams.get('min_confidence') === '0.6', `a minimum confidence reaches ${path}`);
  }
  check(await page.inputValue('#count') === 'min', 'the Count control shows the threshold');
  check((await page.textContent('#matrix-what')).includes('0.6'), 'the matrix says what it counts');
  calls.length = 0;
  await page.selectOption('#count', '');
  await page.waitForFunction(() => !new URL(location.href).searchParams.has('min_confidence'));
  await page.waitForSelector('#top-actors tbody tr');
  await page.waitForLoadState('networkidle');
  const plain = lastCall('/api/v1/actors/top');
  check(plain && !plain.searchParams.has('min_confidence') && !plain.searchParams.has('all'),
    '"counted only" sends neither all nor min_confidence');
  page.off('request', spy);

  // Actors: ranking and matrix; a cell opens its dyad.
  await page.click('#tabs a[data-view="actors"]');
  await page.waitForSelector('#top-actors tbody tr');
  await page.waitForSelector('#matrix rect.cell');
  check(await page.locator('#top-actors tbody tr').count() > 5, 'top actors listed');
  // An actor's profile, and from a code its country over all its codes.
  await page.click('#top-actors tbody tr button.code >> text=USAGOV');
  await page.waitForSelector('#actor-card ol.partners li');
  check(new URL(page.url()).searchParams.get('actor') === 'USAGOV', 'actor profile in the URL');
  await page.click('#actor-card button:has-text("all of United States")');
  await page.waitForSelector('#actor-card h2 code:text-is("USA")');
  check((await page.textContent('#actor-card')).includes('USAGOV'), 'country profile lists its codes');
  await page.screenshot({ path: join(out, 'actors.png'), fullPage: true });
  await page.click('#matrix rect.cell[data-source="USA"][data-target="ISR"]');
  await page.waitForSelector('#view-timeline:not([hidden]) #timeline rect.bar');
  check(new URL(page.url()).searchParams.get('source') === 'USA', 'matrix cell opens the dyad timeline');

  // Search.
  await page.click('#tabs a[data-view="search"]');
  await page.fill('#q', 'ceasefire');
  await page.click('#search-form button[type="submit"]');
  await page.waitForSelector('#hits li mark');
  await page.click('#hits li');
  await page.waitForSelector('#search-event mark.evidence');
  await page.screenshot({ path: join(out, 'search.png'), fullPage: false });
  check(true, 'search lists and opens matches');

  check(problems.length === 0, 'no console errors, page errors or failed/external requests' +
    (problems.length ? ':\n  ' + problems.join('\n  ') : ''));
} catch (e) {
  console.error(e.stack || String(e));
  if (problems.length) console.error(problems.join('\n'));
  process.exitCode = 1;
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
