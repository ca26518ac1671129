#!/usr/bin/env node
// Browser team seats in a real browser: `demarche serve` on 127.0.0.1 (a free port), Debian's
// headless Chromium driven by puppeteer-core (no browser download; every request that is not
// to the server on loopback is refused).
//
//   node tests/browser/seats.test.js DEMARCHE SCENARIO OUTDIR
//
// Three team pages (ukr, pol, deu) play two turns: ukr queues a measure and proposes to pol,
// pol answers within the same week and ukr sees the answer; deu's page is closed mid-turn and
// reopened with its code, and finds its queue and its unsent draft as they were. Inside a page
// a raw WebSocket sends garbage, an oversized frame, wrong codes and a command for another
// actor: refused, and nothing changes in the log. At the end the saved log replays identically
// (`demarche replay`) with the teams' commands under their own seats. In the second week pol
// proposes a joint attribution, ukr answers with a counter-proposal (changed terms) that pol
// accepts, both decide, ukr attributes jointly with pol and withdraws it; the facilitator takes
// deu's seat back to the hot seat (its page shows why and nothing of deu's view) and gives it
// back (the same page has its seat again). Screenshots of a team's page at 1280 px and 390 px
// (in Ukrainian) go to OUTDIR.
'use strict';

const fs = require('fs');
const path = require('path');
const { spawn, spawnSync } = require('child_process');

const [demarcheArg, scenarioArg, outArg] = process.argv.slice(2);
if (!demarcheArg || !scenarioArg || !outArg) {
  console.error('usage: node tests/browser/seats.test.js DEMARCHE SCENARIO OUTDIR');
  process.exit(2);
}
const demarche = path.resolve(demarcheArg);
const scenario = path.resolve(scenarioArg);
const outDir = path.resolve(outArg);
const chromium = process.env.CHROMIUM || '/usr/bin/chromium';
let puppeteer;
try {
  puppeteer = require('puppeteer-core');
} catch (e) {
  console.error('FAIL: puppeteer-core is not installed (run scripts/bootstrap: npm ci at the top level)');
  process.exit(1);
}
if (!fs.existsSync(chromium)) {
  console.error(`FAIL: no browser at ${chromium} (scripts/bootstrap installs Debian's chromium)`);
  process.exit(1);
}
fs.mkdirSync(outDir, { recursive: true });
const log = path.join(outDir, 'seats.dlog');
fs.rmSync(log, { force: true });

const failures = [];
function check(ok, what) {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures.push(what);
}

// ---- the server, the facilitator typing on its standard input ----
const server = spawn(demarche, ['serve', scenario, '--seats', 'ukr,pol,deu', '--listen', '127.0.0.1:0', '--log', log], {
  stdio: ['pipe', 'pipe', 'inherit'],
});
let output = '';
const waiters = [];
server.stdout.on('data', (chunk) => {
  output += chunk.toString();
  for (const w of [...waiters]) w();
});
function waitOutput(regex, from = 0, ms = 30000) {
  return new Promise((resolve, reject) => {
    const test = () => {
      const m = output.slice(from).match(regex);
      if (m) {
        waiters.splice(waiters.indexOf(test), 1);
        clearTimeout(timer);
        resolve(m);
      }
    };
    const timer = setTimeout(() => reject(new Error(`no ${regex} from demarche serve`)), ms);
    waiters.push(test);
    test();
  });
}
async function facilitator(line) {
  const from = output.length;
  server.stdin.write(line + '\n');
  const m = await waitOutput(/^(ok|refused): .*$/m, from);
  return m[0];
}
async function status() {
  const from = output.length;
  server.stdin.write('status\n');
  await waitOutput(/^seat deu .*$/m, from);
  const lines = output.slice(from).split('\n').filter((l) => l.startsWith('seat '));
  const out = {};
  for (const l of lines) {
    const [, id, , code, , conn, ...rest] = l.split(' ');
    out[id] = {
      code,
      connected: conn === 'connected',
      takenBack: conn === 'taken-back',
      waiting: rest.includes('waiting'),
      refused: Number(rest[rest.length - 1]),
    };
  }
  return out;
}
function logCommands() {
  return fs.readFileSync(log, 'utf8').split('\n').filter((l) => l.startsWith('['));
}

