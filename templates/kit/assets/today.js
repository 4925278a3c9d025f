/* asan-sdk kit: on the centres page, mark today's row in each week of opening hours.
   Reading needs no script: every day is listed; this only highlights the reader's today. */
(function () {
  "use strict";
  var days = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];
  var today = days[new Date().getDay()];
  var rows = document.querySelectorAll("table.week tr[data-day='" + today + "']");
  for (var i = 0; i < rows.length; i++) {
    rows[i].classList.add("today");
  }
})();
