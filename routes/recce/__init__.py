"""Recce tracks become network: cleaned, passes merged into centrelines, joined."""
