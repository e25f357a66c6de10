"""Cavalier's embedded Bassin minier network (GeoJSON layers, EPSG:4326); see README.md here."""
