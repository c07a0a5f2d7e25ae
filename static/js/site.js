// The site's behaviour on every page; every piece is an enhancement: without JavaScript the
// menu shows open, every field shows and forms send as usual.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  function ready(fn) {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", fn);
    else fn();
  }

  // --- The menu: on a phone a button opens and closes it (aria-expanded). ---------------------
  function setUpMenu() {
    var button = document.querySelector(".menu-button");
    var nav = button && document.getElementById(button.getAttribute("aria-controls"));
    if (!nav) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      var open = button.getAttribute("aria-expanded") !== "true";
      button.setAttribute("aria-expanded", String(open));
      nav.classList.toggle("is-open", open);
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && nav.classList.contains("is-open")) {
        button.setAttribute("aria-expanded", "false");
        nav.classList.remove("is-open");
        button.focus();
      }
    });
  }

  // --- The error summary: focus moves to it, "Fout:" before the title, links focus the field. --
  function setUpErrorSummary(root) {
    var summary = (root || document).querySelector("[data-error-summary]");
    if (!summary) return;
    var prefix = document.body.dataset.errorPrefix || "Fout:";
    if (document.title.indexOf(prefix) !== 0) document.title = prefix + " " + document.title;
    summary.focus();
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest("[data-error-summary] a[href^='#']");
    if (!link) return;
    var target = document.getElementById(decodeURIComponent(link.hash.slice(1)));
    if (!target) return;
    event.preventDefault();
    var field = target.matches("input, select, textarea, button")
      ? target
      : target.querySelector("input:not([type=hidden]), select, textarea");
    var wrapper = target.closest("fieldset, .utrecht-form-field") || target;
    wrapper.scrollIntoView({ block: "start" });
    (field || target).focus({ preventScroll: true });
  });

  // --- Conditional fields: data-show-if="name=value1,value2" on a field shows its wrapper only
  // while the control `name` in the same form has one of those values (a checkbox: "on"). -----
  function controlValue(form, name) {
    var control = form.elements.namedItem(name);
    if (!control) {
      var match = Array.prototype.find.call(form.elements, function (el) {
        return el.name && el.name.slice(-name.length - 1) === "-" + name;
      });
      control = match ? form.elements.namedItem(match.name) : null;
    }
    if (!control) return null;
    if (control.type === "checkbox") return control.checked ? control.value || "on" : "";
    return control.value;
  }
  function applyConditions(form) {
    form.querySelectorAll("[data-show-if]").forEach(function (el) {
      var rule = el.dataset.showIf.split("=");
      var value = controlValue(form, rule[0]);
      if (value === null) return;
      var wanted = (rule[1] || "").split(",");
      var show = wanted.indexOf(value) !== -1 || (wanted[0] === "on" && value !== "");
      var wrapper = el.closest(".utrecht-form-field, fieldset") || el;
      wrapper.hidden = !show;
      el.disabled = !show;
    });
  }
  function setUpConditions(root) {
    (root || document).querySelectorAll("form").forEach(function (form) {
      if (!form.querySelector("[data-show-if]")) return;
      applyConditions(form);
      if (!form.dataset.conditions) {
        form.dataset.conditions = "1";
        form.addEventListener("change", function () { applyConditions(form); });
      }
    });
  }

  // --- A long list of checkboxes gets a search box that narrows it (checked ones stay). ------
  function setUpChoiceFilters(root) {
    (root || document).querySelectorAll("[data-choice-filter][hidden]").forEach(function (box) {
      var group = box.closest("fieldset");
      var input = box.querySelector("input");
      box.hidden = false;
      input.addEventListener("input", function () {
        var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
        group.querySelectorAll(".choice").forEach(function (row) {
          var box = row.querySelector("input");
          var text = row.textContent.toLowerCase();
          var fits = words.every(function (w) { return text.indexOf(w) !== -1; });
          row.hidden = !(fits || (box && box.checked));
        });
      });
      input.addEventListener("keydown", function (event) {
        if (event.key === "Enter") event.preventDefault();
      });
    });
  }

  // --- Sending: buttons are disabled while a form sends (no double submit); back re-enables. --
  function submitButtons(form) {
    return form.querySelectorAll("button[type=submit], button:not([type]), input[type=submit]");
  }
  var announcer = null;
  function announce(text) {
    // A polite status message ("Even geduld…") for screen reader users while a page loads.
    if (!announcer) {
      announcer = document.createElement("div");
      announcer.setAttribute("role", "status");
      announcer.className = "visually-hidden";
      document.body.appendChild(announcer);
    }
    announcer.textContent = text;
  }
  function setSending(form, sending) {
    if (sending) form.setAttribute("aria-busy", "true");
    else form.removeAttribute("aria-busy");
    announce(sending ? document.body.dataset.busyText || "" : "");
    submitButtons(form).forEach(function (b) {
      if (sending) {
        b.dataset.wasDisabled = b.disabled ? "1" : "";
        b.disabled = true;
      } else if (!b.dataset.wasDisabled) {
        b.disabled = false;
      }
    });
  }
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (event.defaultPrevented || form.method.toLowerCase() !== "post" || form.target) return;
    if (form.hasAttribute("hx-post")) return;
    if (form.dataset.sending) { event.preventDefault(); return; }
    form.dataset.sending = "1";
    // After this tick, so the pressed button's name and value are still sent.
    window.setTimeout(function () { setSending(form, true); }, 0);
    // A download (no new page) must not leave the form locked.
    window.setTimeout(function () { delete form.dataset.sending; setSending(form, false); }, 10000);
  });
  window.addEventListener("pageshow", function () {
    document.querySelectorAll("form[data-sending]").forEach(function (form) {
      delete form.dataset.sending;
      setSending(form, false);
    });
  });

  // --- htmx: the part being refreshed says it is busy (aria-busy), its form cannot resend. ---
  document.addEventListener("htmx:beforeRequest", function (event) {
    var target = event.detail.target;
    if (target) target.setAttribute("aria-busy", "true");
    var form = event.detail.elt && event.detail.elt.closest("form");
    if (form && event.detail.elt.tagName === "FORM") setSending(form, true);
  });
  document.addEventListener("htmx:afterRequest", function (event) {
    var target = event.detail.target;
    if (target) target.removeAttribute("aria-busy");
    var form = event.detail.elt && event.detail.elt.closest("form");
    if (form && event.detail.elt.tagName === "FORM") setSending(form, false);
  });
  document.addEventListener("htmx:afterSwap", function (event) {
    var root = event.detail.target;
    setUpConditions(root);
    setUpChoiceFilters(root);
    if (root && root.querySelector && root.querySelector("[data-error-summary]")) {
      setUpErrorSummary(root);
    }
  });

  // --- A question in a dialog: a link with data-confirm-dialog leads to a confirmation page;
  // with JavaScript the server's answer for that URL asked as a fragment (HX-Request) is a
  // <dialog> with the same question and form, shown modal over this page. Escape and its
  // "Annuleren" close it and focus returns to the link; if anything fails, the link is
  // followed as usual (and when the server sends a redirect instead, so is the link). ---------
  document.addEventListener("click", function (event) {
    var link = event.target.closest("a[data-confirm-dialog]");
    if (!link || event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    if (typeof HTMLDialogElement !== "function" || !window.fetch || !window.DOMParser) return;
    event.preventDefault();
    if (link.dataset.asking) return;
    link.dataset.asking = "1";
    fetch(link.href, { headers: { "HX-Request": "true" }, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok || response.redirected) throw new Error("no dialog");
        return response.text();
      })
      .then(function (html) {
        var found = new DOMParser().parseFromString(html, "text/html").querySelector("dialog");
        if (!found) throw new Error("no dialog");
        var dialog = document.importNode(found, true);
        document.body.appendChild(dialog);
        dialog.addEventListener("click", function (e) {
          if (e.target.closest("[data-dialog-close]")) dialog.close();
        });
        dialog.addEventListener("close", function () {
          dialog.remove();
          link.focus();
        });
        dialog.showModal();
      })
      .catch(function () { window.location.assign(link.href); })
      .finally(function () { delete link.dataset.asking; });
  });

  ready(function () {
    setUpMenu();
    setUpConditions();
    setUpChoiceFilters();
    setUpErrorSummary();
  });
})();
