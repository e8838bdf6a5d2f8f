"""Catalog services."""
