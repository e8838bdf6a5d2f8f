"""Targeting tasks."""
