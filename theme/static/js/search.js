/* The search page (/search/): Pagefind's API over the shards of the archive, with an interface of
   our own (plugins/news_digest/search.py builds the shards).

   Precision: Pagefind searches each shard on its own, and a shard that lacks a word falls back to
   shorter prefixes of it ("Tokyo" finds "to"). Within a shard that has the word, every result has
   it (or its stem). So a shard whose best result does not contain every word of the query holds
   no page with them, and its results are left out. */
(function () {
  "use strict";
  var root = document.getElementById("search");
  var configNode = document.getElementById("search-config");
  if (!root || !configNode || !window.fetch || !window.URL) return;
  var config = JSON.parse(configNode.textContent);
  var site = new URL(config.siteurl.replace(/\/?$/, "/"), document.baseURI);
  var PAGE = 10; // results shown at a time
  var FILTER_OPTIONS = 40; // most common names offered in each filter
  var GROUPS = [["country", "Country"], ["person", "Person"]];

  var form = document.getElementById("search-form");
  var input = document.getElementById("search-q");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var more = document.getElementById("search-more");
  var filterBox = document.getElementById("search-filters");
  var chosen = { country: new Set(), person: new Set() };
  var found = [];
  var shown = 0;
  var sequence = 0;
  var instances = null;

  function load() {
    if (instances) return instances;
    // Each shard's own copy of Pagefind, a module of its own: Pagefind keeps its WebAssembly in
    // module state, so instances made by one module (createInstance) share it and trip over the
    // indexes of several shards.
    instances = inTurn(config.bundles, function (bundle) {
      var path = new URL(bundle.path, site).pathname;
      return import(path + "pagefind.js").then(function (one) {
        return one.options({ basePath: path, baseUrl: site.pathname, excerptLength: 24 }).then(function () {
          return one;
        });
      });
    });
    return instances;
  }

  // Every call into Pagefind waits for the one before (a new query while one runs, "More results").
  var queue = Promise.resolve();
  function exclusive(work) {
    var done = queue.then(work);
    queue = done.catch(function () {});
    return done;
  }

  function inTurn(items, step) {
    var out = [];
    return items.reduce(function (chain, item) {
      return chain.then(function () { return step(item); }).then(function (value) { out.push(value); });
    }, Promise.resolve()).then(function () { return out; });
  }

  function words(text) {
    return text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  }

  // A word "or its stem": its first letters, all of a short word, all but the last three of a long one.
  function stemPattern(word) {
    var stem = word.length <= 4 ? word : word.slice(0, Math.max(4, word.length - 3));
    return new RegExp("(^|[^\\p{L}\\p{N}])" + stem.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "u");
  }

  function hasEvery(text, patterns) {
    var lower = text.toLowerCase();
    return patterns.every(function (p) { return p.test(lower); });
  }

  function filterOption() {
    var filters = {};
    GROUPS.forEach(function (g) {
      if (chosen[g[0]].size) filters[g[0]] = { any: Array.from(chosen[g[0]]) };
    });
    return filters;
  }

  function searchShard(instance, query, filters, patterns) {
    return instance.search(query || null, { filters: filters }).then(function (response) {
      var results = (response && response.results) || [];
      if (!results.length || !patterns.length) return results;
      return results[0].data().then(function (best) {
        var text = (best.meta && best.meta.title ? best.meta.title + " " : "") + best.content;
        return hasEvery(text, patterns) ? results : [];
      });
    });
  }

  function run() {
    var query = input.value.trim();
    var mine = ++sequence;
    var filters = filterOption();
    var params = new URLSearchParams(window.location.search);
    if (query) params.set("q", query); else params.delete("q");
    history.replaceState(null, "", "?" + params.toString());
    if (!query && !Object.keys(filters).length) {
      found = []; shown = 0; list.textContent = ""; more.hidden = true; status.textContent = "";
      return;
    }
    status.textContent = "Searching…";
    var patterns = words(query).map(stemPattern);
    load().then(function (all) {
      return exclusive(function () {
        if (mine !== sequence) return null; // a newer query came in while this one waited
        return inTurn(all, function (one) { return searchShard(one, query, filters, patterns); });
      });
    }).then(function (perShard) {
      if (mine !== sequence || !perShard) return;
      found = [].concat.apply([], perShard).sort(function (a, b) { return b.score - a.score; });
      shown = 0;
      list.textContent = "";
      var what = query ? "“" + query + "”" : "the chosen filters";
      status.textContent = found.length
        ? found.length + " result" + (found.length === 1 ? "" : "s") + " for " + what
        : "No results for " + what;
      showMore();
    }).catch(function (error) {
      status.textContent = "Search could not load: " + error;
    });
  }

  function showMore() {
    var next = found.slice(shown, shown + PAGE);
    shown += next.length;
    more.hidden = shown >= found.length;
    return exclusive(function () {
      return inTurn(next, function (r) { return r.data(); });
    }).then(function (pages) {
      pages.forEach(function (page) { list.appendChild(item(page)); });
    });
  }

  function item(page) {
    var li = document.createElement("li");
    li.className = "result";
    var heading = document.createElement("h2");
    heading.className = "result-title";
    var link = document.createElement("a");
    link.href = page.url;
    link.textContent = (page.meta && page.meta.title) || page.url;
    heading.appendChild(link);
    li.appendChild(heading);
    if (page.meta && page.meta.date) {
      var meta = document.createElement("p");
      meta.className = "meta";
      meta.textContent = page.meta.date;
      li.appendChild(meta);
    }
    var excerpt = document.createElement("p");
    excerpt.className = "excerpt";
    // Pagefind's excerpt is the page's text, escaped, with <mark> around the words found.
    excerpt.innerHTML = page.excerpt;
    li.appendChild(excerpt);
    return li;
  }

  function buildFilters(all) {
    // Filters of every shard, summed: the most common names first, then A to Z.
    return inTurn(all, function (one) { return one.filters(); }).then(function (each) {
      var narrow = window.matchMedia("(max-width: 48rem)").matches;
      GROUPS.forEach(function (group) {
        var counts = {};
        each.forEach(function (f) {
          var values = (f && f[group[0]]) || {};
          Object.keys(values).forEach(function (name) { counts[name] = (counts[name] || 0) + values[name]; });
        });
        var names = Object.keys(counts).sort(function (a, b) { return counts[b] - counts[a] || a.localeCompare(b); });
        if (!names.length) return;
        var details = document.createElement("details");
        details.className = "filter";
        details.open = !narrow && group[0] === "country"; // closed on phones: the results come first
        var summary = document.createElement("summary");
        summary.textContent = group[1] + " (" + names.length + ")";
        details.appendChild(summary);
        var fieldset = document.createElement("fieldset");
        var legend = document.createElement("legend");
        legend.className = "visually-hidden";
        legend.textContent = "Only articles naming this " + group[1].toLowerCase();
        fieldset.appendChild(legend);
        names.slice(0, FILTER_OPTIONS).forEach(function (name, index) {
          var id = "filter-" + group[0] + "-" + index;
          var label = document.createElement("label");
          label.className = "filter-option";
          label.htmlFor = id;
          var box = document.createElement("input");
          box.type = "checkbox";
          box.id = id;
          box.value = name;
          box.addEventListener("change", function () {
            if (box.checked) chosen[group[0]].add(name); else chosen[group[0]].delete(name);
            run();
          });
          label.appendChild(box);
          label.appendChild(document.createTextNode(" " + name + " "));
          var count = document.createElement("span");
          count.className = "count";
          count.textContent = counts[name];
          label.appendChild(count);
          fieldset.appendChild(label);
        });
        details.appendChild(fieldset);
        filterBox.appendChild(details);
      });
    });
  }

  form.addEventListener("submit", function (event) { event.preventDefault(); run(); });
  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(run, 250);
  });
  more.addEventListener("click", function () { showMore(); });

  root.hidden = false;
  document.getElementById("search-fallback").hidden = true;
  var initial = new URLSearchParams(window.location.search).get("q");
  if (initial) input.value = initial;
  var ready = load().then(function (all) { return exclusive(function () { return buildFilters(all); }); }).catch(function (error) {
    status.textContent = "Search could not load: " + error;
  });
  ready.then(function () { if (initial) run(); });
  if (!initial) input.focus();
})();
