"""Money for people: "80,000 元（8 万元）"."""

from __future__ import annotations

from decimal import Decimal

from calculators.models import plain_decimal


def _grouped(value: Decimal) -> str:
    text = format(value, ",f")  # Decimal groups exactly, with no exponent
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def format_yuan(value: Decimal) -> str:
    """``80,000 元（8 万元）``; fractions exact (``15,000.5 元（1.50005 万元）``); below 1 万 no 万元 part."""
    text = f"{_grouped(value)} 元"
    if abs(value) >= 10_000:
        text += f"（{plain_decimal(value / 10_000)} 万元）"
    return text


def format_amount(value: Decimal, unit: str) -> str:
    """A figure with its unit: ``1,200,000 千瓦时``."""
    return f"{_grouped(value)} {unit}".rstrip()
