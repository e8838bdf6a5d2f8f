"""Catalog admin."""
