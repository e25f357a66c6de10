"""The event domain: events, formats, budgets, projects and the command line. No Qt here."""
