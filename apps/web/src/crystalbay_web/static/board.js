// The pipeline board: drag a card to another column -> POST /leads/{id}/move.
// The server enforces the pipeline rules; a refused move puts the card back with the reason.
(function () {
  "use strict";

  function filterValues() {
    var form = document.getElementById("board-filters");
    var values = {};
    if (form) new FormData(form).forEach(function (value, key) { values[key] = value; });
    return values;
  }

  function snapBack(card, reason) {
    var home = card._cbFrom, index = card._cbOldIndex;
    if (!home) return;
    var anchor = home.children[index] || home.querySelector(".load-more");
    home.insertBefore(card, anchor || null);
    card.classList.add("refused");
    var note = card.querySelector(".refusal");
    if (note) { note.textContent = reason; note.hidden = false; }
    setTimeout(function () { card.classList.remove("refused"); }, 600);
  }

  var movedHere = {};  // lead id -> time of a move made on this page (no "board changed" for it)

  function onHubEvent(evt) {
    var event = evt.detail || {};
    if (!/^Lead/.test(event.type || "")) return;
    var ownMove = movedHere[event.lead_id] && Date.now() - movedHere[event.lead_id] < 10000;
    if (ownMove) return;
    var stale = document.getElementById("board-stale");
    if (stale) stale.hidden = false;
  }

  function onEnd(evt) {
    var card = evt.item;
    if (evt.from === evt.to) return;  // order inside a column follows the last update
    movedHere[card.dataset.leadId] = Date.now();
    card._cbFrom = evt.from;
    card._cbOldIndex = evt.oldIndex;
    var values = filterValues();
    values.stage = evt.to.dataset.stage;
    htmx.ajax("POST", "/leads/" + card.dataset.leadId + "/move",
      { source: card, target: card, swap: "outerHTML", values: values });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".cards[data-stage]").forEach(function (list) {
      new Sortable(list, { group: "board", animation: 120, draggable: ".lead-card",
        filter: ".load-more", ghostClass: "sortable-ghost", onEnd: onEnd });
    });
    document.body.addEventListener("cb:hub", onHubEvent);
    document.body.addEventListener("htmx:responseError", function (evt) {
      var card = evt.detail.elt;
      if (card && card.classList && card.classList.contains("lead-card")) {
        snapBack(card, window.cb.reasonOf(evt.detail.xhr));
      }
    });
  });
})();
