"""Declarations admin."""
