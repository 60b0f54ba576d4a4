"""What the data layer keeps about printing: the print packs made."""
