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
  /* A small dialog on Pagefind's own API (pagefind.js), not its component UI: the engine is
     fetched when the reader reaches for the search (hover, focus, "/" or Ctrl-K), a search
     runs once the typing pauses (stale ones are dropped), and only the results shown fetch
     their fragment, ten at a time. */
  var FILTERS = [
    ["kind", "Type"], ["service", "Service"], ["indicator", "Indicateur"],
    ["status", "Statut"], ["outcome", "Résultat"], ["year", "Année"], ["tag", "Étiquette"],
    ["territory", "Territoire"], ["territory_type", "Type de collectivité"],
    ["population", "Population"], ["budget", "Budget"], ["theme", "Thème"],
    ["approach", "Démarche"]
  ];
  var PAGE_SIZE = 10; // results whose fragment is fetched and shown at once
  var DEBOUNCE_MS = 100; // a search starts once the typing pauses this long
  // Pagefind matches a word by its stem's prefix ("delai" also finds "d'élagage"): rank the
  // words closest to the one typed first, and a record whose title holds the word (weighted
  // in rex.site.pagefind) before a shorter one that only mentions it.
  var RANKING = { termSimilarity: 6, pageLength: 0, termSaturation: 2 };

  function element(name, attributes, children) {
    var el = document.createElement(name);
    Object.keys(attributes || {}).forEach(function (key) { el.setAttribute(key, attributes[key]); });
    (children || []).forEach(function (child) {
      el.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return el;
  }

  function plural(n, one, many) { return n + " " + (n > 1 ? many : one); }

  // Pagefind's excerpt is HTML with <mark> around the matched words: keep those marks and
  // text only, parsed in an inert document so that nothing in it can run or load.
  function excerptNodes(html) {
    var parsed = new DOMParser().parseFromString("<p>" + html + "</p>", "text/html").body;
    var nodes = [];
    parsed.firstChild.childNodes.forEach(function (node) {
      if (node.nodeName === "MARK") nodes.push(element("mark", {}, [node.textContent]));
      else nodes.push(document.createTextNode(node.textContent));
    });
    return nodes;
  }

  // A bundle's list of indexes (rex-shards.json, see rex.site.pagefind), fetched once a page.
  var indexLists = {};
  function indexList(bundle) {
    if (!indexLists[bundle.href]) {
      indexLists[bundle.href] = fetch(new URL("rex-shards.json", bundle)).then(function (response) {
        return response.ok ? response.json() : { shards: [] };
      });
    }
    return indexLists[bundle.href];
  }

  function setupSearch() {
    var header = document.querySelector(".md-header__inner");
    if (!header || document.querySelector(".rex-search")) return;
    var bundle = new URL("pagefind/", root);
    var engine = null;
    var fillers = {}; // each index's page of the words it lacks, never a result
    function pagefind() {
      if (!engine) {
        // The records are spread over several indexes (rex-shards.json, see rex.site.pagefind):
        // the engine and the list load together, then every index joins the first one.
        engine = Promise.all([import(new URL("pagefind.js", bundle).href), indexList(bundle)]).then(function (got) {
          var pf = got[0];
          (got[1].fillers || []).forEach(function (id) { fillers[id] = true; });
          // On this page's thread: from a worker, every result of every index is copied
          // back, which costs more than the search itself once a word is in most records;
          // and on a busy machine the worker gives up after 5 s, aborting its requests.
          var options = { baseUrl: root.pathname, excerptLength: 24, ranking: RANKING };
          if (got[1].tag) options.metaCacheTag = got[1].tag;
          // (the merged indexes run inside the first one: the option is the first's alone)
          return pf.options(Object.assign({ noWorker: true }, options)).then(function () { return pf.init(); }).then(function () {
            // A search for every record of the first index alone fetches nothing but compiles
            // the code a search runs (WebAssembly, results, Unicode tables), which the
            // reader's first search would otherwise wait for.
            return pf.search(null);
          }).then(function () {
            return Promise.all(got[1].shards.map(function (path) {
              return pf.mergeIndex(new URL(path, bundle).pathname, options);
            }));
          }).then(function () { return pf; });
        });
        engine.catch(function () { engine = null; });
      }
      return engine;
    }

    var ids = "rex-search-" + Math.random().toString(36).slice(2);
    var opener = element("button", {
      type: "button", class: "rex-search__open", "aria-haspopup": "dialog",
      "aria-keyshortcuts": "/ Control+K"
    }, [element("span", {}, ["Rechercher"]), element("kbd", { "aria-hidden": "true" }, ["/"])]);
    var input = element("input", {
      type: "search", id: ids + "-q", autocomplete: "off", spellcheck: "false",
      placeholder: "Une fiche, un service, un indicateur…", "aria-controls": ids + "-r"
    });
    var selects = {};
    var filterBox = element("div", { class: "rex-search__filters" }, FILTERS.map(function (f) {
      var select = element("select", { id: ids + "-" + f[0] }, [
        element("option", { value: "" }, ["Tout"])
      ]);
      selects[f[0]] = select;
      return element("div", { class: "rex-search__filter" }, [
        element("label", { for: select.id }, [f[1]]), select
      ]);
    }));
    var status = element("p", { class: "rex-search__status", role: "status" });
    var list = element("ul", { class: "rex-search__results", id: ids + "-r" });
    var more = element("button", { type: "button", class: "rex-search__more", hidden: "" }, [
      "Afficher les résultats suivants"
    ]);
    var close = element("button", { type: "button", class: "rex-search__close" }, ["Fermer"]);
    var dialog = element("dialog", { class: "rex-search__dialog", "aria-labelledby": ids + "-t" }, [
      element("div", { class: "rex-search__head" }, [
        element("label", { id: ids + "-t", for: input.id, class: "rex-search__label" }, [
          "Rechercher dans le site"
        ]),
        close
      ]),
      input, filterBox, status, list, more,
      element("p", { class: "rex-search__hints" }, [
        "↑ ↓ pour parcourir les résultats, Entrée pour ouvrir, Échap pour fermer"
      ])
    ]);
    var holder = element("div", { class: "rex-search" }, [opener, dialog]);
    header.insertBefore(holder, header.querySelector(".md-header__source"));

    // The filters' values load only when the reader turns to them: once Pagefind holds the
    // filters, every search also counts them over all its matches, which doubles its time.
    var filtersLoaded = false;
    function loadFilters() {
      if (filtersLoaded) return;
      filtersLoaded = true;
      pagefind().then(function (pf) { return pf.filters(); }).then(function (all) {
        FILTERS.forEach(function (f) {
          var counts = all[f[0]] || {};
          Object.keys(counts).sort(function (a, b) { return a.localeCompare(b, "fr"); })
            .forEach(function (value) {
              selects[f[0]].appendChild(element("option", { value: value }, [
                value + " (" + counts[value] + ")"
              ]));
            });
        });
      }).catch(function () { filtersLoaded = false; });
    }

    var asked = 0;
    var found = [];
    var shownCount = 0;
    function chosenFilters() {
      var chosen = {};
      FILTERS.forEach(function (f) { if (selects[f[0]].value) chosen[f[0]] = selects[f[0]].value; });
      return chosen;
    }

    function showMore(mine) {
      var slice = found.slice(shownCount, shownCount + PAGE_SIZE);
      shownCount += slice.length;
      list.setAttribute("aria-busy", "true");
      // Each result shows as soon as its fragment and those of the results above it are in.
      var shown = Promise.resolve();
      slice.map(function (r) { return r.data(); }).forEach(function (fetched) {
        shown = shown.then(function () { return fetched; }).then(function (data) {
          if (mine === asked) list.appendChild(resultItem(data));
        });
      });
      return shown.then(function () {
        if (mine !== asked) return;
        list.removeAttribute("aria-busy");
        more.hidden = shownCount >= found.length;
      });
    }
    function resultItem(data) {
      var meta = data.meta || {};
      var item = element("li", { class: "rex-search__result" }, [
        element("p", { class: "rex-search__kind" }, [meta.kind || ""]),
        element("p", { class: "rex-search__title" }, [element("a", { href: data.url }, [meta.title || data.url])])
      ]);
      if (data.excerpt) {
        item.appendChild(element("p", { class: "rex-search__excerpt" }, excerptNodes(data.excerpt)));
      }
      return item;
    }

    var timer = null;
    function run(delay) {
      // Our own pause rather than pagefind.debouncedSearch, which fetches the index chunks of
      // every prefix typed ("d", "de", …): only the words searched are fetched.
      var mine = ++asked;
      clearTimeout(timer);
      timer = setTimeout(function () { search(mine); }, delay);
    }
    function search(mine) {
      var term = input.value.trim();
      var filters = chosenFilters();
      if (!term && !Object.keys(filters).length) {
        list.textContent = "";
        list.removeAttribute("aria-busy");
        more.hidden = true;
        status.textContent = "";
        return;
      }
      pagefind().then(function (pf) {
        return mine === asked ? pf.search(term || null, { filters: filters }) : null;
      }).then(function (found_) {
        if (!found_ || mine !== asked) return null;
        found = found_.results.filter(function (r) { return !fillers[r.id]; });
        shownCount = 0;
        list.textContent = "";
        status.textContent = found.length
          ? plural(found.length, "résultat", "résultats") + (term ? " pour « " + term + " »" : "")
          : "Aucun résultat" + (term ? " pour « " + term + " »" : "");
        return showMore(mine);
      });
    }

    function open() {
      pagefind();
      if (!dialog.open) dialog.showModal();
      input.focus();
      input.select();
    }
    opener.addEventListener("click", open);
    // Fetch the engine as soon as the reader reaches for the search.
    ["pointerenter", "focus", "touchstart"].forEach(function (name) {
      opener.addEventListener(name, function () { pagefind(); }, { passive: true });
    });
    // And once the page has loaded and the browser is idle, on a site of one index: the
    // engine (≈ 165 kB, then from the browser's cache) is ready before the reader types. A
    // large site's hundred indexes (≈ 1.5 MB at 50,000 records) wait for the reader to reach
    // for the search, so that opening a page stays light.
    function warm() {
      indexList(bundle).then(function (manifest) {
        if (manifest.shards.length) return;
        if (window.requestIdleCallback) window.requestIdleCallback(function () { pagefind(); });
        else setTimeout(pagefind, 200);
      }).catch(function () {});
    }
    if (document.readyState === "complete") warm();
    else window.addEventListener("load", warm);
    ["focusin", "pointerenter"].forEach(function (name) {
      filterBox.addEventListener(name, loadFilters);
    });
    close.addEventListener("click", function () { dialog.close(); });
    dialog.addEventListener("click", function (event) {
      if (event.target === dialog) dialog.close(); // a click on the backdrop
    });
    input.addEventListener("input", function () { run(DEBOUNCE_MS); });
    Object.keys(selects).forEach(function (name) {
      selects[name].addEventListener("change", function () { run(0); });
    });
    more.addEventListener("click", function () {
      var next = shownCount;
      showMore(asked).then(function () {
        var link = list.querySelectorAll(".rex-search__title a")[next];
        if (link) link.focus();
      });
    });
    // Arrow keys move between the field and the results' links; Enter follows a link.
    dialog.addEventListener("keydown", function (event) {
      // Escape closes at once (in a search field, the browser would first clear the text).
      if (event.key === "Escape") { event.preventDefault(); dialog.close(); return; }
      if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
      if (event.target.tagName === "SELECT") return;
      var links = Array.prototype.slice.call(list.querySelectorAll(".rex-search__title a"));
      if (!links.length) return;
      var at = links.indexOf(document.activeElement);
      var down = event.key === "ArrowDown";
      event.preventDefault();
      if (at === -1) { if (down) links[0].focus(); return; }
      if (!down && at === 0) { input.focus(); return; }
      links[Math.min(links.length - 1, at + (down ? 1 : -1))].focus();
    });
    // "/" or Ctrl-K (Cmd-K) opens the search from anywhere on the page.
    document.addEventListener("keydown", function (event) {
      var target = event.target;
      var typing = target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
      var slash = event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey;
      var ctrlK = (event.ctrlKey || event.metaKey) && (event.key === "k" || event.key === "K");
      if (!slash && !ctrlK) return;
      event.preventDefault();
      open();
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

  // A list whose rows fit in one file (rex.site.row_file) is fetched whole, once, and
  // filtered and sorted here: a cell is text, a count, links [[href, text, class?], …] or
  // {t: text | h: html | l: links, s: sort key}; the html is a badge rex wrote. The file is
  // gzipped JSON, inflated here unless the server already did (it may, for a .gz file).
  var rowFiles = {};
  function inflated(buffer) {
    var bytes = new Uint8Array(buffer);
    if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return Promise.resolve(new TextDecoder().decode(bytes));
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    return new Response(stream).text();
  }
  function rowFile(url) {
    if (!rowFiles[url]) {
      rowFiles[url] = fetch(url).then(function (response) {
        if (!response.ok) throw new Error("rex: " + url + ": " + response.status);
        return response.arrayBuffer();
      }).then(inflated).then(function (text) {
        var data = JSON.parse(text);
        return data.rows.map(function (cells, n) {
          var parts = cells.map(cellParts);
          return { n: n, parts: parts, text: fold(parts.map(cellText).join(" ")) };
        });
      });
      rowFiles[url].catch(function () { delete rowFiles[url]; });
    }
    return rowFiles[url];
  }
  function linkTexts(links) { return links.map(function (k) { return k[1]; }).join(", "); }
  function cellParts(cell) {
    if (typeof cell === "string") return { t: cell, s: cell.toLowerCase() };
    if (typeof cell === "number") return { t: String(cell), s: cell };
    if (Array.isArray(cell)) return { l: cell, s: linkTexts(cell).toLowerCase() };
    return cell;
  }
  function badge(html) {
    var template = document.createElement("template");
    template.innerHTML = html;
    return template.content;
  }
  function cellText(part) {
    if (part.l) return linkTexts(part.l);
    return part.h != null ? badge(part.h).textContent : part.t;
  }
  function rowElement(row, first) {
    return element("tr", {}, row.parts.map(function (part, col) {
      var cell = element(col ? "td" : "th", col ? {} : { scope: "row" });
      cell.setAttribute("data-sort", String(part.s));
      if (part.h != null) cell.appendChild(badge(part.h));
      else if (!part.l) cell.textContent = part.t;
      else if (!part.l.length) cell.textContent = "—";
      part.l && part.l.forEach(function (k, i) {
        if (i) cell.appendChild(document.createTextNode(", "));
        var a = element("a", { href: new URL(k[0], first).href }, [k[1]]);
        if (k[2]) a.className = k[2];
        cell.appendChild(a);
      });
      return cell;
    }));
  }
  // A row of the rows bundle: its cells are those of a list file (rex.site.pagefind.row_records).
  function bundleRow(data) {
    return { n: Number(data.meta.n), parts: JSON.parse(data.meta.row).map(cellParts) };
  }
  // A cell's key as Pagefind sorted it within an index: numbers padded (pagefind._sort_key).
  function sortKey(value) {
    if (typeof value !== "number") return String(value);
    return value < 0 ? "-" + String(-value).padStart(11, "0") : String(value).padStart(12, "0");
  }
  var collator = new Intl.Collator("fr");
  function fromFile(url, term, sort, first) {
    var words = fold(term).split(/\s+/).filter(Boolean);
    return rowFile(url).then(function (rows) {
      var found = rows.filter(function (row) {
        return words.every(function (w) { return row.text.indexOf(w) !== -1; });
      });
      if (sort) {
        var col = Number(Object.keys(sort)[0].slice(1));
        var down = sort["c" + col] === "desc" ? -1 : 1;
        found.sort(function (a, b) {
          var x = a.parts[col].s, y = b.parts[col].s;
          var c = typeof x === "number" && typeof y === "number" ? x - y : collator.compare(String(x), String(y));
          return c ? c * down : a.n - b.n;
        });
      }
      return { rows: found.slice(0, SHOWN), total: found.length };
    });
  }

  var rowsEngine = null;
  function rowsSearch(list) {
    // The long lists' rows are in their own Pagefind bundle: only the matching rows shown are
    // fetched, never the whole list. A large site's rows come in several indexes
    // (rex-shards.json, see rex.site.pagefind), and "groups" names those of each list: a list
    // merges its own indexes only. Each index tags its rows (filter "index") so that a sort
    // can search them apart.
    if (!rowsEngine) {
      var rows = new URL("pagefind-rows/", root);
      rowsEngine = Promise.all([import(new URL("pagefind.js", rows).href), indexList(rows)]).then(function (got) {
        var pf = got[0];
        var options = { baseUrl: root.pathname, excerptLength: 0 };
        if (got[1].tag) options.metaCacheTag = got[1].tag;
        return pf.options(Object.assign({ noWorker: true }, options)).then(function () {
          return pf.options({ mergeFilter: { index: "0" } });
        }).then(function () {
          return { pf: pf, manifest: got[1], options: options, rows: rows, merged: { "": Promise.resolve("0") }, next: 1 };
        });
      });
    }
    return rowsEngine.then(function (engine) {
      var groups = engine.manifest.groups;
      var paths = groups ? groups[list] || [""] : [""].concat(engine.manifest.shards);
      return Promise.all(paths.map(function (path) {
        if (!engine.merged[path]) {
          var tag = String(engine.next++);
          var tagged = Object.assign({ mergeFilter: { index: tag } }, engine.options);
          engine.merged[path] = engine.pf.mergeIndex(new URL(path, engine.rows).pathname, tagged)
            .then(function () { return tag; });
        }
        return engine.merged[path];
      })).then(function (tags) { return { pf: engine.pf, tags: tags }; });
    });
  }

  // The first SHOWN rows of several lists each sorted on column key ("c2": its cells' keys,
  // then "n", the list's order), fetching a few more than each list's share and more only
  // where one runs out.
  function mergeSorted(lists, key, descending) {
    var total = lists.reduce(function (n, l) { return n + l.length; }, 0);
    var share = Math.ceil(SHOWN / lists.length) + 5;
    var loaded = lists.map(function () { return []; });
    var heads = lists.map(function () { return 0; });
    var out = [];
    var col = Number(key.slice(1));
    function load(i) {
      var part = lists[i].slice(loaded[i].length, loaded[i].length + share);
      return Promise.all(part.map(function (r) { return r.data(); })).then(function (rows) {
        loaded[i] = loaded[i].concat(rows.map(bundleRow));
      });
    }
    function before(a, b) {
      var x = sortKey(a.parts[col].s), y = sortKey(b.parts[col].s);
      if (x === y) return a.n < b.n;
      return descending ? x > y : x < y;
    }
    function step() {
      var short = [];
      lists.forEach(function (l, i) {
        if (heads[i] === loaded[i].length && loaded[i].length < l.length) short.push(i);
      });
      if (short.length) return Promise.all(short.map(load)).then(step);
      var best = -1;
      for (var i = 0; i < lists.length; i++) {
        if (heads[i] < loaded[i].length && (best < 0 || before(loaded[i][heads[i]], loaded[best][heads[best]]))) best = i;
      }
      if (best < 0 || out.length >= SHOWN) return { rows: out, total: total };
      out.push(loaded[best][heads[best]++]);
      return step();
    }
    return Promise.all(lists.map(function (l, i) { return load(i); })).then(step);
  }

  function setup(table) {
    var tbody = table.tBodies[0];
    var pageRows = tbody;
    var list = table.getAttribute("data-rex-list");
    var file = table.getAttribute("data-rex-rows");
    var first = list || file ? new URL(table.getAttribute("data-rex-first"), document.baseURI) : null;
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
      (file ? fromFile(new URL(file, document.baseURI).href, term, sort, first) : fromBundle(term, mine))
        .then(function (found) {
          if (!found || mine !== asked) return;
          var body = document.createElement("tbody");
          found.rows.forEach(function (row) { body.appendChild(rowElement(row, first)); });
          show(body);
          status.textContent = found.total + " ligne(s) trouvée(s)" +
            (found.total > SHOWN ? ", les " + SHOWN + " premières affichées" : "");
        });
    }

    function fromBundle(term, mine) {
      return rowsSearch(list).then(function (engine) {
        if (mine !== asked) return null;
        if (!sort || engine.tags.length === 1) {
          var options = { filters: { list: list } };
          if (sort) options.sort = sort;
          return engine.pf.search(term || null, options).then(function (search) {
            if (mine !== asked) return null;
            return Promise.all(search.results.slice(0, SHOWN).map(function (r) { return r.data(); }))
              .then(function (rows) { return { rows: rows.map(bundleRow), total: search.results.length }; });
          });
        }
        // Pagefind interleaves the sorted results of merged indexes by rank, not by key:
        // each index is searched alone and their sorted rows merged here.
        var searches = engine.tags.map(function (tag) {
          var filters = { list: list, index: tag };
          return engine.pf.search(term || null, { filters: filters, sort: sort });
        });
        return Promise.all(searches).then(function (found) {
          var key = Object.keys(sort)[0];
          return mergeSorted(found.map(function (s) { return s.results; }), key, sort[key] === "desc");
        });
      });
    }

    var timer = null;
    function filter() {
      if (list || file) {
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
        if (list || file) {
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
