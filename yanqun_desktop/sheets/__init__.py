"""Reading spreadsheets clerks send (python-calamine, csv), with guard rails. No Qt here."""
