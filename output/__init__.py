"""Writers: one module per output format; all write atomically."""
