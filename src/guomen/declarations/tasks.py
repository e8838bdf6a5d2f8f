"""Declarations tasks."""
