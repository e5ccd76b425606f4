// The template editor: line numbers beside each text, and the preview (sample
// letters, findings, diff) fetched from the server a moment after typing stops.
// Without this script the page still works: "Bekijk het voorbeeld" posts the form.
(function () {
  "use strict";
  var form = document.querySelector("form[data-voorbeeld]");
  if (!form) { return; }
  var panel = document.getElementById("studio-voorbeeld");
  var status = document.getElementById("studio-status");
  var timer = null;
  var latest = 0;

  function numberLines(textarea) {
    var gutter = textarea.parentNode.querySelector(".lf-code__lines");
    if (!gutter) { return; }
    var count = textarea.value.split("\n").length;
    var lines = [];
    for (var i = 1; i <= count; i += 1) { lines.push(String(i)); }
    gutter.textContent = lines.join("\n") + "\n";
    gutter.scrollTop = textarea.scrollTop;
  }

  function preview() {
    latest += 1;
    var mine = latest;
    status.textContent = "Het voorbeeld wordt bijgewerkt …";
    fetch(form.getAttribute("data-voorbeeld"), {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      headers: { "Accept": "application/json" }
    }).then(function (answer) {
      if (!answer.ok) { throw new Error(String(answer.status)); }
      return answer.json();
    }).then(function (data) {
      if (mine !== latest) { return; }  // an older answer than what is typed now
      // The fragment is rendered and escaped by the server (studio_voorbeeld.html).
      panel.innerHTML = data.html;
      status.textContent = "Het voorbeeld is bijgewerkt.";
    }).catch(function () {
      if (mine === latest) {
        status.textContent = "Het voorbeeld kon niet worden bijgewerkt. Probeer het opnieuw.";
      }
    });
  }

  Array.prototype.forEach.call(form.querySelectorAll("textarea.lf-code__text"), function (area) {
    area.addEventListener("scroll", function () { numberLines(area); });
    numberLines(area);
  });
  form.addEventListener("input", function (event) {
    if (event.target.classList && event.target.classList.contains("lf-code__text")) {
      numberLines(event.target);
      clearTimeout(timer);
      timer = setTimeout(preview, 700);
    }
  });
})();
