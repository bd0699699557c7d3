// Filters the home page's list of questions as you type. No dependencies; without script the
// full list stays visible.
(function () {
  "use strict";
  var form = document.querySelector("form.search");
  var input = document.getElementById("search-input");
  var list = document.getElementById("all-questions");
  var status = document.getElementById("search-status");
  if (!form || !input || !list) { return; }
  form.hidden = false;
  var items = Array.prototype.slice.call(list.querySelectorAll("li[data-search]"));
  function normalise(text) {
    return text.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }
  var haystacks = items.map(function (item) { return normalise(item.getAttribute("data-search") || ""); });
  function filter() {
    var words = normalise(input.value).split(/\s+/).filter(Boolean);
    var shown = 0;
    items.forEach(function (item, index) {
      var match = words.every(function (word) { return haystacks[index].indexOf(word) !== -1; });
      item.hidden = !match;
      if (match) { shown += 1; }
    });
    status.textContent = words.length === 0 ? "" : shown + (shown === 1 ? " question matches" : " questions match");
    document.body.classList.toggle("searching", words.length > 0);
  }
  input.addEventListener("input", filter);
  form.addEventListener("submit", function (event) { event.preventDefault(); filter(); });
}());