async function main() {
  const serving = await waitOutput(/\(port (\d+)\)/);
  const port = Number(serving[1]);
  const base = `http://127.0.0.1:${port}/`;
  await waitOutput(/^seat deu code (\w+)/m);
  const codes = {};
  for (const m of output.matchAll(/^seat (\w+) code (\w+)/gm)) codes[m[1]] = m[2];
  check(Object.keys(codes).length === 3, 'three join codes printed');

  const browser = await puppeteer.launch({
    executablePath: chromium,
    headless: true,
    protocolTimeout: 60000,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run',
      '--disable-background-timer-throttling', '--disable-renderer-backgrounding',
      '--disable-backgrounding-occluded-windows'],
  });
  const wait = { timeout: 30000, polling: 100 };
  async function open(id, lang = 'en', width = 1280, height = 900) {
    const page = await browser.newPage();
    await page.setViewport({ width, height });
    await page.setRequestInterception(true);
    page.on('request', (req) => (req.url().startsWith(base) ? req.continue() : req.abort()));
    page.on('pageerror', (e) => check(false, `${id}: no script error (${e.message})`));
    await page.evaluateOnNewDocument((l) => localStorage.setItem('demarche-lang', l), lang);
    await page.goto(`${base}#${codes[id]}`);
    await page.waitForFunction(() => !document.getElementById('seat').hidden, wait);
    return page;
  }
  const text = (page, selector) => page.$eval(selector, (n) => n.textContent);
  const phaseIs = (page, phase) =>
    page.waitForFunction((p) => document.getElementById('phase').textContent.startsWith(p), wait, phase);

  try {
    const pages = { ukr: await open('ukr'), pol: await open('pol'), deu: await open('deu') };
    check((await text(pages.ukr, '#who')).length > 0, 'ukr page shows its actor');
    const seats = await status();
    check(seats.ukr.connected && seats.pol.connected && seats.deu.connected, 'the facilitator sees three seats connected');

    for (let turn = 1; turn <= 2; ++turn) {
      check((await facilitator('end_phase')).startsWith('ok'), `turn ${turn}: the facilitator opens the deliberation`);
      for (const id of Object.keys(pages)) await phaseIs(pages[id], 'deliberation');
      check(true, `turn ${turn}: three pages show the deliberation`);

      // Every team queues the first measure it may take.
      for (const id of Object.keys(pages)) {
        const page = pages[id];
        await page.bringToFront(); // a background tab's timers are throttled
        await page.waitForSelector('.queue-button', wait);
        const before = await page.$$eval('ul.queue li', (l) => l.length);
        await page.click('.queue-button');
        await page.waitForFunction((n) => document.querySelectorAll('ul.queue li').length > n, wait, before);
      }
      check(true, `turn ${turn}: each team queued a measure from its page`);

      if (turn === 1) {
        // ukr proposes to pol; pol answers in the same week; ukr sees the answer.
        const ukr = pages.ukr;
        await ukr.bringToFront();
        await ukr.click('#propose summary');
        await ukr.click('#to-pol');
        const firstTerm = await ukr.$eval('#propose fieldset:nth-of-type(2) input', (n) => n.id);
        await ukr.click(`#${firstTerm}`);
        await ukr.type('#proposal-text', 'Share what you know about the grid attack?');
        await ukr.click('#send-proposal');
        await ukr.waitForFunction(() => document.body.textContent.includes('Share what you know') || !document.getElementById('notice').hidden, wait);
        const refusal = await ukr.$eval('#notice', (n) => (n.hidden ? '' : n.textContent));
        check(refusal === '', `ukr's proposal is accepted by the server${refusal ? ': ' + refusal : ''}`);
        await pages.pol.bringToFront();
        await pages.pol.waitForSelector('article.incoming input', wait);
        check((await text(pages.pol, 'article.incoming')).includes('Share what you know'), 'pol receives the proposal with its message');
        await pages.pol.type('article.incoming input', 'We share the assessment');
        await pages.pol.click('article.incoming button.accept');
        await ukr.bringToFront();
        await ukr.waitForFunction(() => document.body.textContent.includes('We share the assessment'), wait);
        check(true, "ukr sees pol's answer and its reason in the same week");
        check(!(await text(pages.deu, '#seat')).includes('Share what you know'), 'deu never sees a proposal between others');

        // deu starts a draft, then its tab closes mid-turn and comes back with the code.
        const deu = pages.deu;
        await deu.bringToFront();
        await deu.click('#propose summary');
        await deu.click('#to-ukr');
        await deu.type('#proposal-text', 'Draft kept on the server');
        await new Promise((r) => setTimeout(r, 800)); // the page sends its draft 400 ms after typing
        const queued = await deu.$$eval('ul.queue li', (l) => l.length);
        await deu.close();
        await facilitator('pause'); // something changes while deu is away
        await facilitator('resume');
        pages.deu = await open('deu');
        await pages.deu.waitForFunction((n) => document.querySelectorAll('ul.queue li').length === n, wait, queued);
        check(true, "deu's reopened page finds its queued measure");
        const draft = await pages.deu.$eval('#proposal-text', (n) => n.value).catch(() => '');
        check(draft === 'Draft kept on the server', `deu's unsent draft is kept (${JSON.stringify(draft)})`);

        // Abuse from inside a page: a raw WebSocket, as a hostile script would.
        const commandsBefore = logCommands().length;
        const abuse = await pages.ukr.evaluate(async (code) => {
          const replies = [];
          const ws = new WebSocket(`ws://${location.host}/seat`);
          await new Promise((r) => (ws.onopen = r));
          ws.onmessage = (e) => replies.push(JSON.parse(e.data).type);
          const closed = new Promise((r) => (ws.onclose = r));
          ws.send('{not json');
          ws.send(JSON.stringify({ type: 'join', code: 'WRONG123' }));
          ws.send(JSON.stringify({ type: 'join', code }));
          await new Promise((r) => setTimeout(r, 500));
          ws.send('x'.repeat(100000));
          await Promise.race([closed, new Promise((r) => setTimeout(r, 5000))]);
          return { replies, closed: ws.readyState === WebSocket.CLOSED };
        }, codes.ukr);
        check(abuse.replies.includes('refused'), 'garbage before joining is refused');
        check(abuse.replies.filter((t) => t === 'join-refused').length === 2, 'a wrong code and a code held by another page are refused');
        check(abuse.closed, 'an oversized frame closes that connection');
        // pol's own page sends a command written for ukr, and a facilitator's command.
        const ukrLine = await pages.ukr.evaluate(() => state.view.options.find((o) => o.legal).line);
        await pages.pol.bringToFront();
        await pages.pol.evaluate((line) => {
          state.ws.send(JSON.stringify({ type: 'command', line }));
          state.ws.send(JSON.stringify({ type: 'command', line: 'end_phase' }));
        }, ukrLine);
        await pages.pol.waitForFunction(() => document.getElementById('notice').textContent.includes('facilitator'), wait);
        check(true, "pol's page is told it may not act for ukr nor end the phase");
        check(logCommands().length === commandsBefore, 'nothing the abuse sent reached the log');
        for (const id of ['ukr', 'deu']) check(!(await pages[id].$('#notice.bad')), `${id}'s page never noticed`);
      }

      if (turn === 2) {
        // A counter-proposal: pol proposes a joint attribution and more; ukr answers with changed
        // terms (the joint attribution only); pol accepts the counter.
        const { ukr, pol } = pages;
        const terms = await pol.evaluate(() => Object.keys(state.view.names.terms));
        const joint = terms.find((id) => id.includes('joint'));
        const other = terms.find((id) => id !== joint);
        await pol.bringToFront();
        await pol.evaluate(() => {
          const d = document.getElementById('propose');
          if (!d.open) d.querySelector('summary').click();
        });
        await pol.click('#to-ukr');
        await pol.click(`#term-${joint}`);
        await pol.click(`#term-${other}`);
        await pol.select('#proposal-incident', 'grid_attack');
        await pol.click('#send-proposal');
        await ukr.bringToFront();
        const id = await ukr.waitForFunction(
          () => state.view && (state.view.proposals.find((p) => p.awaitingOurReply && p.from === 'pol') || {}).id,
          wait,
        ).then((h) => h.jsonValue());
        await ukr.waitForSelector(`#counter-${id}-${other}`, wait);
        await ukr.click(`#counter-${id}-${other}`); // the counter starts with pol's terms: drop one
        await ukr.type(`#reason-${id}`, 'Attribution first, the rest later');
        await ukr.click(`#counter-${id}`);
        await pol.bringToFront();
        const counterId = await pol.waitForFunction(
          (orig) => state.view && (state.view.proposals.find((p) => p.awaitingOurReply && p.counterOf === orig) || {}).id,
          wait,
          id,
        ).then((h) => h.jsonValue());
        check(true, `ukr answered pol's proposal #${id} with a counter-proposal (#${counterId})`);
        const counterTerms = await pol.evaluate((c) => state.view.proposals.find((p) => p.id === c).terms, counterId);
        check(JSON.stringify(counterTerms) === JSON.stringify([joint]), `the counter carries the changed terms (${counterTerms})`);
        await pol.type(`#reason-${counterId}`, 'Agreed');
        await pol.click(`#accept-${counterId}`);
        await pol.waitForFunction((c) => !state.view.proposals.find((p) => p.id === c).awaitingOurReply, wait, counterId);

        // Both decide the same; ukr attributes jointly with pol, then withdraws it.
        const candidate = await ukr.evaluate(
          () => state.view.assessments.find((a) => a.incident === 'grid_attack').candidates[0].actor,
        );
        for (const page of [pol, ukr]) {
          await page.bringToFront();
          await page.select('#decide-grid_attack', candidate);
          await page.click('#decide-button-grid_attack');
          await page.waitForFunction(
            (c) => state.view.assessments.find((a) => a.incident === 'grid_attack').decided === c,
            wait,
            candidate,
          );
        }
        await ukr.waitForSelector('#joint-grid_attack-pol', wait);
        await ukr.click('#joint-grid_attack-pol');
        await ukr.click('#joint-grid_attack');
        const disclosure = () =>
          ukr.evaluate(() => state.view.assessments.find((a) => a.incident === 'grid_attack').disclosure);
        await ukr.waitForFunction(
          () => state.view.assessments.find((a) => a.incident === 'grid_attack').disclosure !== 'none' ||
            !document.getElementById('notice').hidden,
          wait,
        );
        check((await disclosure()) === 'joint', `ukr attributed the grid attack jointly with pol (${await disclosure()})`);
        await ukr.click('#withdraw-grid_attack');
        await ukr.waitForFunction(
          () => state.view.assessments.find((a) => a.incident === 'grid_attack').disclosure !== 'joint',
          wait,
        );
        check(true, `ukr withdrew its joint attribution (now ${await disclosure()})`);

        // The facilitator takes deu's seat back to the hot seat, then gives it back.
        const deu = pages.deu;
        const deuQueue = await deu.$$eval('ul.queue li', (l) => l.length);
        check((await facilitator('seat deu team')).startsWith('ok'), 'the facilitator takes deu\'s seat back to the hot seat');
        await deu.bringToFront();
        await deu.waitForFunction(
          () => document.getElementById('seat').hidden && document.getElementById('seat').childElementCount === 0 &&
            document.getElementById('notice').textContent.includes('hot seat'),
          wait,
        );
        check(true, "deu's page says its seat was taken back and shows nothing of deu's view");
        const taken = (await status()).deu;
        check(taken.takenBack && taken.waiting, 'the facilitator sees deu taken back, its page waiting');
        check((await facilitator('seat deu browser')).startsWith('ok'), 'the facilitator gives deu\'s seat back to a browser');
        await deu.waitForFunction(
          (n) => !document.getElementById('seat').hidden && state.view && state.view.actor === 'deu' &&
            document.querySelectorAll('ul.queue li').length === n,
          wait,
          deuQueue,
        );
        check(true, "deu's page has its seat again, its queue as it was");
        check((await status()).deu.connected, 'the facilitator sees deu connected again');
      }

      // Resolution, consequences, and the next turn's briefing.
      for (let k = 0; k < 3; ++k) await facilitator('end_phase');
      for (const id of Object.keys(pages)) await phaseIs(pages[id], 'briefing');
      check(true, `turn ${turn}: resolved; the pages show the next briefing`);
    }
    const turnText = await text(pages.ukr, '#turn');
    check(/ 3\//.test(turnText), `the pages are at turn 3 (${turnText})`);

    // Screenshots: 1280 px in English, 390 px (a phone) in Ukrainian.
    await facilitator('end_phase');
    await phaseIs(pages.ukr, 'deliberation');
    await pages.ukr.screenshot({ path: path.join(outDir, 'seat-1280.png'), fullPage: false });
    await pages.ukr.close();
    await new Promise((r) => setTimeout(r, 500));
    const uk = await open('ukr', 'uk', 390, 844);
    await uk.waitForFunction(() => document.documentElement.lang === 'uk', wait);
    check((await text(uk, '#seat')).includes('Переговори'), 'the Ukrainian page speaks Ukrainian');
    const sideways = await uk.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    check(sideways <= 0, `390 px: no sideways scrolling (${sideways} px)`);
    await uk.screenshot({ path: path.join(outDir, 'seat-390-uk.png'), fullPage: false });
  } finally {
    await browser.close();
  }

  server.stdin.write('quit\n');
  await waitOutput(/^log written/m);
  const lines = logCommands();
  for (const id of ['ukr', 'pol', 'deu'])
    check(lines.some((l) => l.startsWith(`[team:${id}] measure ${id} `)), `the log holds ${id}'s measures under its own seat`);
  check(lines.some((l) => l.startsWith('[team:ukr] propose ukr to=pol')), "the log holds ukr's proposal");
  check(lines.some((l) => l.startsWith('[team:pol] reply pol ')), "the log holds pol's reply");
  check(lines.some((l) => /^\[team:ukr\] reply ukr \d+ counter terms=/.test(l)), "the log holds ukr's counter-proposal");
  check(lines.some((l) => l.startsWith('[team:ukr] disclose ukr grid_attack joint partners=pol')), "the log holds ukr's joint attribution");
  check(lines.some((l) => l.startsWith('[team:ukr] withdraw ukr grid_attack')), "the log holds ukr's withdrawal");
  check(lines.includes('[facilitator] seat deu team') && lines.includes('[facilitator] seat deu browser'),
    "the log holds the facilitator's seat changes");
  check(!fs.readFileSync(log, 'utf8').includes(codes.ukr), 'no join code is written to the log');
  const replay = spawnSync(demarche, ['replay', log], { encoding: 'utf8' });
  check(replay.status === 0 && /identical/.test(replay.stdout), `demarche replay: ${replay.stdout.trim()}`);
}

main()
  .catch((e) => check(false, `no error (${e.stack || e})`))
  .finally(() => {
    if (server.exitCode === null) server.kill();
    const passed = failures.length === 0;
    console.log(passed ? 'seats: all checks passed' : `seats: ${failures.length} failed`);
    process.exit(passed ? 0 : 1);
  });
