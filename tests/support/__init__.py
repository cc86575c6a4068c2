"""Test support: a fake request at the wire and builders of real PTB updates."""
