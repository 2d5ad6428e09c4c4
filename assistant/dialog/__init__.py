"""Parts of the dialog engine (assistant.engine): reply models, intents, answers, rendering. No textual."""
