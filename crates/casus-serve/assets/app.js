// casus dashboard: reads /api/v1 and draws SVG. The page's query string
// is the whole state of the view, so any view can be shared as a URL.
// Every piece of stored text goes into the page through textContent,
// never as HTML.
'use strict';

const SVGNS = 'http://www.w3.org/2000/svg';
const QUADS = ['verbal_coop', 'material_coop', 'verbal_conflict', 'material_conflict'];
const QUAD_NAMES = ['verbal cooperation', 'material cooperation', 'verbal conflict', 'material conflict'];
const STATE_KEYS = ['view', 'source', 'target', 'both', 'by', 'from', 'to', 'root', 'quad', 'modality',
  'min_sources', 'bucket', 'event', 'afrom', 'ato', 'n', 'actor', 'q', 'sall', 'all', 'min_confidence'];
// Which events count (the header's control): kept across views, sent to
// every API call that takes them.
const COUNT_KEYS = ['all', 'min_confidence'];
const FILTER_IDS = ['source', 'target', 'by', 'from', 'to', 'root', 'quad', 'modality', 'min_sources'];
const enc = new TextEncoder();
const dec = new TextDecoder();
const $ = (id) => document.getElementById(id);

let codes = null; // /api/v1/codes, loaded once
let state = {};
let eventsCursor = null;
let hitsCursor = null;

// ---------- small helpers ----------

function el(tag, attrs, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const k of kids.flat()) {
    if (k === null || k === undefined || k === false) continue;
    e.append(k instanceof Node ? k : document.createTextNode(String(k)));
  }
  return e;
}

function svg(tag, attrs, ...kids) {
  const e = document.createElementNS(SVGNS, tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v !== null && v !== undefined) e.setAttribute(k, v);
  }
  for (const k of kids.flat()) {
    if (k !== null && k !== undefined) e.append(k instanceof Node ? k : document.createTextNode(String(k)));
  }
  return e;
}

async function api(path, params) {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) {
    if (v !== '' && v !== null && v !== undefined && v !== false) qs.set(k, v === true ? 'true' : v);
  }
  const url = '/api/v1/' + path + (qs.toString() ? '?' + qs : '');
  const r = await fetch(url, { headers: { Accept: 'application/json' } });
  const body = await r.json().catch(() => ({}));
  if (!r.ok) {
    const e = body.error || {};
    throw new Error((e.parameter ? e.parameter + ': ' : '') + (e.message || r.statusText));
  }
  return body;
}

function fmtNum(n) { return Number(n).toLocaleString('en-US'); }

function plural(n, one, many) { return fmtNum(n) + ' ' + (n === 1 ? one : many || one + 's'); }

function parseDay(s) { const [y, m, d] = s.split('-').map(Number); return new Date(Date.UTC(y, m - 1, d)); }

