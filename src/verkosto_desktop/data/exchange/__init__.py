"""Sharing the register between laptops: sites, clocks, the change log, merging, bundles."""
