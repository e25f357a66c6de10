"""Protected areas shipped with Cavalier (see README.md here)."""
