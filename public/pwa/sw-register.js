// Registers the service worker, offers updates, and says when the reader is offline.
// Builds its few elements with textContent only: no markup from strings.
(function () {
  "use strict";

  function banner(id, text, buttonText, onClick) {
    var existing = document.getElementById(id);
    if (existing) return existing;
    var bar = document.createElement("div");
    bar.id = id;
    bar.className = "app-banner";
    bar.setAttribute("role", "status");
    bar.setAttribute("data-testid", id);
    var span = document.createElement("span");
    span.textContent = text;
    bar.appendChild(span);
    if (buttonText) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "button";
      button.setAttribute("data-testid", id + "-button");
      button.textContent = buttonText;
      button.addEventListener("click", onClick);
      bar.appendChild(button);
    }
    document.body.appendChild(bar);
    return bar;
  }

  function showOffline() {
    var bar = document.getElementById("offline-indicator");
    if (navigator.onLine) {
      if (bar) bar.remove();
    } else {
      banner("offline-indicator", "You are offline. Threat Atlas is showing the copy saved on this device.");
    }
  }
  window.addEventListener("online", showOffline);
  window.addEventListener("offline", showOffline);
  showOffline();

  if (!("serviceWorker" in navigator)) return;

  // Says that offline use is not available, and why. Registering again on the next visit is
  // the retry: a worker that failed leaves nothing behind.
  function unavailable(reason) {
    var bar = banner("offline-unavailable", "");
    bar.firstChild.textContent = "Offline use is not available: " + reason + ". Threat Atlas works online as usual and tries again on your next visit.";
  }
  navigator.serviceWorker.addEventListener("message", function (event) {
    var data = event.data || {};
    if (data.type === "install-failed") unavailable("the offline copy could not be saved (" + data.reason + ")");
  });

  // When a new build takes over, its worker has deleted the old build's cache, so every open
  // tab of the site reloads onto it, not only the one where the reader said yes. A page's
  // first worker taking control (no worker before) is no update: nothing to reload.
  var controller = navigator.serviceWorker.controller;
  navigator.serviceWorker.addEventListener("controllerchange", function () {
    var before = controller;
    controller = navigator.serviceWorker.controller;
    if (before) window.location.reload();
  });

  function offer(worker) {
    banner("update-available", "A new version of Threat Atlas is available.", "Reload", function () {
      worker.postMessage("skip-waiting");
    });
  }

  function register() {
    navigator.serviceWorker
      .register("sw.js")
      .then(function (registration) {
        if (registration.waiting && navigator.serviceWorker.controller) offer(registration.waiting);
        registration.addEventListener("updatefound", function () {
          var worker = registration.installing;
          if (!worker) return;
          worker.addEventListener("statechange", function () {
            if (worker.state === "installed" && navigator.serviceWorker.controller) offer(worker);
          });
        });
        // A returning reader: look for a newer build now (a first install has nothing to update).
        if (navigator.serviceWorker.controller) registration.update().catch(function () {});
      })
      .catch(function (e) {
        unavailable("the browser refused to set it up (" + ((e && e.message) || e) + ")");
      });
  }

  // A returning reader's worker only checks for updates: register at once. On a first
  // visit, installing downloads the whole build, so wait until the app has its dataset
  // ("atlas-ready"): the install then finds the files in the HTTP cache instead of
  // downloading them a second time while the page still needs the bandwidth. If the app
  // never says so, register a while after load anyway.
  var registered = false;
  function once() {
    if (registered) return;
    registered = true;
    register();
  }
  if (navigator.serviceWorker.controller) {
    once();
  } else {
    window.addEventListener("atlas-ready", once);
    window.addEventListener("load", function () {
      setTimeout(once, 20000);
    });
  }
})();
