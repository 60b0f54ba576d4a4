"""The register: actors, their contacts, capabilities and premises; search, history and privacy."""
