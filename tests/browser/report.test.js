#!/usr/bin/env node
// The HTML after-action report in a real browser: Debian's headless Chromium driven by
// puppeteer-core (no browser download; file:// only, every other request is refused).
//
//   node tests/browser/report.test.js REPORT.html OUTDIR
//
// At 1280 and 800 px wide it checks that the page never scrolls sideways, that every chart is
// drawn (an <svg class="chart"> with a non-empty box and its lines), that every cell of the
// truth tables is inside the window, that the timeline is folded by turn and the page is of a
// reasonable height (< 15,000 px at 1280), and saves full-page screenshots in OUTDIR
// (report-1280.png, report-800.png, and report-800-turn.png with the first turn unfolded).
// CHROMIUM overrides the browser's path (default /usr/bin/chromium).
'use strict';

const fs = require('fs');
const path = require('path');
const { pathToFileURL } = require('url');

const [reportArg, outArg] = process.argv.slice(2);
if (!reportArg || !outArg) {
  console.error('usage: node tests/browser/report.test.js REPORT.html OUTDIR');
  process.exit(2);
}
const report = path.resolve(reportArg);
const outDir = path.resolve(outArg);
const chromium = process.env.CHROMIUM || '/usr/bin/chromium';
const kMaxHeight1280 = 15000;

let puppeteer;
try {
  puppeteer = require('puppeteer-core');
} catch (e) {
  console.error('FAIL: puppeteer-core is not installed (run scripts/bootstrap: npm ci at the top level)');
  process.exit(1);
}
if (!fs.existsSync(report)) {
  console.error(`FAIL: no report at ${report}`);
  process.exit(1);
}
if (!fs.existsSync(chromium)) {
  console.error(`FAIL: no browser at ${chromium} (scripts/bootstrap installs Debian's chromium)`);
  process.exit(1);
}
fs.mkdirSync(outDir, { recursive: true });

const failures = [];
function check(ok, what) {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures.push(what);
}

async function measure(page) {
  return page.evaluate(() => {
    const doc = document.documentElement;
    const charts = [...document.querySelectorAll('svg.chart')].map((svg) => {
      const box = svg.getBoundingClientRect();
      const lines = [...svg.querySelectorAll('polyline')].map((l) => l.getBBox());
      return {
        label: svg.getAttribute('aria-label'),
        width: box.width,
        height: box.height,
        lines: lines.length,
        // A flat line has a zero-height box: a line is drawn when its box has some extent.
        drawn: lines.filter((b) => b.width > 0 || b.height > 0).length,
        axisTitles: svg.querySelectorAll('text.axis').length,
      };
    });
    const cellsOutside = [];
    for (const td of document.querySelectorAll('table.truth td, table.evidence td')) {
      const box = td.getBoundingClientRect();
      if (box.width <= 0 || box.left < -0.5 || box.right > window.innerWidth + 0.5)
        cellsOutside.push(`${td.dataset.label || '?'}: ${td.textContent.slice(0, 40)}`);
    }
    const details = [...document.querySelectorAll('details.turn')];
    return {
      scrollWidth: doc.scrollWidth,
      innerWidth: window.innerWidth,
      height: doc.scrollHeight,
      charts,
      cellsOutside,
      turns: details.length,
      openTurns: details.filter((d) => d.open).length,
    };
  });
}

(async () => {
  const browser = await puppeteer.launch({
    executablePath: chromium,
    headless: true, // the new headless mode
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'],
  });
  try {
    const page = await browser.newPage();
    await page.setRequestInterception(true);
    page.on('request', (req) => {
      const url = req.url();
      if (url.startsWith('file:') || url.startsWith('data:')) req.continue();
      else {
        failures.push(`the page asked for ${url}`);
        req.abort();
      }
    });
    for (const width of [1280, 800]) {
      await page.setViewport({ width, height: 900 });
      await page.goto(pathToFileURL(report).href, { waitUntil: 'load' });
      const m = await measure(page);
      console.log(`-- ${width} px: page ${m.scrollWidth} x ${m.height} px, ${m.charts.length} charts`);
      check(m.scrollWidth <= m.innerWidth, `${width} px: no horizontal overflow (scrollWidth ${m.scrollWidth} <= ${m.innerWidth})`);
      check(m.charts.length >= 2, `${width} px: the charts are there (${m.charts.length})`);
      for (const c of m.charts) {
        check(c.width > 0 && c.height > 0 && c.lines > 0 && c.drawn > 0 && c.axisTitles >= 1,
              `${width} px: chart "${c.label}" drawn (${Math.round(c.width)} x ${Math.round(c.height)}, ` +
                `${c.drawn}/${c.lines} lines, ${c.axisTitles} axis titles)`);
      }
      check(m.cellsOutside.length === 0,
            `${width} px: every truth and evidence cell inside the window` +
              (m.cellsOutside.length ? ` (outside: ${m.cellsOutside.slice(0, 5).join('; ')})` : ''));
      check(m.turns > 0 && m.openTurns === 0, `${width} px: the timeline is folded by turn (${m.turns} turns, ${m.openTurns} open)`);
      if (width === 1280)
        check(m.height < kMaxHeight1280, `1280 px: page height ${m.height} < ${kMaxHeight1280} px`);
      const shot = path.join(outDir, `report-${width}.png`);
      await page.screenshot({ path: shot, fullPage: true });
      console.log(`     screenshot ${shot}`);
    }
    // A folded turn opens and its lines fit the narrow window too.
    await page.click('details.turn > summary');
    const opened = await page.evaluate(() => {
      const d = document.querySelector('details.turn');
      const items = d.querySelectorAll('li');
      return { open: d.open, items: items.length, scrollWidth: document.documentElement.scrollWidth,
               innerWidth: window.innerWidth };
    });
    check(opened.open && opened.items > 0, `800 px: the first turn unfolds (${opened.items} lines)`);
    check(opened.scrollWidth <= opened.innerWidth, '800 px: no horizontal overflow with a turn unfolded');
    const shot = path.join(outDir, 'report-800-turn.png');
    await page.screenshot({ path: shot, fullPage: true });
    console.log(`     screenshot ${shot}`);
  } finally {
    await browser.close();
  }
  if (failures.length) {
    console.error(`${failures.length} check(s) failed`);
    process.exit(1);
  }
  console.log('all checks passed');
})().catch((e) => {
  console.error(`FAIL: ${e && e.stack ? e.stack : e}`);
  process.exit(1);
});
