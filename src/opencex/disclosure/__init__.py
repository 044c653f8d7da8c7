"""The disclosure log: released responses, published once personal data is removed."""
