"""Targeting services."""
