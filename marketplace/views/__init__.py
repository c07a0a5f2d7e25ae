"""Web views of the marketplace: thin, they call selectors and services."""
