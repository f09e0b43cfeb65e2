// The phone page's script. The page works without it (plain forms and redirects); with
// it, an entry is sent without reloading, and an entry that cannot reach the computer
// (Wi-Fi down, laptop asleep) is kept on this phone and sent later, once: each carries an
// id made here, and the diary logs an id only once.
"use strict";

(function () {
  const QUEUE_KEY = "diary-queue-v1";
  const RETRY_MS = 5000;
  const KEEP = new Set([401, 403, 408, 425, 429]); // try again later (signed out, stale page, busy)
  let flushing = false;
  let timer = null;

  function newId() {
    if (window.crypto && typeof crypto.randomUUID === "function") return crypto.randomUUID();
    // Pages served over plain http on the LAN are not a "secure context": no randomUUID there.
    const b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    const h = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }

  function csrf() {
    const meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.content : "";
  }

  // Where the browser will not keep anything (some private modes), the queue lives as long as the page.
  let memory = null;

  function readQueue() {
    if (memory !== null) return memory.slice();
    try {
      const q = JSON.parse(localStorage.getItem(QUEUE_KEY) || "[]");
      return Array.isArray(q) ? q : [];
    } catch (e) {
      return [];
    }
  }

  function writeQueue(q) {
    try {
      if (memory === null) localStorage.setItem(QUEUE_KEY, JSON.stringify(q));
      else memory = q.slice();
    } catch (e) {
      memory = q.slice();
    }
    showQueue();
  }

  function clock(iso) {
    const d = new Date(iso);
    return d.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  }

  // --- messages -----------------------------------------------------------------------

  function banner(kind, text, undo) {
    const slot = document.getElementById("banner");
    if (!slot) return;
    slot.textContent = "";
    const box = document.createElement("div");
    box.className = "banner " + kind;
    box.setAttribute("role", kind === "error" ? "alert" : "status");
    const p = document.createElement("p");
    p.textContent = text;
    box.appendChild(p);
    if (undo) {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "secondary";
      button.textContent = "Undo";
      button.addEventListener("click", () => { button.disabled = true; undo(); });
      box.appendChild(button);
    }
    slot.appendChild(box);
  }

  function showQueue() {
    const box = document.getElementById("queue");
    if (!box) return;
    const q = readQueue();
    box.hidden = q.length === 0;
    if (q.length) {
      const what = q.map((e) => `${e.label} (${clock(e.tapped_at)})`).join("; ");
      const n = q.length === 1 ? "1 entry is" : `${q.length} entries are`;
      document.getElementById("queue-text").textContent =
        `${n} kept on this phone until the computer answers: ${what}.`;
    }
  }

  // The newest entry could not be sent: say it is safe here, and let it be taken back.
  function kept(entry) {
    banner("queue", `Kept on this phone: ${entry.label} (${clock(entry.tapped_at)}). It will be sent when the computer answers.`,
      () => {
        writeQueue(readQueue().filter((e) => e.id !== entry.id));
        banner("ok", `Not logged: ${entry.label}.`);
      });
  }

  // --- sending --------------------------------------------------------------------------

  async function post(url, fields) {
    const body = new URLSearchParams(fields);
    body.set("csrf", csrf());
    const response = await fetch(url, {
      method: "POST",
      body,
      credentials: "same-origin",
      headers: { Accept: "application/json", "X-CSRF-Token": csrf() },
    });
    let data = null;
    try { data = await response.json(); } catch (e) { data = null; }
    return { status: response.status, data };
  }

  async function flush() {
    if (flushing) return;
    flushing = true;
    try {
      for (;;) {
        const q = readQueue();
        if (!q.length) break;
        const entry = q[0];
        let result;
        try {
          result = await post(entry.url, entry.fields);
        } catch (e) {
          schedule();
          kept(q[q.length - 1]);
          return; // the computer is not reachable: keep everything, try later
        }
        if (result.status >= 500 || KEEP.has(result.status) || (!result.data && result.status < 400)) {
          schedule();
          if (result.status >= 500) kept(q[q.length - 1]);
          if (result.status === 401) banner("error", "This browser is signed out of the diary: the entries stay on this phone. Pair it again to send them.");
          else if (result.status === 403) banner("error", "This page is out of date: reload it to send the entries kept on this phone.");
          return;
        }
        writeQueue(readQueue().filter((e) => e.id !== entry.id));
        if (result.data && result.data.ok) {
          const u = result.data.undo;
          banner("ok", result.data.message, u ? () => undo(u.entry, u.action) : null);
        } else {
          const why = result.data ? result.data.error : `the computer answered ${result.status}`;
          banner("error", `Not saved: ${entry.label}: ${why}`);
        }
        refresh();
      }
    } finally {
      flushing = false;
    }
  }

  function schedule() {
    if (timer === null) timer = window.setTimeout(() => { timer = null; flush(); }, RETRY_MS);
  }

  async function undo(entry, action) {
    try {
      const result = await post("/undo", [["entry", String(entry)], ["action", action]]);
      if (result.data && result.data.ok) banner("ok", result.data.message);
      else banner("error", (result.data && result.data.error) || "Could not undo: reload the page.");
      refresh();
    } catch (e) {
      banner("error", "The computer is not answering, so nothing was undone. Try again when it is on.");
    }
  }

  // Parts of the page that depend on what was logged (quiet days, recent foods).
  async function refresh() {
    if (location.pathname !== "/") return;
    try {
      const response = await fetch("/", { credentials: "same-origin" });
      if (!response.ok) return;
      const doc = new DOMParser().parseFromString(await response.text(), "text/html");
      document.querySelectorAll("[data-refresh]").forEach((old) => {
        const fresh = doc.getElementById(old.id);
        if (fresh) old.replaceWith(document.adoptNode(fresh));
      });
      wire(document);
    } catch (e) { /* offline: the page stays as it is */ }
  }

  // --- forms ----------------------------------------------------------------------------

  function label(form, submitter) {
    if (form.dataset.entry === "spasm") return `spasm ${form.querySelector("#intensity").value}/10`;
    const button = submitter || form.querySelector("button[type=submit]");
    return button ? button.textContent.replace(/\s+/g, " ").trim() : "entry";
  }

  function resetSpasm(form) {
    form.reset();
    form.querySelector("#intensity").value = "";
    form.querySelectorAll(".level").forEach((b) => b.setAttribute("aria-pressed", "false"));
    const more = form.querySelector("details");
    if (more) more.open = false;
  }

  function onSubmit(event) {
    const form = event.target;
    event.preventDefault();
    if (form.dataset.entry === "spasm" && !form.querySelector("#intensity").value) {
      banner("error", "Tap how strong the spasm was, 0 to 10, then Log spasm.");
      form.querySelector(".level").focus();
      return;
    }
    const fields = [];
    for (const [name, value] of new FormData(form)) {
      if (name !== "csrf" && name !== "client_id" && name !== "pick" && typeof value === "string") fields.push([name, value]);
    }
    const id = newId();
    const tapped = new Date().toISOString();
    fields.push(["client_id", id], ["tapped_at", tapped]);
    const entry = { id, url: form.getAttribute("action"), fields, label: label(form, event.submitter), tapped_at: tapped };
    writeQueue(readQueue().concat([entry])); // kept before it is sent: nothing is lost if the send fails
    banner("queue", `Sending: ${entry.label} …`);
    if (form.dataset.entry === "spasm") resetSpasm(form);
    // A shaky second tap must not read as a new, empty entry: hold the buttons for a moment.
    form.querySelectorAll("button[type=submit]").forEach((b) => {
      b.disabled = true;
      window.setTimeout(() => { b.disabled = false; }, 1200);
    });
    flush();
  }

  function wire(root) {
    root.querySelectorAll("form[data-entry]").forEach((form) => {
      if (form.dataset.wired) return;
      form.dataset.wired = "1";
      form.addEventListener("submit", onSubmit);
    });
    if (location.pathname === "/") {
      root.querySelectorAll("form[data-undo]").forEach((form) => {
        if (form.dataset.wired) return;
        form.dataset.wired = "1";
        form.addEventListener("submit", (event) => {
          event.preventDefault();
          form.querySelector("button").disabled = true;
          undo(form.elements.entry.value, form.elements.action.value);
        });
      });
    }
  }

  function setup() {
    document.querySelectorAll(".level").forEach((button) => {
      button.addEventListener("click", (event) => {
        event.preventDefault();
        const form = button.form;
        form.querySelector("#intensity").value = button.value;
        form.querySelectorAll(".level").forEach((b) => b.setAttribute("aria-pressed", String(b === button)));
      });
    });
    // A typed time lights its chip (the computer reads a typed time as meant anyway).
    document.querySelectorAll("[data-when-time]").forEach((input) => {
      input.addEventListener("input", () => {
        const chip = input.closest("fieldset").querySelector('input[name="when"][value="time"]');
        if (chip) chip.checked = true;
      });
    });
    const send = document.getElementById("queue-send");
    if (send) send.addEventListener("click", () => flush());
    wire(document);
    showQueue();
    flush();
    window.addEventListener("online", () => flush());
    window.addEventListener("focus", () => flush());
    window.addEventListener("pageshow", () => flush());
    document.addEventListener("visibilitychange", () => { if (!document.hidden) flush(); });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();
