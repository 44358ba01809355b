"""Our own compact JSON Schema of what veille writes: an RFC 7946 FeatureCollection of Point features."""
from __future__ import annotations

_POSITION = {
    "type": "array", "minItems": 2, "maxItems": 3,
    "prefixItems": [{"type": "number", "minimum": -180, "maximum": 180},   # longitude first (RFC 7946 3.1.1)
                    {"type": "number", "minimum": -90, "maximum": 90},
                    {"type": "number"}],
}
_POINT = {"type": "object", "required": ["type", "coordinates"],
          "properties": {"type": {"const": "Point"}, "coordinates": _POSITION}}
_FEATURE = {
    "type": "object", "required": ["type", "geometry", "properties"],
    "properties": {"type": {"const": "Feature"}, "geometry": _POINT,
                   "properties": {"type": ["object", "null"]}, "id": {"type": ["string", "number"]}},
}
FEATURE_COLLECTION = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object", "required": ["type", "features"],
    "properties": {"type": {"const": "FeatureCollection"}, "features": {"type": "array", "items": _FEATURE}},
}
