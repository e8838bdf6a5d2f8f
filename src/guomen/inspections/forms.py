"""Inspections forms."""
