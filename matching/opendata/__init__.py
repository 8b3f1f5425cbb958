"""Open data: CSV and JSON downloads and an IATI 2.03 export. Public fields only; no models.

Column names are a published contract (docs/open-data.md): add columns at the end, never rename.
"""
