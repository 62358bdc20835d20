# the same, in English
"$TALLY" --lang en lint --no-color
