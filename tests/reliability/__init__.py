"""Reliability and security proofs: fault injection, disk full, fuzzing, lock, integrity, logs.

``REQUIREMENTS.md`` in this folder maps every requirement of the reliability design to the
test or script that proves it.
"""
