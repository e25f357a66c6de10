"""Data shipped with Cavalier, read through importlib.resources."""
