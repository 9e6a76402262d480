"""Hulproute: data, validation and rendering shared by the MkDocs hooks and the scripts.

Nothing in this package imports MkDocs except `mkdocs_glue`, so the site can move to another
generator (Material 9 reaches end of life in May 2027) without rewriting the logic.
"""
