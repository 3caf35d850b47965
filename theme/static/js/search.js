/* The search page (/search/): the archive's own index (plugins/news_digest/site/search_index.py
   says how it is laid out), searched in the browser.

   A query's words are folded (lower case, no accents) as the index folds them; each word's bucket
   says its stem, each stem's bucket lists the articles that have it. Every word must be found (a
   word no article has finds nothing: no fallback to a prefix). Articles are ranked by how often
   they use the words, rarer words weighing more, title words more; ties go to the newest. Only
   the ten shown are fetched (title, date, summary). Nothing from the index is ever read as HTML. */
(function () {
  "use strict";
  var root = document.getElementById("search");
  var configNode = document.getElementById("search-config");
  if (!root || !configNode || !window.fetch || !window.URL) return;
  var config = JSON.parse(configNode.textContent);
  var site = new URL(config.siteurl.replace(/\/?$/, "/"), document.baseURI);
  var base = new URL(config.index, site);
  var PAGE = 10; // results shown at a time
  var FILTER_OPTIONS = 40; // most common names offered in each filter
  var GROUPS = [["country", "Country"], ["person", "Person"]];
  var FOLDED = { "đ": "d", "ß": "ss", "æ": "ae", "ø": "o", "ł": "l", "ı": "i" };

  var form = document.getElementById("search-form");
  var input = document.getElementById("search-q");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var more = document.getElementById("search-more");
  var filterBox = document.getElementById("search-filters");
  var pagesLine = document.getElementById("search-pages");
  var PAGES = 5; // pages of countries, organisations and people offered for a query
  var chosen = { country: new Set(), person: new Set() };
  var found = [];
  var marks = [];
  var shown = 0;
  var sequence = 0;
  var files = {};
  var meta = null;

  function getJSON(name) {
    if (!files[name]) {
      var url = new URL(name, base);
      if (meta) url.search = "v=" + meta.version; // never a file of another build
      files[name] = fetch(url.href, meta ? {} : { cache: "no-cache" }).then(function (response) {
        if (!response.ok) throw new Error(response.status + " " + response.statusText + " (" + name + ")");
        return response.json();
      });
      files[name].catch(function () { delete files[name]; });
    }
    return files[name];
  }

  function fold(text) {
    return text.toLowerCase().replace(/[đßæøłı]/g, function (c) { return FOLDED[c]; })
      .normalize("NFKD").replace(/\p{M}/gu, "");
  }

  function queryWords(text) {
    var stop = new Set(meta.stop_words);
    var seen = new Set();
    return (fold(text).match(/[\p{L}\p{N}]+/gu) || []).filter(function (w) {
      if (w.length < 2 || stop.has(w) || seen.has(w)) return false;
      seen.add(w);
      return true;
    });
  }

  // FNV-1a of the UTF-8 bytes, as search_index.py bucket_of.
  function bucketOf(key) {
    var bytes = new TextEncoder().encode(key);
    var value = 0x811c9dc5;
    for (var i = 0; i < bytes.length; i++) value = Math.imul(value ^ bytes[i], 0x01000193) >>> 0;
    return "words/" + (value % meta.buckets) + ".json";
  }

  function undelta(values) {
    var out = new Array(values.length);
    var sum = 0;
    for (var i = 0; i < values.length; i++) { sum += values[i]; out[i] = sum; }
    return out;
  }

  // word -> {stem, ids, weights}, or null when no article has it.
  function lookUp(word) {
    return getJSON(bucketOf(word)).then(function (bucket) {
      var stem = bucket.words[word];
      if (stem === undefined) return null;
      return getJSON(bucketOf(stem)).then(function (shelf) {
        var postings = shelf.stems[stem];
        return postings ? { stem: stem, ids: undelta(postings[0]), weights: postings[1] } : null;
      });
    });
  }

  function rank(terms) {
    var scores = new Map();
    terms.forEach(function (term, index) {
      var df = term.ids.length;
      var idf = Math.log(1 + (meta.documents - df + 0.5) / (df + 0.5));
      var next = new Map();
      term.ids.forEach(function (id, i) {
        if (index > 0 && !scores.has(id)) return; // every word must be in it
        var w = term.weights[i];
        next.set(id, (scores.get(id) || 0) + idf * w / (w + 1.2));
      });
      scores = next;
    });
    return Array.from(scores.keys()).sort(function (a, b) { return scores.get(b) - scores.get(a) || b - a; });
  }

  function filterSets() {
    // Within a group any chosen name, across groups all: the articles allowed, or null for any.
    return getJSON("filters.json").then(function (filters) {
      var allowed = null;
      GROUPS.forEach(function (g) {
        if (!chosen[g[0]].size) return;
        var group = new Set();
        chosen[g[0]].forEach(function (name) {
          undelta((filters[g[0]] || {})[name] || []).forEach(function (id) { group.add(id); });
        });
        allowed = allowed ? new Set(Array.from(allowed).filter(function (id) { return group.has(id); })) : group;
      });
      return allowed;
    });
  }

  function search(query) {
    var wordsOfQuery = queryWords(query);
    if (query && !wordsOfQuery.length) {
      return Promise.resolve({ ids: [], marks: [], note: "No results: “" + query + "” has only words too common to search for" });
    }
    return Promise.all([Promise.all(wordsOfQuery.map(lookUp)), filterSets()]).then(function (both) {
      var terms = both[0];
      var allowed = both[1];
      var missing = wordsOfQuery.filter(function (w, i) { return !terms[i]; });
      if (missing.length) return { ids: [], marks: [], note: "No results: no article has “" + missing.join("”, “") + "”" };
      var ids = terms.length ? rank(terms) : Array.from(allowed).sort(function (a, b) { return b - a; });
      if (allowed && terms.length) ids = ids.filter(function (id) { return allowed.has(id); });
      return { ids: ids, marks: terms.map(function (t, i) { return [wordsOfQuery[i], t.stem]; }) };
    });
  }

  function run() {
    var query = input.value.trim();
    var mine = ++sequence;
    var params = new URLSearchParams(window.location.search);
    if (query) params.set("q", query); else params.delete("q");
    history.replaceState(null, "", "?" + params.toString());
    var filtered = GROUPS.some(function (g) { return chosen[g[0]].size; });
    if (!query && !filtered) {
      found = []; shown = 0; list.textContent = ""; more.hidden = true; status.textContent = "";
      pagesLine.hidden = true;
      return;
    }
    status.textContent = "Searching…";
    ready.then(function () { return search(query); }).then(function (answer) {
      if (mine !== sequence) return; // a newer query came in meanwhile
      found = answer.ids;
      marks = answer.marks;
      shown = 0;
      list.textContent = "";
      var what = query ? "“" + query + "”" : "the chosen filters";
      status.textContent = found.length
        ? found.length + " result" + (found.length === 1 ? "" : "s") + " for " + what
        : answer.note || "No results for " + what;
      showPages(query, mine);
      return showMore(mine);
    }).catch(function (error) {
      if (mine === sequence) status.textContent = "Search could not load: " + error.message;
    });
  }

  function showMore(mine) {
    var next = found.slice(shown, shown + PAGE);
    shown += next.length;
    more.hidden = shown >= found.length;
    return Promise.all(next.map(function (id) {
      return getJSON("docs/" + Math.floor(id / meta.chunk) + ".json").then(function (chunk) { return chunk[id % meta.chunk]; });
    })).then(function (rows) {
      if (mine !== undefined && mine !== sequence) return;
      rows.forEach(function (row) { list.appendChild(item(row)); });
    });
  }

  // The pages of the countries, organisations and people whose names hold every word of the
  // query ("japan", "le hoai trung"), those with most articles first.
  function showPages(query, mine) {
    pagesLine.hidden = true;
    var wanted = queryWords(query);
    if (!wanted.length) return;
    getJSON("pages.json").then(function (pages) {
      if (mine !== sequence) return;
      var named = pages.filter(function (page) {
        var words = fold(page[0]).match(/[\p{L}\p{N}]+/gu) || [];
        return wanted.every(function (w) { return words.indexOf(w) >= 0; });
      }).slice(0, PAGES);
      pagesLine.textContent = "";
      if (!named.length) return;
      pagesLine.appendChild(document.createTextNode("Pages: "));
      named.forEach(function (page, i) {
        if (i) pagesLine.appendChild(document.createTextNode(" · "));
        var link = document.createElement("a");
        link.href = new URL(page[2], site).href;
        link.textContent = page[0];
        pagesLine.appendChild(link);
        var kind = document.createElement("span");
        kind.className = "kind";
        kind.textContent = " (" + page[1] + ", " + page[3] + " article" + (page[3] === 1 ? "" : "s") + ")";
        pagesLine.appendChild(kind);
      });
      pagesLine.hidden = false;
    }).catch(function () { pagesLine.hidden = true; });
  }

  // A word of the summary is marked when it is a word of the query or starts with its stem.
  function isMarked(word) {
    var w = fold(word);
    return marks.some(function (m) {
      var stem = m[1].replace(/i$/, "");
      return w === m[0] || (stem.length > 2 && w.slice(0, stem.length) === stem);
    });
  }

  function excerpt(text) {
    var p = document.createElement("p");
    p.className = "excerpt";
    text.split(/([\p{L}\p{N}]+)/u).forEach(function (part, i) {
      if (i % 2 && isMarked(part)) {
        var mark = document.createElement("mark");
        mark.textContent = part;
        p.appendChild(mark);
      } else if (part) {
        p.appendChild(document.createTextNode(part));
      }
    });
    return p;
  }

  function item(row) {
    // row: [address, title, date as shown, ISO date or "", summary]
    var li = document.createElement("li");
    li.className = "result";
    var heading = document.createElement("h2");
    heading.className = "result-title";
    var link = document.createElement("a");
    link.href = new URL(row[0], site).href;
    link.textContent = row[1];
    heading.appendChild(link);
    li.appendChild(heading);
    var when = document.createElement("p");
    when.className = "meta";
    if (row[3]) {
      var time = document.createElement("time");
      time.dateTime = row[3];
      time.textContent = row[2];
      when.appendChild(time);
    } else {
      when.textContent = row[2];
    }
    li.appendChild(when);
    li.appendChild(excerpt(row[4]));
    return li;
  }

  function buildFilters(filters) {
    // The names most articles have first, then A to Z; the counts are of the whole archive.
    var narrow = window.matchMedia("(max-width: 48rem)").matches;
    GROUPS.forEach(function (group) {
      var values = filters[group[0]] || {};
      var names = Object.keys(values).sort(function (a, b) {
        return values[b].length - values[a].length || a.localeCompare(b);
      });
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
        fieldset.appendChild(filterOption(group[0], name, index, values[name].length));
      });
      details.appendChild(fieldset);
      filterBox.appendChild(details);
    });
  }

  function filterOption(group, name, index, count) {
    var id = "filter-" + group + "-" + index;
    var label = document.createElement("label");
    label.className = "filter-option";
    label.htmlFor = id;
    var box = document.createElement("input");
    box.type = "checkbox";
    box.id = id;
    box.value = name;
    box.addEventListener("change", function () {
      if (box.checked) chosen[group].add(name); else chosen[group].delete(name);
      run();
    });
    label.appendChild(box);
    label.appendChild(document.createTextNode(" " + name + " "));
    var number = document.createElement("span");
    number.className = "count";
    number.textContent = count;
    label.appendChild(number);
    return label;
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
  var ready = getJSON("index.json").then(function (index) {
    meta = index;
    return getJSON("filters.json");
  }).then(buildFilters);
  ready.catch(function (error) { status.textContent = "Search could not load: " + error.message; });
  ready.then(function () { if (initial) run(); });
  if (!initial) input.focus();
})();
