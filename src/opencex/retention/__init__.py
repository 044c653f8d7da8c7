"""Keeping data only as long as the law allows: the council's retention schedule applied daily,
special-category review dates turned into tasks, and erasure on a resident's request."""
