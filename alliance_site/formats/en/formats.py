# English as written in the United Kingdom (CLDR en-GB), with a 24-hour clock.
DATE_FORMAT = "l j F Y"  # Thursday 23 April 2026
TIME_FORMAT = "H:i"  # 14:30
DATETIME_FORMAT = "l j F Y, H:i"  # Thursday 23 April 2026, 14:30
YEAR_MONTH_FORMAT = "F Y"  # April 2026
MONTH_DAY_FORMAT = "j F"  # 23 April
SHORT_DATE_FORMAT = "d/m/Y"  # 23/04/2026
SHORT_DATETIME_FORMAT = "d/m/Y H:i"  # 23/04/2026 14:30
FIRST_DAY_OF_WEEK = 1  # Monday
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
