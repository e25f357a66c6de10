"""Courses generated on the graph: loops, races through terrils, variants; one generator."""
