// The pipeline board: drag a card to another column, or press its ⇄ button and pick a stage
// (the keyboard and touch alternative) -> POST /leads/{id}/move. The server enforces the
// pipeline rules; a refused move puts the card back with the reason.
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
    if (card._cbKeyboard) focusMoveButton(card.dataset.leadId);
  }

  var movedHere = {};  // lead id -> time of a move made on this page (no "board changed" for it)
  var keyboardMove = null;  // lead id whose move was chosen in the dialog (focus follows it)

  function onHubEvent(evt) {
    var event = evt.detail || {};
    if (!/^(Lead|MessageReceived)/.test(event.type || "") || !event.lead_id) return;
    var ownMove = movedHere[event.lead_id] && Date.now() - movedHere[event.lead_id] < 10000;
    if (ownMove) return;
    refreshCard(event.lead_id);
  }

  // A change made elsewhere: fetch the card as this board shows it now (none when the lead
  // is filtered out or not this manager's) and every column's count, and put it in place.
  function refreshCard(leadId) {
    var query = new URLSearchParams(filterValues()).toString();
    fetch("/leads/" + leadId + "/card?" + query, { credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.text();
      })
      .then(function (html) { placeCard(leadId, html); })
      .catch(function () {
        var stale = document.getElementById("board-stale");
        if (stale) stale.hidden = false;  // could not update: offer a refresh
      });
  }

  function placeCard(leadId, html) {
    var parsed = document.createElement("template");
    parsed.innerHTML = html;
    parsed.content.querySelectorAll("[id^='count-']").forEach(function (count) {
      var shown = document.getElementById(count.id);
      if (shown) shown.textContent = count.textContent;
    });
    var old = document.querySelector("#board [data-lead-id='" + leadId + "']");
    var card = parsed.content.querySelector(".lead-card");
    var column = card && document.querySelector(".cards[data-stage='" + card.dataset.stage + "']");
    var hadFocus = old && old.contains(document.activeElement);
    if (old) old.remove();
    if (!column) return;
    column.insertBefore(card, column.firstChild);
    if (hadFocus) card.querySelector("[data-move]").focus();  // keep a keyboard user's place
  }

  // The card is already in its new column (dropped there, or put there by the dialog).
  function requestMove(card, from, oldIndex, to) {
    movedHere[card.dataset.leadId] = Date.now();
    card._cbFrom = from;
    card._cbOldIndex = oldIndex;
    var values = filterValues();
    values.stage = to.dataset.stage;
    htmx.ajax("POST", "/leads/" + card.dataset.leadId + "/move",
      { source: card, target: card, swap: "outerHTML", values: values });
  }

  function onEnd(evt) {
    if (evt.from === evt.to) return;  // order inside a column follows the last update
    requestMove(evt.item, evt.from, evt.oldIndex, evt.to);
  }

  function focusMoveButton(leadId) {
    var button = document.querySelector("#lead-" + leadId + " [data-move]");
    if (button) button.focus();
  }

  function openDialog(card) {
    var dialog = document.getElementById("move-dialog");
    var from = card.closest(".cards");
    dialog._cbCard = card;
    dialog.querySelector("#move-lead").textContent = card.querySelector(".title").textContent;
    dialog.querySelectorAll("button[value]").forEach(function (button) {
      var current = button.value === from.dataset.stage;
      button.disabled = current;
      if (current) button.setAttribute("aria-current", "true");
      else button.removeAttribute("aria-current");
    });
    dialog.returnValue = "";
    dialog.showModal();
  }

  function onDialogClose() {
    var dialog = this, card = dialog._cbCard, stage = dialog.returnValue;
    dialog._cbCard = null;
    if (!card) return;
    var from = card.closest(".cards");
    var to = document.querySelector('.cards[data-stage="' + stage + '"]');
    if (!stage || !to || to === from) { card.querySelector("[data-move]").focus(); return; }
    var oldIndex = Array.prototype.indexOf.call(from.children, card);
    to.insertBefore(card, to.firstChild);
    card._cbKeyboard = true;
    keyboardMove = card.dataset.leadId;
    requestMove(card, from, oldIndex, to);
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".cards[data-stage]").forEach(function (list) {
      new Sortable(list, { group: "board", animation: 120, draggable: ".lead-card",
        filter: ".load-more, [data-move]", preventOnFilter: false,
        ghostClass: "sortable-ghost", onEnd: onEnd });
    });
    var board = document.getElementById("board");
    board.addEventListener("click", function (evt) {
      var button = evt.target.closest("[data-move]");
      if (button) openDialog(button.closest(".lead-card"));
    });
    document.getElementById("move-dialog").addEventListener("close", onDialogClose);
    document.body.addEventListener("cb:hub", onHubEvent);
    document.body.addEventListener("htmx:afterSettle", function () {
      if (keyboardMove === null) return;
      var card = document.getElementById("lead-" + keyboardMove);
      if (card && !card._cbKeyboard) { focusMoveButton(keyboardMove); keyboardMove = null; }
    });
    document.body.addEventListener("htmx:responseError", function (evt) {
      var card = evt.detail.elt;
      if (card && card.classList && card.classList.contains("lead-card")) {
        snapBack(card, window.cb.reasonOf(evt.detail.xhr));
        keyboardMove = null;
      }
    });
  });
})();
