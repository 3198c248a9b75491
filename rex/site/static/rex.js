/* rex: sort and filter the index tables in the page (no outside request). */
(function () {
  "use strict";
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  function key(row, col) {
    var cell = row.cells[col];
    return cell ? cell.getAttribute("data-sort") || "" : "";
  }
  function setup(table) {
    var tbody = table.tBodies[0];
    var source = table.getAttribute("data-rex-rows");
    var loaded = !source;
    var pending = null;
    var status = document.createElement("p");
    status.className = "rex-sr";
    status.setAttribute("aria-live", "polite");

    function loadAll() {
      if (loaded) return Promise.resolve();
      if (pending) return pending;
      var url = new URL(source, document.baseURI);
      pending = fetch(url).then(function (r) { return r.json(); }).then(function (rows) {
        var holder = document.createElement("tbody");
        holder.innerHTML = rows.join("");
        holder.querySelectorAll("a[href]").forEach(function (a) {
          a.setAttribute("href", new URL(a.getAttribute("href"), url).href);
        });
        table.replaceChild(holder, tbody);
        tbody = holder;
        loaded = true;
        var pager = table.parentNode.querySelector(".rex-pager") ||
          document.querySelector(".rex-pager");
        if (pager) pager.hidden = true;
      });
      return pending;
    }

    var form = document.createElement("div");
    form.className = "rex-filter";
    var id = "rex-filter-" + Math.random().toString(36).slice(2);
    form.innerHTML = '<label for="' + id + '">Filtrer la liste </label>' +
      '<input type="search" id="' + id + '" autocomplete="off">';
    var input = form.querySelector("input");
    table.parentNode.insertBefore(form, table);
    table.parentNode.insertBefore(status, table);

    function filter() {
      var words = fold(input.value).split(/\s+/).filter(Boolean);
      loadAll().then(function () {
        var shown = 0;
        Array.prototype.forEach.call(tbody.rows, function (row) {
          var text = fold(row.textContent);
          var ok = words.every(function (w) { return text.indexOf(w) !== -1; });
          row.hidden = !ok;
          if (ok) shown++;
        });
        status.textContent = shown + " ligne(s) affichée(s)";
      });
    }
    input.addEventListener("input", filter);

    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, col) {
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = th.textContent;
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        loadAll().then(function () {
          Array.prototype.forEach.call(table.tHead.rows[0].cells, function (other) {
            other.removeAttribute("aria-sort");
          });
          th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
          var rows = Array.prototype.slice.call(tbody.rows);
          var numeric = rows.every(function (r) { var k = key(r, col); return k === "" || !isNaN(k); });
          rows.sort(function (a, b) {
            var x = key(a, col), y = key(b, col);
            var c = numeric ? (Number(x) - Number(y)) : x.localeCompare(y, "fr");
            return ascending ? c : -c;
          });
          rows.forEach(function (r) { tbody.appendChild(r); });
        });
      });
    });

    var query = new URLSearchParams(window.location.search).get("q");
    if (query) { input.value = query; filter(); }
  }
  function init() {
    // The theme's search dialog has no accessible name (axe: aria-dialog-name).
    document.querySelectorAll(".md-search[role=dialog]:not([aria-label])").forEach(function (el) {
      el.setAttribute("aria-label", "Recherche");
    });
    document.querySelectorAll("table[data-rex-table]").forEach(setup);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
