"""The site model: the one-pass index with its views and listings, URLs, pagination, the
publishing state of each entity, and the statistics. Imports `media`, `content`, `text`.
"""
