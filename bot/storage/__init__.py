"""Storage engines behind one protocol: memory (tests), TinyDB (embedded default)."""
