"""Forms that save every edit as it is made, mark invalid input at the field, and offer a retry
when the disk refuses a write. Used by the register's editors; any section may use them."""
