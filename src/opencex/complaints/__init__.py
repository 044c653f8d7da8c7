"""Complaints by the Complaint Handling Code, compliments for officers, themed comments."""
