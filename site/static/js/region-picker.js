/* Region picker: turns <select data-region-picker> (the grouped list rendered by
   matching/region_fields.py) into a search-as-you-type box. Without this file the select works
   as it is. The select stays in the form (hidden) and carries the value, so the server sees the
   same request either way. Pattern: WAI-ARIA combobox with a listbox popup. docs/design.md. */
(function () {
  "use strict";
  var MAX_SHOWN = 50;
  var counter = 0;

  function regionsOf(select) {
    var byCode = {}, list = [];
    Array.prototype.forEach.call(select.options, function (opt) {
      if (!opt.value) return;
      var group = opt.parentNode.tagName === "OPTGROUP" ? opt.parentNode.label : "";
      var name = opt.text.replace(/^[\s\u00a0]+/, "");
      var item = { code: opt.value, name: name, option: opt, disabled: opt.disabled, province: group };
      byCode[opt.value] = item;
      list.push(item);
    });
    list.forEach(function (item) {
      var pre = byCode[item.code.slice(0, 4) + "00"];
      var parts = [];
      if (item.province && item.code.slice(2) !== "0000") parts.push(item.province);
      if (pre && pre !== item && item.code.slice(4) !== "00") parts.push(pre.name);
      parts.push(item.name);
      item.path = parts.join(" ");
      item.search = (item.path + " " + item.code).toLowerCase();
    });
    return list;
  }

  function rank(item, q) {
    var name = item.name.toLowerCase();
    if (item.code === q) return 0;
    if (name.indexOf(q) === 0) return 1;
    if (name.indexOf(q) > 0) return 2;
    if (item.code.indexOf(q) === 0) return 3;
    return item.search.indexOf(q) >= 0 ? 4 : -1;
  }

  function enhance(select) {
    var multiple = select.multiple;
    var regions = regionsOf(select);
    var id = select.id || "region-picker-" + (++counter);
    var listId = id + "-listbox";
    var box = document.createElement("div");
    box.className = "region-picker";
    var chips = document.createElement("ul");
    chips.className = "region-chips";
    var input = document.createElement("input");
    input.type = "text";
    input.autocomplete = "off";
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listId);
    input.placeholder = select.dataset.placeholder || "";
    ["aria-describedby", "aria-invalid", "required"].forEach(function (a) {
      if (select.hasAttribute(a)) input.setAttribute(a, select.getAttribute(a));
    });
    var listbox = document.createElement("ul");
    listbox.id = listId;
    listbox.setAttribute("role", "listbox");
    listbox.hidden = true;
    var live = document.createElement("div");
    live.className = "visually-hidden";
    live.setAttribute("aria-live", "polite");
    // the <label for=…> now names the text box
    input.id = id;
    select.id = id + "-select";
    select.hidden = true;
    select.setAttribute("aria-hidden", "true");
    select.tabIndex = -1;
    select.removeAttribute("required");
    if (multiple) box.appendChild(chips);
    box.appendChild(input);
    box.appendChild(listbox);
    box.appendChild(live);
    select.parentNode.insertBefore(box, select.nextSibling);
    var wrapper = select.closest("label");
    if (wrapper) { wrapper.removeAttribute("for"); wrapper.htmlFor = id; }
    var shown = [], active = -1;

    function selected() { return regions.filter(function (r) { return r.option.selected; }); }

    function renderChosen() {
      if (multiple) {
        chips.innerHTML = "";
        selected().forEach(function (r) {
          var li = document.createElement("li");
          li.textContent = r.path + " ";
          var b = document.createElement("button");
          b.type = "button";
          b.className = "chip-remove";
          b.textContent = "×";
          b.setAttribute("aria-label", (select.dataset.remove || "remove") + " " + r.path);
          b.addEventListener("click", function () { r.option.selected = false; renderChosen(); input.focus(); });
          li.appendChild(b);
          chips.appendChild(li);
        });
      } else {
        var cur = selected()[0];
        input.value = cur ? cur.path : "";
      }
    }

    function close() {
      listbox.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function setActive(i) {
      var items = listbox.children;
      if (active >= 0 && items[active]) items[active].setAttribute("aria-selected", "false");
      active = i;
      if (i >= 0 && items[i]) {
        items[i].setAttribute("aria-selected", "true");
        input.setAttribute("aria-activedescendant", items[i].id);
        items[i].scrollIntoView({ block: "nearest" });
      }
    }

    function search() {
      var q = input.value.trim().toLowerCase();
      listbox.innerHTML = "";
      if (!q) { close(); return; }
      shown = regions
        .map(function (r) { return [rank(r, q), r]; })
        .filter(function (p) { return p[0] >= 0 && !p[1].disabled; })
        .sort(function (a, b) { return a[0] - b[0] || (a[1].code < b[1].code ? -1 : 1); })
        .slice(0, MAX_SHOWN)
        .map(function (p) { return p[1]; });
      shown.forEach(function (r, i) {
        var li = document.createElement("li");
        li.id = listId + "-" + i;
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        li.textContent = r.path;
        var code = document.createElement("small");
        code.textContent = " " + r.code;
        li.appendChild(code);
        li.addEventListener("mousedown", function (e) { e.preventDefault(); choose(r); });
        listbox.appendChild(li);
      });
      if (!shown.length) {
        var none = document.createElement("li");
        none.className = "no-match";
        none.textContent = select.dataset.noMatch || "";
        listbox.appendChild(none);
      }
      listbox.hidden = false;
      input.setAttribute("aria-expanded", "true");
      active = -1;
      live.textContent = (select.dataset.results || "%(n)s").replace("%(n)s", shown.length);
    }

    function choose(r) {
      if (multiple) {
        r.option.selected = true;
        input.value = "";
      } else {
        select.value = r.code;
      }
      renderChosen();
      close();
      select.dispatchEvent(new Event("change", { bubbles: true }));
    }

    input.addEventListener("input", search);
    input.addEventListener("keydown", function (e) {
      var open = !listbox.hidden && shown.length;
      if (e.key === "ArrowDown") { e.preventDefault(); if (listbox.hidden) search(); else if (open) setActive(Math.min(active + 1, shown.length - 1)); }
      else if (e.key === "ArrowUp") { e.preventDefault(); if (open) setActive(Math.max(active - 1, 0)); }
      else if (e.key === "Enter" && open) { e.preventDefault(); choose(shown[active >= 0 ? active : 0]); }
      else if (e.key === "Escape") { close(); if (!multiple) renderChosen(); }
      else if (e.key === "Backspace" && multiple && !input.value) {
        var last = selected().pop();
        if (last) { last.option.selected = false; renderChosen(); }
      }
    });
    input.addEventListener("blur", function () {
      close();
      if (!multiple) {
        if (!input.value.trim()) {
          var empty = select.querySelector('option[value=""]');
          if (empty) select.value = "";
        }
        renderChosen();
      }
    });
    renderChosen();
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("select[data-region-picker]"), enhance);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
