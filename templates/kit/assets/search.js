// Offline search of the citizen charter: the index is embedded in the page
// (<script type="application/json" id="search-index">), so it works from file:// too.
(function () {
  "use strict";
  function normalise(text) {
    return text.toLocaleLowerCase().normalize("NFKC")
      .replace(/[\u064B-\u065F\u0670]/g, "")   // Arabic-script diacritics
      .replace(/[يى]/g, "ی").replace(/ك/g, "ک"); // Arabic/Persian letter variants
  }
  function ready() {
    var input = document.getElementById("search");
    var count = document.getElementById("search-count");
    var source = document.getElementById("search-index");
    if (!input || !count || !source) { return; }
    var entries = JSON.parse(source.textContent).map(function (entry) {
      // Each part is {text, lang, dir}: text that fell back to another language says so.
      var parts = [entry.title].concat(entry.text).map(function (part) { return part.text; });
      return { id: entry.id, haystack: normalise(parts.join(" ")) };
    });
    var rows = document.querySelectorAll("tr[data-service]");
    function update() {
      var words = normalise(input.value).split(/\s+/).filter(Boolean);
      var shown = 0;
      var matches = {};
      entries.forEach(function (entry) {
        matches[entry.id] = words.every(function (word) { return entry.haystack.indexOf(word) !== -1; });
      });
      rows.forEach(function (row) {
        var visible = matches[row.getAttribute("data-service")] !== false;
        row.hidden = !visible;
        if (visible) { shown += 1; }
      });
      var digits = count.getAttribute("data-digits") || "0123456789";
      function local(n) { return String(n).replace(/[0-9]/g, function (d) { return digits[+d]; }); }
      count.textContent = words.length
        ? count.getAttribute("data-template").replace("{count}", local(shown)).replace("{total}", local(rows.length))
        : "";
    }
    input.addEventListener("input", update);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
})();
