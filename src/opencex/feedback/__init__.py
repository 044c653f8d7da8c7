"""Satisfaction: ratings after a case closes and 'Was this page useful?', by service and channel."""
