"""Guomen's format overrides (settings.FORMAT_MODULE_PATH), on top of Django's own for each language."""
