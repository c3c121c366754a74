/*
 * Charts drawn from the table that carries their numbers (Chart.js, vendored).
 *
 * Markup (templates/core/_chart.html renders it):
 *   <figure class="chart" data-chart="bar|line|doughnut" [data-stacked] [data-horizontal] [data-series="2,3"]>
 *     <figcaption>Title</figcaption>
 *     <div class="chart-canvas"><canvas role="img" aria-label="…"></canvas></div>
 *     <table> <thead><tr><th>label column</th><th>series 1</th>…</tr></thead>
 *             <tbody><tr><th>row label</th><td data-value="3">3</td>…</tr></tbody> </table>
 *   </figure>
 * The table stays on the page (accessible, printable, what the tests read); the chart is drawn
 * from it, so the two can never disagree. Cells are read from data-value (a plain number), else their text.
 */
(function () {
  "use strict";
  var PALETTE = ["#1f5f8b", "#d9822b", "#2e8540", "#8b1f5f", "#6b6b6b", "#b8a100", "#4b2e83", "#c0392b"];

  function number(cell) {
    // data-value is machine-readable (1234.5); the visible text may be Indonesian (1.234,5).
    var value = cell.hasAttribute("data-value")
      ? parseFloat(cell.getAttribute("data-value"))
      : parseFloat(cell.textContent.replace(/\./g, "").replace(",", "."));
    return isNaN(value) ? null : value;
  }

  function readTable(table) {
    var headers = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) {
      return th.textContent.trim();
    });
    var labels = [];
    var series = headers.slice(1).map(function (name) { return { label: name, data: [] }; });
    table.querySelectorAll("tbody tr").forEach(function (row) {
      var cells = row.querySelectorAll("th, td");
      labels.push(cells[0].textContent.trim());
      series.forEach(function (s, i) { s.data.push(cells[i + 1] ? number(cells[i + 1]) : null); });
    });
    return { labels: labels, series: series };
  }

  function draw(figure) {
    var canvas = figure.querySelector("canvas");
    var table = figure.querySelector("table");
    if (!canvas || !table || typeof Chart === "undefined") return;
    var kind = figure.getAttribute("data-chart") || "bar";
    var data = readTable(table);
    // data-series="3,4": draw only these columns of the table (1 = the first after the labels),
    // e.g. a percentage beside counts; the table keeps every column.
    var only = figure.getAttribute("data-series");
    if (only) {
      var keep = only.split(",").map(function (n) { return parseInt(n, 10) - 1; });
      data.series = data.series.filter(function (_, i) { return keep.indexOf(i) !== -1; });
    }
    if (figure.hasAttribute("data-horizontal")) {
      // One bar per row: the canvas grows with the rows so that every label stays legible.
      var box = figure.querySelector(".chart-canvas");
      if (box) box.style.height = Math.max(260, 22 * data.labels.length + 60) + "px";
    }
    var round = kind === "doughnut" || kind === "pie";
    var datasets = data.series.map(function (s, i) {
      var colour = PALETTE[i % PALETTE.length];
      return {
        label: s.label,
        data: s.data,
        backgroundColor: round ? data.labels.map(function (_, j) { return PALETTE[j % PALETTE.length]; }) : colour,
        borderColor: colour,
        fill: false,
      };
    });
    var stacked = figure.hasAttribute("data-stacked");
    var options = {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      plugins: { legend: { display: datasets.length > 1 || round } },
    };
    if (!round) {
      var horizontal = figure.hasAttribute("data-horizontal");
      options.indexAxis = horizontal ? "y" : "x";
      options.scales = {
        x: { stacked: stacked, ticks: { precision: 0 } },
        y: { stacked: stacked, beginAtZero: true, ticks: { precision: 0 } },
      };
      if (horizontal) {
        // Long category names are cut on the axis; the table below carries them whole.
        options.scales.y.ticks.callback = function (value) {
          var label = String(this.getLabelForValue(value));
          return label.length > 45 ? label.slice(0, 44) + "…" : label;
        };
      }
    }
    figure.chart = new Chart(canvas, { type: kind, data: { labels: data.labels, datasets: datasets }, options: options });
    figure.setAttribute("data-drawn", "");
  }

  function drawAll() { document.querySelectorAll("figure.chart").forEach(draw); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", drawAll);
  else drawAll();
})();
