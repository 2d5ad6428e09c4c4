"""JSON for calculator inputs: Decimal, date and float kept apart so a replay passes the same types."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal


def encode(value: object) -> object:
    if isinstance(value, bool) or value is None or isinstance(value, int | str):
        return value
    if isinstance(value, float):
        return {"$float": repr(value)}
    if isinstance(value, Decimal):
        return {"$decimal": str(value)}
    if isinstance(value, date):
        return {"$date": value.isoformat()}
    if isinstance(value, Mapping):
        if not all(isinstance(k, str) for k in value):
            raise TypeError("non-string key")
        return {"$map": [[k, encode(v)] for k, v in value.items()]}  # key order kept
    if isinstance(value, list | tuple):
        return [encode(v) for v in value]
    raise TypeError(type(value).__name__)


def decode(value: object) -> object:
    if isinstance(value, list):
        return [decode(v) for v in value]
    if isinstance(value, dict):
        if "$float" in value:
            return float(value["$float"])
        if "$decimal" in value:
            return Decimal(value["$decimal"])
        if "$date" in value:
            return date.fromisoformat(value["$date"])
        return {k: decode(v) for k, v in value["$map"]}
    return value
