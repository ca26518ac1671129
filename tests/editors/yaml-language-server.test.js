// The editors' view of the schemas: drives the real YAML language server (yaml-language-server,
// a devDependency in package.json, installed by scripts/bootstrap) over stdio, as VS Code, Neovim
// or Emacs would, and checks what an author sees while typing:
//   - no diagnostics on any shipped scenario or catalogue (each finds its schema by its modeline,
//     or, without one, by the `yaml.schemas` mapping docs/scenario-format.md gives);
//   - a diagnostic on a misspelled key, at that key, and on a file holding only `format: 1`;
//   - completion at the top level of a scenario offers the scenario's keys (and a catalogue's
//     only its own);
//   - hover over a key (at the top level or nested) shows that key's description from the schema.
// Usage: node tests/editors/yaml-language-server.test.js [REPOSITORY]. Exit 0 when every check
// passes, 1 otherwise. No network: the schema store is disabled and schemas are local files.
'use strict';

const { spawn } = require('child_process');
const fs = require('fs');
const path = require('path');
const { pathToFileURL } = require('url');

const root = path.resolve(process.argv[2] || path.join(__dirname, '..', '..'));
const serverPath = path.join(root, 'node_modules', 'yaml-language-server', 'bin', 'yaml-language-server');
if (!fs.existsSync(serverPath)) {
  console.error(`FAIL: ${path.relative(root, serverPath)} is missing: run scripts/bootstrap (npm ci) first`);
  process.exit(1);
}
const serverVersion = JSON.parse(
  fs.readFileSync(path.join(root, 'node_modules', 'yaml-language-server', 'package.json'), 'utf8')).version;

// A hang is a failure, not a wait: the whole check normally takes a few seconds.
const watchdog = setTimeout(() => {
  console.error('FAIL: the language server did not answer within 180 s');
  process.exit(1);
}, 180000);

// ---- A minimal LSP client over stdio ----------------------------------------------------------

const settings = {
  validate: true,
  hover: true,
  completion: true,
  schemaStore: { enable: false },  // offline: only our local schemas
  // VS Code's `yaml.schemas`, exactly as docs/scenario-format.md gives it, for files without a
  // modeline (a modeline wins over it).
  schemas: {
    './scenarios/schema.json': ['scenarios/*.yaml', 'my-scenarios/*.yaml'],
    './scenarios/catalog/schema.json': ['scenarios/catalog/*.yaml'],
  },
};

class Client {
  constructor() {
    this.child = spawn(process.execPath, [serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.buffer = Buffer.alloc(0);
    this.nextId = 1;
    this.pending = new Map();
    this.diagnosticWaiters = new Map();
    this.notificationWaiters = new Map();
    this.stderr = '';
    this.child.stderr.on('data', (d) => { this.stderr += d; });
    this.child.stdout.on('data', (d) => this.receive(d));
    this.child.on('exit', (code) => {
      if (!this.closing) {
        console.error(`FAIL: the language server exited (${code})\n${this.stderr}`);
        process.exit(1);
      }
    });
  }

  receive(data) {
    this.buffer = Buffer.concat([this.buffer, data]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const length = Number(/Content-Length: *(\d+)/i.exec(this.buffer.subarray(0, headerEnd).toString())[1]);
      if (this.buffer.length < headerEnd + 4 + length) return;
      const message = JSON.parse(this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8'));
      this.buffer = this.buffer.subarray(headerEnd + 4 + length);
      this.dispatch(message);
    }
  }

  dispatch(message) {
    if (message.method !== undefined && message.id !== undefined) {
      // A request from the server: our settings for workspace/configuration, nothing otherwise.
      const result = message.method === 'workspace/configuration'
        ? message.params.items.map((item) => (item.section === 'yaml' ? settings : null))
        : null;
      this.send({ id: message.id, result });
    } else if (message.id !== undefined) {
      const pending = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (message.error) pending.reject(new Error(`${pending.method}: ${message.error.message}`));
      else pending.resolve(message.result);
    } else if (message.method === 'textDocument/publishDiagnostics') {
      const waiter = this.diagnosticWaiters.get(message.params.uri);
      if (waiter) {
        this.diagnosticWaiters.delete(message.params.uri);
        waiter(message.params.diagnostics);
      }
    } else {
      const waiter = this.notificationWaiters.get(message.method);
      if (waiter) {
        this.notificationWaiters.delete(message.method);
        waiter(message.params);
      }
    }
  }

  send(message) {
    const text = JSON.stringify({ jsonrpc: '2.0', ...message });
    this.child.stdin.write(`Content-Length: ${Buffer.byteLength(text, 'utf8')}\r\n\r\n${text}`);
  }

  request(method, params) {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, method });
      this.send({ id, method, params });
    });
  }

  notify(method, params) { this.send({ method, params }); }

  notification(method) { return new Promise((resolve) => this.notificationWaiters.set(method, resolve)); }

  async start() {
    await this.request('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(root).href,
      workspaceFolders: [{ uri: pathToFileURL(root).href, name: 'demarche' }],
      capabilities: {
        workspace: { configuration: true },
        textDocument: {
          completion: { completionItem: { snippetSupport: true } },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          publishDiagnostics: {},
        },
      },
    });
    // Asks the server to say when its settings are in place (the notification VS Code uses),
    // so no document is checked before the schema store is off.
    this.notify('yaml/supportSchemaSelection', {});
    const configured = this.notification('yaml/schema/store/initialized');
    this.notify('initialized', {});
    await configured;
  }

  // Opens a document (its text need not be on disk; its schema is found from its URI's folder)
  // and gives the diagnostics the server publishes for it.
  open(uri, text) {
    const diagnostics = new Promise((resolve) => this.diagnosticWaiters.set(uri, resolve));
    this.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    return diagnostics;
  }

  close(uri) { this.notify('textDocument/didClose', { textDocument: { uri } }); }

  async stop() {
    await this.request('shutdown', null);
    this.closing = true;
    this.notify('exit', null);
  }
}

