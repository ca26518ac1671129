// Démarche's browser team seat: one page, no build step. It joins a seat with the team's code
// over one WebSocket (/seat), draws the team's view the server sends (the core's team view as
// JSON) and sends the team's commands in their text form (docs/cli.md "decisions"); the server
// checks every one against the seat it bound this page to. Every text from the scenario or from
// other teams is set as text (textContent), never as HTML.
"use strict";

const state = {
  ws: null,
  code: "",
  lang: "en",
  words: {},
  view: null,
  stopped: false, // the facilitator closed the seat: no reconnecting
  retries: 0,
  draft: { to: [], terms: [], incident: "", text: "" },
  replies: {}, // proposal id -> reason typed
  counters: {}, // proposal id -> the terms of a counter-proposal being composed
  partners: {}, // incident id -> the partners of a joint attribution being composed
  draftTimer: 0,
  proposeOpen: false, // folded parts stay as the team left them across redraws
  refusedOpen: false,
};

// The page's words come from the server, from the same catalogues as the window.
function t(english) {
  const w = state.words[english];
  return w === undefined || w === "" ? english : w;
}

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "class") node.className = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else if (v === true) node.setAttribute(k, "");
    else if (v !== false && v !== undefined && v !== null) node.setAttribute(k, String(v));
  }
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

