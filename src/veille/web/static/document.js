// Clicking a highlighted span shows its record; arriving on #span-<kind>-<id> flashes the span.
"use strict";
document.querySelectorAll("mark.hl[data-record]").forEach(function (m) {
  m.addEventListener("click", function (ev) {
    ev.stopPropagation();
    location.hash = "rec-" + m.dataset.record;
  });
});
function flash() {
  var id = decodeURIComponent(location.hash.slice(1));
  if (id.indexOf("span-") !== 0) return;
  document.querySelectorAll('mark.hl[data-record="' + CSS.escape(id.slice(5)) + '"]').forEach(function (m) {
    m.classList.add("flash");
  });
  var el = document.getElementById(id);
  if (el) el.scrollIntoView({block: "center"});
}
window.addEventListener("hashchange", flash);
flash();
