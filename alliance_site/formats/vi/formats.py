# Vietnamese (CLDR vi). "tháng" is written out (escaped, as its letters are format
# characters) so that the month is "tháng 4" within a date. CLDR puts the time before
# the date; the date comes first here so that a session reads "… 14:30–16:30".
DATE_FORMAT = r"l, j \t\h\á\n\g n, Y"  # Thứ Năm, 23 tháng 4, 2026
TIME_FORMAT = "H:i"  # 14:30
DATETIME_FORMAT = r"l, j \t\h\á\n\g n, Y, H:i"  # Thứ Năm, 23 tháng 4, 2026, 14:30
YEAR_MONTH_FORMAT = r"F \n\ă\m Y"  # Tháng 4 năm 2026
MONTH_DAY_FORMAT = r"j \t\h\á\n\g n"  # 23 tháng 4
SHORT_DATE_FORMAT = "j/n/Y"  # 23/4/2026
SHORT_DATETIME_FORMAT = "j/n/Y, H:i"  # 23/4/2026, 14:30
FIRST_DAY_OF_WEEK = 1  # Monday
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "."
NUMBER_GROUPING = 3
