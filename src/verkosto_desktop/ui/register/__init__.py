"""The register section: browse, find and edit actors, their contacts, capabilities and premises."""
