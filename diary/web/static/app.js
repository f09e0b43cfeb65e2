// The phone page's script. The page works without it (plain forms and redirects); with
// it, an entry is sent without reloading, and an entry that cannot reach the computer
// (Wi-Fi down, laptop asleep) is kept on this phone and sent later, once: each carries an
// id made here, and the diary logs an id only once.
"use strict";

(function () {
  const QUEUE_KEY = "diary-queue-v1";
  const REFUSED_KEY = "diary-refused-v1"; // refused entries waiting to be put back in their form
  const RETRY_MS = 5000;
  // A computer that takes the entry but never answers (asleep, frozen): after this the entry
  // stays queued and is sent again (its id makes the diary log it once).
  const SEND_TIMEOUT_MS = window.diarySendTimeoutMs || 10000;
  const KEEP = new Set([401, 403, 408, 425, 429]); // try again later (signed out, stale page, busy)
  let flushing = false;
  let timer = null;
  let inflight = null; // the id of the entry being sent now
  const formOf = new Map(); // entry id -> the form on this page it was typed in, until it is saved or kept

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
    return readList(QUEUE_KEY);
  }

  function readList(key) {
    try {
      const q = JSON.parse(localStorage.getItem(key) || "[]");
      return Array.isArray(q) ? q : [];
    } catch (e) {
      return [];
    }
  }

  function writeList(key, q) {
    try { localStorage.setItem(key, JSON.stringify(q)); } catch (e) { /* kept in the page only */ }
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

  // 24-hour, as the computer writes times ("23:13"), whatever the phone's locale.
  function clock(iso) {
    const d = new Date(iso);
    return `${String(d.getHours()).padStart(2, "0")}:${String(d.getMinutes()).padStart(2, "0")}`;
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
    closeButton(box);
  }

  // The reply is a toast fixed near the bottom of the screen; a cross closes it.
  function closeButton(box) {
    if (box.querySelector(".close")) return;
    const close = document.createElement("button");
    close.type = "button";
    close.className = "close";
    close.setAttribute("aria-label", "Close");
    close.textContent = "\u00d7";
    close.addEventListener("click", () => box.remove());
    box.appendChild(close);
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
      () => cancel(entry));
  }

  // Undo of a queued entry. Never sent, and not being sent: it is simply dropped. Otherwise the
  // computer may have it already (an answer lost, or a send under way), so it is marked to be
  // taken back: sent again with its id (the diary logs it at most once) and then undone there.
  function cancel(entry) {
    const q = readQueue();
    const queued = q.find((e) => e.id === entry.id);
    if (!queued) {
      banner("error", `${entry.label} already reached the computer: undo it on the Today page.`);
      return;
    }
    if (!queued.tried && inflight !== entry.id) {
      writeQueue(q.filter((e) => e.id !== entry.id));
      banner("ok", `Not logged: ${entry.label}.`);
      return;
    }
    queued.cancel = true;
    writeQueue(q);
    banner("queue", `Taking back: ${entry.label} …`);
    flush();
  }

  // --- sending --------------------------------------------------------------------------

  async function post(url, fields) {
    const body = new URLSearchParams(fields);
    body.set("csrf", csrf());
    const abort = new AbortController();
    const timeout = window.setTimeout(() => abort.abort(), SEND_TIMEOUT_MS);
    try {
      const response = await fetch(url, {
        method: "POST",
        body,
        credentials: "same-origin",
        headers: { Accept: "application/json", "X-CSRF-Token": csrf() },
        signal: abort.signal,
      });
      let data = null;
      try { data = await response.json(); } catch (e) { data = null; }
      return { status: response.status, data };
    } finally {
      window.clearTimeout(timeout);
    }
  }

  function markTried(id) {
    const q = readQueue();
    const e = q.find((x) => x.id === id);
    if (e && !e.tried) { e.tried = true; writeQueue(q); }
  }

  // The entries that could not be sent now are safe on this phone: their forms are free again.
  function keptAll() {
    const q = readQueue();
    q.forEach((e) => {
      const form = formOf.get(e.id);
      if (form) { emptyIfUnchanged(form, e); formOf.delete(e.id); }
    });
    const last = q.filter((e) => !e.cancel).pop();
    if (last) kept(last);
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
        inflight = entry.id;
        markTried(entry.id);
        try {
          result = await post(entry.url, entry.fields);
        } catch (e) {
          schedule();
          keptAll();
          return; // the computer is not reachable (or did not answer in time): keep everything, try later
        } finally {
          inflight = null;
        }
        if (result.status >= 500 || KEEP.has(result.status) || (!result.data && result.status < 400)) {
          schedule();
          if (result.status >= 500) keptAll();
          if (result.status === 401) banner("error", "This browser is signed out of the diary: the entries stay on this phone. Pair it again to send them.");
          else if (result.status === 403) banner("error", "This page is out of date: reload it to send the entries kept on this phone.");
          return;
        }
        // Undo may have been tapped while it was on its way.
        const now = readQueue().find((e) => e.id === entry.id);
        const cancelled = Boolean(entry.cancel || (now && now.cancel));
        const form = formOf.get(entry.id);
        formOf.delete(entry.id);
        if (result.data && result.data.ok) {
          const u = result.data.undo;
          if (cancelled) {
            if (u && !(await undoQuietly(u.entry, u.action))) {
              schedule();
              return; // not undone yet: stays marked, and is taken back on the next try
            }
            writeQueue(readQueue().filter((e) => e.id !== entry.id));
            banner("ok", `Not logged: ${entry.label}.`);
          } else {
            writeQueue(readQueue().filter((e) => e.id !== entry.id));
            if (form) emptyIfUnchanged(form, entry);
            banner("ok", result.data.message, u ? () => undo(u.entry, u.action) : null);
          }
        } else {
          writeQueue(readQueue().filter((e) => e.id !== entry.id));
          if (cancelled) {
            banner("ok", `Not logged: ${entry.label}.`);
          } else if (result.data && result.data.question && form) {
            // Words that fit several foods: the page itself asks which (same entry id).
            form.elements.client_id.value = entry.id;
            form.submit();
            return;
          } else {
            refused(entry, form, result.data ? result.data.error : `the computer answered ${result.status}`);
          }
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

  // A refused entry is never lost: it stays in (or goes back into) its form, with the reason.
  function refused(entry, form, why) {
    const target = form || formFor(entry);
    if (target) {
      if (!form) fill(target, entry.fields);
      banner("error", `Not saved: ${entry.label}: ${why}`);
      clearOfToast(target);
      return;
    }
    writeList(REFUSED_KEY, readList(REFUSED_KEY).concat([Object.assign({}, entry, { why })]));
    banner("error", `Not saved: ${entry.label}: ${why}. It is back in its form, to correct, on the page it was made on.`);
  }

  // Scroll so that the form's button to send it again is not under the toast.
  function clearOfToast(form) {
    const toast = document.getElementById("banner");
    const buttons = Array.from(form.querySelectorAll("button[type=submit]:not(.implicit):not(.level)"))
      .filter((b) => b.offsetParent !== null);
    const button = buttons[buttons.length - 1];
    if (!toast || !button) return;
    const overlap = button.getBoundingClientRect().bottom - toast.getBoundingClientRect().top;
    if (overlap > 0) window.scrollBy(0, overlap + 8);
  }

  function formFor(entry) {
    // Only a form with something typed or chosen in it (a one-tap button has nothing to put back).
    const kind = entry.kind || "";
    return Array.from(document.querySelectorAll(`form[data-entry="${kind}"][action="${entry.url}"]`)).find(
      (form) => Array.from(form.elements).some((el) => el.type !== "hidden" && el.tagName !== "BUTTON")) || null;
  }

  // Put an entry's fields back into its form (text, chips, the 0-10 buttons).
  function fill(form, fields) {
    resetForm(form);
    const values = new Map();
    fields.forEach(([name, value]) => { if (!values.has(name)) values.set(name, []); values.get(name).push(value); });
    Array.from(form.elements).forEach((el) => {
      if (!el.name || !values.has(el.name) || el.name === "csrf" || el.name === "client_id") return;
      const vs = values.get(el.name);
      if (el.type === "radio" || el.type === "checkbox") el.checked = vs.includes(el.value);
      else if (el.tagName !== "BUTTON") el.value = vs[0];
    });
    const intensity = form.querySelector("#intensity");
    if (intensity) {
      form.querySelectorAll(".level").forEach((b) => b.setAttribute("aria-pressed", String(b.value === intensity.value)));
    }
    const more = form.querySelector("details");
    if (more) more.open = fields.some(([n, v]) => v && !["intensity", "client_id", "tapped_at", "log", "when"].includes(n));
  }

  // Entries refused while this page was not open go back into their form when it is.
  function putBackRefused() {
    const waiting = readList(REFUSED_KEY);
    const left = [];
    let shown = false;
    waiting.forEach((entry) => {
      const form = formFor(entry);
      if (form && !shown) {
        fill(form, entry.fields);
        banner("error", `Not saved: ${entry.label}: ${entry.why}`);
        shown = true;
      } else {
        left.push(entry);
      }
    });
    if (waiting.length !== left.length) writeList(REFUSED_KEY, left);
  }

  async function undoQuietly(entry, action) {
    try {
      const result = await post("/undo", [["entry", String(entry)], ["action", action]]);
      return Boolean(result.data && result.data.ok) || (result.status >= 400 && result.status < 500 && !KEEP.has(result.status));
    } catch (e) {
      return false;
    }
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

  // Parts of the page that depend on what was logged (quiet days, recent foods, a day's totals).
  async function refresh() {
    if (!document.querySelector("[data-refresh]")) return;
    try {
      const response = await fetch(location.pathname + location.search, { credentials: "same-origin" });
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
    if (form.dataset.entry === "food") return form.elements.what.value.trim();
    const button = submitter || form.querySelector("button[type=submit]");
    return button ? button.textContent.replace(/\s+/g, " ").trim() : "entry";
  }

  function formFields(form) {
    const fields = [];
    for (const [name, value] of new FormData(form)) {
      if (name !== "csrf" && name !== "client_id" && name !== "pick" && typeof value === "string") fields.push([name, value]);
    }
    return fields;
  }

  // Empty a form once its entry is saved, or safe in the queue (never before), unless
  // something new was typed in it meanwhile: that stays.
  function emptyIfUnchanged(form, entry) {
    const sent = entry.fields.filter(([name]) => name !== "client_id" && name !== "tapped_at");
    if (JSON.stringify(formFields(form)) === JSON.stringify(sent)) resetForm(form);
  }

  function resetForm(form) {
    form.reset();
    const intensity = form.querySelector("#intensity");
    if (intensity) intensity.value = "";
    form.querySelectorAll(".level").forEach((b) => b.setAttribute("aria-pressed", "false"));
    const more = form.querySelector("details.more");
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
    const fields = formFields(form);
    const id = newId();
    const tapped = new Date().toISOString();
    fields.push(["client_id", id], ["tapped_at", tapped]);
    const entry = { id, url: form.getAttribute("action"), kind: form.dataset.entry, fields,
                    label: label(form, event.submitter), tapped_at: tapped };
    writeQueue(readQueue().concat([entry])); // kept before it is sent: nothing is lost if the send fails
    formOf.set(id, form); // emptied only when the computer said ok, or the entry is kept in the queue
    banner("queue", `Sending: ${entry.label} …`);
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
    if (document.querySelector("[data-refresh]")) { // where the page can show what Undo changed
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
    if (send) send.addEventListener("click", () => {
      if (flushing) banner("queue", `Still waiting for the computer to answer (at most ${Math.round(SEND_TIMEOUT_MS / 1000)} seconds) …`);
      else flush();
    });
    document.querySelectorAll("#banner .banner").forEach(closeButton);
    wire(document);
    putBackRefused();
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
