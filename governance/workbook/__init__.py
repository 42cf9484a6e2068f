"""The region workbook: a region's reference data in one file, to export and to bring in."""
