"""The Bassin minier outline used to clip the OpenStreetMap download; see README.md here."""
