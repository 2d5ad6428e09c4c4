"""The dialog: the engine (one conversation), reading of figures and facts, intents, answers, rendering.

No textual here: the front ends (tui, web, commands) render its replies.
"""
