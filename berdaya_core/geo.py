"""Boundary layers for maps: GeoJSON keyed on Kemendagri codes, oriented for plotly.

For display the province-wide layers are simplified (coverage simplification, so neighbours
still share edges) and coordinates rounded to 4 decimals (about 11 m): the browser receives
a few hundred kilobytes instead of megabytes.

plotly's go.Choropleth wants exterior rings clockwise; the files are RFC 7946
(counter-clockwise), so every layer is re-oriented once and kept in memory.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache

import geopandas as gpd
import shapely

from . import paths


@dataclass(frozen=True)
class Layer:
    id: str
    nama: str            # shown to users
    file: str            # under data/boundaries/
    code_field: str
    name_field: str
    levels: tuple[str, ...]   # region levels (regions.tingkat) drawn by this layer
    provinsi: str
    kabupaten: str | None = None
    simplify: float = 0.0     # display simplification tolerance in degrees (shared edges kept)


LAYERS: dict[str, Layer] = {
    "wonosobo_kecamatan": Layer("wonosobo_kecamatan", "Kecamatan di Kabupaten Wonosobo",
                                "wonosobo_kecamatan.geojson", "kode_kec", "nama_kec",
                                ("kecamatan",), "33", "33.07", 0.0002),
    "jabar_kabkota": Layer("jabar_kabkota", "Kabupaten/kota di Jawa Barat", "jabar_kabkota.geojson",
                           "kode_kab", "nama_kab", ("kabupaten", "kota"), "32", None, 0.0015),
    "jabar_kecamatan": Layer("jabar_kecamatan", "Kecamatan di Jawa Barat", "jabar_kecamatan.geojson",
                             "kode_kec", "nama_kec", ("kecamatan",), "32", None, 0.002),
    "jateng_kabkota": Layer("jateng_kabkota", "Kabupaten/kota di Jawa Tengah", "jateng_kabkota.geojson",
                            "kode_kab", "nama_kab", ("kabupaten", "kota"), "33", None, 0.0015),
    "jateng_kecamatan": Layer("jateng_kecamatan", "Kecamatan di Jawa Tengah", "jateng_kecamatan.geojson",
                              "kode_kec", "nama_kec", ("kecamatan",), "33", None, 0.002),
}


@lru_cache(maxsize=None)
def _frame(layer_id: str) -> gpd.GeoDataFrame:
    layer = LAYERS[layer_id]
    gdf = gpd.read_file(paths.DATA_DIR / "boundaries" / layer.file)
    geoms = gdf.geometry.values
    if layer.simplify:
        # Coverage simplification keeps the edges shared by neighbours identical (no gaps).
        geoms = shapely.coverage_simplify(geoms, layer.simplify)
    gdf["geometry"] = shapely.orient_polygons(geoms, exterior_cw=True)
    return gdf


def _round_coords(obj, nd: int = 4):
    if isinstance(obj, float):
        return round(obj, nd)
    if isinstance(obj, list):
        return [_round_coords(o, nd) for o in obj]
    return obj


@lru_cache(maxsize=None)
def _geojson_text(layer_id: str) -> str:
    layer = LAYERS[layer_id]
    gdf = _frame(layer_id)[[layer.code_field, layer.name_field, "label_lon", "label_lat", "geometry"]]
    gj = json.loads(gdf.to_json(drop_id=True))
    for f in gj["features"]:
        f["id"] = f["properties"][layer.code_field]
        f["geometry"]["coordinates"] = _round_coords(f["geometry"]["coordinates"])
    return json.dumps(gj, separators=(",", ":"))


def geojson(layer_id: str) -> dict:
    """FeatureCollection with ``feature.id`` = Kemendagri code, exterior rings clockwise."""
    if layer_id not in LAYERS:
        raise KeyError(f"lapisan peta tidak dikenal: {layer_id}")
    return json.loads(_geojson_text(layer_id))


def labels(layer_id: str):
    """Code, name and an inside point for each feature (for map labels)."""
    layer = LAYERS[layer_id]
    df = _frame(layer_id)[[layer.code_field, layer.name_field, "label_lon", "label_lat"]]
    return df.rename(columns={layer.code_field: "kode", layer.name_field: "nama"}).copy()


def layer_codes(layer_id: str) -> list[str]:
    layer = LAYERS[layer_id]
    return sorted(_frame(layer_id)[layer.code_field])
