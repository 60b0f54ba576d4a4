"""Benchmarks (not part of the test suite): ``make bench`` runs them and prints a table."""
