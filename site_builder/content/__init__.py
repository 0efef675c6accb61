"""Reading and checking content/: decoding, front matter, the data files, the schema and its
validation, the entities, and every problem reported to journalists. Imports `text` only.
"""
