"""Registry tasks."""
