// The match board: drag a card to a column its match may move to (data-drop-to). The move is
// posted with htmx to the same endpoint as the form, with the version the card was shown at;
// the answer carries the card as it is now (an out-of-band swap) and, on a refusal, the reason.
// The card then goes to the column of its real state: back where it was when the move failed.
(function () {
  var board = document.querySelector("[data-board]");
  if (!board || !window.Sortable || !window.htmx) return;
  var status = document.getElementById("board-status");
  var origin = {};

  function lists() { return board.querySelectorAll(".board-cards"); }
  function column(state) { return board.querySelector('.board-cards[data-status="' + state + '"]'); }
  function allowed(card, state) { return (card.dataset.dropTo || "").split(" ").indexOf(state) !== -1; }

  function count(list, delta) {
    var badge = list.closest(".board-column").querySelector(".count");
    var n = parseInt(badge.dataset.count, 10) + delta;
    badge.dataset.count = n;
    badge.textContent = "(" + n + ")";
  }

  function highlight(card, on) {
    lists().forEach(function (list) {
      list.closest(".board-column").classList.toggle("board-column--target", on && allowed(card, list.dataset.status));
    });
  }

  lists().forEach(function (list) {
    Sortable.create(list, {
      group: { name: "board", pull: true, put: function (to, from, card) { return allowed(card, to.el.dataset.status); } },
      sort: false,
      draggable: ".board-card",
      // On a touch screen a short hold picks a card up, so a swipe still scrolls the board.
      delay: 250,
      delayOnTouchOnly: true,
      ghostClass: "board-card--ghost",
      onStart: function (evt) { highlight(evt.item, true); },
      onEnd: function (evt) { highlight(evt.item, false); },
      onAdd: function (evt) {
        var card = evt.item;
        origin[card.id] = { list: evt.from, index: evt.oldIndex };
        count(evt.from, -1);
        count(evt.to, 1);
        card.setAttribute("aria-busy", "true");
        card.classList.add("board-card--busy");
        htmx.ajax("POST", card.dataset.moveUrl, {
          source: card,
          target: "#board-status",
          swap: "innerHTML",
          values: { version: card.dataset.version, to_status: evt.to.dataset.status },
        });
      },
    });
  });

  // A refusal (400, 409) is an answer to show, not a failure of the request.
  document.body.addEventListener("htmx:beforeSwap", function (evt) {
    var code = evt.detail.xhr.status;
    if ((code === 400 || code === 409) && evt.detail.requestConfig.elt.classList.contains("board-card")) {
      evt.detail.shouldSwap = true;
      evt.detail.isError = false;
    }
  });

  document.body.addEventListener("htmx:afterRequest", function (evt) {
    var sent = evt.detail.requestConfig.elt;
    if (!sent.classList || !sent.classList.contains("board-card")) return;
    var card = document.getElementById(sent.id) || sent;
    var from = origin[sent.id];
    delete origin[sent.id];
    card.removeAttribute("aria-busy");
    card.classList.remove("board-card--busy");
    if (evt.detail.successful && evt.detail.xhr.status === 200) return;
    if (evt.detail.xhr.status !== 400 && evt.detail.xhr.status !== 409) {
      status.textContent = status.dataset.failed || "";
    }
    var now = card.parentElement;
    var home = column(card.dataset.status);
    if (from && home === from.list) {
      from.list.insertBefore(card, from.list.children[from.index] || null);
    } else if (home) {
      home.insertBefore(card, home.firstChild);
    } else {
      card.remove();
    }
    if (now) count(now, -1);
    if (home) count(home, 1);
  });
})();
