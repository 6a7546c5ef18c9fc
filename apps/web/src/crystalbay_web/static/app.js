// Crystal Bay dashboard helpers (no build step). Exposes window.cb.toast(message, kind).
(function () {
  "use strict";

  function toast(message, kind) {
    var box = document.getElementById("toasts");
    if (!box || !message) return;
    var el = document.createElement("div");
    el.className = "toast" + (kind ? " toast-" + kind : "");
    el.setAttribute("role", kind === "error" ? "alert" : "status");
    el.textContent = message;
    box.appendChild(el);
    setTimeout(function () { el.remove(); }, 6000);
  }

  // The reason in an error answer: problem+json "detail", else the text itself.
  function reasonOf(xhr) {
    var body = (xhr && xhr.responseText) || "";
    try { var data = JSON.parse(body); if (data && data.detail) return data.detail; } catch (e) { /* not JSON */ }
    var div = document.createElement("div");
    div.innerHTML = body;
    return (div.textContent || "").trim().slice(0, 300) || (xhr ? "HTTP " + xhr.status : "");
  }

  // Server times are rendered in UTC; show them in the browser's time zone.
  function localTimes(root) {
    (root || document).querySelectorAll("time[datetime]").forEach(function (el) {
      var when = new Date(el.getAttribute("datetime"));
      if (isNaN(when)) return;
      el.title = el.getAttribute("datetime");
      el.textContent = when.toLocaleString(document.documentElement.lang || undefined,
        { dateStyle: "short", timeStyle: "short" });
    });
  }

  // Form helpers: datetime-local inputs carry UTC in data-utc (shown in local time), forms
  // send the browser's offset in [data-tz-offset], buttons copy text with data-insert-*.
  function formHelpers(root) {
    (root || document).querySelectorAll("input[data-utc]").forEach(function (el) {
      var when = new Date(el.getAttribute("data-utc"));
      if (isNaN(when)) return;
      var local = new Date(when.getTime() - when.getTimezoneOffset() * 60000);
      el.value = local.toISOString().slice(0, 16);
    });
    (root || document).querySelectorAll("input[data-tz-offset]").forEach(function (el) {
      el.value = String(new Date().getTimezoneOffset());
    });
  }

  document.addEventListener("click", function (evt) {
    var button = evt.target.closest && evt.target.closest("[data-insert-into]");
    if (!button) return;
    var from = document.querySelector(button.getAttribute("data-insert-from"));
    var into = document.querySelector(button.getAttribute("data-insert-into"));
    if (from && into) { into.value = from.textContent.trim(); into.focus(); }
  });

  // Live updates: pages with [data-live] or [data-live-lead] follow /events (server-sent
  // events); each hub event is re-dispatched on <body> as "cb:hub" with the event as detail.
  function startLive() {
    if (!window.EventSource || !document.querySelector("[data-live], [data-live-lead]")) return;
    var source = new EventSource("/events");
    source.addEventListener("ready", function () { window.cb.liveReady = true; });
    source.addEventListener("hub", function (evt) {
      var data;
      try { data = JSON.parse(evt.data); } catch (e) { return; }
      document.body.dispatchEvent(new CustomEvent("cb:hub", { detail: data }));
    });
    window.addEventListener("beforeunload", function () { source.close(); });
  }

  // The lead page reloads its thread when one of its messages arrives or changes state.
  function followThread(evt) {
    var thread = document.querySelector("[data-live-lead]");
    var event = evt.detail || {};
    if (!thread) return;
    var lead = thread.getAttribute("data-live-lead");
    var arrived = event.type === "MessageReceived" && String(event.lead_id) === lead;
    var changed = event.type === "MessageStatusChanged" &&
      thread.querySelector('[data-message-id="' + event.message_id + '"]');
    if (arrived || changed) {
      htmx.ajax("GET", "/leads/" + lead + "/thread", { target: thread, swap: "innerHTML" });
    }
  }

  window.cb = { toast: toast, reasonOf: reasonOf, localTimes: localTimes, formHelpers: formHelpers,
    liveReady: false };

  document.addEventListener("DOMContentLoaded", function () {
    localTimes(document);
    formHelpers(document);
    document.body.addEventListener("htmx:afterSwap", function (evt) {
      localTimes(evt.target);
      formHelpers(evt.target);
    });
    document.body.addEventListener("htmx:responseError", function (evt) {
      if (evt.detail.elt && evt.detail.elt.hasAttribute("data-own-errors")) return;
      toast(reasonOf(evt.detail.xhr), "error");
    });
    document.body.addEventListener("cb:hub", followThread);
    startLive();
    document.body.addEventListener("htmx:sendError", function () { toast("Network error", "error"); });
    // HX-Trigger: {"toast": "text"} from the server shows a notice.
    document.body.addEventListener("toast", function (evt) {
      var value = evt.detail && (evt.detail.value || evt.detail.message);
      toast(value, evt.detail && evt.detail.kind);
    });
  });
})();
