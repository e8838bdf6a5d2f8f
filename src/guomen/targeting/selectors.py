"""Targeting selectors."""
