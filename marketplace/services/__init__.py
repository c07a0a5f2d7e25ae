"""Services of the marketplace: every write and every rule of the domain lives here."""