function addDays(s, n) {
  const d = parseDay(s);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** The last day of the bucket starting on `s`. */
function bucketEnd(s, by) {
  if (by === 'day') return s;
  if (by === 'week') return addDays(s, 6);
  const d = parseDay(s);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).toISOString().slice(0, 10);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
function label(s, by, long) {
  const d = parseDay(s);
  const m = MONTHS[d.getUTCMonth()];
  if (by === 'month') return m + ' ' + d.getUTCFullYear();
  const base = d.getUTCDate() + ' ' + m;
  return long ? (by === 'week' ? 'week of ' : '') + base + ' ' + d.getUTCFullYear() : base;
}

function cameoName(code) {
  const c = codes && codes.cameo.find((x) => x.code === code);
  return c ? c.name : '';
}

function showError(container, err) {
  container.replaceChildren(el('p', { class: 'empty' }, String(err.message || err)));
}

// ---------- state in the URL ----------

function readState() {
  const p = new URLSearchParams(location.search);
  const s = {};
  for (const k of STATE_KEYS) if (p.get(k)) s[k] = p.get(k);
  s.view = ['timeline', 'actors', 'search'].includes(s.view) ? s.view : 'timeline';
  // Before the Count control, `modality=all` meant all events.
  if (s.modality === 'all') { delete s.modality; s.all = 'true'; }
  if (s.all !== 'true') delete s.all;
  return s;
}

function writeState(push) {
  const p = new URLSearchParams();
  for (const k of STATE_KEYS) if (state[k]) p.set(k, state[k]);
  const url = '?' + p.toString();
  if (url !== location.search) history[push ? 'pushState' : 'replaceState'](null, '', url);
}

/** `next` with the Count control's keys of the current state. */
function keepCount(next) {
  for (const k of COUNT_KEYS) if (state[k]) next[k] = state[k];
  return next;
}

/** The Count control as API parameters: nothing (counted events, from
 *  the rollups), all=true, and/or min_confidence. */
function countParams() {
  return { all: state.all === 'true', min_confidence: state.min_confidence };
}

function filterParams() {
  return {
    root: state.root, quad: state.quad, min_sources: state.min_sources,
    modality: state.modality, ...countParams(),
  };
}

/** Shows the state's counting in the header's control. */
function showCount() {
  const mode = state.all === 'true' ? 'all' : state.min_confidence ? 'min' : '';
  $('count').value = mode;
  $('min-confidence-label').hidden = mode !== 'min';
  if (state.min_confidence) $('min_confidence').value = state.min_confidence;
  $('matrix-what').textContent = mode === 'all' ? 'all events'
    : mode === 'min' ? 'asserted events with confidence \u2265 ' + state.min_confidence : 'counted events';
}

/** The control changed: new counting, same view; redrawn. */
function countChanged() {
  const mode = $('count').value;
  delete state.all;
  delete state.min_confidence;
  if (mode === 'all') state.all = 'true';
  if (mode === 'min') {
    const v = Number($('min_confidence').value);
    state.min_confidence = String(Number.isFinite(v) ? Math.min(1, Math.max(0, v)) : 0.3);
  }
  writeState(true);
  summary();
  render();
}

// ---------- typeahead ----------

function typeahead(input, list) {
  let items = [];
  let on = -1;
  let timer = null;
  const close = () => { list.hidden = true; on = -1; };
  const pick = (s) => { input.value = s.code; close(); };
  const render = () => {
    list.replaceChildren(...items.map((s, i) => el('li', {
      role: 'option', class: i === on ? 'on' : null,
      onmousedown: (e) => { e.preventDefault(); pick(s); },
    }, el('b', {}, s.code), el('span', {}, s.name || ''), el('span', { class: 'n' }, s.events ? fmtNum(s.events) : ''))));
    list.hidden = items.length === 0;
  };
  input.addEventListener('input', () => {
    clearTimeout(timer);
    const q = input.value.trim();
    if (!q) { close(); return; }
    timer = setTimeout(async () => {
      try { items = await api('actors/suggest', { q, limit: 8 }); } catch (e) { items = []; }
      on = -1;
      render();
    }, 120);
  });
  input.addEventListener('keydown', (e) => {
    if (list.hidden) return;
    if (e.key === 'ArrowDown') { on = Math.min(on + 1, items.length - 1); render(); e.preventDefault(); }
    else if (e.key === 'ArrowUp') { on = Math.max(on - 1, 0); render(); e.preventDefault(); }
    else if (e.key === 'Enter' && on >= 0) { pick(items[on]); e.preventDefault(); }
    else if (e.key === 'Escape') close();
  });
  input.addEventListener('blur', () => setTimeout(close, 100));
}

// ---------- timeline ----------

async function showTimeline() {
  for (const id of FILTER_IDS) $(id).value = state[id] || (id === 'by' ? 'week' : '');
  $('both').checked = state.both === 'true';
  const chart = $('chart');
  if (!state.source || !state.target) {
    chart.replaceChildren(el('p', { class: 'empty' }, 'Pick two actors and press Show.'));
    return;
  }
  const by = state.by || 'week';
  const arrow = state.both === 'true' ? ' \u2194 ' : ' \u2192 ';
  $('chart-title').textContent = state.source + arrow + state.target + ': events per ' + by + ' by QuadClass';
  chart.replaceChildren(el('p', { class: 'empty' }, 'Loading\u2026'));
  let tl;
  try {
    tl = await api('timeline', {
      source: state.source, target: state.target, both: state.both === 'true', by,
      from: state.from, to: state.to, ...filterParams(),
    });
  } catch (e) { showError(chart, e); return; }
  drawTimeline(chart, tl);
  if (state.bucket) await showBucket(state.bucket, false);
  else resetBucket();
  if (state.event) await showEvent($('event-card'), Number(state.event), false);
}

/** A tick step giving at most 6 round ticks up to `v`. */
function niceStep(v) {
  const raw = Math.max(1, v / 5);
  const p = Math.pow(10, Math.floor(Math.log10(raw)));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= raw && Number.isInteger(m * p)) return m * p;
  return 10 * p;
}

