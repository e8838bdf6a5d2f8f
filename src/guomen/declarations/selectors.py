"""Declarations selectors."""
