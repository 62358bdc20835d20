# tally lint on the whole sample corpus (the golden file of the lint issue)
"$TALLY" lint --no-color
