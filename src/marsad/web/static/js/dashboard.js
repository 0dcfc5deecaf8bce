/* marsad dashboard: the event map (clustered by cluster.js, coloured by type) and the timeline
 * that filters it.
 *
 * Everything the page shows from the data is set with textContent or as attributes, never as
 * HTML, so article text cannot run as script. Labels come from a JSON data block (#labels).
 * The map loads /api/map (compact points) and a popup loads /api/events/{id} when opened.
 */
(function () {
  'use strict';

  var labels = JSON.parse(document.getElementById('labels').textContent);
  var mapEl = document.getElementById('map');
  var statusEl = document.getElementById('map-status');
  var apiQuery = mapEl.getAttribute('data-api-query') || '';
  var tileUrl = mapEl.getAttribute('data-tile-url') || '';
  var TYPES = Object.keys(labels.vocab.event_type);
  var DAY = 86400000;

  function text(key, values) {
    var template = labels.ui[key] || key;
    return template.replace(/\{(\w+)\}/g, function (all, name) {
      return values && name in values ? String(values[name]) : all;
    });
  }

  function el(tag, className, content) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (content !== undefined && content !== null) { node.textContent = String(content); }
    return node;
  }

  function api(path) {
    return fetch(path, { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
      .then(function (response) {
        return response.json().then(function (body) {
          if (!response.ok || !body.ok) { throw new Error(body.error || response.statusText); }
          return body;
        });
      });
  }

  function withQuery(path) { return apiQuery ? path + '?' + apiQuery : path; }

  // --- the map ------------------------------------------------------------------------------

  var map = L.map(mapEl, { minZoom: 2, maxZoom: 18 }).setView([31.5, 38], 5);
  if (tileUrl) {
    L.tileLayer(tileUrl, { maxZoom: 18 }).addTo(map);
  }
  fetch('/static/geo/region.geojson').then(function (r) { return r.json(); }).then(function (geo) {
    var outlines = L.geoJSON(geo, {
      interactive: false,
      style: function () {
        return { className: 'country', color: '#7d8a94', weight: 1, fillColor: '#f4f1ea', fillOpacity: tileUrl ? 0 : 1 };
      }
    });
    outlines.addTo(map);
    outlines.bringToBack();
  });

  var LISTED_MAX = 100;  // events listed in a popup for one spot; the timeline narrows the rest
  // One popup for the map, filled when a marker is clicked (cheaper than one per marker).
  var popup = L.popup({ maxWidth: 360 });
  function openEntry(entry) {
    popup.setLatLng([entry.lat, entry.lon]).setContent(popupFor(entry)).openOn(map);
  }
  function openList(group, latlng) {
    popup.setLatLng(latlng).setContent(listFor(group)).openOn(map);
  }
  function typeName(type) { return labels.vocab.event_type[type] || type; }
  var cluster = new window.MarsadCluster.GridCluster(map, {
    cellPx: 60,
    types: TYPES,
    onPoint: openEntry,
    onGroup: openList,
    pointTitle: function (entry) { return (entry.date || labels.ui.unknown) + ' · ' + typeName(entry.type); },
    groupTitle: function (count, type) { return text('map.group', { count: count, type: typeName(type) }); }
  });
  var entries = [];
  var unlocated = 0;

  function addRow(parent, term, value) {
    if (value === null || value === undefined || value === '') { return; }
    parent.appendChild(el('dt', null, term));
    parent.appendChild(el('dd', null, value));
  }

  function nameOf(item, field) {
    if (!item) { return null; }
    var english = item[field + '_en'];
    var arabic = item[field];
    return labels.lang === 'en' && english ? english : arabic;
  }

  function fillPopup(box, event) {
    box.textContent = '';
    var title = el('h3', null, labels.vocab.sub_event_type[event.sub_event_type] || event.sub_event_type);
    box.appendChild(title);
    var facts = el('dl');
    addRow(facts, labels.ui.date, event.date || labels.ui.unknown);
    addRow(facts, labels.ui.type, labels.vocab.event_type[event.event_type] || event.event_type);
    if (event.location) {
      var place = labels.lang === 'en' && event.location.name_en ? event.location.name_en : event.location.name;
      addRow(facts, labels.ui.place, place);
    }
    var actors = [nameOf(event.actor1, 'name'), nameOf(event.actor2, 'name')].filter(Boolean).join(' → ');
    addRow(facts, labels.ui.actors, actors);
    addRow(facts, labels.ui.fatalities, event.fatalities);
    addRow(facts, labels.ui.source, event.source);
    box.appendChild(facts);
    var quote = el('blockquote', 'popup-evidence', event.evidence);
    quote.setAttribute('lang', 'ar');
    quote.setAttribute('dir', 'rtl');
    box.appendChild(quote);
    var link = el('a', 'popup-article', labels.ui.read_article);
    link.href = '/articles/' + encodeURIComponent(event.doc_id) + '#ev-' + event.id;
    box.appendChild(link);
  }

  function popupFor(entry) {
    var box = el('div', 'popup');
    box.setAttribute('data-event-id', String(entry.id));
    box.appendChild(el('h3', null, labels.vocab.event_type[entry.type] || entry.type));
    box.appendChild(el('p', 'popup-date', entry.date || labels.ui.unknown));
    api('/api/events/' + entry.id).then(function (body) {
      fillPopup(box, body.event);
      box.setAttribute('data-loaded', '1');
    }).catch(function (error) {
      box.appendChild(el('p', 'popup-error', error.message));
    });
    return box;
  }

  // The events at one spot (or too close to part at the last zoom), newest first; a click on
  // one opens its own popup in the same place.
  function listFor(group) {
    var box = el('div', 'popup popup-list');
    box.appendChild(el('h3', null, text('map.here', { count: group.length })));
    var newestFirst = group.slice().sort(function (a, b) { return (b.date || '').localeCompare(a.date || ''); });
    var list = el('ul');
    newestFirst.slice(0, LISTED_MAX).forEach(function (entry) {
      var pick = el('button', 'popup-pick');
      pick.type = 'button';
      pick.setAttribute('data-event-id', String(entry.id));
      pick.appendChild(el('span', 'swatch ev-' + entry.type));
      pick.appendChild(document.createTextNode((entry.date || labels.ui.unknown) + ' · ' + typeName(entry.type)));
      pick.addEventListener('click', function () { openEntry(entry); });
      var item = el('li');
      item.appendChild(pick);
      list.appendChild(item);
    });
    box.appendChild(list);
    if (group.length > LISTED_MAX) {
      box.appendChild(el('p', 'note', text('map.more', { count: group.length - LISTED_MAX })));
    }
    return box;
  }

  function showEntries(list) {
    cluster.setPoints(list);
    statusEl.textContent = text('map.status', { shown: list.length, unlocated: unlocated });
    mapEl.setAttribute('data-shown', String(list.length));
  }

  function loadPoints(body) {
    unlocated = body.unlocated;
    entries = body.points.map(function (p) {
      return { id: p[0], lat: p[1], lon: p[2], type: p[3], date: p[4], fatalities: p[5] };
    });
    if (entries.length) {
      var bounds = L.latLngBounds(entries.map(function (e) { return [e.lat, e.lon]; }));
      map.fitBounds(bounds, { maxZoom: 8, padding: [24, 24], animate: false });
    }
    showEntries(entries);
    markReady();
  }

  function markReady() {
    mapEl.setAttribute('data-ready', '1');
    dashboard.readyAt = performance.now();
  }

  // --- the timeline -------------------------------------------------------------------------

  var timelineEl = document.getElementById('timeline');
  var resetButton = document.getElementById('timeline-reset');
  var rangeEl = document.getElementById('timeline-range');
  var sinceInput = document.getElementById('f-since');
  var untilInput = document.getElementById('f-until');
  var original = { since: sinceInput.value, until: untilInput.value };
  var SVG = 'http://www.w3.org/2000/svg';
  var bins = [];
  var layout = null;
  var brushRect = null;

  function utc(day) { return Date.parse(day + 'T00:00:00Z'); }
  function iso(ms) { return new Date(ms).toISOString().slice(0, 10); }

  function unitFor(spanDays) {
    if (spanDays <= 120) { return 'day'; }
    if (spanDays <= 730) { return 'week'; }
    if (spanDays <= 20 * 365) { return 'month'; }
    return 'year';
  }

  function binStart(ms, unit) {
    var d = new Date(ms);
    if (unit === 'day') { return ms; }
    if (unit === 'week') { return ms - ((d.getUTCDay() + 6) % 7) * DAY; }
    if (unit === 'month') { return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1); }
    return Date.UTC(d.getUTCFullYear(), 0, 1);
  }

  function nextBin(ms, unit) {
    var d = new Date(ms);
    if (unit === 'day') { return ms + DAY; }
    if (unit === 'week') { return ms + 7 * DAY; }
    if (unit === 'month') { return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1); }
    return Date.UTC(d.getUTCFullYear() + 1, 0, 1);
  }

  function makeBins(days) {
    if (!days.length) { return []; }
    var first = utc(days[0].date);
    var last = utc(days[days.length - 1].date);
    var unit = unitFor((last - first) / DAY);
    var out = [];
    var index = {};
    for (var start = binStart(first, unit); start <= last; start = nextBin(start, unit)) {
      index[start] = out.length;
      out.push({ start: start, end: nextBin(start, unit) - DAY, counts: {}, total: 0 });
    }
    days.forEach(function (day) {
      var bin = out[index[binStart(utc(day.date), unit)]];
      Object.keys(day.by_type).forEach(function (type) {
        bin.counts[type] = (bin.counts[type] || 0) + day.by_type[type];
        bin.total += day.by_type[type];
      });
    });
    return out;
  }

  function svgNode(tag, attrs) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attrs).forEach(function (name) { node.setAttribute(name, String(attrs[name])); });
    return node;
  }

  function drawTimeline(days) {
    bins = makeBins(days);
    timelineEl.textContent = '';
    if (!bins.length) { return; }
    var width = Math.max(timelineEl.clientWidth, 300);
    var height = Math.max(timelineEl.clientHeight, 120);
    var pad = { left: 8, right: 8, top: 8, bottom: 18 };
    var inner = width - pad.left - pad.right;
    var barWidth = inner / bins.length;
    var highest = Math.max.apply(null, bins.map(function (b) { return b.total; })) || 1;
    var scale = (height - pad.top - pad.bottom) / highest;
    var svg = svgNode('svg', { viewBox: '0 0 ' + width + ' ' + height, preserveAspectRatio: 'none', role: 'img', 'aria-label': labels.ui.timeline });
    svg.setAttribute('direction', 'ltr');
    bins.forEach(function (bin, i) {
      var y = height - pad.bottom;
      TYPES.forEach(function (type) {
        var n = bin.counts[type] || 0;
        if (!n) { return; }
        var h = n * scale;
        y -= h;
        var rect = svgNode('rect', { x: pad.left + i * barWidth + 0.5, y: y, width: Math.max(barWidth - 1, 0.5), height: h, 'class': 'bar ev-' + type });
        var tip = svgNode('title', {});
        tip.textContent = iso(bin.start) + ' · ' + (labels.vocab.event_type[type] || type) + ': ' + n;
        rect.appendChild(tip);
        svg.appendChild(rect);
      });
    });
    [0, Math.floor(bins.length / 2), bins.length - 1].forEach(function (i, k) {
      var anchor = ['start', 'middle', 'end'][k];
      var x = k === 0 ? pad.left : (k === 2 ? width - pad.right : pad.left + (i + 0.5) * barWidth);
      var label = svgNode('text', { x: x, y: height - 4, 'class': 'axis-label', 'text-anchor': anchor });
      label.textContent = iso(bins[i].start);
      svg.appendChild(label);
    });
    brushRect = svgNode('rect', { x: 0, y: pad.top, width: 0, height: height - pad.top - pad.bottom, 'class': 'brush', visibility: 'hidden' });
    svg.appendChild(brushRect);
    timelineEl.appendChild(svg);
    layout = { svg: svg, width: width, pad: pad, barWidth: barWidth };
    enableBrush(svg);
    timelineEl.setAttribute('data-bins', String(bins.length));
    dashboard.timelineAt = performance.now();
  }

  function binAt(clientX) {
    var box = layout.svg.getBoundingClientRect();
    var x = (clientX - box.left) * (layout.width / box.width) - layout.pad.left;
    return Math.min(Math.max(Math.floor(x / layout.barWidth), 0), bins.length - 1);
  }

  function showBrush(first, last) {
    brushRect.setAttribute('x', String(layout.pad.left + first * layout.barWidth));
    brushRect.setAttribute('width', String((last - first + 1) * layout.barWidth));
    brushRect.setAttribute('visibility', 'visible');
  }

  function enableBrush(svg) {
    var anchor = null;
    svg.addEventListener('pointerdown', function (event) {
      anchor = binAt(event.clientX);
      svg.setPointerCapture(event.pointerId);
      showBrush(anchor, anchor);
    });
    svg.addEventListener('pointermove', function (event) {
      if (anchor === null) { return; }
      var here = binAt(event.clientX);
      showBrush(Math.min(anchor, here), Math.max(anchor, here));
    });
    svg.addEventListener('pointerup', function (event) {
      if (anchor === null) { return; }
      var here = binAt(event.clientX);
      var first = Math.min(anchor, here);
      var last = Math.max(anchor, here);
      anchor = null;
      applyRange(iso(bins[first].start), iso(bins[last].end));
    });
  }

  function applyRange(since, until) {
    var shown = entries.filter(function (e) { return e.date && e.date >= since && e.date <= until; });
    showEntries(shown);
    sinceInput.value = since;
    untilInput.value = until;
    rangeEl.textContent = text('timeline.range', { since: since, until: until });
    resetButton.hidden = false;
    var params = new URLSearchParams(window.location.search);
    params.set('since', since);
    params.set('until', until);
    window.history.replaceState(null, '', window.location.pathname + '?' + params.toString());
    return shown.length;
  }

  function resetRange() {
    showEntries(entries);
    sinceInput.value = original.since;
    untilInput.value = original.until;
    rangeEl.textContent = '';
    resetButton.hidden = true;
    if (brushRect) { brushRect.setAttribute('visibility', 'hidden'); }
    var params = new URLSearchParams(window.location.search);
    ['since', 'until'].forEach(function (name) {
      if (original[name]) { params.set(name, original[name]); } else { params.delete(name); }
    });
    var query = params.toString();
    window.history.replaceState(null, '', window.location.pathname + (query ? '?' + query : ''));
  }
  resetButton.addEventListener('click', resetRange);

  // --- start --------------------------------------------------------------------------------

  var dashboard = { map: map, cluster: cluster, entries: function () { return entries; }, applyRange: applyRange, reset: resetRange, openEntry: openEntry, readyAt: null, timelineAt: null };
  window.marsadDashboard = dashboard;

  api(withQuery('/api/map')).then(loadPoints).catch(function (error) {
    statusEl.textContent = error.message;
    mapEl.setAttribute('data-error', '1');
  });
  api(withQuery('/api/timeline')).then(function (body) { drawTimeline(body.days); }).catch(function () {
    timelineEl.setAttribute('data-error', '1');
  });
}());
