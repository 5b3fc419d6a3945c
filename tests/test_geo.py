"""Boundary layers: codes join to the regions table, rings are clockwise for plotly."""
import shapely
from shapely.geometry import shape

from berdaya_core import geo


def test_layers_join_on_codes(real_store):
    codes = set(real_store.regions()["kode"])
    counts = {"wonosobo_kecamatan": 15, "jabar_kabkota": 27, "jabar_kecamatan": 627,
              "jateng_kabkota": 35, "jateng_kecamatan": 576}
    for layer_id, n in counts.items():
        ids = geo.layer_codes(layer_id)
        assert len(ids) == n and set(ids) <= codes


def test_exterior_rings_clockwise_and_valid():
    for layer_id in ("wonosobo_kecamatan", "jabar_kabkota"):
        for f in geo.geojson(layer_id)["features"]:
            g = shape(f["geometry"])
            polys = g.geoms if g.geom_type == "MultiPolygon" else [g]
            assert all(not p.exterior.is_ccw for p in polys), f["id"]
            assert shapely.is_valid(g) or shapely.is_valid(shapely.make_valid(g))
