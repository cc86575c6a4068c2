"""The clinicians' preview book (``python -m bot content preview``): every text, rule and the
check-in flow as static HTML pages for review, kept apart from the runtime catalog it reads.

- ``book``: builds the pages; ``templates/``: their Jinja2 templates.
"""
