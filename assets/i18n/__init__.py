"""French catalogue of the user interface (cavalier_fr.ts, compiled to cavalier_fr.qm)."""
