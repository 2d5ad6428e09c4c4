"""Spreadsheet files as offices save them: CSV and XLSX read and written as streams of rows."""
