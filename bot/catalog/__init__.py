"""Content catalog: loads and validates everything under ``content/`` and renders replies."""
