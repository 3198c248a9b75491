/* rex: the site search (Pagefind) in the header, and the index tables' sort and filter.
   Everything comes from the site itself, found relative to this script, so the site works
   from any sub-path and without internet access. */
(function () {
  "use strict";
  var script = document.currentScript;
  // This file is <root>/assets/rex/rex.js.
  var root = new URL("../../", script ? script.src : document.baseURI);
  var SHOWN = 100; // rows shown at once when a long list is filtered or sorted

  /* --- Site search ------------------------------------------------------------------------ */
  var FILTERS = [
    ["kind", "Type"], ["service", "Service"], ["indicator", "Indicateur"],
    ["status", "Statut"], ["outcome", "Résultat"], ["year", "Année"], ["tag", "Étiquette"]
  ];
  var RESULT =
    '<li class="pf-result"><div class="pf-result-card"><div class="pf-result-content">' +
    '<p class="rex-search__kind">{{ meta.kind }}</p>' +
    '<p class="pf-result-title"><a class="pf-result-link" href="{{ meta.url | default(url) | safeUrl }}">' +
    "{{ meta.title }}</a></p>" +
    '{{#if excerpt}}<p class="pf-result-excerpt">{{+ excerpt +}}</p>{{/if}}' +
    "</div></div></li>";

  function element(name, attributes, children) {
    var el = document.createElement(name);
    Object.keys(attributes || {}).forEach(function (key) { el.setAttribute(key, attributes[key]); });
    (children || []).forEach(function (child) { el.appendChild(child); });
    return el;
  }

  function setupSearch() {
    var header = document.querySelector(".md-header__inner");
    if (!header || document.querySelector(".rex-search")) return;
    var bundle = new URL("pagefind/", root);
    document.head.appendChild(element("link", {
      rel: "stylesheet", href: new URL("pagefind-component-ui.css", bundle).href
    }));
    var template = element("script", { type: "text/pagefind-template" });
    template.textContent = RESULT;
    var filters = FILTERS.map(function (f) {
      return element("pagefind-filter-dropdown", { filter: f[0], label: f[1] });
    });
    var modal = element("pagefind-modal", { "reset-on-close": "false" }, [
      element("pagefind-modal-header", {}, [
        element("pagefind-input", {
          placeholder: "Rechercher une fiche, un service, un indicateur…", debounce: "80"
        })
      ]),
      element("pagefind-modal-body", {}, [
        element("div", { class: "rex-search__filters" }, filters),
        element("pagefind-summary"),
        element("pagefind-results", { "hide-sub-results": "true" }, [template])
      ]),
      element("pagefind-modal-footer", {}, [element("pagefind-keyboard-hints")])
    ]);
    var holder = element("div", { class: "rex-search" }, [
      element("pagefind-config", {
        "bundle-path": bundle.pathname, "base-url": root.pathname, lang: "fr"
      }),
      element("pagefind-modal-trigger", { placeholder: "Rechercher", compact: "false" }),
      modal
    ]);
    var source = header.querySelector(".md-header__source");
    header.insertBefore(holder, source);
    // The filter buttons are comboboxes, which their text does not name (axe: button-name).
    new MutationObserver(function () {
      holder.querySelectorAll(".pf-dropdown-trigger:not([aria-label])").forEach(function (b) {
        var label = b.querySelector(".pf-dropdown-trigger-label");
        b.setAttribute("aria-label", label ? label.textContent : "Filtre");
      });
    }).observe(holder, { childList: true, subtree: true });
    document.head.appendChild(element("script", {
      src: new URL("pagefind-component-ui.js", bundle).href
    }));
    // "/" opens the search too, as in the theme's own search (Ctrl-K is the component's).
    document.addEventListener("keydown", function (event) {
      var target = event.target;
      var typing = target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
      if (event.key !== "/" || typing || event.ctrlKey || event.metaKey || event.altKey) return;
      if (typeof modal.open === "function") {
        event.preventDefault();
        modal.open();
      }
    });
  }

  /* --- Index tables ------------------------------------------------------------------------ */
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  function key(row, col) {
    var cell = row.cells[col];
    return cell ? cell.getAttribute("data-sort") || "" : "";
  }

  var rowsEngine = null;
  function rowsSearch() {
    // The long lists' rows are in their own small Pagefind bundle: only the matching rows
    // shown are fetched, never the whole list.
    if (!rowsEngine) {
      rowsEngine = import(new URL("pagefind-rows/pagefind.js", root).href).then(function (pf) {
        return pf.options({ baseUrl: root.pathname, excerptLength: 0 }).then(function () {
          return pf;
        });
      });
    }
    return rowsEngine;
  }

  function setup(table) {
    var tbody = table.tBodies[0];
    var pageRows = tbody;
    var list = table.getAttribute("data-rex-list");
    var first = list ? new URL(table.getAttribute("data-rex-first"), document.baseURI) : null;
    var pager = table.parentNode.querySelector(".rex-pager") || document.querySelector(".rex-pager");
    var sort = null;
    var asked = 0;
    var status = document.createElement("p");
    status.className = "rex-sr";
    status.setAttribute("aria-live", "polite");

    var form = document.createElement("div");
    form.className = "rex-filter";
    var id = "rex-filter-" + Math.random().toString(36).slice(2);
    form.innerHTML = '<label for="' + id + '">Filtrer la liste </label>' +
      '<input type="search" id="' + id + '" autocomplete="off">';
    var input = form.querySelector("input");
    table.parentNode.insertBefore(form, table);
    table.parentNode.insertBefore(status, table);

    function show(body) {
      if (body !== tbody) table.replaceChild(body, tbody);
      tbody = body;
      if (pager) pager.hidden = body !== pageRows;
    }

    function remote() {
      var term = input.value.trim();
      if (!term && !sort) {
        show(pageRows);
        status.textContent = "";
        return;
      }
      var mine = ++asked;
      rowsSearch().then(function (pf) {
        var options = { filters: { list: list } };
        if (sort) options.sort = sort;
        return pf.search(term || null, options);
      }).then(function (search) {
        if (mine !== asked || !search) return null;
        var total = search.results.length;
        return Promise.all(search.results.slice(0, SHOWN).map(function (r) { return r.data(); }))
          .then(function (rows) { return { rows: rows, total: total }; });
      }).then(function (found) {
        if (!found || mine !== asked) return;
        var body = document.createElement("tbody");
        body.innerHTML = found.rows.map(function (r) { return r.meta.row; }).join("");
        body.querySelectorAll("a[href]").forEach(function (a) {
          a.setAttribute("href", new URL(a.getAttribute("href"), first).href);
        });
        show(body);
        status.textContent = found.total + " ligne(s) trouvée(s)" +
          (found.total > SHOWN ? ", les " + SHOWN + " premières affichées" : "");
      });
    }

    var timer = null;
    function filter() {
      if (list) {
        clearTimeout(timer);
        timer = setTimeout(remote, 120);
        return;
      }
      var words = fold(input.value).split(/\s+/).filter(Boolean);
      var shown = 0;
      Array.prototype.forEach.call(tbody.rows, function (row) {
        var text = fold(row.textContent);
        var ok = words.every(function (w) { return text.indexOf(w) !== -1; });
        row.hidden = !ok;
        if (ok) shown++;
      });
      status.textContent = shown + " ligne(s) affichée(s)";
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
        Array.prototype.forEach.call(table.tHead.rows[0].cells, function (other) {
          other.removeAttribute("aria-sort");
        });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        if (list) {
          sort = {};
          sort["c" + col] = ascending ? "asc" : "desc";
          remote();
          return;
        }
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

    var query = new URLSearchParams(window.location.search).get("q");
    if (query) { input.value = query; filter(); }
  }

  function init() {
    setupSearch();
    document.querySelectorAll("table[data-rex-table]").forEach(setup);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
