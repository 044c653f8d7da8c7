"""The citizen website: thin views and templates over the domain apps."""
