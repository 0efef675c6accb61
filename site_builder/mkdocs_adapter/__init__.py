"""The only package that imports MkDocs, Jinja or Material: the plugin, its config, and the
theme glue. It turns MkDocs events into calls to the layers below and holds no rule of its own.
"""
