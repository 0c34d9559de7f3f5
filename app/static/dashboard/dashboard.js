/* The Marketplace Network dashboard: sign in, ask the report API, draw what it answers.
 *
 * No build step and no framework: one script over the markup of templates/dashboard.html.
 * Every value from the API reaches the page through textContent (never innerHTML), and the
 * bearer token lives in this tab's sessionStorage only, so it ends with the tab.
 *
 * The page marks the Performance timeline: `mmi:sign-in-submitted` when the sign-in form is
 * sent, `mmi:report-requested` when a report is asked for, and `mmi:figures-shown` the first
 * time the figures are drawn; the browser test measures load-to-figures with them. #report-status carries data-state (loading, ready,
 * error) and data-seq (reports drawn so far) for anyone who waits for a report.
 */
(function () {
  "use strict";

  var SESSION_KEY = "mmi.dashboard.session";
  var DEFAULT_DAYS = 30;
  var SEARCH_MAX_DAYS = 92; // the Messaging Interactions search takes at most this range
  var PAGE_SIZE = 50;
  var DAY_MS = 86400000;
  var REASONS = ["AGENT", "CONSUMER", "SYSTEM"];
  var COLORS = { AGENT: "#3b6fb6", CONSUMER: "#e08a1e", SYSTEM: "#7a8793", opened: "#3b6fb6", wait: "#2f9e8f" };
  var LEFT_OUT = {
    no_contract: "No consent contract",
    contract_revoked: "Contract revoked by the subscriber",
    contract_expired: "Contract expired",
    contract_not_yet_in_effect: "Contract not yet in effect",
    not_in_network: "Not in the provider's network"
  };

  var apiRoot = document.body.getAttribute("data-api-root") || "";
  // This script runs before the chart library (see the page's head), so that the report is
  // on its way while the library loads; drawing waits for the library.
  var libraryLoaded = new Promise(function (resolve) {
    if (window.Chart) resolve();
    else document.addEventListener("DOMContentLoaded", function () { resolve(); }, { once: true });
  });
  var $ = function (id) { return document.getElementById(id); };

  var state = {
    session: null, // {accountId, bearer, username}
    timeZone: "UTC",
    network: null, // {included: [ids], names: {id: name}} of the report without narrowing
    selected: null, // null: every subscriber; else an array of ids
    report: null,
    shown: null, // the request body of the report on the page: CSVs and searches use it
    requestSeq: 0,
    drawn: 0,
    sort: { key: "closed", dir: "desc" },
    charts: {},
    conversations: null, // {accountId, name, from, to, offset, count, records, withheld}
    figuresMarked: false
  };

  // -- small helpers ---------------------------------------------------------------------

  function show(el, visible) { el.hidden = !visible; }

  function text(el, value) { el.textContent = value == null ? "" : String(value); }

  function make(tag, className, content) {
    var el = document.createElement(tag);
    if (className) el.className = className;
    if (content != null) el.textContent = String(content);
    return el;
  }

  function formatNumber(n) { return n == null ? "–" : Number(n).toLocaleString("en-US"); }

  function formatRate(rate) {
    return rate == null ? "–" : (rate * 100).toLocaleString("en-US", { maximumFractionDigits: 1 }) + " %";
  }

  function formatDuration(ms) {
    if (ms == null) return "–";
    var seconds = Math.round(ms / 1000);
    if (seconds < 60) return seconds + "s";
    var minutes = Math.floor(seconds / 60);
    var rest = seconds % 60;
    if (minutes < 60) return minutes + "m " + (rest < 10 ? "0" : "") + rest + "s";
    return Math.floor(minutes / 60) + "h " + (minutes % 60 < 10 ? "0" : "") + (minutes % 60) + "m";
  }

  function setFigure(testId, value, formatted) {
    var el = document.querySelector('[data-testid="' + testId + '"]');
    el.setAttribute("data-value", value == null ? "" : String(value));
    text(el, formatted);
  }

  // -- dates in the chosen time zone -----------------------------------------------------

  /* The calendar date (YYYY-MM-DD) of an instant in a time zone. */
  function dateIn(ms, zone) {
    return new Intl.DateTimeFormat("en-CA", {
      timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit"
    }).format(new Date(ms));
  }

  function addDays(isoDate, days) {
    var d = new Date(isoDate + "T00:00:00Z");
    d.setUTCDate(d.getUTCDate() + days);
    return d.toISOString().slice(0, 10);
  }

  /* Milliseconds between UTC and a zone's wall clock at an instant. */
  function zoneOffsetMs(ms, zone) {
    var parts = {};
    new Intl.DateTimeFormat("en-US", {
      timeZone: zone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit",
      hour: "2-digit", minute: "2-digit", second: "2-digit"
    }).formatToParts(new Date(ms)).forEach(function (p) { parts[p.type] = p.value; });
    var wall = Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour, +parts.minute, +parts.second);
    return wall - Math.floor(ms / 1000) * 1000;
  }

  /* The instant a calendar date begins in a time zone (twice round for a DST change). */
  function startOfDay(isoDate, zone) {
    var guess = Date.parse(isoDate + "T00:00:00Z");
    var ms = guess - zoneOffsetMs(guess, zone);
    return guess - zoneOffsetMs(ms, zone);
  }

  function formatTime(ms) {
    return new Intl.DateTimeFormat("en-GB", {
      timeZone: state.timeZone, day: "numeric", month: "short", year: "numeric",
      hour: "2-digit", minute: "2-digit"
    }).format(new Date(ms));
  }

  function formatClock(ms) {
    return new Intl.DateTimeFormat("en-GB", {
      timeZone: state.timeZone, hour: "2-digit", minute: "2-digit", second: "2-digit"
    }).format(new Date(ms));
  }

  function dayLabel(isoDate) {
    return new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", day: "numeric", month: "short" })
      .format(new Date(isoDate + "T00:00:00Z"));
  }

  // -- the API ---------------------------------------------------------------------------

  function ApiError(status, body) {
    this.status = status;
    this.body = body || {};
    this.message = (body && body.message) || "The service answered " + status + ".";
  }

  function call(method, path, body, accept) {
    var headers = { Accept: accept || "application/json" };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    if (state.session) headers.Authorization = "Bearer " + state.session.bearer;
    return fetch(apiRoot + path, {
      method: method,
      headers: headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: "omit",
      cache: "no-store"
    }).then(function (response) {
      if (response.ok) return response;
      return response.json().catch(function () { return {}; }).then(function (json) {
        var error = new ApiError(response.status, json);
        if (response.status === 401 && state.session) endSession("Your session has ended; sign in again.");
        throw error;
      });
    });
  }

  function callJson(method, path, body) {
    return call(method, path, body).then(function (r) { return r.json(); });
  }

  function reportPath(suffix) {
    return "/marketplace/api/account/" + encodeURIComponent(state.session.accountId) + "/reports/network" + (suffix || "");
  }

  function reportBody() {
    var body = {
      from: $("range-from").value,
      to: addDays($("range-to").value, 1), // the API's "to" is exclusive
      timeZone: state.timeZone
    };
    if (state.selected) body.subscriberIds = state.selected.slice();
    return body;
  }

  // -- session ---------------------------------------------------------------------------

  function loadSession() {
    try {
      var saved = JSON.parse(sessionStorage.getItem(SESSION_KEY) || "null");
      if (saved && saved.bearer && saved.accountId) return saved;
    } catch (e) { /* a damaged entry is as good as none */ }
    return null;
  }

  function startSession(session) {
    state.session = session;
    try { sessionStorage.setItem(SESSION_KEY, JSON.stringify(session)); } catch (e) { /* private mode */ }
    text($("signed-in-as"), session.username + " · account " + session.accountId);
    show($("session-info"), true);
    show($("sign-in"), false);
    show($("dashboard"), true);
  }

  function endSession(message) {
    state.session = null;
    state.network = null;
    state.selected = null;
    state.report = null;
    state.shown = null;
    try { sessionStorage.removeItem(SESSION_KEY); } catch (e) { /* nothing to remove */ }
    show($("session-info"), false);
    show($("dashboard"), false);
    show($("conversations"), false);
    show($("sign-in"), true);
    var error = $("sign-in-error");
    text(error, message || "");
    show(error, Boolean(message));
    $("password").value = "";
    $("username").focus();
  }

  function signIn(event) {
    event.preventDefault();
    performance.mark("mmi:sign-in-submitted");
    var accountId = $("account-id").value.trim();
    var username = $("username").value.trim();
    var password = $("password").value;
    var error = $("sign-in-error");
    show(error, false);
    if (!/^[0-9]{1,20}$/.test(accountId) || !username || !password) {
      text(error, "Enter an account id (digits), a username and a password.");
      show(error, true);
      return;
    }
    var button = $("sign-in-submit");
    button.disabled = true;
    state.session = null;
    callJson("POST", "/api/account/" + encodeURIComponent(accountId) + "/login?v=1.3",
      { username: username, password: password })
      .then(function (answer) {
        $("password").value = "";
        startSession({ accountId: accountId, bearer: answer.bearer, username: username });
        return loadReport();
      })
      .catch(function (e) {
        text(error, e.status === 401 ? "The account id, username or password is wrong." : e.message);
        show(error, true);
      })
      .finally(function () { button.disabled = false; });
  }

  function signOut() {
    var session = state.session;
    if (session) {
      call("POST", "/api/account/" + encodeURIComponent(session.accountId) + "/logout").catch(function () {});
    }
    endSession("");
  }

  // -- filters ---------------------------------------------------------------------------

  function deviceTimeZone() {
    try { return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC"; } catch (e) { return "UTC"; }
  }

  function zoneOption(zone, own) {
    var option = make("option", null, zone === own && zone !== "UTC" ? zone + " (this device)" : zone);
    option.value = zone;
    return option;
  }

  /* The device's zone at once; every other IANA zone once the first report is on its way
   * (some 400 options, which the first figures need not wait for). */
  function fillTimeZones(own, all) {
    var select = $("time-zone");
    if (!all) {
      select.appendChild(zoneOption(own, own));
      select.value = own;
      return;
    }
    var zones = [];
    try { zones = Intl.supportedValuesOf("timeZone"); } catch (e) { zones = []; }
    var chosen = select.value;
    var options = document.createDocumentFragment();
    ["UTC"].concat(zones.filter(function (z) { return z !== "UTC"; })).forEach(function (zone) {
      options.appendChild(zoneOption(zone, own));
    });
    if (zones.indexOf(own) < 0 && own !== "UTC") options.appendChild(zoneOption(own, own));
    select.replaceChildren(options);
    select.value = chosen;
  }

  function setRangeDays(days) {
    var today = dateIn(Date.now(), state.timeZone);
    $("range-to").value = today;
    $("range-from").value = addDays(today, 1 - days);
  }

  function applyFilters(event) {
    if (event) event.preventDefault();
    var error = $("filters-error");
    show(error, false);
    var from = $("range-from").value;
    var to = $("range-to").value;
    if (!from || !to || from > to) {
      text(error, "Choose a start date on or before the end date.");
      show(error, true);
      return Promise.resolve();
    }
    var picked = pickedSubscribers();
    if (picked && !picked.length) {
      text(error, "Choose at least one subscriber, or all of them.");
      show(error, true);
      return Promise.resolve();
    }
    state.timeZone = $("time-zone").value;
    state.selected = picked;
    $("subscriber-picker").open = false;
    return loadReport();
  }

  function pickedSubscribers() {
    var boxes = Array.prototype.slice.call(document.querySelectorAll("#subscriber-options input[type=checkbox]"));
    var checked = boxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
    // null: all of them, which the report reads without subscriberIds; [] : none, refused.
    if (!boxes.length || checked.length === boxes.length) return null;
    return checked;
  }

  function fillSubscriberOptions() {
    var list = $("subscriber-options");
    var chosen = state.selected;
    list.replaceChildren();
    state.network.included.forEach(function (id) {
      var item = make("li");
      var label = make("label");
      var box = document.createElement("input");
      box.type = "checkbox";
      box.value = id;
      box.checked = !chosen || chosen.indexOf(id) >= 0;
      box.setAttribute("data-testid", "subscriber-option");
      label.appendChild(box);
      label.appendChild(document.createTextNode(" " + subscriberName(id) + " "));
      label.appendChild(make("span", "muted", id));
      item.appendChild(label);
      list.appendChild(item);
    });
    updatePickerLabel();
  }

  function updatePickerLabel() {
    var picked = pickedSubscribers();
    var total = state.network ? state.network.included.length : 0;
    text($("subscriber-picker-label"), picked
      ? picked.length + " of " + total + " subscribers"
      : "All " + total + " subscribers");
  }

  function setAllSubscribers(checked) {
    document.querySelectorAll("#subscriber-options input[type=checkbox]").forEach(function (b) { b.checked = checked; });
    updatePickerLabel();
  }

  function subscriberName(id) {
    var names = (state.network && state.network.names) || {};
    return names[id] || id;
  }

  // -- the report ------------------------------------------------------------------------

  function setStatus(stateName, message) {
    var status = $("report-status");
    status.setAttribute("data-state", stateName);
    text(status, message);
  }

  function loadReport() {
    var seq = ++state.requestSeq;
    var body = reportBody();
    setStatus("loading", "Loading the report…");
    performance.mark("mmi:report-requested");
    return Promise.all([callJson("POST", reportPath(), body), libraryLoaded])
      .then(function (answers) {
        var report = answers[0];
        if (seq !== state.requestSeq) return; // a newer request is on its way
        if (!body.subscriberIds) {
          state.network = {
            included: report.subscribers.included.slice(),
            names: namesOf(report)
          };
          fillSubscriberOptions();
        }
        state.report = report;
        state.shown = body;
        drawReport(report);
        state.drawn += 1;
        $("report-status").setAttribute("data-seq", String(state.drawn));
        setStatus("ready", "Report for " + body.from + " to " + addDays(body.to, -1) + " (" + body.timeZone + ")" +
          (body.subscriberIds ? ", " + body.subscriberIds.length + " subscribers" : "") + ".");
        if (!state.figuresMarked) {
          state.figuresMarked = true;
          performance.mark("mmi:figures-shown");
        }
      })
      .catch(function (e) {
        if (seq !== state.requestSeq || !state.session) return;
        setStatus("error", "The report could not be loaded: " + e.message);
      });
  }

  function namesOf(report) {
    var names = {};
    var subscribers = report.subscribers || {};
    Object.keys(subscribers.names || {}).forEach(function (id) { names[id] = subscribers.names[id]; });
    var perf = report.subscriberPerformance;
    perf.closedBySubscriber.concat(perf.avgFirstHumanResponseWaitMs.bySubscriber)
      .forEach(function (row) { if (row.name) names[row.accountId] = row.name; });
    return names;
  }

  function drawReport(report) {
    var summary = report.providerSummary;
    var waits = report.subscriberPerformance.avgFirstHumanResponseWaitMs;
    var closed = summary.closedByCloseReason.total;
    var closedTotal = REASONS.reduce(function (sum, r) { return sum + (closed[r] || 0); }, 0);
    setFigure("figure-active-subscribers", summary.activeSubscribers, formatNumber(summary.activeSubscribers));
    setFigure("figure-opened", summary.openedConversations.total, formatNumber(summary.openedConversations.total));
    setFigure("figure-containment-count", summary.containment.count, formatNumber(summary.containment.count));
    setFigure("figure-containment-rate", summary.containment.rate, formatRate(summary.containment.rate));
    setFigure("figure-tango-count", summary.tango.count, formatNumber(summary.tango.count));
    setFigure("figure-tango-rate", summary.tango.rate, formatRate(summary.tango.rate));
    setFigure("figure-avg-wait", waits.overall, formatDuration(waits.overall));
    setFigure("figure-closed", closedTotal, formatNumber(closedTotal));
    REASONS.forEach(function (r) {
      setFigure("figure-closed-" + r.toLowerCase(), closed[r] || 0, formatNumber(closed[r] || 0));
    });
    drawDaily(summary);
    drawSubscribers(report);
    drawExcluded(report.subscribers.excluded);
  }

  function drawDaily(summary) {
    var opened = summary.openedConversations.daily;
    var closedDays = summary.closedByCloseReason.daily;
    var labels = opened.map(function (d) { return dayLabel(d.date); });
    chart("opened", "chart-opened", {
      type: "bar",
      data: {
        labels: labels,
        datasets: [{ label: "Opened", data: opened.map(function (d) { return d.count; }), backgroundColor: COLORS.opened }]
      },
      options: barOptions({ legend: false })
    });
    chart("closed", "chart-closed", {
      type: "bar",
      data: {
        labels: closedDays.map(function (d) { return dayLabel(d.date); }),
        datasets: REASONS.map(function (r) {
          return { label: r.charAt(0) + r.slice(1).toLowerCase(), data: closedDays.map(function (d) { return d[r]; }), backgroundColor: COLORS[r] };
        })
      },
      options: barOptions({ stacked: true, legend: true })
    });
    $("chart-opened").setAttribute("aria-label", "Opened conversations per day: " + summary.openedConversations.total + " in " + opened.length + " days");
    $("chart-closed").setAttribute("aria-label", "Closed conversations per day by close reason (agent, consumer, system)");

    var closedByDate = {};
    closedDays.forEach(function (d) { closedByDate[d.date] = d; });
    var rows = $("daily-rows");
    rows.replaceChildren();
    opened.forEach(function (d) {
      var tr = make("tr");
      var th = make("th", null, d.date);
      th.scope = "row";
      tr.appendChild(th);
      tr.appendChild(make("td", "num", d.count));
      var c = closedByDate[d.date] || {};
      REASONS.forEach(function (r) { tr.appendChild(make("td", "num", c[r] || 0)); });
      rows.appendChild(tr);
    });
  }

  function subscriberRows(report) {
    var perf = report.subscriberPerformance;
    var byId = {};
    function row(id) {
      if (!byId[id]) byId[id] = { accountId: id, name: subscriberName(id), closed: 0, avgMs: null, waited: 0 };
      return byId[id];
    }
    report.subscribers.included.forEach(row);
    perf.closedBySubscriber.forEach(function (s) { row(s.accountId).closed = s.count; });
    perf.avgFirstHumanResponseWaitMs.bySubscriber.forEach(function (s) {
      var r = row(s.accountId);
      r.avgMs = s.avgMs;
      r.waited = s.conversations;
    });
    return Object.keys(byId).map(function (id) { return byId[id]; });
  }

  function sortRows(rows) {
    var key = state.sort.key;
    var sign = state.sort.dir === "asc" ? 1 : -1;
    return rows.slice().sort(function (a, b) {
      var x = a[key], y = b[key];
      if (x == null && y == null) return a.accountId < b.accountId ? -1 : 1;
      if (x == null) return 1; // no value last, whichever the direction
      if (y == null) return -1;
      var order = typeof x === "string" ? x.localeCompare(y) : x - y;
      return order !== 0 ? sign * order : (a.accountId < b.accountId ? -1 : 1);
    });
  }

  function drawSubscribers(report) {
    var rows = subscriberRows(report);
    var byClosed = rows.slice().sort(function (a, b) { return b.closed - a.closed; });
    var byWait = rows.filter(function (r) { return r.avgMs != null; }).sort(function (a, b) { return b.avgMs - a.avgMs; });
    chart("subscribers", "chart-subscribers", {
      type: "bar",
      data: {
        labels: byClosed.map(function (r) { return r.name; }),
        datasets: [{ label: "Closed", data: byClosed.map(function (r) { return r.closed; }), backgroundColor: COLORS.opened }]
      },
      options: barOptions({ horizontal: true, legend: false })
    }, byClosed.length);
    chart("waits", "chart-waits", {
      type: "bar",
      data: {
        labels: byWait.map(function (r) { return r.name; }),
        datasets: [{ label: "Seconds", data: byWait.map(function (r) { return Math.round(r.avgMs / 100) / 10; }), backgroundColor: COLORS.wait }]
      },
      options: barOptions({ horizontal: true, legend: false })
    }, byWait.length);
    drawSubscriberTable(rows);
  }

  function drawSubscriberTable(rows) {
    var tbody = $("subscriber-rows");
    tbody.replaceChildren();
    sortRows(rows).forEach(function (r) {
      var tr = make("tr");
      tr.setAttribute("data-testid", "subscriber-row");
      tr.setAttribute("data-account-id", r.accountId);
      var th = make("th");
      th.scope = "row";
      var open = make("button", "link-button", r.name);
      open.type = "button";
      open.setAttribute("data-account-id", r.accountId);
      open.setAttribute("aria-label", "Conversations of " + r.name + " (" + r.accountId + ")");
      open.addEventListener("click", function () { openConversations(r.accountId); });
      th.appendChild(open);
      th.appendChild(make("span", "muted account-id", r.accountId));
      tr.appendChild(th);
      var closed = make("td", "num", formatNumber(r.closed));
      closed.setAttribute("data-col", "closed");
      closed.setAttribute("data-value", String(r.closed));
      tr.appendChild(closed);
      var wait = make("td", "num", formatDuration(r.avgMs));
      wait.setAttribute("data-col", "avgMs");
      wait.setAttribute("data-value", r.avgMs == null ? "" : String(r.avgMs));
      tr.appendChild(wait);
      var waited = make("td", "num", formatNumber(r.waited));
      waited.setAttribute("data-col", "waited");
      waited.setAttribute("data-value", String(r.waited));
      tr.appendChild(waited);
      tbody.appendChild(tr);
    });
    document.querySelectorAll("#subscriber-table th[data-sort-key]").forEach(function (th) {
      var key = th.getAttribute("data-sort-key");
      th.setAttribute("aria-sort", key === state.sort.key ? (state.sort.dir === "asc" ? "ascending" : "descending") : "none");
    });
  }

  function sortBy(key) {
    if (state.sort.key === key) {
      state.sort.dir = state.sort.dir === "asc" ? "desc" : "asc";
    } else {
      state.sort = { key: key, dir: key === "name" ? "asc" : "desc" };
    }
    if (state.report) drawSubscriberTable(subscriberRows(state.report));
  }

  function drawExcluded(excluded) {
    var tbody = $("excluded-rows");
    tbody.replaceChildren();
    show($("excluded-empty"), excluded.length === 0);
    show(tbody.closest(".table-wrap"), excluded.length > 0);
    excluded.forEach(function (x) {
      var tr = make("tr");
      tr.setAttribute("data-testid", "excluded-row");
      tr.setAttribute("data-account-id", x.accountId);
      var th = make("th", null, x.accountId);
      th.scope = "row";
      tr.appendChild(th);
      var td = make("td", null, leftOutReason(x.reason));
      td.setAttribute("data-reason", x.reason);
      td.appendChild(make("span", "muted reason-code", x.reason));
      tr.appendChild(td);
      tbody.appendChild(tr);
    });
  }

  function leftOutReason(reason) {
    if (LEFT_OUT[reason]) return LEFT_OUT[reason];
    if (reason.indexOf("category_not_granted:") === 0) {
      return "Contract does not share: " + reason.split(":")[1].split(",").join(", ");
    }
    return reason;
  }

  // -- charts ----------------------------------------------------------------------------

  function barOptions(opts) {
    var horizontal = Boolean(opts.horizontal);
    var valueAxis = { beginAtZero: true, stacked: Boolean(opts.stacked), ticks: { precision: 0 }, grid: { color: "#e6e9ee" } };
    var categoryAxis = { stacked: Boolean(opts.stacked), grid: { display: false }, ticks: { autoSkip: true, maxRotation: 0 } };
    return {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      indexAxis: horizontal ? "y" : "x",
      interaction: { mode: "index", intersect: false },
      plugins: { legend: { display: opts.legend, position: "bottom", labels: { boxWidth: 12 } } },
      scales: horizontal ? { x: valueAxis, y: categoryAxis } : { x: categoryAxis, y: valueAxis }
    };
  }

  function chart(name, canvasId, config, bars) {
    if (typeof window.Chart === "undefined") return; // the data tables still say it all
    var canvas = $(canvasId);
    if (bars != null) {
      // Horizontal bars: give each subscriber room for its label.
      canvas.parentElement.style.height = Math.max(160, 28 * bars + 48) + "px";
    }
    var existing = state.charts[name];
    if (existing) {
      existing.data = config.data;
      existing.options = config.options;
      existing.update("none");
      return;
    }
    state.charts[name] = new window.Chart(canvas, config);
  }

  // -- CSV downloads ---------------------------------------------------------------------

  function downloadCsv(table, button) {
    var body = state.shown;
    if (!body) return;
    button.disabled = true;
    call("POST", reportPath("/csv/" + table), body, "text/csv")
      .then(function (response) { return response.blob(); })
      .then(function (blob) {
        var url = URL.createObjectURL(blob);
        var link = make("a");
        link.href = url;
        link.download = "network-" + table + "-" + body.from + "-" + addDays(body.to, -1) + ".csv";
        document.body.appendChild(link);
        link.click();
        link.remove();
        setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
      })
      .catch(function (e) { setStatus("error", "The CSV could not be downloaded: " + e.message); })
      .finally(function () { button.disabled = false; });
  }

  // -- conversations and transcripts -----------------------------------------------------

  function searchWindow() {
    var body = state.shown;
    var from = startOfDay(body.from, body.timeZone);
    var to = startOfDay(body.to, body.timeZone) - 1;
    var clipped = false;
    if (to - from > SEARCH_MAX_DAYS * DAY_MS) {
      from = to - SEARCH_MAX_DAYS * DAY_MS + 1;
      clipped = true;
    }
    return { from: from, to: to, clipped: clipped };
  }

  function openConversations(accountId) {
    var window_ = searchWindow();
    state.conversations = {
      accountId: accountId, name: subscriberName(accountId), from: window_.from, to: window_.to,
      offset: 0, count: 0, records: [], withheld: []
    };
    show($("conversations"), true);
    text($("conversations-title"), "Conversations of " + subscriberName(accountId) + " (" + accountId + ")");
    text($("conversations-range"), "Started between " + formatTime(window_.from) + " and " + formatTime(window_.to) +
      (window_.clipped ? " — the last " + SEARCH_MAX_DAYS + " days of the range, the most one search covers." : "."));
    $("conversation-list").replaceChildren();
    $("transcript").replaceChildren();
    text($("transcript-title"), "Transcript");
    text($("transcript-meta"), "Select a conversation.");
    show($("conversations-error"), false);
    setCount(null);
    $("conversations-title").focus();
    $("conversations").scrollIntoView({ block: "start" });
    return loadConversations();
  }

  function setCount(count) {
    var el = $("conversations-count");
    el.setAttribute("data-value", count == null ? "" : String(count));
    text(el, count == null ? "" : "(" + formatNumber(count) + ")");
  }

  function loadConversations() {
    var c = state.conversations;
    var list = $("conversation-list");
    list.setAttribute("aria-busy", "true");
    $("conversations-more").hidden = true;
    var path = "/messaging_history/api/account/" + encodeURIComponent(c.accountId) +
      "/conversations/search?v=2&limit=" + PAGE_SIZE + "&offset=" + c.offset + "&sort=start:desc";
    return callJson("POST", path, {
      start: { from: c.from, to: c.to },
      contentToRetrieve: ["messageRecords", "agentParticipants"]
    })
      .then(function (answer) {
        if (state.conversations !== c) return;
        var records = answer.conversationHistoryRecords || [];
        c.count = answer._metadata.count;
        c.offset += records.length;
        c.records = c.records.concat(records);
        var marketplace = answer._metadata.marketplace || {};
        (marketplace.sectionsWithheld || []).forEach(function (w) {
          if (w.accountId === c.accountId) c.withheld = w.sections;
        });
        setCount(c.count);
        records.forEach(function (record) { list.appendChild(conversationItem(record)); });
        if (!c.records.length) list.appendChild(make("li", "muted empty", "No conversation started in this window."));
        $("conversations-more").hidden = c.offset >= c.count || !records.length;
        if (c.withheld.indexOf("messageRecords") >= 0) {
          text($("transcript-meta"), "This subscriber's contract does not share transcripts; only the conversations' metadata is shown.");
        }
      })
      .catch(function (e) {
        if (state.conversations !== c) return;
        var error = $("conversations-error");
        text(error, e.message + (e.body.reason ? " (" + e.body.reason + ")" : ""));
        error.setAttribute("data-reason", e.body.reason || "");
        show(error, true);
      })
      .finally(function () { list.removeAttribute("aria-busy"); });
  }

  function firstText(record) {
    var messages = record.messageRecords || [];
    for (var i = 0; i < messages.length; i++) {
      if (messages[i].sentBy === "Consumer") return messageText(messages[i]);
    }
    return "";
  }

  function conversationItem(record) {
    var info = record.info;
    var item = make("li");
    var button = make("button", "conversation");
    button.type = "button";
    button.setAttribute("data-testid", "conversation");
    button.setAttribute("data-conversation-id", info.conversationId);
    var head = make("span", "conversation__head");
    head.appendChild(make("span", "conversation__time", formatTime(info.startTimeL)));
    var status = info.status === "OPEN" ? "Open" : "Closed" + (info.closeReason ? " by " + info.closeReason.toLowerCase() : "");
    head.appendChild(make("span", "badge badge--" + (info.status === "OPEN" ? "open" : "closed"), status));
    button.appendChild(head);
    var preview = firstText(record);
    button.appendChild(make("span", "conversation__preview", preview || (info.latestSkillName ? "Skill: " + info.latestSkillName : info.conversationId)));
    button.addEventListener("click", function () { showTranscript(record, button); });
    item.appendChild(button);
    return item;
  }

  function messageText(message) {
    var data = message.messageData || {};
    if (data.msg && data.msg.text) return data.msg.text;
    if (data.file) return "[file" + (data.file.caption ? ": " + data.file.caption : "") + "]";
    if (data.link) return data.link.url || "[link]";
    if (data.richContent) return "[structured content]";
    return "[" + (message.type || "message").toLowerCase().replace(/_/g, " ") + "]";
  }

  function showTranscript(record, button) {
    document.querySelectorAll("#conversation-list .conversation[aria-current]").forEach(function (b) { b.removeAttribute("aria-current"); });
    button.setAttribute("aria-current", "true");
    var info = record.info;
    var agents = {};
    (record.agentParticipants || []).forEach(function (a) {
      agents[a.agentId] = { name: a.agentNickname || a.agentFullName || "Agent", bot: a.userTypeName === "Bot" || a.userType === "2" };
    });
    var transcript = $("transcript");
    transcript.replaceChildren();
    transcript.setAttribute("data-conversation-id", info.conversationId);
    text($("transcript-title"), "Transcript · " + formatTime(info.startTimeL));
    var meta = [info.status === "OPEN" ? "open" : "closed" + (info.closeReason ? " by " + info.closeReason.toLowerCase() : "")];
    if (info.latestSkillName) meta.push("skill " + info.latestSkillName);
    if (info.latestAgentNickname) meta.push("last agent " + info.latestAgentNickname);
    meta.push(info.conversationId);
    text($("transcript-meta"), meta.join(" · "));
    var messages = (record.messageRecords || []).slice().sort(function (a, b) { return a.timeL - b.timeL; });
    if (!messages.length) {
      var why = state.conversations && state.conversations.withheld.indexOf("messageRecords") >= 0
        ? "The subscriber's contract does not share transcripts."
        : "No messages.";
      transcript.appendChild(make("li", "muted empty", why));
    }
    messages.forEach(function (m) {
      var consumer = m.sentBy === "Consumer";
      var agent = agents[m.participantId];
      var who = consumer ? "Consumer" : agent ? agent.name + (agent.bot ? " (bot)" : "") : "Agent";
      var kind = consumer ? "consumer" : agent && agent.bot ? "bot" : "agent";
      var li = make("li", "message message--" + kind);
      li.setAttribute("data-testid", "message");
      var head = make("span", "message__head");
      head.appendChild(make("span", "message__who", who));
      var time = make("time", "message__time", formatClock(m.timeL));
      time.dateTime = new Date(m.timeL).toISOString();
      head.appendChild(time);
      li.appendChild(head);
      li.appendChild(make("p", "message__text", messageText(m)));
      transcript.appendChild(li);
    });
    if (window.matchMedia("(max-width: 899px)").matches) {
      $("transcript-panel").scrollIntoView({ block: "start" });
    }
    $("transcript-title").focus({ preventScroll: true });
  }

  // -- wiring ----------------------------------------------------------------------------

  function init() {
    var own = deviceTimeZone();
    state.timeZone = own;
    fillTimeZones(own, false);
    setRangeDays(DEFAULT_DAYS);
    $("sign-in-form").addEventListener("submit", signIn);
    $("sign-out").addEventListener("click", signOut);
    $("filters-form").addEventListener("submit", applyFilters);
    $("time-zone").addEventListener("change", function () { state.timeZone = $("time-zone").value; });
    document.querySelectorAll("[data-preset-days]").forEach(function (button) {
      button.addEventListener("click", function () {
        state.timeZone = $("time-zone").value;
        setRangeDays(Number(button.getAttribute("data-preset-days")));
        applyFilters();
      });
    });
    $("subscriber-options").addEventListener("change", updatePickerLabel);
    $("select-all-subscribers").addEventListener("click", function () { setAllSubscribers(true); });
    $("select-no-subscribers").addEventListener("click", function () { setAllSubscribers(false); });
    document.querySelectorAll("[data-csv]").forEach(function (button) {
      button.addEventListener("click", function () { downloadCsv(button.getAttribute("data-csv"), button); });
    });
    document.querySelectorAll("#subscriber-table th[data-sort-key] button").forEach(function (button) {
      button.addEventListener("click", function () { sortBy(button.parentElement.getAttribute("data-sort-key")); });
    });
    $("conversations-more").addEventListener("click", loadConversations);

    var session = loadSession();
    if (session) {
      startSession(session);
      loadReport();
    } else {
      endSession("");
    }
    fillTimeZones(own, true);
  }

  init();
}());
