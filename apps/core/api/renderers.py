"""The API's JSON: rendered by orjson (drf-orjson-renderer), written as DRF's own renderer would.

A page of fifty cases is about 90 kB of JSON; the standard library's encoder spends longer on it
than the database on the page. orjson's output is the same JSON: anything it does not write
itself — dates and times included, which it would otherwise write its own way — goes to DRF's
encoder (``2024-11-27T01:00:00Z``, lazy translations as text, decimals, ...).
"""

import orjson
from drf_orjson_renderer.renderers import ORJSONRenderer
from rest_framework.utils.encoders import JSONEncoder

_DRF_ENCODER = JSONEncoder()


class JSONRenderer(ORJSONRenderer):
    options = orjson.OPT_PASSTHROUGH_DATETIME
    default = staticmethod(_DRF_ENCODER.default)
