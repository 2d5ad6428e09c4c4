"""No cyclic GC while the terminal app starts, loads and draws its first answers.

Importing textual, pydantic and the engine, and building the widgets, allocates so much that the
collector runs ≈60 times (≈50 ms) for almost nothing to free: everything made then lives as long
as the app. textual pauses it the same way while scrolling. ``pause`` (the chat command, before
it imports the app; the app as it is made) and ``resume`` (once loading ends, or the app ends);
a GC that was already off when first paused stays off.
"""

from __future__ import annotations

import gc

_paused = False


def pause() -> None:
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume() -> None:
    global _paused
    if _paused:
        _paused = False
        gc.enable()
