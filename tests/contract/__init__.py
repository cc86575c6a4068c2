"""One behavioural contract for every storage engine (memory, TinyDB, and later PostgreSQL)."""
