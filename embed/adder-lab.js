// <adder-lab>: Adder Lab embedded in any page (plain HTML, Markdown that passes HTML through,
// MDX). Load this script from where Adder Lab is hosted; it needs no framework:
//
//   <script src="https://example.org/adder-lab/embed/adder-lab.js" defer></script>
//   <adder-lab scenario="statefulset-headless" theme="auto">
//     <a href="https://example.org/adder-lab/?scenario=statefulset-headless">Open Adder Lab</a>
//   </adder-lab>
//
// Attributes: one of scenario="<scenario>", lesson="<lesson id>" or compare="<scenario>
// <scenario>…" (with lesson="compare-all": the closing step on that comparison); seed; theme:
// "auto" follows the page (its data-theme, mdBook's theme classes, else its background, else its
// color-scheme with the reader's system setting), or "light", "dark"; title (the frame's
// accessible name); src (where Adder Lab is hosted, if not beside this script).
// The element's own children (a link) are what a reader without JavaScript sees; the frame, in
// the element's shadow root, takes their place on screen. It is made when the element comes
// near the screen, sized to the height the app reports, told when the page's theme changes, and
// its reports become events on the element: "adder-lab:lesson-completed" and
// "adder-lab:finding" (the message is `event.detail`). Messages are taken only from this
// element's frame, and sent only to it (README.md, "The embed protocol").
(function () {
  "use strict";
  if (window.customElements === undefined || customElements.get("adder-lab")) return;
  var script = document.currentScript;
  // This file is embed/adder-lab.js inside the app's folder.
  var defaultApp = new URL("../", script && script.src ? script.src : location.href).href;
  var REPORTS = ["adder-lab:lesson-completed", "adder-lab:finding"];
  // mdBook's themes are classes on <html>.
  var MDBOOK_DARK = ["navy", "coal", "ayu"];
  var MDBOOK_LIGHT = ["light", "rust"];

  /** The host page's own theme, where it says or shows one. */
  function pageTheme() {
    var root = document.documentElement;
    var said = root.getAttribute("data-theme") || root.getAttribute("data-color-mode") || root.getAttribute("data-bs-theme");
    if (said === "dark" || said === "light") return said;
    var classes = root.classList;
    if (MDBOOK_DARK.some(function (name) { return classes.contains(name); }) || classes.contains("dark")) return "dark";
    if (MDBOOK_LIGHT.some(function (name) { return classes.contains(name); })) return "light";
    // Else what the page paints behind its text.
    for (var element of [document.body, root]) {
      var rgba = element && getComputedStyle(element).backgroundColor.match(/[\d.]+/g);
      if (rgba && (rgba.length < 4 || Number(rgba[3]) > 0)) {
        var luminance = (0.2126 * rgba[0] + 0.7152 * rgba[1] + 0.0722 * rgba[2]) / 255;
        return luminance < 0.5 ? "dark" : "light";
      }
    }
    // Nothing painted: the browser's canvas, dark only where the page allows a dark scheme
    // (CSS color-scheme) and the reader's system asks for it.
    var dark = matchMedia("(prefers-color-scheme: dark)").matches;
    return dark && /dark/.test(getComputedStyle(root).colorScheme) ? "dark" : "light";
  }

  class AdderLab extends HTMLElement {
    static get observedAttributes() {
      return ["theme"];
    }

    connectedCallback() {
      if (this.frame || this.watching) return;
      this.style.display = "block";
      var element = this;
      if (!("IntersectionObserver" in window)) return this.load();
      this.watching = new IntersectionObserver(function (entries) {
        if (entries.some(function (entry) { return entry.isIntersecting; })) element.load();
      }, { rootMargin: "400px 0px" });
      this.watching.observe(this);
    }

    disconnectedCallback() {
      this.stopWatching();
      if (this.onMessage) removeEventListener("message", this.onMessage);
      if (this.themeWatch) this.themeWatch.forEach(function (stop) { stop(); });
      this.onMessage = null;
      this.themeWatch = null;
      if (this.frame) this.frame.remove();
      this.frame = null;
    }

    attributeChangedCallback() {
      this.sendTheme();
    }

    stopWatching() {
      if (this.watching) this.watching.disconnect();
      this.watching = null;
    }

    /** "light" or "dark": the attribute's, or the page's when it is "auto" (or missing).
     *  (Not called `theme`: React sets an element's property of an attribute's name.) */
    chosenTheme() {
      var asked = this.getAttribute("theme");
      return asked === "light" || asked === "dark" ? asked : pageTheme();
    }

    /** The app's address for this element's attributes. */
    address() {
      var app = new URL(this.getAttribute("src") || defaultApp, location.href);
      var query = new URLSearchParams({ embed: "1" });
      var compare = (this.getAttribute("compare") || "").trim();
      if (compare) {
        app = new URL("compare/", app);
        query.set("compare", compare.split(/[\s,.]+/).join("."));
        // The compare page's closing step ("compare-all") is a lesson on a comparison.
        if (this.getAttribute("lesson")) query.set("lesson", this.getAttribute("lesson"));
      } else if (this.getAttribute("lesson")) {
        query.set("lesson", this.getAttribute("lesson"));
      } else if (this.getAttribute("scenario")) {
        query.set("scenario", this.getAttribute("scenario"));
      }
      if (this.getAttribute("seed")) query.set("seed", this.getAttribute("seed"));
      query.set("theme", this.chosenTheme());
      app.search = query.toString();
      return app;
    }

    load() {
      this.stopWatching();
      if (this.frame) return;
      var element = this;
      var address = this.address();
      var frame = document.createElement("iframe");
      frame.title = this.getAttribute("title") || "Adder Lab: a simulated Kubernetes cluster";
      frame.style.cssText = "display:block;width:100%;height:40rem;border:0";
      frame.src = address.href;
      this.origin = address.origin;
      this.frame = frame;
      var asked = this.chosenTheme();
      // Each page the frame loads starts with the theme in its address; a change that came
      // while it loaded is sent once it can listen.
      frame.addEventListener("load", function () {
        element.sentTheme = asked;
        element.sendTheme();
      });
      this.onMessage = function (event) {
        var data = event.data;
        if (event.source !== frame.contentWindow || event.origin !== element.origin || !data) return;
        if (data.type === "adder-lab:height" && data.height > 0) {
          frame.style.height = Math.ceil(data.height) + "px";
        } else if (REPORTS.indexOf(data.type) >= 0) {
          element.dispatchEvent(new CustomEvent(data.type, { detail: data, bubbles: true }));
        }
      };
      addEventListener("message", this.onMessage);
      this.watchTheme();
      // The frame goes in a shadow root of the element's own: the children (the fallback link)
      // stay as the page made them, only unrendered, so a framework that renders the page
      // (React hydrating MDX) finds its own children unchanged and leaves the frame alone.
      (this.shadowRoot || this.attachShadow({ mode: "open" })).replaceChildren(frame);
    }

    /** Tells the frame when the page's theme changes (a theme picker, the system's setting). */
    watchTheme() {
      var send = this.sendTheme.bind(this);
      var observer = new MutationObserver(send);
      var options = { attributes: true, attributeFilter: ["class", "data-theme", "data-color-mode", "data-bs-theme", "style"] };
      observer.observe(document.documentElement, options);
      if (document.body) observer.observe(document.body, options);
      var system = matchMedia("(prefers-color-scheme: dark)");
      system.addEventListener("change", send);
      this.themeWatch = [
        function () { observer.disconnect(); },
        function () { system.removeEventListener("change", send); },
      ];
    }

    sendTheme() {
      if (!this.frame || !this.frame.contentWindow) return;
      var theme = this.chosenTheme();
      if (theme === this.sentTheme) return;
      this.sentTheme = theme;
      this.frame.contentWindow.postMessage({ type: "adder-lab:set-theme", theme: theme }, this.origin);
    }
  }

  customElements.define("adder-lab", AdderLab);
})();
