// The city's grids on a Leaflet map, from GeoJSON only (no tile server). Clicking picks a location.
import { el, t } from './app.js';

export async function gridMap(container, { onPick } = {}) {
  const geojson = await (await fetch('/grids.geojson')).json();
  // Leaflet's own titles (zoom buttons, its link) are English: set from the catalogue, in the reader's language
  const map = L.map(container, { attributionControl: true, zoomControl: false, zoomSnap: 0.25 });
  L.control.zoom({ zoomInTitle: t('map.zoomIn'), zoomOutTitle: t('map.zoomOut') }).addTo(map);
  map.attributionControl.setPrefix('<a href="https://leafletjs.com" title="' + t('map.leaflet') + '">Leaflet</a>');
  const palette = ['#4e79a7', '#f28e2b', '#59a14f', '#e15759', '#76b7b2', '#edc948', '#b07aa1'];
  let i = 0;
  const layer = L.geoJSON(geojson, {
    style: () => ({ color: '#1f5fa8', weight: 1.5, fillColor: palette[i++ % palette.length], fillOpacity: 0.25 }),
    onEachFeature: (feature, lyr) => {
      const p = feature.properties || {};
      lyr.bindTooltip(el('span', {}, (p.name || '') + ' ' + (p.code || '')), { sticky: true });
    },
  }).addTo(map);
  map.fitBounds(layer.getBounds(), { padding: [10, 10] });
  let marker;
  const pick = (latlng) => {
    if (marker) marker.setLatLng(latlng); else marker = L.circleMarker(latlng, { radius: 8, color: '#c0392b', fillOpacity: 0.9 }).addTo(map);
    const hit = geojson.features.find(f => inside([latlng.lng, latlng.lat], f.geometry));
    if (onPick) onPick(latlng, hit ? hit.properties : null);
  };
  map.on('click', e => pick(e.latlng));
  return { map, pick, layer };
}

/** Point in (multi)polygon, ray casting; only to name the grid a click falls in (grid-intake decides for real). */
function inside(point, geometry) {
  const polys = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.type === 'MultiPolygon' ? geometry.coordinates : [];
  return polys.some(rings => {
    let inRing = false;
    const ring = rings[0];
    for (let a = 0, b = ring.length - 1; a < ring.length; b = a++) {
      const [xi, yi] = ring[a], [xj, yj] = ring[b];
      if ((yi > point[1]) !== (yj > point[1]) && point[0] < (xj - xi) * (point[1] - yi) / (yj - yi) + xi) inRing = !inRing;
    }
    return inRing;
  });
}