// ---- Checks -------------------------------------------------------------------------------------

let failures = 0;
let passes = 0;
function check(ok, what, detail) {
  if (ok) {
    passes += 1;
    console.log(`ok   ${what}`);
  } else {
    failures += 1;
    console.log(`FAIL ${what}${detail ? `\n     ${String(detail).split('\n').join('\n     ')}` : ''}`);
  }
}

function describeDiagnostics(diagnostics) {
  return diagnostics.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.message}`).join('\n');
}

// The line (0-based) and column of `key:` at the start of a line of `text` (top level when
// `indent` is '').
function keyPosition(text, key, indent = '') {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i += 1) {
    if (lines[i].startsWith(`${indent}${key}:`)) return { line: i, character: indent.length + 1 };
  }
  return null;
}

// Hover text without the Markdown escapes the server adds to a plain description.
function hoverText(hover) {
  if (!hover) return '';
  const contents = Array.isArray(hover.contents) ? hover.contents : [hover.contents];
  return contents.map((c) => (typeof c === 'string' ? c : c.value)).join('\n').replace(/\\([\\`*_{}[\]()#+\-.!|<>])/g, '$1');
}

function labels(completion) {
  const items = Array.isArray(completion) ? completion : (completion && completion.items) || [];
  return items.map((item) => item.label);
}

function readSchema(file) { return JSON.parse(fs.readFileSync(path.join(root, file), 'utf8')); }

