// Host integration, kept out of the wasm so embedding costs the bundle nothing (Trunk inlines
// this file into index.html and compare.html): the offline worker's registration,
// the theme (&theme=light|dark, else the system's, followed live), and ?embed=1, which hides
// the site chrome (&lesson= keeps that one step), tells the host page the document's height
// ({type: "adder-lab:height", height}) so it can size the iframe, and takes the host's theme
// ({type: "adder-lab:set-theme", theme: "light" | "dark" | "auto"}) from the parent window
// only. The app itself posts the lesson and finding messages (model::embed).
(function () {
  var params = new URLSearchParams(location.search);
  // A comparison's link (?compare=…) opens the compare page, loaded only when asked for.
  if (params.has("compare") && !/\/compare\/(index\.html)?$/.test(location.pathname)) {
    location.replace("compare/" + location.search);
    return;
  }
  // Nothing here submits to a server. Before the wasm takes over, the pre-rendered first
  // screen's forms would otherwise reload the page when a learner presses Add.
  addEventListener("submit", function (event) {
    event.preventDefault();
  }, true);
  var root = document.documentElement;
  // Offline use (the release build's sw.js, scripts/offline.mjs): registered two seconds after
  // the page has loaded, so filling its cache does not compete with the first load, for the
  // app's folder only (the compare page is one down). The development server has no worker: one left there by a release build
  // served at the same address is removed, so it cannot serve stale files.
  var workers = navigator.serviceWorker;
  if (workers && location.protocol !== "file:") {
    var folder = /\/compare\/(index\.html)?$/.test(location.pathname) ? "../" : "./";
    if (!root.hasAttribute("data-offline")) {
      workers.getRegistration(folder).then(function (found) {
        if (found) found.unregister();
      }, function () {});
    } else {
      addEventListener("load", function () {
        setTimeout(function () {
          workers.register(folder + "sw.js", { scope: folder, updateViaCache: "none" }).catch(function () {});
        }, 2000);
      });
    }
  }
  var theme = params.get("theme");
  var system = matchMedia("(prefers-color-scheme: dark)");
  function applyTheme() {
    root.dataset.theme = theme === "light" || theme === "dark" ? theme : system.matches ? "dark" : "light";
  }
  applyTheme();
  system.addEventListener("change", applyTheme);
  if (params.get("embed") !== "1") return;
  root.classList.add("embed");
  if (params.get("lesson")) root.classList.add("embed-lesson");
  if (window.parent === window) return;
  addEventListener("message", function (event) {
    var data = event.data;
    if (event.source !== window.parent || !data || data.type !== "adder-lab:set-theme") return;
    if (data.theme === "light" || data.theme === "dark" || data.theme === "auto") {
      theme = data.theme;
      applyTheme();
    }
  });
  var last = 0;
  function post() {
    var height = Math.ceil(root.scrollHeight);
    if (height === last) return;
    last = height;
    window.parent.postMessage({ type: "adder-lab:height", height: height }, "*");
  }
  new ResizeObserver(post).observe(root);
  addEventListener("load", post);
})();
