/* marsad grid clusterer for Leaflet: many points drawn as a few hundred markers.
 *
 * The world is cut into square cells of `cellPx` screen pixels at the current zoom; the points
 * of one cell become one marker: a coloured dot for a lone point, a round badge with the count
 * for two or more (coloured by the commonest type, larger for more points), drawn where its
 * points are on average. Two neighbouring cells whose markers would overlap (points crowding a
 * shared edge) are drawn as one, the larger taking the smaller. Cells are fixed in
 * the world's pixel space, not the screen's, so panning never reshuffles them. Only the cells
 * in view plus a margin are drawn, again after each move or zoom (Leaflet fires `moveend`
 * after every zoom too); a pan that stays inside the drawn area draws nothing.
 *
 * A click on a lone point calls `onPoint(point)`. A click on a badge zooms to its points'
 * bounds; when they cannot come apart (all at one spot, or the map at its last zoom) it calls
 * `onGroup(points, latlng)` so the page can list them.
 *
 * Points are objects with `lat`, `lon` and `type`; their position in world pixels at zoom 0 is
 * cached on them (`_gx`, `_gy`) so a re-filter does not project them again. Nothing from the
 * points is written as HTML: counts are text nodes, titles are attributes.
 */
(function () {
  'use strict';

  var KEY_STRIDE = 4194304;  // 2^22 > cells per row at zoom 18 with 60 px cells: one number a cell

  function GridCluster(map, options) {
    this.map = map;
    this.cellPx = options.cellPx || 60;
    this.margin = options.margin === undefined ? 0.25 : options.margin;
    this.types = options.types || [];
    this.onPoint = options.onPoint || function () {};
    this.onGroup = options.onGroup || function () {};
    this.pointTitle = options.pointTitle || function () { return ''; };
    this.groupTitle = options.groupTitle || function (count) { return String(count); };
    this.layer = L.layerGroup().addTo(map);
    this.points = [];
    this.drawn = null;      // {zoom, area} of the last drawing
    this.buckets = new Map();  // cell key -> bucket of the last drawing
    this.dotIcons = {};
    map.on('moveend', function () { this.render(false); }, this);
  }

  GridCluster.prototype.setPoints = function (points) {
    var crs = this.map.options.crs;
    points.forEach(function (point) {
      if (point._gx === undefined) {
        var world = crs.latLngToPoint(L.latLng(point.lat, point.lon), 0);
        point._gx = world.x;
        point._gy = world.y;
      }
    });
    this.points = points;
    this.render(true);
  };

  GridCluster.prototype.scaleAt = function (zoom) {
    var crs = this.map.options.crs;
    return crs.scale(zoom) / crs.scale(0);
  };

  GridCluster.prototype.cellKey = function (point, zoom) {
    var scale = this.scaleAt(zoom);
    return Math.floor(point._gx * scale / this.cellPx) * KEY_STRIDE + Math.floor(point._gy * scale / this.cellPx);
  };

  // The view's pixel bounds grown by the margin and out to whole cells, so no cell is cut.
  GridCluster.prototype.areaFor = function (view) {
    var size = view.getSize();
    var cell = this.cellPx;
    var padX = Math.max(size.x * this.margin, cell);
    var padY = Math.max(size.y * this.margin, cell);
    return {
      minX: Math.floor((view.min.x - padX) / cell) * cell,
      minY: Math.floor((view.min.y - padY) / cell) * cell,
      maxX: Math.ceil((view.max.x + padX) / cell) * cell,
      maxY: Math.ceil((view.max.y + padY) / cell) * cell
    };
  };

  GridCluster.prototype.covers = function (zoom, view) {
    var drawn = this.drawn;
    return drawn !== null && drawn.zoom === zoom &&
      view.min.x >= drawn.area.minX && view.min.y >= drawn.area.minY &&
      view.max.x <= drawn.area.maxX && view.max.y <= drawn.area.maxY;
  };

  GridCluster.prototype.render = function (force) {
    var zoom = this.map.getZoom();
    var view = this.map.getPixelBounds();
    if (!force && this.covers(zoom, view)) { return; }
    var area = this.areaFor(view);
    this.buckets = this.bucketize(zoom, area);
    this.mergeCrowded(this.buckets);
    this.drawn = { zoom: zoom, area: area };
    this.layer.clearLayers();
    this.buckets.forEach(function (bucket) {
      if (bucket.into) { return; }
      bucket.marker = bucket.members.length === 1 ? this.dotMarker(bucket.members[0]) : this.groupMarker(bucket, zoom);
      this.layer.addLayer(bucket.marker);
    }, this);
  };

  // One pass over the points: those inside `area` go to the bucket of their cell.
  GridCluster.prototype.bucketize = function (zoom, area) {
    var scale = this.scaleAt(zoom);
    var cell = this.cellPx;
    var buckets = new Map();
    var points = this.points;
    for (var i = 0; i < points.length; i++) {
      var x = points[i]._gx * scale;
      var y = points[i]._gy * scale;
      if (x < area.minX || x >= area.maxX || y < area.minY || y >= area.maxY) { continue; }
      var key = Math.floor(x / cell) * KEY_STRIDE + Math.floor(y / cell);
      var bucket = buckets.get(key);
      if (!bucket) {
        bucket = { key: key, members: [], sumX: 0, sumY: 0, marker: null, into: null };
        buckets.set(key, bucket);
      }
      bucket.members.push(points[i]);
      bucket.sumX += x;
      bucket.sumY += y;
    }
    return buckets;
  };

  // Largest first, each bucket takes the neighbouring buckets whose centre lies closer than
  // half a cell to its own; a taken bucket keeps its key and points to the one that took it.
  GridCluster.prototype.mergeCrowded = function (buckets) {
    var near = this.cellPx / 2;
    var order = Array.from(buckets.values()).sort(function (a, b) { return b.members.length - a.members.length; });
    order.forEach(function (bucket) {
      if (bucket.into) { return; }
      var column = Math.floor(bucket.key / KEY_STRIDE);
      var row = bucket.key - column * KEY_STRIDE;
      for (var dx = -1; dx <= 1; dx++) {
        for (var dy = -1; dy <= 1; dy++) {
          var other = buckets.get((column + dx) * KEY_STRIDE + row + dy);
          if (other && other !== bucket && !other.into && gap(bucket, other) < near) { absorb(bucket, other); }
        }
      }
    });
  };

  GridCluster.prototype.drawnBucket = function (key) {
    var bucket = this.buckets.get(key);
    while (bucket && bucket.into) { bucket = bucket.into; }
    return bucket;
  };

  GridCluster.prototype.dotIcon = function (type) {
    if (!this.dotIcons[type]) {
      this.dotIcons[type] = L.divIcon({ className: 'ev-dot ev-' + type, iconSize: [12, 12], html: '' });
    }
    return this.dotIcons[type];
  };

  GridCluster.prototype.dotMarker = function (point) {
    var marker = L.marker([point.lat, point.lon], { icon: this.dotIcon(point.type), keyboard: true, title: this.pointTitle(point) });
    whenActivated(marker, function () { this.onPoint(point); }, this);
    return marker;
  };

  GridCluster.prototype.commonestType = function (members) {
    var counts = {};
    members.forEach(function (point) { counts[point.type] = (counts[point.type] || 0) + 1; });
    var order = this.types.concat(Object.keys(counts));  // ties go to the earlier vocabulary type
    return order.reduce(function (best, type) {
      return (counts[type] || 0) > (counts[best] || 0) ? type : best;
    }, order[0]);
  };

  GridCluster.prototype.groupMarker = function (bucket, zoom) {
    var count = bucket.members.length;
    var type = this.commonestType(bucket.members);
    var size = Math.round(Math.min(24 + 8 * Math.log10(count), 60));
    var label = document.createElement('span');
    label.textContent = shortCount(count);
    var icon = L.divIcon({ className: 'ev-cluster ev-' + type, iconSize: [size, size], html: label });
    var centre = this.map.unproject([bucket.sumX / count, bucket.sumY / count], zoom);
    var marker = L.marker(centre, { icon: icon, keyboard: true, title: this.groupTitle(count, type) });
    whenActivated(marker, function () { this.openGroup(bucket.members, centre); }, this);
    return marker;
  };

  GridCluster.prototype.openGroup = function (members, centre) {
    var bounds = L.latLngBounds(members.map(function (point) { return [point.lat, point.lon]; }));
    var map = this.map;
    var zoom = map.getZoom();
    if (bounds.getNorthEast().equals(bounds.getSouthWest()) || zoom >= map.getMaxZoom()) {
      this.onGroup(members, centre);
      return;
    }
    var target = Math.min(Math.max(map.getBoundsZoom(bounds, false, [40, 40]), zoom + 1), map.getMaxZoom());
    map.setView(bounds.getCenter(), target);
  };

  // The lowest zoom, from `fromZoom` up, at which `point` shares its cell only with points at
  // its own spot (which no zoom can part); the last zoom if none.
  GridCluster.prototype.zoomThatParts = function (point, fromZoom) {
    var last = this.map.getMaxZoom();
    var others = this.points.filter(function (p) { return p.lat !== point.lat || p.lon !== point.lon; });
    for (var zoom = fromZoom; zoom < last; zoom++) {
      var key = this.cellKey(point, zoom);
      var shared = false;
      for (var i = 0; i < others.length && !shared; i++) { shared = this.cellKey(others[i], zoom) === key; }
      if (!shared) { return zoom; }
    }
    return last;
  };

  // Centre the map on `point` at a zoom where its marker stands apart from points elsewhere;
  // resolves with that marker's element and whether it is the point alone (else a badge of
  // points at its spot). A neighbour merged into its cell costs one more zoom level.
  GridCluster.prototype.reveal = function (point) {
    var last = this.map.getMaxZoom();
    for (var zoom = this.zoomThatParts(point, this.map.getZoom()); ; zoom = this.zoomThatParts(point, zoom + 1)) {
      this.map.setView([point.lat, point.lon], zoom, { animate: false });
      this.render(false);
      var bucket = this.drawnBucket(this.cellKey(point, zoom));
      if (!bucket) { return Promise.reject(new Error('the point is not among those shown')); }
      var apart = bucket.members.every(function (p) { return p.lat === point.lat && p.lon === point.lon; });
      if (apart || zoom >= last) {
        return Promise.resolve({ element: bucket.marker.getElement(), single: bucket.members.length === 1 });
      }
    }
  };

  // What is drawn now: one entry a marker, for tests and the benchmark.
  GridCluster.prototype.drawnGroups = function () {
    var out = [];
    this.buckets.forEach(function (bucket) {
      if (!bucket.into) { out.push({ count: bucket.members.length, ids: bucket.members.map(function (p) { return p.id; }) }); }
    });
    return out;
  };

  // A click, or Enter on the focused marker (Leaflet gives markers role=button and a tab stop,
  // but turns Enter into a click only for popups bound to the marker, which ours are not).
  function whenActivated(marker, action, context) {
    marker.on('click', action, context);
    marker.on('keypress', function (event) {
      if (event.originalEvent.key === 'Enter') { action.call(context); }
    });
  }

  function gap(a, b) {
    var dx = a.sumX / a.members.length - b.sumX / b.members.length;
    var dy = a.sumY / a.members.length - b.sumY / b.members.length;
    return Math.sqrt(dx * dx + dy * dy);
  }

  function absorb(bucket, other) {
    other.members.forEach(function (point) { bucket.members.push(point); });
    bucket.sumX += other.sumX;
    bucket.sumY += other.sumY;
    other.into = bucket;
  }

  function shortCount(count) {
    if (count < 1000) { return String(count); }
    return (count < 10000 ? (count / 1000).toFixed(1) : String(Math.round(count / 1000))) + 'k';
  }

  window.MarsadCluster = { GridCluster: GridCluster };
}());
