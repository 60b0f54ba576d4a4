"""The demo network of the fictional municipality of Esimerkkilä (small), and a large generated
register for measuring speed (about 10,000 actors)."""

from verkosto_desktop.data.demo.large import write_large_demo
from verkosto_desktop.data.demo.small import write_small_demo

__all__ = ["write_large_demo", "write_small_demo"]
