# What a report says of the previous year, against that year's report.
"$TALLY" -C tests/cases/X001/site lint --no-color
