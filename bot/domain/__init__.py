"""Pure domain core: decisions only. Imports neither telegram, tinydb, jinja2 nor the file system."""
