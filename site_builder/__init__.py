"""Build the Đầm Hà information center's site from journalists' Markdown and data files.

One package per layer; a layer imports only the layers below it (tests/test_architecture.py):

    cli, new_content      commands for journalists and CI
    mkdocs_adapter/       the only package that knows MkDocs
    outputs/              feeds, open data, search entries, editor config, charts
    site/                 index, listings, URLs, pagination, publishing state, statistics
    media/                photo copies and figures
    content/              reading and checking content/: front matter, data, schema, entities
    text/                 Vietnamese text rules
"""
