"""Subcommands of ``policy-assistant``.

Each module here defines ``COMMANDS``: a list of :class:`Command`. Modules are
discovered automatically and must stay light to import (no jieba, no textual at module
level): heavy imports go inside ``run`` so that ``calc`` and ``--help`` start fast.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Command:
    """One subcommand: its name, a one-line Chinese help, how to add its arguments, how to run it."""

    name: str
    help: str
    configure: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace], int]
    order: int = 100
