"""Registry selectors."""
