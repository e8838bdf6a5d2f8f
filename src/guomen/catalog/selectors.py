"""Catalog selectors."""
