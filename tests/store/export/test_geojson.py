"""GeoJSON: a valid RFC 7946 FeatureCollection of Points, lon/lat order, features without coordinates counted."""
from __future__ import annotations

import json

import jsonschema
import pytest

from veille.store.export import ExportFilter
from veille.store.export.geojson import PROPERTIES, point, write

from .geojson_schema import FEATURE_COLLECTION


def _export(store, tmp_path, filters=ExportFilter()) -> tuple[dict, str]:
    out = tmp_path / "out.geojson"
    line = write(store, str(out), filters)
    return json.loads(out.read_text(encoding="utf-8")), line


def test_geojson_validates_and_counts_skipped(store, tmp_path):
    fc, line = _export(store, tmp_path)
    jsonschema.validate(fc, FEATURE_COLLECTION)
    kinds = [f["properties"]["kind"] for f in fc["features"]]
    assert kinds.count("event") == 3 and kinds.count("place") == 3
    assert line == "exported 6 features (3 events, 3 places); skipped 2 without coordinates"
    assert all(list(f["properties"]) == list(PROPERTIES) for f in fc["features"])


def test_geojson_coordinates_are_lon_lat(store, tmp_path):
    fc, _ = _export(store, tmp_path)
    dakar = next(f for f in fc["features"] if f["properties"]["place"] == "Dakar")
    assert dakar["geometry"]["coordinates"] == [-17.44406, 14.6937]


def test_geojson_event_properties_carry_evidence(store, tmp_path):
    fc, _ = _export(store, tmp_path)
    e = next(f["properties"] for f in fc["features"] if f["properties"]["according_to"] == "la police")
    assert (e["type"], e["date"], e["modality"], e["country"], e["killed"], e["document"]) == \
        ("ASSAULT", "2024-03-09", "reported", "FR", 4, "c")
    assert e["text"].startswith("Selon la police") and (e["start"], e["end"]) == (0, len(e["text"]))


@pytest.mark.parametrize("lon,lat", [(None, 1.0), (1.0, None), (181.0, 0.0), (0.0, -90.5)])
def test_geojson_point_rejects_missing_or_out_of_range(lon, lat):
    assert point(lon, lat) is None


def test_geojson_filters_narrow(store, tmp_path):
    fc, _ = _export(store, tmp_path, ExportFilter.of(country="SN"))
    assert {f["properties"]["place"] for f in fc["features"]} == {"Dakar"}
    jsonschema.validate(fc, FEATURE_COLLECTION)
