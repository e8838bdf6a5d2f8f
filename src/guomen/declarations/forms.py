"""Declarations forms."""
