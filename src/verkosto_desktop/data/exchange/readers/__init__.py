"""One reader per kind of file; each turns bytes into a ``Table`` (see ``data.exchange.table``)."""
