"""OpenCEX: the citizen experience platform for UK local councils."""
