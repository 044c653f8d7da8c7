"""A housing management system in the style of NEC (Northgate) QL: repair jobs."""
