"""Subcommands of ``policy-assistant``.

Each module here defines ``COMMANDS``: a list of :class:`assistant.cli.Command`. Modules are
discovered automatically and must stay light to import (no jieba, no textual at module
level): heavy imports go inside ``run`` so that ``calc`` and ``--help`` start fast.
"""
