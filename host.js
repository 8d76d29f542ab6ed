// Host integration, kept out of the wasm so embedding costs the bundle nothing (Trunk inlines
// this file into index.html and compare.html):
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
