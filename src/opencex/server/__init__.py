"""Running OpenCEX in production: the server, health and readiness, metrics, logs, error reports."""
