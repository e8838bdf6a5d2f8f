"""Targeting admin."""
