"""Targeting forms."""
