// rfm9 dashboard charts. The page carries its data in <script id="page-data">, so a page
// needs no second request; each element with data-chart="kind" gets that chart. The
// tables beside the charts hold the same numbers for reading without hovering.
(function () {
  'use strict';
  var dataEl = document.getElementById('page-data');
  if (!dataEl || typeof echarts === 'undefined') {
    return; // the page says charts are unavailable; its tables stand alone
  }
  var data = JSON.parse(dataEl.textContent);

  // Active cells green, sleeping amber, lost red: the matrix rows, best to worst.
  var cellColours = ['#9ae6b4', '#48bb78', '#276749', '#fbd38d', '#ed8936', '#c05621', '#feb2b2', '#e53e3e', '#9b2c2c'];
  var stageColours = ['#68d391', '#38a169', '#22543d', '#ed8936', '#e53e3e', '#718096'];

  function colours(n) {
    return n === 9 ? cellColours : stageColours;
  }

  var builders = {
    sizes: function () {
      var cs = colours(data.groups.length);
      return {
        color: cs,
        tooltip: { trigger: 'axis' },
        legend: { type: 'scroll', top: 0 },
        grid: { left: 60, right: 150, top: 40, bottom: 30 },
        xAxis: { type: 'category', boundaryGap: false, data: data.dates },
        yAxis: { type: 'value', name: data.labels.clients },
        series: data.groups.map(function (name, i) {
          return {
            name: name, type: 'line', stack: 'total', areaStyle: {}, symbol: 'none',
            emphasis: { focus: 'series' }, data: data.sizes[i],
            endLabel: { show: true, formatter: '{a}: {c}', fontSize: 11 }
          };
        })
      };
    },
    shares: function () {
      return {
        color: ['#e53e3e', '#3182ce'],
        tooltip: { trigger: 'axis', valueFormatter: function (v) { return v + '%'; } },
        legend: { top: 0 },
        grid: { left: 50, right: 80, top: 40, bottom: 30 },
        xAxis: { type: 'category', boundaryGap: false, data: data.dates },
        yAxis: { type: 'value', axisLabel: { formatter: '{value}%' } },
        series: [
          { name: data.labels.lostShare, type: 'line', data: data.lost, endLabel: { show: true, formatter: '{c}%' } },
          { name: data.labels.repeatShare, type: 'line', data: data.repeat, endLabel: { show: true, formatter: '{c}%' } }
        ]
      };
    },
    sankey: function () {
      var t = data.transitions;
      var cs = colours(t.rows.length - 1);
      var nodes = [], links = [];
      var left = t.rows.map(function (r) { return r + ' · ' + t.from; });
      var right = t.cols.map(function (c) { return c + ' · ' + t.to; });
      // The groups keep their colours on both sides; "new" and "gone" are grey.
      [left, right].forEach(function (side) {
        side.forEach(function (n, i) {
          nodes.push({ name: n, itemStyle: { color: i < cs.length && i < side.length - 1 ? cs[i] : '#a0aec0' } });
        });
      });
      t.counts.forEach(function (row, i) {
        row.forEach(function (n, j) {
          if (n > 0) { links.push({ source: left[i], target: right[j], value: n }); }
        });
      });
      return {
        tooltip: { trigger: 'item' },
        series: [{
          type: 'sankey', name: data.labels.moved, data: nodes, links: links, nodeAlign: 'justify',
          emphasis: { focus: 'adjacency' }, lineStyle: { color: 'source', opacity: 0.35, curveness: 0.5 },
          label: { fontSize: 11 }, left: 10, right: 230, nodeGap: 6
        }]
      };
    },
    timeline: function () {
      var names = data.cells;
      // A label where the code changes: the line shows the rest.
      var changed = data.codes.map(function (c, i) { return i === 0 || c !== data.codes[i - 1]; });
      return {
        tooltip: {
          trigger: 'axis',
          formatter: function (ps) {
            var i = ps[0].dataIndex;
            return data.dates[i] + '<br>' + (data.codes[i] || data.out) + ' ' + (data.ranks[i] < 0 ? '' : names[data.ranks[i]]);
          }
        },
        grid: { left: 170, right: 30, top: 20, bottom: 30 },
        xAxis: { type: 'category', data: data.dates },
        yAxis: {
          type: 'value', min: -1, max: 8, interval: 1,
          axisLabel: { formatter: function (v) { return v < 0 ? data.out : names[v]; } }
        },
        series: [{
          name: 'code', type: 'line', step: 'end', data: data.ranks, symbolSize: 7,
          label: {
            show: true, position: 'top', fontSize: 11,
            formatter: function (p) { return changed[p.dataIndex] ? (data.codes[p.dataIndex] || '—') : ''; }
          }
        }]
      };
    }
  };

  var charts = {};
  document.querySelectorAll('[data-chart]').forEach(function (el) {
    var build = builders[el.getAttribute('data-chart')];
    if (!build) { return; }
    var chart = echarts.init(el, null, { renderer: 'canvas' });
    var option = build();
    option.animation = false; // drawn at once: a dashboard is read, not watched
    chart.setOption(option);
    charts[el.id] = chart;
  });
  window.addEventListener('resize', function () {
    Object.keys(charts).forEach(function (k) { charts[k].resize(); });
  });
  document.body.setAttribute('data-charts-ready', Object.keys(charts).length);
})();
