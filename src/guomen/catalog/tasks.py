"""Catalog tasks."""
