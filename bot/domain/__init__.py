"""Pure domain core: decisions only; imports neither telegram, tinydb, jinja2 nor files."""
