// The progress of a running batch (beheer page): ask the server every few
// seconds and update the progress bar in place; reload once when it is klaar,
// so the failed lines and the letters appear. No meta refresh (WCAG 2.2.1).
(function () {
  "use strict";
  var root = document.getElementById("stand");
  if (!root || root.dataset.status === "klaar") {
    return;
  }
  var bar = document.getElementById("voortgang");
  var status = document.getElementById("stand-status");
  var text = document.getElementById("stand-tekst");

  function show(stand) {
    bar.value = stand.done;
    status.textContent = stand.status;
    text.textContent = stand.done + " van " + stand.total + " regels klaar: " +
      stand.counts.definitief + " definitief, " + stand.counts.concept +
      " concept (wacht op controle), " + stand.counts.afgekeurd +
      " afgekeurd, " + stand.counts.mislukt + " mislukt.";
  }

  function tick() {
    fetch(root.dataset.stand, {
      headers: { Accept: "application/json" },
      credentials: "same-origin"
    })
      .then(function (answer) {
        if (!answer.ok) {
          throw new Error(String(answer.status));
        }
        return answer.json();
      })
      .then(function (stand) {
        show(stand);
        if (stand.status === "klaar") {
          window.location.reload();
        } else {
          window.setTimeout(tick, 3000);
        }
      })
      .catch(function () {
        window.setTimeout(tick, 10000);  // the server is busy or away: later
      });
  }

  window.setTimeout(tick, 3000);
}());
