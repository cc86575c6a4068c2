"""The console chat: the same services in a terminal (or from a pipe, one input per line)."""
