"""Registry admin."""
