"""Registry forms."""
