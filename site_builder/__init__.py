"""Build the Đầm Hà information center's site from journalists' Markdown and data files.

The core (loading, schema, data files, Vietnamese text rules, URLs) imports nothing from
MkDocs; `plugin` is the thin adapter that MkDocs loads.
"""
