"""Inspections selectors."""
