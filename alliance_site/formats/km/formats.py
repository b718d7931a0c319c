# Khmer (CLDR km), with a 24-hour clock.
DATE_FORMAT = "l j F Y"  # ថ្ងៃព្រហស្បតិ៍ 23 មេសា 2026
TIME_FORMAT = "H:i"  # 14:30
DATETIME_FORMAT = "l j F Y, H:i"  # ថ្ងៃព្រហស្បតិ៍ 23 មេសា 2026, 14:30
YEAR_MONTH_FORMAT = "F Y"  # មេសា 2026
MONTH_DAY_FORMAT = "j F"  # 23 មេសា
SHORT_DATE_FORMAT = "j/n/Y"  # 23/4/2026
SHORT_DATETIME_FORMAT = "j/n/Y, H:i"  # 23/4/2026, 14:30
FIRST_DAY_OF_WEEK = 0  # Sunday
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
