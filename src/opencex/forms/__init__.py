"""The forms engine: forms as versioned data, rendered with GOV.UK patterns, submitted once."""
