# Filipino (CLDR fil; Django has no Filipino formats): month before day, 24-hour clock.
DATE_FORMAT = "l, F j, Y"  # Huwebes, Abril 23, 2026
TIME_FORMAT = "H:i"  # 14:30
DATETIME_FORMAT = "l, F j, Y, H:i"  # Huwebes, Abril 23, 2026, 14:30
YEAR_MONTH_FORMAT = "F Y"  # Abril 2026
MONTH_DAY_FORMAT = "F j"  # Abril 23
SHORT_DATE_FORMAT = "n/j/Y"  # 4/23/2026
SHORT_DATETIME_FORMAT = "n/j/Y, H:i"  # 4/23/2026, 14:30
FIRST_DAY_OF_WEEK = 0  # Sunday
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
