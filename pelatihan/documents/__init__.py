"""Documents the training app hands out: certificate PDFs, calendar files, QR codes and
spreadsheet downloads. Builders only: the data comes from the selectors."""
