"""Metoder's views, one module per topic (see `metoder.models`)."""
