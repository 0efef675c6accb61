"""What a build writes besides pages: feeds, open data, the search index's short entries, the
browser editor's config, charts. Imports the layers below it.
"""
