"""The one exception people's input raises: a Chinese message naming the field."""

from __future__ import annotations


class InputError(Exception):
    """Refused input. ``field`` names the input field (None when no single field is at fault)."""

    def __init__(self, field: str | None, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message

    def to_json(self) -> dict[str, str | None]:
        return {"error": self.message, "field": self.field}
