"""Inspections admin."""