function drawTimeline(chart, tl) {
  const b = tl.buckets;
  if (!b.length) {
    chart.replaceChildren(el('p', { class: 'empty' }, 'No events for this dyad and these filters.'));
    return;
  }
  const W = Math.max(chart.clientWidth || 900, 600);
  const H = 300;
  const m = { l: 48, r: 46, t: 14, b: 34 };
  const iw = W - m.l - m.r;
  const ih = H - m.t - m.b;
  const band = iw / b.length;
  const bw = Math.max(1, band * (b.length > 200 ? 1 : 0.78));
  const step = niceStep(Math.max(1, ...b.map((x) => x.events)));
  const ymax = step * Math.ceil(Math.max(1, ...b.map((x) => x.events)) / step);
  const y = (v) => m.t + ih - (v / ymax) * ih;
  const g = (v) => m.t + ih / 2 - (v / 10) * (ih / 2);
  const root = svg('svg', { id: 'timeline', viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': 'timeline' });
  root.append(svg('defs', {}, svg('pattern', { id: 'hatch', width: 6, height: 6, patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)' },
    svg('rect', { width: 6, height: 6, fill: '#fff' }), svg('rect', { width: 3, height: 6, fill: '#e3e7ec' }))));
  const grid = svg('g', { class: 'grid axis' });
  for (let v = 0; v <= ymax; v += step) {
    grid.append(svg('line', { x1: m.l, x2: W - m.r, y1: y(v), y2: y(v) }),
      svg('text', { x: m.l - 6, y: y(v) + 4, 'text-anchor': 'end' }, fmtNum(Math.round(v))));
  }
  for (const v of [-10, -5, 0, 5, 10]) {
    grid.append(svg('text', { x: W - m.r + 6, y: g(v) + 4 }, (v > 0 ? '+' : '') + v));
  }
  grid.append(svg('text', { x: 12, y: m.t + ih / 2, transform: `rotate(-90 12 ${m.t + ih / 2})`, 'text-anchor': 'middle' }, 'events'),
    svg('text', { x: W - 6, y: m.t + ih / 2, transform: `rotate(90 ${W - 6} ${m.t + ih / 2})`, 'text-anchor': 'middle' }, 'Goldstein mean'));
  root.append(grid);
  const back = svg('g', {});
  const gaps = svg('g', {});
  const bars = svg('g', {});
  const hits = svg('g', {});
  const ticks = svg('g', { class: 'axis' });
  const every = Math.max(1, Math.ceil(b.length / Math.floor(iw / 80)));
  b.forEach((d, i) => {
    const x = m.l + i * band;
    back.append(svg('rect', { class: 'sel' + (state.bucket === d.bucket ? ' on' : ''), x, y: m.t, width: band, height: ih, 'data-bucket': d.bucket }));
    if (d.articles === 0) gaps.append(svg('rect', { class: 'gap', x, y: m.t, width: band, height: ih }));
    let acc = 0;
    QUADS.forEach((q, k) => {
      if (!d[q]) return;
      bars.append(svg('rect', { class: 'bar q' + (k + 1), x: x + (band - bw) / 2, y: y(acc + d[q]), width: bw, height: y(acc) - y(acc + d[q]) }));
      acc += d[q];
    });
    const hit = svg('rect', { class: 'hit' + (state.bucket === d.bucket ? ' on' : ''), x, y: m.t, width: band, height: ih, 'data-bucket': d.bucket, 'data-events': d.events });
    hit.addEventListener('mousemove', (e) => tip(e, d, tl.by));
    hit.addEventListener('mouseleave', () => { $('tip').hidden = true; });
    hit.addEventListener('click', () => { if (d.events > 0) showBucket(d.bucket, true); });
    hits.append(hit);
    if (i % every === 0) {
      ticks.append(svg('line', { x1: x + band / 2, x2: x + band / 2, y1: m.t + ih, y2: m.t + ih + 4 }),
        svg('text', { x: x + band / 2, y: H - m.b + 18, 'text-anchor': 'middle' }, label(d.bucket, tl.by)));
    }
  });
  root.append(back, gaps, bars);
  root.append(svg('line', { class: 'zero', x1: m.l, x2: W - m.r, y1: g(0), y2: g(0) }));
  // The Goldstein mean, broken where a bucket has no events.
  let path = '';
  let open = false;
  const dots = svg('g', {});
  b.forEach((d, i) => {
    if (d.goldstein_mean === null || d.events === 0) { open = false; return; }
    const x = m.l + i * band + band / 2;
    path += (open ? 'L' : 'M') + x.toFixed(1) + ' ' + g(d.goldstein_mean).toFixed(1);
    open = true;
    if (band >= 6) dots.append(svg('circle', { class: 'gdot', cx: x, cy: g(d.goldstein_mean), r: 2.5 }));
  });
  root.append(svg('path', { class: 'goldstein', d: path || 'M0 0' }), dots, ticks,
    svg('line', { x1: m.l, x2: W - m.r, y1: m.t + ih, y2: m.t + ih, stroke: '#9aa5b1' }), hits);
  chart.replaceChildren(root);
}

function tip(e, d, by) {
  const t = $('tip');
  const lines = [el('b', {}, label(d.bucket, by, true))];
  if (d.articles === 0) lines.push(el('div', {}, 'No articles in the corpus: a gap in the record, not a quiet time.'));
  else {
    lines.push(el('div', {}, plural(d.events, 'event') + ' in ' + plural(d.clusters, 'cluster') + ', ' + plural(d.sources, 'outlet')));
    QUADS.forEach((q, k) => { if (d[q]) lines.push(el('div', {}, fmtNum(d[q]) + ' ' + QUAD_NAMES[k])); });
    if (d.goldstein_mean !== null) lines.push(el('div', {}, 'Goldstein mean ' + d.goldstein_mean.toFixed(2)));
    if (d.articles !== null) lines.push(el('div', {}, plural(d.articles, 'article') + ' in the corpus'));
    if (d.events) lines.push(el('div', { class: 'hint' }, 'click to list the events'));
  }
  t.replaceChildren(...lines);
  t.hidden = false;
  t.style.left = Math.min(e.clientX + 14, window.innerWidth - 330) + 'px';
  t.style.top = (e.clientY + 14) + 'px';
}

function resetBucket() {
  $('bucket-title').textContent = 'Events';
  $('bucket-hint').hidden = false;
  $('events').replaceChildren();
  $('more').hidden = true;
}

async function showBucket(bucket, push) {
  const by = state.by || 'week';
  if (push) {
    state.bucket = bucket;
    delete state.event;
    writeState(true);
  }
  for (const h of document.querySelectorAll('#timeline .hit, #timeline .sel')) h.classList.toggle('on', h.dataset.bucket === bucket);
  $('bucket-title').textContent = 'Events, ' + label(bucket, by, true);
  $('bucket-hint').hidden = true;
  $('events').replaceChildren();
  eventsCursor = null;
  await loadEvents(bucket);
}

async function loadEvents(bucket) {
  const by = state.by || 'week';
  const from = state.from && state.from > bucket ? state.from : bucket;
  let to = bucketEnd(bucket, by);
  if (state.to && state.to < to) to = state.to;
  let page;
  try {
    page = await api('events', {
      source: state.source, target: state.target, both: state.both === 'true', from, to,
      ...filterParams(), limit: 50, cursor: eventsCursor,
    });
  } catch (e) { showError($('events'), e); return; }
  for (const ev of page.events) $('events').append(eventItem(ev, () => showEvent($('event-card'), ev.id, true)));
  eventsCursor = page.next;
  $('more').hidden = !page.next;
  $('more').onclick = () => loadEvents(bucket);
}

function eventItem(ev, onclick, matches) {
  const li = el('li', { 'data-id': ev.id, class: String(ev.id) === state.event ? 'on' : null, onclick: () => {
    for (const x of li.parentNode.children) x.classList.remove('on');
    li.classList.add('on');
    onclick();
  } });
  const src = ev.source ? ev.source.code : '\u2014';
  const tgt = ev.target ? ev.target.code : '\u2014';
  li.append(el('div', { class: 'line1' },
    el('span', { class: 'day' }, ev.day),
    el('span', { class: 'code' }, src + ' \u2192 ' + tgt),
    el('span', { class: 'pill q' + ev.quad_class }, ev.cameo),
    el('span', {}, cameoName(ev.cameo)),
    ev.negated ? el('span', { class: 'pill flag' }, 'negated') : null,
    ev.modality !== 'asserted' ? el('span', { class: 'pill flag' }, ev.modality) : null));
  li.append(el('div', { class: 'ev' }, matches ? marked(ev.evidence, matches) : ev.evidence));
  return li;
}

/** `text` with the byte ranges `ranges` wrapped in <mark>. */
function marked(text, ranges) {
  const bytes = enc.encode(text);
  const out = [];
  let at = 0;
  for (const [s, e] of ranges) {
    out.push(dec.decode(bytes.slice(at, s)), el('mark', {}, dec.decode(bytes.slice(s, e))));
    at = e;
  }
  out.push(dec.decode(bytes.slice(at)));
  return out;
}

// ---------- one event and its article ----------

async function showEvent(card, id, push) {
  if (push) {
    state.event = String(id);
    writeState(true);
  }
  card.replaceChildren(el('h2', {}, 'Event ' + id), el('p', { class: 'hint' }, 'Loading\u2026'));
  let one;
  let art;
  try {
    one = await api('events/' + id);
    art = await api('articles/' + encodeURIComponent(one.event.article_id));
  } catch (e) { showError(card, e); return; }
  const ev = one.event;
  const cl = one.cluster;
  const who = (a) => a ? [el('code', {}, a.code), a.name ? ' ' + a.name : ''] : '\u2014';
  const row = (k, ...v) => [el('dt', {}, k), el('dd', {}, ...v)];
  const att = ev.attribution;
  const meta = el('dl', { class: 'meta', id: card.id === 'event-card' ? 'event-meta' : null },
    row('who', who(ev.source), ' \u2192 ', who(ev.target)),
    row('what', el('span', { class: 'pill q' + ev.quad_class }, ev.cameo), ' ', cameoName(ev.cameo), ' \u00b7 PLOVER ', ev.plover,
      ev.plover_mode ? ' (' + ev.plover_mode + ')' : ''),
    row('when', ev.date, ' (' + ev.precision + ', from ' + ev.date_from + ') \u00b7 published ', ev.published),
    row('score', 'Goldstein ', String(ev.goldstein), ' \u00b7 QuadClass ', String(ev.quad_class), ' ', QUAD_NAMES[ev.quad_class - 1] || ''),
    row('modality', ev.modality, ev.negated ? ', negated' : '', ev.counted ? '' : ' (not counted)'),
    row('according to', att ? [att.speaker || '', att.speaker && att.outlet ? ', citing ' : '', att.outlet || ''] : 'the article itself'),
    ev.location ? row('where', ev.location.name, ev.location.country ? ' (' + ev.location.country + ')' : '') : null,
    row('pattern', ev.pattern_id ? [el('code', { class: 'pattern-id' }, ev.pattern_id), ' '] : '', el('code', { class: 'pattern' }, ev.pattern)),
    cl ? row('cluster', '#' + cl.id + ': ' + plural(cl.num_mentions, 'counted mention') + ' in ' + plural(cl.num_articles, 'article') + ' from ' + plural(cl.num_sources, 'outlet')) : null,
    row('source', ev.outlet || 'unknown outlet', ev.url ? [' \u00b7 ', el('a', { href: ev.url, rel: 'noopener noreferrer', target: '_blank' }, 'original')] : ''));
  const keys = el('p', { class: 'keys' }, el('mark', { class: 'source' }, 'source'), el('mark', { class: 'trigger' }, 'trigger'),
    el('mark', { class: 'target' }, 'target'), el('mark', { class: 'evidence' }, 'evidence'), 'dotted: other coded sentences');
  card.replaceChildren(el('h2', {}, (ev.source ? ev.source.code : '?') + ' \u2192 ' + (ev.target ? ev.target.code : '?') + ': ' + (cameoName(ev.cameo) || ev.cameo)),
    meta, keys, articleView(art, ev, card));
}

/** The article text with every coded sentence underlined and the
 *  selected event's evidence, source, trigger and target marked. */
function articleView(art, ev, card) {
  const a = art.article;
  const box = el('div', { class: 'article', id: card.id === 'event-card' ? 'article' : null });
  box.append(el('span', { class: 'atitle' }, a.title || a.article_id),
    el('span', { class: 'asrc' }, [a.outlet || 'unknown outlet', a.date, a.article_id].join(' \u00b7 ')));
  if (!a.text) { box.append(el('p', { class: 'hint' }, 'The article text was not stored (ingested with --no-text).')); return box; }
  const bytes = enc.encode(a.text);
  const mine = art.events.find((x) => x.id === ev.id) || {};
  const es = mine.evidence_span;
  const ranges = [];
  const seen = new Set(es ? [es.join()] : []);
  for (const x of art.events) {
    const sp = x.evidence_span;
    if (sp && !seen.has(sp.join())) { seen.add(sp.join()); ranges.push({ s: sp[0], e: sp[1], cls: 'sent', id: x.id, rank: 0 }); }
  }
  if (es) ranges.push({ s: es[0], e: es[1], cls: 'evidence', rank: 1 });
  if (ev.source) ranges.push({ s: ev.source.span[0], e: ev.source.span[1], cls: 'source', rank: 2 });
  if (ev.target) ranges.push({ s: ev.target.span[0], e: ev.target.span[1], cls: 'target', rank: 2 });
  ranges.push({ s: ev.span[0], e: ev.span[1], cls: 'trigger', rank: 2 });
  box.append(...nest(bytes, ranges.filter((r) => r.s < r.e && r.e <= bytes.length), (r) => r.cls === 'sent'
    ? el('span', { class: 'sent', title: 'open this event', onclick: () => showEvent(card, r.id, card.id === 'event-card') })
    : el('mark', { class: r.cls })));
  return box;
}

/** DOM nodes for `bytes` with `ranges` as nested elements (outer ranges
 *  first; a range that crosses the end of its parent is cut there). */
function nest(bytes, ranges, make) {
  const sorted = ranges.slice().sort((x, y) => x.s - y.s || y.e - x.e || x.rank - y.rank);
  const root = { r: { s: 0, e: bytes.length }, kids: [] };
  const stack = [root];
  for (const r0 of sorted) {
    while (stack.length > 1 && stack[stack.length - 1].r.e <= r0.s) stack.pop();
    const top = stack[stack.length - 1];
    const r = { ...r0, e: Math.min(r0.e, top.r.e) };
    if (r.s >= r.e) continue;
    const node = { r, kids: [] };
    top.kids.push(node);
    stack.push(node);
  }
  const render = (node) => {
    const out = [];
    let at = node.r.s;
    for (const k of node.kids) {
      if (k.r.s > at) out.push(dec.decode(bytes.slice(at, k.r.s)));
      const e = make(k.r);
      e.append(...render(k));
      out.push(e);
      at = k.r.e;
    }
    if (node.r.e > at) out.push(dec.decode(bytes.slice(at, node.r.e)));
    return out;
  };
  return render(root);
}

// ---------- actors ----------

async function showActors() {
  $('afrom').value = state.afrom || '';
  $('ato').value = state.ato || '';
  $('n').value = state.n || '12';
  const win = { from: state.afrom, to: state.ato };
  const tbody = document.querySelector('#top-actors tbody');
  try {
    const [top, mx] = await Promise.all([
      api('actors/top', { n: 20, ...win, ...countParams() }),
      api('actors/matrix', { n: state.n || 12, ...win, ...countParams() }),
    ]);
    const max = Math.max(1, ...top.actors.map((a) => a.events));
    tbody.replaceChildren(...top.actors.map((a, i) => el('tr', {},
      el('td', {}, String(i + 1)),
      el('td', {}, el('button', { type: 'button', class: 'link code', title: 'open this actor', onclick: () => pickActor(a.actor) }, a.actor)),
      el('td', {}, a.name || ''),
      el('td', { class: 'num' }, fmtNum(a.events)),
      el('td', {}, sbar(a, max)))));
    drawMatrix($('matrix'), mx);
  } catch (e) { showError($('matrix'), e); }
  if (state.actor) showActor(state.actor);
}

function pickActor(code) {
  state.actor = code;
  writeState(true);
  showActor(code);
}

/** One actor (or a country over all its codes): when it was seen, its
 *  codes, partners (each opens the dyad's timeline) and names. */
async function showActor(code) {
  const card = $('actor-card');
  card.hidden = false;
  let a;
  try { a = await api('actors/' + encodeURIComponent(code)); } catch (e) { showError(card, e); return; }
  const row = (k, ...v) => [el('dt', {}, k), el('dd', {}, ...v)];
  const open = (t) => () => {
    state = keepCount({ view: 'timeline', source: a.code, target: t, by: 'week' });
    writeState(true);
    render();
  };
  const country = a.country && a.country !== a.code
    ? [' \u00b7 ', el('button', { type: 'button', class: 'link', onclick: () => pickActor(a.country) }, 'all of ' + (a.country_name || a.country))] : '';
  card.replaceChildren(el('h2', {}, a.name + ' ', el('code', {}, a.code)),
    el('dl', { class: 'meta' },
      row('seen', (a.first_seen || '?') + ' \u2013 ' + (a.last_seen || '?')),
      row('events', fmtNum(a.events) + ' (' + fmtNum(a.source_events) + ' as source, ' + fmtNum(a.target_events) + ' as target)', country),
      row('roles', a.roles.map((r) => r.name || r.code).join(', ') || '\u2014'),
      a.aggregate ? row('codes', a.codes.map((c) => c.code + ' ' + fmtNum(c.events)).join(' \u00b7 ')) : null,
      row('names', a.names.map((n) => n.name).join(' \u00b7 ') || '\u2014')),
    el('h3', {}, a.aggregate ? 'Partner countries' : 'Partners'),
    el('ol', { class: 'partners' }, ...a.partners.map((p) => el('li', {},
      el('button', { type: 'button', class: 'link', title: 'open the timeline of this pair', onclick: open(p.code) }, p.code),
      ' ' + (p.name || '') + ': ' + fmtNum(p.as_target) + ' \u2192, ' + fmtNum(p.as_source) + ' \u2190'))));
}

function sbar(a, max) {
  const w = (n) => Math.max(n ? 1 : 0, Math.round((n / max) * 160));
  const bar = el('div', { class: 'sbar', title: fmtNum(a.source_events) + ' as source, ' + fmtNum(a.target_events) + ' as target' },
    el('div', { class: 's' }), el('div', { class: 't' }));
  bar.children[0].style.width = w(a.source_events) + 'px';
  bar.children[1].style.width = w(a.target_events) + 'px';
  return bar;
}

function drawMatrix(box, mx) {
  const n = mx.countries.length;
  if (!n) { box.replaceChildren(el('p', { class: 'empty' }, 'No events in this window.')); return; }
  const c = 34;
  const L = 46;
  const T = 40;
  const max = Math.max(1, ...mx.events.flat());
  const root = svg('svg', { id: 'matrix-svg', viewBox: `0 0 ${L + n * c + 4} ${T + n * c + 4}`, width: L + n * c + 4 });
  mx.countries.forEach((code, i) => {
    const name = mx.names[i] || code;
    root.append(svg('text', { class: 'mlabel', x: L - 6, y: T + i * c + c / 2 + 4, 'text-anchor': 'end' }, svg('title', {}, name + ' (source)'), code));
    root.append(svg('text', { class: 'mlabel', x: L + i * c + c / 2, y: T - 8, 'text-anchor': 'middle' }, svg('title', {}, name + ' (target)'), code));
  });
  mx.events.forEach((rowv, i) => rowv.forEach((v, j) => {
    const t = v ? Math.log(1 + v) / Math.log(1 + max) : 0;
    const gm = mx.goldstein_mean[i][j];
    // Hue from the Goldstein mean (red conflict .. blue cooperation),
    // lightness from the count.
    const hue = gm === null ? 210 : gm < 0 ? 6 : 212;
    const sat = gm === null ? 10 : 20 + Math.min(60, Math.abs(gm) * 8);
    const fill = v ? `hsl(${hue} ${sat}% ${Math.round(94 - t * 52)}%)` : '#f3f5f8';
    const cell = svg('rect', { class: 'cell', x: L + j * c, y: T + i * c, width: c - 1, height: c - 1, fill, 'data-source': mx.countries[i], 'data-target': mx.countries[j] },
      svg('title', {}, `${mx.names[i] || mx.countries[i]} \u2192 ${mx.names[j] || mx.countries[j]}: ${fmtNum(v)} events` + (gm === null ? '' : `, Goldstein mean ${gm.toFixed(2)}`)));
    cell.addEventListener('click', () => {
      state = keepCount({ view: 'timeline', source: mx.countries[i], target: mx.countries[j], by: 'week', from: state.afrom, to: state.ato });
      writeState(true);
      render();
    });
    root.append(cell);
    if (v) root.append(svg('text', { class: 'mcount', x: L + j * c + c / 2, y: T + i * c + c / 2 + 4, 'text-anchor': 'middle', fill: t > 0.55 ? '#fff' : '#1d2433' }, v > 999 ? Math.round(v / 1000) + 'k' : String(v)));
  }));
  box.replaceChildren(root);
}

// ---------- search ----------

async function showSearch() {
  $('q').value = state.q || '';
  $('sall').checked = state.sall === 'true' || state.all === 'true';
  $('hits').replaceChildren();
  hitsCursor = null;
  if (!state.q) { $('hits-title').textContent = 'Matches'; $('hits-more').hidden = true; return; }
  await loadHits();
  if (state.event) await showEvent($('search-event'), Number(state.event), false);
}

async function loadHits() {
  let page;
  const all = state.sall === 'true' || state.all === 'true';
  try { page = await api('search', { q: state.q, all, limit: 30, cursor: hitsCursor }); }
  catch (e) { showError($('hits'), e); return; }
  $('hits-title').textContent = 'Matches for \u201c' + state.q + '\u201d, newest first';
  for (const h of page.hits) {
    $('hits').append(eventItem(h, () => showEvent($('search-event'), h.id, true), h.matches));
  }
  if (!page.hits.length && !hitsCursor) $('hits').append(el('li', { class: 'hint' }, 'No matches.'));
  hitsCursor = page.next;
  $('hits-more').hidden = !page.next;
  $('hits-more').onclick = loadHits;
}

// ---------- wiring ----------

async function render() {
  showCount();
  for (const v of ['timeline', 'actors', 'search']) $('view-' + v).hidden = v !== state.view;
  for (const a of document.querySelectorAll('#tabs a')) a.classList.toggle('on', a.dataset.view === state.view);
  if (state.view === 'actors') return showActors();
  if (state.view === 'search') return showSearch();
  return showTimeline();
}

async function summary() {
  try {
    const s = await api('stats', countParams());
    const span = s.first_day ? ' \u00b7 ' + s.first_day + ' \u2013 ' + s.last_day : '';
    $('summary').textContent = fmtNum(s.articles) + ' articles \u00b7 ' + fmtNum(s.events) + ' events \u00b7 ' + fmtNum(s.clusters) + ' clusters' + span;
  } catch (e) { $('summary').textContent = ''; }
}

/** With no dyad in the URL, start on the busiest pair of countries. */
async function defaultDyad() {
  try {
    const mx = await api('actors/matrix', { n: 12, ...countParams() });
    let best = null;
    mx.events.forEach((r, i) => r.forEach((v, j) => {
      if (i !== j && (!best || v > best.v)) best = { v, s: mx.countries[i], t: mx.countries[j] };
    }));
    if (best && best.v > 0) { state.source = best.s; state.target = best.t; writeState(false); }
  } catch (e) { /* an empty store: leave the form empty */ }
}

function wire() {
  typeahead($('source'), $('source-suggest'));
  typeahead($('target'), $('target-suggest'));
  $('swap').addEventListener('click', () => { const s = $('source').value; $('source').value = $('target').value; $('target').value = s; });
  $('dyad-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const next = { view: 'timeline' };
    for (const id of FILTER_IDS) if ($(id).value) next[id] = $(id).value.trim();
    if (next.by === 'week') delete next.by;
    if ($('both').checked) next.both = 'true';
    state = keepCount(next);
    writeState(true);
    render();
  });
  for (const id of ['root', 'quad', 'modality', 'by']) $(id).addEventListener('change', () => $('dyad-form').requestSubmit());
  $('actors-form').addEventListener('submit', (e) => {
    e.preventDefault();
    state = keepCount({ view: 'actors', afrom: $('afrom').value, ato: $('ato').value, n: $('n').value === '12' ? '' : $('n').value });
    writeState(true);
    render();
  });
  $('search-form').addEventListener('submit', (e) => {
    e.preventDefault();
    state = keepCount({ view: 'search', q: $('q').value.trim(), sall: $('sall').checked ? 'true' : '' });
    writeState(true);
    render();
  });
  for (const a of document.querySelectorAll('#tabs a')) {
    a.addEventListener('click', (e) => {
      e.preventDefault();
      const keep = a.dataset.view === 'timeline' ? { source: state.source, target: state.target } : {};
      state = keepCount({ view: a.dataset.view, ...keep });
      writeState(true);
      render();
    });
  }
  $('count').addEventListener('change', countChanged);
  $('min_confidence').addEventListener('change', countChanged);
  $('count-form').addEventListener('submit', (e) => { e.preventDefault(); countChanged(); });
  window.addEventListener('popstate', () => { state = readState(); summary(); render(); });
  let resize = null;
  window.addEventListener('resize', () => { clearTimeout(resize); resize = setTimeout(() => { if (state.view === 'timeline') showTimeline(); }, 250); });
}

async function main() {
  state = readState();
  wire();
  summary();
  try { codes = await api('codes', { kind: 'cameo' }); } catch (e) { codes = { cameo: [] }; }
  const roots = codes.cameo.filter((c) => c.code.length === 2);
  $('root').append(...roots.map((c) => el('option', { value: c.code }, c.code + ' ' + c.name)));
  if (state.view === 'timeline' && !state.source && !state.target) await defaultDyad();
  await render();
  document.body.dataset.ready = 'true';
}

main();
