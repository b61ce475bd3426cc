"""Metoder's writes, one module per topic (see `metoder.models`): keyword-only functions, each in
a transaction."""
