"""Vietnamese text rules: NFC, folding, ASCII slugs, alphabetical order, dates and numbers,
and the plain text of a Markdown body. The bottom layer: it imports nothing of the package.
"""
