"""Catalog forms."""
