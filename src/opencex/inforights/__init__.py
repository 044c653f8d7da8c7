"""The FOI, EIR and subject access register: decisions, exemptions, reviews, the SAR export."""
