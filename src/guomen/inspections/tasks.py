"""Inspections tasks."""
