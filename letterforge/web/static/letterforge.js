// Saves what a caseworker types, a second after they stop typing, so that a reload
// or a closed tab loses nothing. The page works without this script too: every
// "Bekijk de brief" also saves the draft on the server.
(function () {
  "use strict";
  var form = document.querySelector("form[data-concept]");
  if (!form) { return; }
  var timer = null;
  function save() {
    fetch(form.getAttribute("data-concept"), {
      method: "POST", body: new FormData(form), credentials: "same-origin"
    }).then(function (answer) {
      var status = document.getElementById("concept-status");
      if (status && answer.ok) { status.textContent = "Concept bewaard."; }
    });
  }
  form.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(save, 1000);
  });
})();