async function main() {
  const scenarioSchema = readSchema('scenarios/schema.json');
  const catalogueSchema = readSchema('scenarios/catalog/schema.json');
  const yamlFiles = (dir) => fs.readdirSync(path.join(root, dir)).filter((f) => f.endsWith('.yaml')).sort()
    .map((f) => path.join(root, dir, f));
  const scenarios = yamlFiles('scenarios');
  const catalogues = yamlFiles(path.join('scenarios', 'catalog'));
  check(scenarios.length >= 1 && catalogues.length >= 1, `found ${scenarios.length} scenarios and ${catalogues.length} catalogues`);

  const client = new Client();
  await client.start();
  console.log(`yaml-language-server ${serverVersion} started`);

  // 1. Every shipped file: no diagnostics at all.
  for (const file of [...scenarios, ...catalogues]) {
    const uri = pathToFileURL(file).href;
    const diagnostics = await client.open(uri, fs.readFileSync(file, 'utf8'));
    check(diagnostics.length === 0, `${path.relative(root, file)}: no diagnostics`, describeDiagnostics(diagnostics));
    client.close(uri);
  }

  // 2. Misspelled keys get a diagnostic at the key; so does a scenario holding only `format: 1`.
  const winterGrid = fs.readFileSync(path.join(root, 'scenarios', 'winter-grid.yaml'), 'utf8');
  const toolbox = fs.readFileSync(path.join(root, 'scenarios', 'catalog', 'eu-toolbox.yaml'), 'utf8');
  const misspellings = [
    { dir: 'scenarios', name: 'misspelled-top.yaml', text: winterGrid.replace(/^turns:/m, 'turnz:'), key: 'turnz', indent: '' },
    { dir: 'scenarios', name: 'misspelled-actor.yaml', text: winterGrid.replace(/^    briefing:/m, '    brefing:'), key: 'brefing', indent: '    ' },
    { dir: path.join('scenarios', 'catalog'), name: 'misspelled-measure.yaml', text: toolbox.replace(/^    cost:/m, '    cots:'), key: 'cots', indent: '    ' },
  ];
  for (const m of misspellings) {
    const where = keyPosition(m.text, m.key, m.indent);
    if (!where) {
      check(false, `${m.name}: the misspelled key '${m.key}' is in the text`);
      continue;
    }
    const uri = pathToFileURL(path.join(root, m.dir, m.name)).href;
    const diagnostics = await client.open(uri, m.text);
    const atKey = diagnostics.filter((d) => d.range.start.line === where.line && d.message.includes(m.key));
    check(atKey.length === 1 && diagnostics.length === 1,
      `misspelled '${m.key}' in ${path.join(m.dir, m.name)}: one diagnostic, at line ${where.line + 1}`,
      describeDiagnostics(diagnostics) || 'no diagnostics');
    client.close(uri);
  }
  {
    const uri = pathToFileURL(path.join(root, 'scenarios', 'only-format.yaml')).href;
    const diagnostics = await client.open(uri, '# yaml-language-server: $schema=schema.json\nformat: 1\n');
    // What the format requires besides `format` (docs/scenario-format.md), not read from the schema.
    const missing = ['id', 'title', 'actors', 'escalation'];
    check(missing.every((key) => diagnostics.some((d) => d.message.includes(`"${key}"`))),
      `a scenario holding only 'format: 1' is told it misses ${missing.join(', ')}`,
      describeDiagnostics(diagnostics) || 'no diagnostics');
    client.close(uri);
  }

  // 2b. Without a modeline, the `yaml.schemas` mapping of the docs finds each file's schema.
  {
    const withoutModeline = (text) => text.replace(/^# yaml-language-server: \$schema=\S+\n/, '');
    const cases = [
      { file: path.join('my-scenarios', 'winter-grid.yaml'), text: withoutModeline(winterGrid), wrong: 'turnz', from: /^turns:/m },
      { file: path.join('scenarios', 'catalog', 'no-modeline.yaml'), text: withoutModeline(toolbox), wrong: 'cots', from: /^    cost:/m },
    ];
    for (const c of cases) {
      const uri = pathToFileURL(path.join(root, c.file)).href;
      check(!c.text.includes('yaml-language-server'), `${c.file}: the copy has no modeline`);
      const clean = await client.open(uri, c.text);
      check(clean.length === 0, `${c.file} without a modeline: no diagnostics through yaml.schemas`, describeDiagnostics(clean));
      client.close(uri);
      const misspelledUri = pathToFileURL(path.join(root, c.file.replace('.yaml', '-misspelled.yaml'))).href;
      const text = c.text.replace(c.from, (m) => m.replace(/[a-z]+:/, `${c.wrong}:`));
      const diagnostics = await client.open(misspelledUri, text);
      check(diagnostics.length === 1 && diagnostics[0].message.includes(c.wrong),
        `${c.file} without a modeline: misspelled '${c.wrong}' gets its diagnostic through yaml.schemas`,
        describeDiagnostics(diagnostics) || 'no diagnostics');
      client.close(misspelledUri);
    }
  }

  // 3. Completion at the top level.
  const scenarioKeys = Object.keys(scenarioSchema.properties || {});
  const catalogueKeys = ['format', 'include', 'measures', 'terms'];  // all a catalogue may hold
  {
    const uri = pathToFileURL(path.join(root, 'scenarios', 'completion.yaml')).href;
    await client.open(uri, '# yaml-language-server: $schema=schema.json\nformat: 1\n\n');
    const offered = labels(await client.request('textDocument/completion', { textDocument: { uri }, position: { line: 2, character: 0 } }));
    const expected = scenarioKeys.filter((key) => key !== 'format');
    const absent = expected.filter((key) => !offered.includes(key));
    check(absent.length === 0 && ['actors', 'escalation', 'incidents', 'turns', 'endings'].every((k) => offered.includes(k)),
      `top-level completion in a scenario offers its ${expected.length} other keys`,
      `missing: ${absent.join(', ')}; offered: ${offered.join(', ')}`);
    check(!offered.includes('format'), 'top-level completion does not offer a key already written', offered.join(', '));
    client.close(uri);
  }
  {
    const uri = pathToFileURL(path.join(root, 'scenarios', 'catalog', 'completion.yaml')).href;
    await client.open(uri, '# yaml-language-server: $schema=schema.json\n\n');
    const offered = labels(await client.request('textDocument/completion', { textDocument: { uri }, position: { line: 1, character: 0 } }));
    check([...offered].sort().join(',') === [...catalogueKeys].sort().join(','),
      `top-level completion in a catalogue offers exactly ${catalogueKeys.join(', ')}`, offered.join(', '));
    client.close(uri);
  }

  // 4. Hover over each top-level key of every shipped file shows that key's description.
  for (const file of [...scenarios, ...catalogues]) {
    const schema = scenarios.includes(file) ? scenarioSchema : catalogueSchema;
    const text = fs.readFileSync(file, 'utf8');
    const uri = pathToFileURL(file).href;
    await client.open(uri, text);
    const properties = schema.properties || {};
    const keys = Object.keys(properties).filter((key) => keyPosition(text, key));
    const wrong = [];
    for (const key of keys) {
      const hover = await client.request('textDocument/hover', { textDocument: { uri }, position: keyPosition(text, key) });
      if (!properties[key].description || !hoverText(hover).includes(properties[key].description)) wrong.push(`${key}: ${JSON.stringify(hoverText(hover))}`);
    }
    check(keys.length >= 1 && wrong.length === 0,
      `${path.relative(root, file)}: hover over each of its ${keys.length} top-level keys shows the key's description`,
      wrong.join('\n'));
    client.close(uri);
  }

  // 5. Hover over nested keys (an actor's, an incident's, an evidence item's, a measure's and a
  // term's own key) shows that key's description.
  const nested = [
    { file: 'scenarios/winter-grid.yaml', key: 'briefing', indent: '    ', definition: 'actor', schema: scenarioSchema },
    { file: 'scenarios/winter-grid.yaml', key: 'victim', indent: '    ', definition: 'incident', schema: scenarioSchema },
    { file: 'scenarios/winter-grid.yaml', key: 'reliability', indent: '    ', definition: 'evidence', schema: scenarioSchema },
    { file: 'scenarios/catalog/eu-toolbox.yaml', key: 'cost', indent: '    ', definition: 'measure', schema: catalogueSchema },
    { file: 'scenarios/catalog/terms.yaml', key: 'breach_trust', indent: '    ', definition: 'term', schema: catalogueSchema },
  ];
  for (const n of nested) {
    const file = path.join(root, n.file);
    const text = fs.readFileSync(file, 'utf8');
    const uri = pathToFileURL(file).href;
    await client.open(uri, text);
    const where = keyPosition(text, n.key, n.indent);
    const property = ((n.schema.definitions || {})[n.definition] || { properties: {} }).properties[n.key] || {};
    const shown = where ? hoverText(await client.request('textDocument/hover', { textDocument: { uri }, position: where })) : '';
    check(Boolean(where && property.description && shown.includes(property.description)),
      `${n.file}: hover over ${n.definition} key '${n.key}' shows its description`, JSON.stringify(shown));
    client.close(uri);
  }

  await client.stop();
  clearTimeout(watchdog);
  console.log(failures ? `${failures} check(s) failed, ${passes} passed` : `all ${passes} checks passed`);
  process.exit(failures ? 1 : 0);
}

main().catch((error) => {
  console.error(`FAIL: ${error.stack || error}`);
  process.exit(1);
});
