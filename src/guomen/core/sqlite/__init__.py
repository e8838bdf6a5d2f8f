"""Guomen's SQLite database backend (Django's, with writers queued fairly; see base.py)."""
