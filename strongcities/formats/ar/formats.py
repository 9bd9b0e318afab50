# Django's Arabic locale has no date-and-time formats, so it falls back to the English
# "N j, Y, P" ("نوفمبر 27, 2026, 7:06 ص"). These follow its own DATE_FORMAT and
# TIME_FORMAT; every other format is still Django's (FORMAT_MODULE_PATH only adds).
DATETIME_FORMAT = "j F، Y، g:i A"
SHORT_DATETIME_FORMAT = "d‏/m‏/Y g:i A"

# Numbers are written with Latin digits, and Arabic written so (CLDR's ar-latn) groups
# thousands with "," and marks decimals with "." — Django's Arabic locale has the reverse
# ("4.000.000"), which reads as European, and number inputs take "." anyway.
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
