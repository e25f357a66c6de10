"""Icons of the application, read through importlib.resources."""
