"""Publish: rendered files become the output folder's contents: written atomically, with
the manifest of what went into each and the change report since the last build.
"""
