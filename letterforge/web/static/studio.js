// The template editor: line numbers beside each text (also for wrapped lines),
// the preview (sample letters, findings, diff) fetched from the server a moment
// after typing stops, findings that jump to their line, a warning before
// leaving with unsaved edits, and a local draft (localStorage) that survives a
// reload, a closed tab or an expired session.
// Without this script the page still works: "Bekijk het voorbeeld" posts the form.
(function () {
  "use strict";
  var PREFIX = "letterforge-studio:";

  // After a successful save the history page names the template and user:
  // their local drafts are done.
  var done = document.querySelector("[data-studio-klaar]");
  if (done) {
    var owner = PREFIX + done.getAttribute("data-studio-klaar") + ":";
    for (var k = localStorage.length - 1; k >= 0; k -= 1) {
      var key = localStorage.key(k);
      if (key && key.indexOf(owner) === 0) { localStorage.removeItem(key); }
    }
  }

  var form = document.querySelector("form[data-voorbeeld]");
  if (!form) { return; }
  var panel = document.getElementById("studio-voorbeeld");
  var status = document.getElementById("studio-status");
  var notice = document.getElementById("studio-concept");
  var count = document.getElementById("studio-telling");
  var areas = Array.prototype.slice.call(form.querySelectorAll("textarea.lf-code__text"));
  var parts = form.getAttribute("data-concept").split(":");
  // Key: template, user, then the version the edit is based on.
  var draftKey = PREFIX + parts[0] + ":" + parts[2] + ":" + parts[1];
  var timer = null;
  var saveTimer = null;
  var latest = 0;
  var dirty = false;
  var mirror = document.createElement("div");
  mirror.setAttribute("aria-hidden", "true");
  mirror.style.cssText = "position:absolute;visibility:hidden;left:-9999px;top:0;white-space:pre-wrap;overflow-wrap:anywhere;";
  document.body.appendChild(mirror);

  function numberLines(textarea) {
    var gutter = textarea.parentNode.querySelector(".lf-code__lines");
    if (!gutter) { return; }
    var style = window.getComputedStyle(textarea);
    mirror.style.width = (textarea.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight)) + "px";
    mirror.style.font = style.font;
    mirror.style.lineHeight = style.lineHeight;
    // Measure every line first, then replace the numbers at once: one layout
    // of the page instead of one per line.
    var lines = textarea.value.split("\n");
    var heights = [];
    for (var i = 0; i < lines.length; i += 1) {
      mirror.textContent = lines[i] || " ";
      heights.push(mirror.offsetHeight);
    }
    var rows = document.createDocumentFragment();
    for (var j = 0; j < heights.length; j += 1) {
      var row = document.createElement("div");
      row.textContent = String(j + 1);
      row.style.height = heights[j] + "px";
      rows.appendChild(row);
    }
    gutter.textContent = "";
    gutter.appendChild(rows);
    gutter.scrollTop = textarea.scrollTop;
  }

  // "terugvordering/letter.md.j2:25: …" → put the cursor on line 25 of that text.
  function goToLine(file, line) {
    var area = form.querySelector('textarea[data-bestand="' + file + '"]');
    if (!area) { return; }
    var lines = area.value.split("\n");
    var start = 0;
    for (var i = 0; i < Math.min(line - 1, lines.length); i += 1) { start += lines[i].length + 1; }
    area.focus();
    area.setSelectionRange(start, start + (lines[line - 1] || "").length);
    var gutter = area.parentNode.querySelector(".lf-code__lines");
    var row = gutter && gutter.children[line - 1];
    if (row) { area.scrollTop = row.offsetTop - area.clientHeight / 3; }
  }

  function linkFindings(root) {
    Array.prototype.forEach.call(root.querySelectorAll(".lf-findings code"), function (code) {
      var match = /^([\w\/.-]+\.j2):(\d+):/.exec(code.textContent);
      if (!match || code.querySelector("a")) { return; }
      var link = document.createElement("a");
      link.href = "#";
      link.className = "utrecht-link";
      link.title = "Ga naar deze regel in de tekst";
      link.textContent = match[1] + ":" + match[2];
      link.addEventListener("click", function (event) {
        event.preventDefault();
        goToLine(match[1], parseInt(match[2], 10));
      });
      code.firstChild.textContent = code.textContent.slice(match[0].length - 1);
      code.insertBefore(link, code.firstChild);
    });
    if (count) {
      var errors = panel.querySelectorAll("#studio-fouten .lf-findings li").length;
      count.textContent = errors === 0 ? "Geen fouten." : (errors === 1 ? "1 fout." : errors + " fouten.");
    }
  }

  function values() {
    var data = { files: {}, reden: form.elements.reden.value, geldig_vanaf: form.elements.geldig_vanaf.value, bewaard: new Date().toISOString() };
    areas.forEach(function (area) { data.files[area.name] = area.value; });
    return data;
  }

  function keepDraft() {
    try { localStorage.setItem(draftKey, JSON.stringify(values())); } catch (e) { /* storage full or off: the warning on leaving still holds */ }
  }

  function restoreDraft() {
    var raw = null;
    try { raw = localStorage.getItem(draftKey); } catch (e) { return false; }
    if (!raw) { return false; }
    var draft;
    try { draft = JSON.parse(raw); } catch (e) { return false; }
    var changed = false;
    areas.forEach(function (area) {
      var text = draft.files && draft.files[area.name];
      if (typeof text === "string" && text !== area.value) { area.value = text; changed = true; }
    });
    if (!form.elements.reden.value && draft.reden) { form.elements.reden.value = draft.reden; changed = true; }
    if (!form.elements.geldig_vanaf.value && draft.geldig_vanaf) { form.elements.geldig_vanaf.value = draft.geldig_vanaf; changed = true; }
    if (!changed) { return false; }
    dirty = true;
    var when = new Date(draft.bewaard);
    notice.textContent = "Wij hebben uw tekst teruggezet die nog niet bewaard was (van " +
      when.toLocaleString("nl-NL", { day: "numeric", month: "long", hour: "2-digit", minute: "2-digit" }) + "). ";
    var drop = document.createElement("button");
    drop.type = "button";
    drop.className = "utrecht-button utrecht-button--subtle";
    drop.textContent = "Gooi deze tekst weg";
    drop.addEventListener("click", function () {
      localStorage.removeItem(draftKey);
      dirty = false;
      window.location.reload();
    });
    notice.appendChild(drop);
    notice.hidden = false;
    return true;
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
      linkFindings(panel);
      status.textContent = "Het voorbeeld is bijgewerkt.";
    }).catch(function () {
      if (mine === latest) {
        status.textContent = "Het voorbeeld kon niet worden bijgewerkt. Uw tekst is niet verloren. Probeer het opnieuw.";
      }
    });
  }

  areas.forEach(function (area) {
    area.addEventListener("scroll", function () {
      var gutter = area.parentNode.querySelector(".lf-code__lines");
      if (gutter) { gutter.scrollTop = area.scrollTop; }
    });
  });
  if (restoreDraft()) { preview(); }
  areas.forEach(numberLines);
  linkFindings(document);
  window.addEventListener("resize", function () { areas.forEach(numberLines); });

  form.addEventListener("input", function (event) {
    dirty = true;
    clearTimeout(saveTimer);
    saveTimer = setTimeout(keepDraft, 300);
    if (event.target.classList && event.target.classList.contains("lf-code__text")) {
      numberLines(event.target);
      clearTimeout(timer);
      timer = setTimeout(preview, 700);
    }
  });
  // Sending the form is not leaving: the server keeps the text on a refusal,
  // and the draft stays until the history page confirms the save.
  form.addEventListener("submit", function () { keepDraft(); dirty = false; });
  window.addEventListener("beforeunload", function (event) {
    if (!dirty) { return undefined; }
    keepDraft();
    event.preventDefault();
    event.returnValue = "U heeft niet-bewaarde wijzigingen.";
    return event.returnValue;
  });
})();