function quote(text) {
  return '"' + String(text).replace(/[\r\n\t]+/g, " ").replace(/\\/g, "\\\\").replace(/"/g, '\\"') + '"';
}

function send(message) {
  if (state.ws && state.ws.readyState === WebSocket.OPEN) state.ws.send(JSON.stringify(message));
}

function command(line) {
  send({ type: "command", line });
}

function notice(text, bad) {
  const n = document.getElementById("notice");
  n.textContent = text;
  n.className = bad ? "bad" : "good";
  n.hidden = !text;
}

function translateStatic() {
  for (const node of document.querySelectorAll("[data-t]")) node.textContent = t(node.dataset.t);
  document.documentElement.lang = state.lang;
}

// ---- names ----
function actorName(id) {
  return (state.view && state.view.names.actors[id]) || id;
}
function measureName(id) {
  const m = state.view && state.view.names.measures[id];
  return m ? m.name : id;
}
function termName(id) {
  const m = state.view && state.view.names.terms[id];
  return m ? m.name : id;
}
function incidentName(id) {
  return (state.view && state.view.names.incidents[id]) || id;
}

// A checkbox that keeps `id` in `list` while it is ticked; `changed` (optional) runs after each change.
function listCheckbox(list, id, domId, changed) {
  return el("input", {
    type: "checkbox",
    id: domId,
    checked: list.includes(id),
    onchange: (e) => {
      const i = list.indexOf(id);
      if (e.target.checked && i < 0) list.push(id);
      if (!e.target.checked && i >= 0) list.splice(i, 1);
      if (changed) changed();
    },
  });
}

// ---- connection ----
function connect() {
  const scheme = location.protocol === "https:" ? "wss://" : "ws://";
  const ws = new WebSocket(scheme + location.host + "/seat");
  state.ws = ws;
  ws.addEventListener("open", () => {
    state.retries = 0;
    state.taken = false;
    setLink(true);
    if (state.code) send({ type: "join", code: state.code, lang: state.lang });
    else send({ type: "words", lang: state.lang });
  });
  ws.addEventListener("message", (event) => {
    let m;
    try {
      m = JSON.parse(event.data);
    } catch {
      return;
    }
    receive(m);
  });
  ws.addEventListener("close", () => {
    setLink(false);
    if (state.ws !== ws || state.stopped) return;
    const delay = Math.min(5000, 500 * 2 ** state.retries++);
    setTimeout(connect, delay);
  });
}

function setLink(up) {
  const link = document.getElementById("link");
  link.textContent = up ? t("connected") : t("reconnecting…");
  link.className = up ? "link-on" : "link-off";
}

function receive(m) {
  if (m.type === "hello") {
    state.words = m.words || {};
    state.lang = m.lang || state.lang;
    translateStatic();
    setLink(true);
  } else if (m.type === "view") {
    const first = !state.view;
    state.view = m;
    if (state.taken) {
      state.taken = false;
      notice("");
    }
    if (first && m.draft && typeof m.draft === "object") state.draft = Object.assign(state.draft, m.draft);
    document.getElementById("join").hidden = true;
    document.getElementById("seat").hidden = false;
    render();
  } else if (m.type === "join-refused") {
    state.code = "";
    sessionStorage.removeItem("demarche-code");
    document.getElementById("join").hidden = false;
    document.getElementById("seat").hidden = true;
    notice(m.reason, true);
  } else if (m.type === "refused") {
    notice(t("Refused:") + " " + m.reason, true);
  } else if (m.type === "taken") {
    // The facilitator took the seat back (to the laptop or the AI): nothing of the team's view
    // stays on this page; the server gives the seat back to it when the facilitator does.
    state.view = null;
    state.taken = true;
    state.clockBase = null; // the team's countdown goes too
    const seat = document.getElementById("seat");
    seat.replaceChildren();
    seat.hidden = true;
    document.getElementById("join").hidden = true;
    for (const id of ["who", "turn", "phase", "capital", "clock"]) document.getElementById(id).textContent = "";
    notice(m.reason, true);
  } else if (m.type === "closed") {
    state.stopped = true;
    state.code = "";
    sessionStorage.removeItem("demarche-code");
    document.getElementById("seat").hidden = true;
    document.getElementById("join").hidden = false;
    notice(m.reason, true);
  }
}

// ---- drawing the view ----
function section(title, ...content) {
  return el("section", { class: "card" }, el("h2", {}, title), ...content);
}

function render() {
  const v = state.view;
  const s = v.situation;
  document.getElementById("who").textContent = v.actorName;
  document.getElementById("turn").textContent = `${s.turnLabel} ${s.turn}/${s.turns}`;
  document.getElementById("phase").textContent = s.phaseWord + (s.paused ? " — " + t("PAUSED") : "");
  document.getElementById("capital").textContent = `${t("Capital")} ${v.capital} (+${v.capitalPerTurn})`;
  state.clockBase = v.secondsLeft === null ? null : { left: v.secondsLeft, at: Date.now() };
  tickClock();

  // Keep the focus and caret of a field across the redraw.
  const active = document.activeElement;
  const focusId = active && active.id ? active.id : "";
  const caret = active && "selectionStart" in active ? active.selectionStart : null;

  const deliberating = s.phase === "deliberation" && !s.paused;
  const seat = document.getElementById("seat");
  const parts = [
    s.ending ? el("p", { class: "ending" }, t("The exercise has ended:") + " " + s.ending) : null,
    readyBar(v, deliberating),
    recapSection(v),
    negotiationSection(v, deliberating),
    measuresSection(v, deliberating),
    assessmentsSection(v, deliberating),
    evidenceSection(v),
    newsSection(v),
    section(t("Briefing"), el("p", { class: "briefing" }, v.briefing)),
  ];
  seat.replaceChildren(...parts.filter((p) => p));
  if (focusId) {
    const again = document.getElementById(focusId);
    if (again) {
      again.focus();
      if (caret !== null && "setSelectionRange" in again) {
        try {
          again.setSelectionRange(caret, caret);
        } catch {
          /* not a text field */
        }
      }
    }
  }
}

function tickClock() {
  const clock = document.getElementById("clock");
  if (!state.clockBase) {
    clock.textContent = "";
    return;
  }
  const left = Math.max(0, state.clockBase.left - (Date.now() - state.clockBase.at) / 1000);
  const m = Math.floor(left / 60);
  const sec = Math.floor(left % 60);
  clock.textContent = `${m}:${String(sec).padStart(2, "0")}`;
  clock.className = left < 60 ? "late" : "";
}
setInterval(tickClock, 1000);
// The page's heartbeat (besides the pongs its browser answers the server's pings with).
setInterval(() => send({ type: "beat" }), 15000);

function readyBar(v, deliberating) {
  if (!deliberating) return el("p", { class: "waiting" }, t("Waiting for the facilitator to open the deliberation."));
  return el(
    "div",
    { class: "ready" + (v.ready ? " is-ready" : "") },
    el(
      "button",
      { id: "ready", onclick: () => send({ type: "ready", ready: !v.ready }) },
      v.ready ? t("We are not done yet") : t("We are done for this round"),
    ),
    v.ready ? el("span", {}, t("Ready — waiting for the facilitator")) : null,
  );
}

function recapSection(v) {
  const items = v.recap.map((e) => el("li", {}, e.text));
  const results = v.results.filter((r) => r.turn === v.situation.turn - 1 || r.turn === v.situation.turn);
  return section(
    t("Since the last turn"),
    items.length ? el("ul", {}, items) : el("p", { class: "muted" }, t("Nothing yet.")),
    results.length
      ? el(
          "ul",
          { class: "results" },
          results.map((r) => el("li", { class: r.succeeded ? "ok" : "failed" }, r.text)),
        )
      : null,
  );
}

function newsSection(v) {
  const news = [...v.news].sort((a, b) => b.turn - a.turn);
  return section(
    t("News and intelligence"),
    news.length
      ? news.map((n) =>
          el(
            "article",
            { class: "news" + (n.private ? " private" : "") },
            el("h3", {}, n.title, n.private ? el("span", { class: "tag" }, t("for your team only")) : null),
            el("p", {}, n.text),
          ),
        )
      : el("p", { class: "muted" }, t("Nothing yet.")),
  );
}

function evidenceSection(v) {
  return section(
    t("Evidence"),
    v.evidence.length
      ? el(
          "div",
          { class: "cards" },
          v.evidence.map((e) =>
            el(
              "article",
              { class: "evidence" },
              el("h3", {}, e.title),
              el("p", { class: "meta" }, `${e.sourceWord} · ${t("reliability")} ${Math.round(e.reliability * 100)} %`),
              el("p", {}, e.text),
            ),
          ),
        )
      : el("p", { class: "muted" }, t("No evidence yet.")),
  );
}

function assessmentsSection(v, deliberating) {
  return section(
    t("Assessments"),
    v.assessments.length
      ? v.assessments.map((a) => {
          const pick = el(
            "select",
            { id: `decide-${a.incident}`, "aria-label": t("Attribute to") },
            a.candidates.map((c) => el("option", { value: c.actor, selected: c.actor === a.decided }, actorName(c.actor))),
          );
          return el(
            "article",
            { class: "assessment" },
            el("h3", {}, a.title),
            el(
              "ul",
              {},
              a.candidates.map((c) =>
                el("li", {}, `${actorName(c.actor)}: ${c.words} (${Math.round(c.probability * 100)} %)`),
              ),
            ),
            el("p", { class: "meta" }, `${t("Confidence:")} ${a.confidenceWord}`),
            el(
              "p",
              {},
              a.decided ? `${t("Decided:")} ${actorName(a.decided)}` : t("No decision yet."),
              " ",
              a.disclosure !== "none" ? `(${t(a.disclosure)})` : "",
            ),
            deliberating
              ? el(
                  "div",
                  { class: "row" },
                  pick,
                  el("button", { id: `decide-button-${a.incident}`, onclick: () => command(`decide ${v.actor} ${a.incident} ${pick.value}`) }, t("Decide")),
                  a.decided && a.disclosure === "none"
                    ? [
                        el("button", { onclick: () => command(`disclose ${v.actor} ${a.incident} private`) }, t("Tell them privately")),
                        el("button", { onclick: () => command(`disclose ${v.actor} ${a.incident} public`) }, t("Attribute publicly")),
                      ]
                    : null,
                  a.decided && a.disclosure === "private"
                    ? el("button", { onclick: () => command(`disclose ${v.actor} ${a.incident} public`) }, t("Attribute publicly"))
                    : null,
                  a.disclosure !== "none"
                    ? el(
                        "button",
                        {
                          id: `withdraw-${a.incident}`,
                          title: t("Take the attribution back: credibility -5 (public or joint), -2 (private); you may then decide again and correct it"),
                          // Greyed out with the reason when it would be refused (a bloc's statement
                          // that a member still makes, rules §4.3).
                          disabled: Boolean(a.withdrawRefused),
                          onclick: () => command(`withdraw ${v.actor} ${a.incident}`),
                        },
                        t("Withdraw"),
                      )
                    : null,
                  a.withdrawRefused ? el("span", { class: "muted", id: `withdraw-refused-${a.incident}` }, a.withdrawRefused) : null,
                )
              : null,
            deliberating && a.decided && a.disclosure === "none" ? jointForm(v, a) : null,
          );
        })
      : el("p", { class: "muted" }, t("No incident is public yet.")),
  );
}

// A joint attribution: the partners who attribute with the team (each must agree to it: a
// proposal with the joint attribution term, rules §3.4), then one button.
function jointForm(v, a) {
  const chosen = (state.partners[a.incident] = state.partners[a.incident] || []);
  const others = Object.keys(v.names.actors).filter((id) => id !== v.actor);
  return el(
    "fieldset",
    { class: "joint" },
    el("legend", {}, t("Attribute jointly with")),
    others.map((id) =>
      el(
        "label",
        {},
        listCheckbox(chosen, id, `joint-${a.incident}-${id}`),
        actorName(id),
      ),
    ),
    el(
      "button",
      {
        id: `joint-${a.incident}`,
        onclick: () => command(`disclose ${v.actor} ${a.incident} joint partners=${chosen.join(",")}`),
      },
      t("Attribute jointly"),
    ),
  );
}

function optionLabel(o) {
  let label = measureName(o.measure);
  if (o.target) label += " → " + actorName(o.target);
  if (o.owner)
    label += ' → ' + actorName(o.owner) + ': ' + o.entities;  // a listing: whose people and companies
  if (o.incident) label += " (" + incidentName(o.incident) + ")";
  return label;
}

function measuresSection(v, deliberating) {
  const legal = v.options.filter((o) => o.legal);
  const refused = v.options.filter((o) => !o.legal);
  const queue = v.queue.map(
      (q) => el(
          'li',
          {},
          `${measureName(q.measure)}${q.target ? ' → ' + actorName(q.target) : ''}${
              q.entities ? ': ' + q.entities : ''} · ${q.cost}`,
          ),
  );
  return section(
    t("Measures"),
    el("h3", {}, t("Queued this turn")),
    queue.length ? el("ul", { class: "queue" }, queue) : el("p", { class: "muted" }, t("Nothing queued.")),
    el("h3", {}, t("Possible now")),
    legal.length
      ? el(
          "ul",
          { class: "options" },
          legal.map((o) =>
            el(
              "li",
              {},
              el("span", { class: "cost" }, o.cost),
              el("span", { class: "name" }, optionLabel(o)),
              deliberating ? el("button", { class: "queue-button", onclick: () => command(o.line) }, t("Queue")) : null,
            ),
          ),
        )
      : el("p", { class: "muted" }, t("Nothing is possible now.")),
    refused.length
      ? el(
          "details",
          { open: state.refusedOpen, ontoggle: (e) => (state.refusedOpen = e.target.open) },
          el("summary", {}, `${t("Not possible now")} (${refused.length})`),
          el(
            "ul",
            { class: "options refused" },
            refused.map((o) => el("li", {}, el("span", { class: "cost" }, o.cost), el("span", { class: "name" }, optionLabel(o)), el("span", { class: "reason" }, o.reason))),
          ),
        )
      : null,
  );
}

function saveDraft() {
  clearTimeout(state.draftTimer);
  state.draftTimer = setTimeout(() => send({ type: "draft", draft: state.draft }), 400);
}

function negotiationSection(v, deliberating) {
  const received = v.proposals.filter((p) => p.awaitingOurReply);
  const others = v.proposals.filter((p) => !p.awaitingOurReply).sort((a, b) => b.id - a.id);
  const describe = (p) =>
    el(
      "div",
      {},
      el("p", {}, el("strong", {}, actorName(p.from)), " → ", p.replies.map((r) => actorName(r.actor)).join(", ")),
      el("p", {}, p.terms.map(termName).join(", "), p.incident ? ` (${incidentName(p.incident)})` : "",
        p.naming ? ` — ${t("naming:")} ${actorName(p.naming)}` : ""),
      p.counterOf >= 0 ? el("p", { class: "meta" }, `${t("counter")} #${p.counterOf}`) : null,
      p.text ? el("blockquote", {}, p.text) : null,
    );
  const answer = (p) => {
    const reason = el("input", {
      id: `reason-${p.id}`,
      placeholder: t("Your reason (required)"),
      value: state.replies[p.id] || "",
      oninput: (e) => (state.replies[p.id] = e.target.value),
    });
    const reply = (kind) => command(`reply ${v.actor} ${p.id} ${kind} ${quote(reason.value)}`);
    // A counter-proposal: the same proposal answered with changed terms (they start as its own).
    const counter = (state.counters[p.id] = state.counters[p.id] || [...p.terms]);
    const counterIt = () =>
      command(`reply ${v.actor} ${p.id} counter terms=${counter.join(",")} ${quote(reason.value)}`);
    return el(
      "article",
      { class: "proposal incoming" },
      describe(p),
      deliberating
        ? [
            el(
              "div",
              { class: "row" },
              reason,
              el("button", { class: "accept", id: `accept-${p.id}`, onclick: () => reply("accept") }, t("Accept")),
              el("button", { class: "reject", id: `reject-${p.id}`, onclick: () => reply("reject") }, t("Reject")),
              el("button", { class: "counter", id: `counter-${p.id}`, onclick: counterIt }, t("Counter")),
            ),
            el(
              "fieldset",
              { class: "counter-terms" },
              el("legend", {}, t("Counter with:")),
              Object.keys(v.names.terms).map((id) =>
                el(
                  "label",
                  { title: v.names.terms[id].description },
                  listCheckbox(counter, id, `counter-${p.id}-${id}`),
                  termName(id),
                ),
              ),
            ),
          ]
        : null,
    );
  };
  const history = (p) =>
    el(
      "article",
      { class: "proposal" + (p.open ? " open" : "") },
      describe(p),
      el(
        "ul",
        {},
        p.replies.map((r) =>
          el("li", {}, `${actorName(r.actor)}: ${r.kind === "none" ? t("no answer yet") : t(r.kind)}${r.reason ? " — " + r.reason : ""}`),
        ),
      ),
    );
  return section(
    t("Negotiation"),
    received.length ? [el("h3", {}, t("Waiting for your answer")), received.map(answer)] : null,
    deliberating ? proposalForm(v) : null,
    others.length ? [el("h3", {}, t("Proposals")), others.map(history)] : null,
  );
}

function proposalForm(v) {
  const d = state.draft;
  const actors = Object.keys(v.names.actors).filter((id) => id !== v.actor);
  const terms = Object.keys(v.names.terms);
  const text = el("input", {
    id: "proposal-text",
    placeholder: t("A message with the proposal (optional)"),
    value: d.text,
    oninput: (e) => {
      d.text = e.target.value;
      saveDraft();
    },
  });
  const incident = el(
    "select",
    {
      id: "proposal-incident",
      onchange: (e) => {
        d.incident = e.target.value;
        saveDraft();
      },
    },
    el("option", { value: "" }, t("any incident")),
    v.incidents.map((i) => el("option", { value: i.id, selected: d.incident === i.id }, i.title)),
  );
  const sendIt = () => {
    let line = `propose ${v.actor} to=${d.to.join(",")} terms=${d.terms.join(",")}`;
    if (d.incident) line += ` incident=${d.incident}`;
    // A joint attribution says whom it names: the team's decided suspect (rules §4.1).
    const joint = d.terms.some((id) => v.names.terms[id] && v.names.terms[id].jointAttribution);
    const own = v.assessments.find((a) => a.incident === d.incident);
    if (joint && own && own.decided) line += ` naming=${own.decided}`;
    if (d.text.trim()) line += ` text=${quote(d.text.trim())}`;
    command(line);
  };
  return el(
    "details",
    {
      class: "propose",
      id: "propose",
      open: state.proposeOpen || d.to.length > 0 || d.terms.length > 0 || d.text !== "",
      ontoggle: (e) => (state.proposeOpen = e.target.open),
    },
    el("summary", {}, t("Make a proposal")),
    el("fieldset", {}, el("legend", {}, t("To")),
      actors.map((id) => el("label", {}, listCheckbox(d.to, id, `to-${id}`, saveDraft), actorName(id)))),
    el("fieldset", {}, el("legend", {}, t("Terms")),
      terms.map((id) => el("label", { title: v.names.terms[id].description }, listCheckbox(d.terms, id, `term-${id}`, saveDraft), termName(id)))),
    el("div", { class: "row" }, incident, text, el("button", { id: "send-proposal", onclick: sendIt }, t("Send the proposal"))),
  );
}

// ---- joining ----
function start() {
  const fromHash = decodeURIComponent(location.hash.replace(/^#/, "")).trim();
  state.code = fromHash || sessionStorage.getItem("demarche-code") || "";
  state.lang = localStorage.getItem("demarche-lang") || ((navigator.language || "").startsWith("uk") ? "uk" : "en");
  document.getElementById("lang").value = state.lang;
  document.getElementById("code").value = state.code;
  if (state.code) sessionStorage.setItem("demarche-code", state.code);
  document.getElementById("lang").addEventListener("change", (e) => {
    state.lang = e.target.value;
    localStorage.setItem("demarche-lang", state.lang);
    send({ type: "words", lang: state.lang });
  });
  document.getElementById("join-form").addEventListener("submit", (e) => {
    e.preventDefault();
    state.code = document.getElementById("code").value.trim();
    state.stopped = false;
    sessionStorage.setItem("demarche-code", state.code);
    notice("");
    if (!state.ws || state.ws.readyState !== WebSocket.OPEN) connect();
    else send({ type: "join", code: state.code, lang: state.lang });
  });
  connect();
}

start();
