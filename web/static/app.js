// errdex: the pages work without this script. It adds search as you type,
// the "/" shortcut, copy buttons and sorting in the browser. It never
// builds HTML from strings: results come from the server as HTML the
// server escaped, parsed with DOMParser and moved into the page.
(function () {
  "use strict";

  var body = document.body;
  var label = function (name, fallback) { return body.getAttribute("data-" + name + "-label") || fallback; };

  // "/" focuses the search box, unless the reader is typing somewhere.
  document.addEventListener("keydown", function (ev) {
    if (ev.key !== "/" || ev.ctrlKey || ev.metaKey || ev.altKey || ev.defaultPrevented) return;
    var t = ev.target;
    if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
    var box = document.querySelector("[data-search]");
    if (!box) return;
    ev.preventDefault();
    box.focus();
    box.select();
  });

  // The language links keep the current address, which search as you
  // type changes without a page load.
  function updateLangLinks(url) {
    document.querySelectorAll("[data-lang-link]").forEach(function (a) {
      var u = new URL(url, location.href);
      u.searchParams.delete("partial");
      u.searchParams.delete("prefix");
      u.searchParams.delete("cursor");
      u.searchParams.set("lang", a.getAttribute("data-lang-link"));
      a.setAttribute("href", u.pathname + u.search);
    });
  }

  function parseHTML(html) {
    return new DOMParser().parseFromString(html, "text/html");
  }

  // Search as you type.
  var form = document.querySelector("form[data-live-search]");
  var region = document.querySelector("[data-results]");
  if (form && region) {
    var box = form.querySelector("textarea[name=q]");
    var status = document.querySelector("[data-live-status]");
    var hero = document.querySelector("[data-hero]");
    var tryRow = form.querySelector("[data-try]");
    var help = form.querySelector(".search-help");
    // Once there is a query the home page looks as the results page the
    // server renders: the hero and the examples make room for the answer
    // (the hero's heading stays for screen readers).
    var setSearching = function (on) {
      form.classList.toggle("search-home", !on);
      if (hero) hero.classList.toggle("visually-hidden", on);
      if (tryRow) tryRow.hidden = on;
      if (help) help.classList.toggle("on-results", on);
    };
    var timer = 0;
    var inflight = null;
    var lastKey = null;

    var grow = function () {
      if (window.CSS && CSS.supports && CSS.supports("field-sizing", "content")) return;
      box.style.height = "auto";
      box.style.height = Math.min(box.scrollHeight + 2, window.innerHeight * 0.4) + "px";
    };

    // pageURL is the address a search would have without the script.
    var pageURL = function () {
      var params = new URLSearchParams(new FormData(form));
      var filtered = false;
      params.forEach(function (v, k) { if (k !== "q" && v) filtered = true; });
      if (!params.get("q").trim() && !filtered) return "/";
      return "/search?" + params.toString();
    };

    // A paste (a newline in it, or longer than people type) is posted and
    // never written into the address bar, the title or the language links:
    // pastes hold tokens and phone numbers, and addresses end up in history,
    // logs and Referer headers. maxURL is about where servers and proxies
    // stop taking addresses at all.
    var maxURL = 6000;
    var maxTyped = 200;
    var pasted = function (q) { return q.indexOf("\n") >= 0 || q.length > maxTyped; };

    var run = function (prefix) {
      var url = pageURL();
      var key = url + (prefix ? "#p" : "");
      if (key === lastKey) return;
      lastKey = key;
      if (inflight) inflight.abort();
      inflight = new AbortController();
      var extra = "partial=1" + (prefix && url !== "/" ? "&prefix=1" : "");
      var opts = { signal: inflight.signal, headers: { "Accept": "text/html" }, credentials: "same-origin" };
      var fetchURL = url + (url.indexOf("?") < 0 ? "?" : "&") + extra;
      var posted = url.length > maxURL || pasted(box.value);
      if (posted) {
        opts.method = "POST";
        opts.body = new URLSearchParams(new FormData(form));
        fetchURL = "/search?" + extra;
        url = "/search";
      }
      region.setAttribute("aria-busy", "true");
      fetch(fetchURL, opts)
        .then(function (res) {
          return res.text().then(function (html) { return { ok: res.ok, html: html }; });
        })
        .then(function (r) {
          var doc = parseHTML(r.html);
          if (!r.ok) {
            var msg = doc.querySelector("[data-error-message]") || doc.querySelector("h1");
            var p = document.createElement("p");
            p.className = "empty";
            p.textContent = msg ? msg.textContent.trim() : label("error", "Error");
            region.replaceChildren(p);
          } else {
            region.replaceChildren.apply(region, Array.prototype.slice.call(doc.body.childNodes));
          }
          history.replaceState(null, "", url);
          updateLangLinks(url);
          setSearching(url !== "/");
          enhance(region);
          var q = posted ? "" : box.value.trim();
          document.title = (q ? q.slice(0, 60) + " · " : "") + "errdex";
          if (status) status.textContent = announcement(region);
        })
        .catch(function (err) {
          if (err && err.name === "AbortError") return;
          lastKey = null;
          if (status) status.textContent = label("error", "Error");
        })
        .finally(function () { region.removeAttribute("aria-busy"); });
    };

    box.addEventListener("input", function () {
      grow();
      clearTimeout(timer);
      timer = setTimeout(function () { run(true); }, 180);
    });
    // Enter searches at once (Shift+Enter is a new line of a paste);
    // Escape clears the box; the down arrow on its last line goes to the
    // results.
    box.addEventListener("keydown", function (ev) {
      if (ev.isComposing) return;
      if (ev.key === "Enter" && !ev.shiftKey) {
        ev.preventDefault();
        clearTimeout(timer);
        run(false);
      } else if (ev.key === "Escape" && box.value !== "") {
        ev.preventDefault();
        box.value = "";
        grow();
        clearTimeout(timer);
        run(false);
      } else if (ev.key === "ArrowDown" && box.value.indexOf("\n", box.selectionEnd) < 0) {
        var first = region.querySelector("[data-nav]");
        if (first) {
          ev.preventDefault();
          first.focus();
        }
      }
    });
    // In the results the arrow keys go from one to the next, Enter opens
    // one (it is a link), and Escape goes back to the box.
    region.addEventListener("keydown", function (ev) {
      var here = ev.target.closest && ev.target.closest("[data-nav]");
      if (!here || ev.altKey || ev.ctrlKey || ev.metaKey) return;
      var links = Array.prototype.slice.call(region.querySelectorAll("[data-nav]"));
      var i = links.indexOf(here);
      if (ev.key === "ArrowDown" && i + 1 < links.length) {
        ev.preventDefault();
        links[i + 1].focus();
      } else if (ev.key === "ArrowUp") {
        ev.preventDefault();
        if (i > 0) links[i - 1].focus(); else box.focus();
      } else if (ev.key === "Escape") {
        ev.preventDefault();
        box.focus();
      }
    });
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      clearTimeout(timer);
      run(false);
    });
    grow();
    // autofocus leaves the caret at the start; put it after the query,
    // whether the box has focus already or gets it once the page settles.
    var caretToEnd = function () {
      if (box.selectionStart === 0 && box.selectionEnd === 0) box.setSelectionRange(box.value.length, box.value.length);
    };
    if (document.activeElement === box) caretToEnd();
    else box.addEventListener("focus", caretToEnd, { once: true });

    // "More results" appends the next page instead of replacing this one.
    region.addEventListener("click", function (ev) {
      var more = ev.target.closest && ev.target.closest("a[data-more]");
      if (!more) return;
      ev.preventDefault();
      var href = more.getAttribute("href");
      more.setAttribute("aria-busy", "true");
      fetch(href + "&partial=1", { credentials: "same-origin" })
        .then(function (res) {
          if (!res.ok) throw new Error("HTTP " + res.status);
          return res.text();
        })
        .then(function (html) {
          var doc = parseHTML(html);
          var list = region.querySelector("[data-result-list]");
          var items = doc.querySelectorAll("[data-result-list] > li");
          var first = null;
          items.forEach(function (li) {
            var node = document.adoptNode(li);
            list.appendChild(node);
            if (!first) first = node;
          });
          var wrap = region.querySelector("[data-more-wrap]");
          var next = doc.querySelector("[data-more-wrap]");
          if (next) wrap.replaceWith(document.adoptNode(next));
          else wrap.remove();
          var link = first && first.querySelector("a");
          if (link) link.focus();
        })
        .catch(function () { location.href = href; });
    });
  }

  // announcement is what the live region says after the results change:
  // how many, and the answer when there is one.
  function announcement(root) {
    var parts = [];
    var count = root.querySelector("[data-count]");
    if (count) parts.push(count.textContent.trim());
    var answer = root.querySelector(".answer-title");
    var kind = root.querySelector(".answer-heading, .unsure-label");
    if (answer) parts.push(answer.textContent.trim());
    else if (kind) parts.push(kind.textContent.trim());
    return parts.join(". ");
  }

  // enhance shows what needs the script in a part of the page the server
  // sent: the copy buttons of an answer.
  function enhance(root) {
    root.querySelectorAll("[data-copy-row]").forEach(function (row) { row.hidden = false; });
  }
  enhance(document);

  function copyText(text, button, fallbackNode) {
    var done = function () {
      var was = button.getAttribute("data-label") || button.textContent;
      button.setAttribute("data-label", was);
      button.textContent = label("copied", "Copied");
      setTimeout(function () { button.textContent = was; }, 1600);
    };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(done, function () { if (fallbackNode) selectText(fallbackNode); });
    } else if (fallbackNode) {
      selectText(fallbackNode);
    }
  }

  // The answer's copy buttons: the code, the page's full address, and the
  // answer as Slack or Markdown text, whose site-relative links get this
  // site's address.
  document.addEventListener("click", function (ev) {
    var button = ev.target.closest && ev.target.closest("button[data-copy-text], button[data-copy-link]");
    if (!button) return;
    var link = button.getAttribute("data-copy-link");
    var text = link !== null ? new URL(link, location.href).href
      : button.getAttribute("data-copy-text").replace(/^\/codes\//gm, location.origin + "/codes/");
    copyText(text, button, null);
  });

  // Copy buttons on other texts to copy (a reply for the customer): a
  // button after the text.
  document.querySelectorAll("[data-copy]:not(pre)").forEach(function (node) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "copy-chip";
    button.textContent = label("copy", "Copy");
    button.setAttribute("aria-live", "polite");
    button.addEventListener("click", function () { copyText(node.textContent.trim(), button, node); });
    var row = document.createElement("p");
    row.className = "copy-row";
    row.appendChild(button);
    node.parentNode.insertBefore(row, node.nextSibling);
  });

  // Copy buttons on example payloads.
  document.querySelectorAll("pre[data-copy]").forEach(function (pre) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "copy-button";
    button.textContent = label("copy", "Copy");
    button.setAttribute("aria-live", "polite");
    button.addEventListener("click", function () { copyText(pre.textContent, button, pre); });
    pre.classList.add("has-copy");
    pre.parentNode.appendChild(button);
  });

  function selectText(node) {
    var range = document.createRange();
    range.selectNodeContents(node);
    var sel = window.getSelection();
    sel.removeAllRanges();
    sel.addRange(range);
  }

  // Sortable tables: the header links sort in place, by the ranks the
  // server wrote on each row, so the order is the same as ?sort=.
  document.querySelectorAll("table[data-sortable]").forEach(function (table) {
    var tbody = table.tBodies[0];
    var links = table.querySelectorAll("a[data-sort-key]");
    links.forEach(function (a) {
      a.addEventListener("click", function (ev) {
        ev.preventDefault();
        var key = a.getAttribute("data-sort-key");
        var th = a.closest("th");
        var desc = th.getAttribute("aria-sort") === "ascending";
        var rows = Array.prototype.slice.call(tbody.rows);
        rows.sort(function (x, y) {
          var d = Number(x.getAttribute("data-rank-" + key)) - Number(y.getAttribute("data-rank-" + key));
          return desc ? -d : d;
        });
        rows.forEach(function (r) { tbody.appendChild(r); });
        var u = new URL(location.href);
        links.forEach(function (other) {
          var k = other.getAttribute("data-sort-key");
          var cell = other.closest("th");
          var next = k;
          if (k === key) {
            cell.setAttribute("aria-sort", desc ? "descending" : "ascending");
            if (!desc) next = "-" + k;
          } else {
            cell.removeAttribute("aria-sort");
          }
          var lu = new URL(location.href);
          if (next === "code") lu.searchParams.delete("sort"); else lu.searchParams.set("sort", next);
          other.setAttribute("href", lu.pathname + lu.search);
        });
        var sort = desc ? "-" + key : key;
        if (sort === "code") u.searchParams.delete("sort"); else u.searchParams.set("sort", sort);
        history.replaceState(null, "", u.pathname + u.search);
        updateLangLinks(u.pathname + u.search);
      });
    });
  });
})();
