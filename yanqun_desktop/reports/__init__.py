"""Printed and exported documents: PDFs (reportlab) and workbooks (openpyxl). No Qt here."""
