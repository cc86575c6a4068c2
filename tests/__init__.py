"""The test suite: unit, contract, handler, end-to-end and reliability tests."""
