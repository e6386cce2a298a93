"""The bottom layer: the domain vocabulary and the small table-reading helpers every stage shares.

Readers, layout, extraction, normalization and checks may all import from here; nothing here imports a
stage. Words are data tables at the top of their module (`words`, `patterns`), the kinds of printed cells
are in `cellkinds`, and reading row and column labels off a table grid is in `labels`.
"""
