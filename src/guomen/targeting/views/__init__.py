"""Targeting pages. The modules below are an internal split; urls.py imports from them."""
