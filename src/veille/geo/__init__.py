"""The offline gazetteer: built from PyPI packages, optionally loaded with GeoNames dumps."""
